"""Build orchestration: sources x layouts x formats -> rendered bytes -> atomic files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline import atomic
from pipeline.errors import Diagnostic, UserError
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


def render(doc: Document, layout: Layout, fmt: str, options: Options) -> dict[str, bytes]:
    """Output file name -> bytes for one layout in one format."""
    if fmt == "pdf":
        from pipeline.writers.pdf import render_pdf

        pdf = render_pdf(doc, layout, marks=options.marks, pdfx=options.pdfx)
        files = {f"{layout.name}.pdf": pdf}
        if layout.booklet:
            from pipeline.writers.booklet import impose_booklet

            files[f"{layout.name}-booklet.pdf"] = impose_booklet(pdf, layout,
                                                                 marks=options.marks)
        return files
    from pipeline.writers.docx import render_docx

    return {f"{layout.name}.docx": render_docx(doc, layout, reference=options.reference_docx)}


def build_source(path: Path, options: Options, layouts: list[Layout]) -> Result:
    """Validate and render one source; write its files only if every one rendered."""
    result = Result(path)
    try:
        doc = load_source(path, draft=options.draft)
        result.warnings.extend(doc.warnings)
        files: dict[Path, bytes] = {}
        target = options.out_dir / path.stem
        for layout in layouts:
            for fmt in options.formats:
                for name, data in render(doc, layout, fmt, options).items():
                    files[target / name] = data
    except UserError as exc:
        result.errors.extend(exc.diagnostics)
        return result
    try:
        atomic.write_all(files)
    except OSError as exc:
        where = exc.filename or options.out_dir
        result.errors.append(Diagnostic(str(where), 0, 0, f"cannot write the output: "
                                        f"{exc.strerror or exc}; choose another folder with -o"))
        return result
    result.written.extend(files)
    return result


def check_source(path: Path, draft: bool = False) -> Result:
    result = Result(path)
    try:
        doc = load_source(path, draft=draft)
        result.warnings.extend(doc.warnings)
    except UserError as exc:
        result.errors.extend(exc.diagnostics)
    return result
