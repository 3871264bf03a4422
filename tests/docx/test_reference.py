"""Reference DOCX: the default style sheet as a file, and a restyled copy used by builds."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.errors import UserError
from pipeline.writers.docx.contract import STYLES
from tests.docx.helpers import SAMPLE, Docx, build


def reference(tmp_path: Path, *args: str) -> Path:
    path = tmp_path / "ref.docx"
    result = CliRunner().invoke(main, ["reference-docx", str(path), *args])
    assert result.exit_code == 0, result.output
    return path


def rewrite(src: Path, dst: Path, part: str, change) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, change(data) if info.filename == part else data)
    return dst


def test_reference_docx_has_every_contract_style_and_uses_them(tmp_path):
    ref = Docx(reference(tmp_path), SAMPLE, "newsletter")
    styles = ref.parts["word/styles.xml"].decode()
    for style in STYLES:
        assert f'w:styleId="{style.style_id}"' in styles
    xml = b"".join(data for name, data in ref.parts.items()
                   if name.startswith(("word/document", "word/header", "word/footer")))
    used = set(re.findall(r'(?:pStyle|rStyle) w:val="([^"]+)"', xml.decode()))
    # Everything but the base style, the header, which the newsletter does not have, and the
    # variants for italic paragraphs, which its layout does not have (none takes markup).
    italic = {s.style_id for s in STYLES if "Italic" in s.style_id}
    assert italic == {"EmphasisInItalic", "StrongEmphasisInItalic",
                      "StrongEmphasisInBoldItalic"}
    assert used == {s.style_id for s in STYLES} - {"Normal", "Header"} - italic


def test_reference_layout_option_chooses_the_layout(tmp_path):
    ref = Docx(reference(tmp_path, "--layout", "handout"), SAMPLE, "handout")
    assert 'w:w="8391" w:h="11906"' in ref.parts["word/document.xml"].decode()
    result = CliRunner().invoke(main, ["reference-docx", str(tmp_path / "x.docx"),
                                       "--layout", "poster"])
    assert result.exit_code == 2 and "unknown layout 'poster'" in result.output


def test_build_takes_the_restyled_style_sheet(tmp_path):
    ref = reference(tmp_path)
    restyled = rewrite(ref, tmp_path / "restyled.docx", "word/styles.xml",
                       lambda d: d.replace(b'w:styleId="Title">', b'w:styleId="Title">'
                                           b"<!-- restyled -->"))
    out = build(SAMPLE, tmp_path / "out", reference_docx=restyled)
    for layout in ("newsletter", "handout"):
        docx = Docx(out[layout], SAMPLE, layout)
        assert b"<!-- restyled -->" in docx.parts["word/styles.xml"]


def test_page_setup_is_taken_only_for_the_layout_the_reference_was_made_for(tmp_path):
    ref = reference(tmp_path)  # newsletter: A4
    letter = rewrite(ref, tmp_path / "letter.docx", "word/document.xml",
                     lambda d: d.replace(b'w:w="11906" w:h="16838"', b'w:w="12240" w:h="15840"'))
    out = build(SAMPLE, tmp_path / "out", reference_docx=letter)
    newsletter = out["newsletter"].read_bytes()
    with zipfile.ZipFile(out["newsletter"]) as z:
        assert b'w:w="12240" w:h="15840"' in z.read("word/document.xml")
    with zipfile.ZipFile(out["handout"]) as z:
        assert b'w:w="8391" w:h="11906"' in z.read("word/document.xml")
    assert newsletter


@pytest.mark.parametrize("width", [b"inf", b"nan", b"-5", b"1e300", b"99999999"])
def test_a_page_size_no_page_can_have_is_not_taken(tmp_path, width):
    """`inf` stopped the build with OverflowError; the layout's page is used instead."""
    from pipeline.writers.docx.reference import load_reference

    bad = rewrite(reference(tmp_path), tmp_path / "bad.docx", "word/document.xml",
                  lambda d: d.replace(b'w:w="11906"', b'w:w="' + width + b'"'))
    assert load_reference(bad, "newsletter").page is None
    out = build(SAMPLE, tmp_path / "out", reference_docx=bad)
    with zipfile.ZipFile(out["newsletter"]) as z:
        assert b'w:w="11906" w:h="16838"' in z.read("word/document.xml")


def test_a_reference_missing_styles_is_refused_naming_all_of_them(tmp_path):
    ref = reference(tmp_path)

    def drop(data: bytes) -> bytes:
        for sid in (b"Speaker", b"PullQuote", b"Caption"):
            data = re.sub(rb'<w:style [^>]*w:styleId="' + sid + rb'">.*?</w:style>', b"", data)
        return data

    broken = rewrite(ref, tmp_path / "broken.docx", "word/styles.xml", drop)
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(tmp_path / "o"),
                                       "--format", "docx", "--reference-docx", str(broken)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "error" in line]
    assert len(lines) == 1
    assert re.match(r".*broken\.docx:1:1: error: ", lines[0])
    for name in ("Speaker (character)", "Pull Quote (paragraph)", "Caption (paragraph)"):
        assert name in lines[0]
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken", b""])
def test_not_a_docx_is_a_clean_error(tmp_path, content):
    from pipeline.writers.docx.reference import load_reference

    bad = tmp_path / "bad.docx"
    bad.write_bytes(content)
    with pytest.raises(UserError) as info:
        load_reference(bad, "newsletter")
    (diagnostic,) = info.value.diagnostics
    assert (diagnostic.line, diagnostic.col) == (1, 1)
    assert "not a DOCX file" in diagnostic.message


def test_a_zip_without_styles_is_not_a_docx(tmp_path):
    from pipeline.writers.docx.reference import load_reference

    bad = tmp_path / "empty.docx"
    with zipfile.ZipFile(bad, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UserError, match="no word/styles.xml"):
        load_reference(bad, "newsletter")
