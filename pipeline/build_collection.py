"""Build and check collections (packs, newsletter issues): one file set per collection."""

from __future__ import annotations

from pathlib import Path

from pipeline.build import Options, Result, folder_name, write_outputs
from pipeline.errors import UserError, display_path
from pipeline.layouts import Layout


def build_collection(path: Path, options: Options, layouts: list[Layout]) -> Result:
    """Validate the collection and all its items, render it with the layouts of its family,
    and write its files together; nothing is written when anything is wrong."""
    from pipeline.collection import load_collection

    result = Result(path)
    try:
        target = options.out_dir / folder_name(path)
        collection = load_collection(path, draft=options.draft)
        result.warnings.extend(collection.warnings)
        files = {target / name: data
                 for name, data in render_collection(collection, layouts, options,
                                                     result.warnings).items()}
    except UserError as exc:
        result.errors.extend(exc.diagnostics)
        return result
    return write_outputs(result, files, target, options)


def render_collection(collection, layouts: list[Layout], options: Options,
                      warnings: list | None = None) -> dict[str, bytes]:
    """Output file name -> bytes: pack.pdf, pack-booklet.pdf, pack.docx for a pack;
    issue.pdf, issue.docx for an issue (or named after the layout, for another layout of
    the family). ``warnings``: gets what the make-up could not mend (a pack's interview
    whose last page stays short)."""
    from pipeline.collection import kind_mismatch, layout_family

    name = display_path(collection.source_path)
    line, col = collection.kind_at
    chosen = [layout for layout in layouts if layout_family(layout) == collection.family]
    if not chosen:
        raise UserError.at(name, line, col, kind_mismatch(collection, layouts[0]))
    files: dict[str, bytes] = {}
    for layout in chosen:
        stem = collection.kind if layout.name == collection.family else (
            f"{collection.kind}-{layout.name}")
        if collection.kind == "pack":
            files.update(_pack_files(collection, layout, stem, options, warnings))
            continue
        files.update(_issue_files(collection, layout, stem, options))
    return files


def _pack_files(collection, layout: Layout, stem: str, options: Options,
                warnings: list | None = None) -> dict[str, bytes]:
    """The pack's PDF and booklet, and its DOCX (whose contents take their page numbers
    from the PDF, so the PDF is made for a DOCX-only build too)."""
    from pipeline.writers.pdf.pack import render_pack_pdf
    from pipeline.writers.pdf.pack_parts import Plan

    plan = Plan()
    pdf = render_pack_pdf(collection, layout, marks=options.marks, pdfx=options.pdfx,
                          plan=plan, warnings=warnings, output=f"{stem}.pdf")
    files = {}
    if "pdf" in options.formats:
        files[f"{stem}.pdf"] = pdf
        if layout.booklet:
            from pipeline.writers.booklet import impose_booklet

            sheets = pdf
            front, back = collection.cover is not None, bool(collection.back_cover)
            if (front or back) and not options.marks:
                from pipeline.writers.pack_booklet import office_cover

                sheets = office_cover(pdf, layout.print.safety, front, back)
            files[f"{stem}-booklet.pdf"] = impose_booklet(sheets, layout, marks=options.marks)
    if "docx" in options.formats:
        from pipeline.writers.docx.pack import render_pack_docx

        files[f"{stem}.docx"] = render_pack_docx(collection, layout, plan.starts,
                                                 reference=options.reference_docx)
    return files


def _issue_files(collection, layout: Layout, stem: str, options: Options) -> dict[str, bytes]:
    """The issue's PDF and DOCX (whose "Trong số này" takes its page numbers from the PDF)."""
    from pipeline.writers.pdf.issue import render_issue_pdf
    from pipeline.writers.pdf.pack_parts import Plan

    plan = Plan()
    pdf = render_issue_pdf(collection, layout, marks=options.marks, pdfx=options.pdfx,
                           plan=plan)
    files = {f"{stem}.pdf": pdf} if "pdf" in options.formats else {}
    if "docx" in options.formats:
        from pipeline.writers.docx.issue import render_issue_docx

        files[f"{stem}.docx"] = render_issue_docx(collection, layout, plan.starts,
                                                  reference=options.reference_docx)
    return files


def check_collection(path: Path, draft: bool = False) -> Result:
    from pipeline.collection import load_collection

    result = Result(path)
    try:
        folder_name(path)
        collection = load_collection(path, draft=draft)
        result.warnings.extend(collection.warnings)
    except UserError as exc:
        result.errors.extend(exc.diagnostics)
    return result


def skipped_for_layouts(path: Path, layouts: list[Layout]) -> str | None:
    """Why a collection found in a folder is left out of a build whose layouts (narrowed by
    --layout) hold none of its family; None when it is built (or when its kind is not
    clear: the build then reports the errors)."""
    from pipeline.collection import layout_family
    from pipeline.collection_contract import FAMILY
    from pipeline.reading import read_limited
    from pipeline.yamlload import load

    try:
        data = load(read_limited(path, 1_000_000), str(path)).data
    except Exception:  # noqa: BLE001 - unreadable or broken: the build says what is wrong
        return None
    kind = data.get("kind") if isinstance(data, dict) else None
    if kind not in FAMILY or any(layout_family(layout) == FAMILY[kind] for layout in layouts):
        return None
    asked = ", ".join(layout.name for layout in layouts)
    return (f"skipped: a collection of `kind: {kind}` is built with the {FAMILY[kind]} layout, "
            f"and this build asked for {asked} only")
