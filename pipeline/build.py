"""Build orchestration: sources x layouts x formats -> rendered bytes -> atomic files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import Diagnostic, UserError, display_path
from pipeline.layouts import Layout, available, load_layout
from pipeline.model import Document
from pipeline.source import load_source

FORMATS = ("pdf", "docx")
DEFAULT_LAYOUTS = ("newsletter", "handout")


@dataclass
class Options:
    out_dir: Path = Path("output")
    layouts: tuple[str, ...] = DEFAULT_LAYOUTS
    formats: tuple[str, ...] = FORMATS
    marks: bool = False
    pdfx: bool = False  # PDF/X-4 instead of PDF/A-2b
    draft: bool = False
    reference_docx: Path | None = None
    layout_dirs: tuple[Path, ...] = ()


@dataclass
class Result:
    source: Path
    written: list[Path] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def resolve_layouts(names: tuple[str, ...], dirs: tuple[Path, ...] = ()) -> list[Layout]:
    found = available(dirs)
    return [load_layout(found[name]) for name in names]


def render(doc: Document, layout: Layout, fmt: str, options: Options,
           warnings: list | None = None) -> dict[str, bytes]:
    """Output file name -> bytes for one layout in one format; what the make-up could not
    mend goes to ``warnings`` (render_pdf)."""
    if fmt == "pdf":
        from pipeline.writers.pdf import render_pdf

        pdf = render_pdf(doc, layout, marks=options.marks, pdfx=options.pdfx,
                         warnings=warnings)
        files = {f"{layout.name}.pdf": pdf}
        if layout.booklet:
            from pipeline.writers.booklet import impose_booklet

            files[f"{layout.name}-booklet.pdf"] = impose_booklet(pdf, layout,
                                                                 marks=options.marks)
        return files
    from pipeline.writers.docx import render_docx

    return {f"{layout.name}.docx": render_docx(doc, layout, reference=options.reference_docx)}


def folder_name(path: Path) -> str:
    """The name of the source's output folder: its file name without ``.yaml``. A name that
    is empty, ``.``, ``..`` or starts with a dot (a hidden file) is refused, so that no
    output lands outside ``-o`` or in a hidden folder."""
    stem = path.stem
    if not stem or stem.startswith("."):
        raise UserError.at(display_path(path), 1, 1, f"the file name `{path.name}` gives no "
                           "usable output folder name (it is empty or starts with a dot); "
                           "rename the file, for example to interview.yaml")
    return stem


def build_source(path: Path, options: Options, layouts: list[Layout]) -> Result:
    """Validate and render one source; write its files only if every one rendered, and
    then all of them together (the old set stays whole when any cannot be written)."""
    result = Result(path)
    try:
        target = options.out_dir / folder_name(path)
        doc = load_source(path, draft=options.draft)
        result.warnings.extend(doc.warnings)
        files: dict[Path, bytes] = {}
        for layout in layouts:
            for fmt in options.formats:
                for name, data in render(doc, layout, fmt, options, result.warnings).items():
                    files[target / name] = data
    except UserError as exc:
        result.errors.extend(exc.diagnostics)
        return result
    return write_outputs(result, files, target, options)


def write_outputs(result: Result, files: dict[Path, bytes], target: Path,
                  options: Options) -> Result:
    """Write every file of one source or collection together, or report why not."""
    from pipeline import atomic  # not loaded by `check`, which writes nothing

    try:
        atomic.write_all(files)
    except atomic.PartlyWritten as exc:
        result.written.extend(exc.new)
        result.errors.append(Diagnostic(display_path(exc.filename), 0, 0, (
            f"cannot write the output: {exc.strerror}; these files are still from the previous "
            f"build: {', '.join(map(display_path, exc.old))}; fix the problem and build again")))
        return result
    except OSError as exc:
        where = display_path(exc.filename or options.out_dir)
        result.errors.append(Diagnostic(where, 0, 0, f"cannot write the output: "
                                        f"{exc.strerror or exc}; nothing of this source was "
                                        "replaced; choose another folder with -o"))
        return result
    result.written.extend(files)
    atomic.remove_stale_temporaries(target)
    return result


def check_source(path: Path, draft: bool = False) -> Result:
    result = Result(path)
    try:
        folder_name(path)
        doc = load_source(path, draft=draft)
        result.warnings.extend(doc.warnings)
    except UserError as exc:
        result.errors.extend(exc.diagnostics)
    return result
