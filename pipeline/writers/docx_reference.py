"""`pipeline reference-docx FILE`: the default DOCX style sheet, as a document to restyle."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from pipeline.model import (Document, Figure, Heading, Location, Paragraphs, Person, Quote,
                            Span, Turn)

HERE = Location(1, 1)


def sample_document() -> Document:
    """A short interview that uses every style of the contract, each naming itself."""
    pv = Person("pv", "P.V", "interviewer")
    guest = Person("guest", "Khách mời", "interviewee", "Nguyễn Văn A",
                   "Chức vụ của người trả lời (Interviewee)")

    def para(*spans):
        return tuple(spans)

    return Document(
        source_path=Path("reference-docx"),
        title="Tiêu đề bài phỏng vấn (Title)",
        publication="Tên tờ báo (Masthead)",
        date=dt.date(2020, 1, 1),
        people={"pv": pv, "guest": guest},
        kicker="Dòng chữ nhỏ trên tiêu đề (Kicker)",
        lead=(para(Span("Đoạn dẫn dưới tiêu đề (Lead).")),),
        byline="Tên tác giả (Byline)",
        issue="Số 1 (Masthead Info)",
        event="Tên sự kiện (Header)",
        blocks=(
            Paragraphs((para(Span("Đoạn văn ngoài lượt hỏi đáp (Body Text).")),), HERE),
            Turn("q", pv, (para(Span("P.V:", True, speaker=True),
                                Span(" Câu hỏi của phóng viên (Question; nhãn: "
                                     "Speaker in Bold), có "),
                                Span("chữ đậm (Strong in Bold)", bold=True), Span(" và "),
                                Span("đậm nghiêng (Strong Emphasis in Bold)", True, True),
                                Span("?")),),
                 HERE),
            Turn("a", guest, (para(Span("Khách mời:", True, speaker=True),
                                   Span(" Câu trả lời (Answer), có "),
                                   Span("chữ đậm (Strong)", bold=True), Span(", "),
                                   Span("chữ nghiêng (Emphasis)", italic=True), Span(" và "),
                                   Span("đậm nghiêng (Strong Emphasis)", True, True),
                                   Span(".")),), HERE),
            Paragraphs((para(Span("Đoạn tiếp theo của câu trả lời (Answer).")),), HERE),
            Heading(para(Span("Tiêu đề mục (Heading 1)")), HERE),
            Quote((para(Span("Câu trích dẫn nổi bật (Pull Quote)")),), None, HERE),
            Figure(Path("placeholder.png"), "placeholder.png",
                   para(Span("Chú thích ảnh (Caption), đoạn ảnh: Figure.")), "Credit",
                   "Ảnh minh họa", None, HERE),
        ),
    )


@click.command("reference-docx")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--layout", "layout_name", default="newsletter", show_default=True,
              help="Layout whose fonts, sizes, colours and page the styles take.")
@click.option("--layout-dir", "layout_dirs", multiple=True,
              type=click.Path(exists=True, file_okay=False),
              help="Extra folder of layout definitions (*.yaml).")
def reference_docx_command(file, layout_name, layout_dirs):
    """Write the default DOCX style sheet to FILE, to restyle and pass to
    `build --reference-docx` (its styles replace the defaults; its page setup too, when
    it was made for the layout being built)."""
    from pipeline.cli import write_or_exit
    from pipeline.errors import UserError, printable
    from pipeline.layouts import available, load_layout
    from pipeline.writers.docx import render_docx

    found = available(tuple(Path(d) for d in layout_dirs))
    if layout_name not in found:
        raise click.BadParameter(f"unknown layout {layout_name!r}; available: "
                                 f"{', '.join(sorted(found))}", param_hint="--layout")
    try:
        data = render_docx(sample_document(), load_layout(found[layout_name]))
    except UserError as exc:
        for diagnostic in exc.diagnostics:
            click.echo(str(diagnostic), err=True)
        sys.exit(1)
    write_or_exit(Path(file), data)
    click.echo(printable(f"wrote {file}"))
