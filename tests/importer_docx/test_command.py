"""`pipeline import FILE.docx`: writes the YAML and its photos, prints warnings; any file it
cannot read is one clean FILE:1:1 error (exit 1), never a traceback."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.errors import UserError
from pipeline.importer.docx import import_docx
from pipeline.source import load_source
from tests.importer_docx.helpers import SAMPLE, kept


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_import_writes_the_source_and_its_photos(built, work):
    shutil.copy(built["sample-newsletter"][0], work / "bai.docx")
    result = run("import", "bai.docx", "-o", "out/bai.yaml")
    assert (result.exit_code, result.output) == (0, "wrote out/bai.yaml\n")
    assert sorted(p.name for p in (work / "out" / "images").iterdir()) == [
        f"bai-{n:02d}.jpg" for n in range(1, 9)]
    assert kept(load_source(work / "out" / "bai.yaml"), "newsletter") == kept(
        load_source(SAMPLE), "newsletter")


def test_the_default_output_is_the_docx_name_with_yaml(built, work):
    shutil.copy(built["sample-handout"][0], work / "bai.docx")
    assert run("import", "bai.docx").exit_code == 0
    assert load_source(work / "bai.yaml").title == load_source(SAMPLE).title
    assert (work / "images" / "bai-01.jpg").is_file()


def _zip(parts: dict[str, str | bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def _foreign_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Một văn bản khác.")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _damaged(built) -> bytes:
    with zipfile.ZipFile(built["sample-newsletter"][0]) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"][:5000]
    return _zip(parts)


@pytest.mark.parametrize("case, message", [
    ("text", "not a DOCX: the file is not a zip package"),
    ("empty", "not a DOCX: the file is not a zip package"),
    ("zip", "not a DOCX: it has no Word document part"),
    ("foreign", "not made by this pipeline"),
    ("damaged", "the DOCX is damaged: word/document.xml is not well-formed XML"),
])
def test_files_it_cannot_read_are_one_clean_error(built, work, case, message):
    data = {"text": "P.V: Hỏi?\n".encode(), "empty": b"",
            "zip": _zip({"hello.txt": "x"}), "foreign": _foreign_docx(),
            "damaged": _damaged(built)}[case]
    (work / "bad.docx").write_bytes(data)
    result = CliRunner().invoke(main, ["import", "bad.docx"])
    assert result.exit_code == 1
    assert result.output.startswith(f"bad.docx:1:1: error: {message}")
    assert len(result.output.splitlines()) == 1 and "Traceback" not in result.output
    assert not (work / "bad.yaml").exists()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.data_too_large])
@given(st.data())
def test_a_corrupted_docx_imports_or_fails_cleanly(built, tmp_path_factory, data):
    """Bytes of the sample flipped, or a part's XML cut short: a result or a UserError."""
    original = built["sample-handout"][0].read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    name = data.draw(st.sampled_from(sorted(p for p in parts if p.endswith((".xml", ".rels")))))
    cut = data.draw(st.integers(0, len(parts[name])))
    junk = data.draw(st.binary(max_size=20))
    parts[name] = parts[name][:cut] + junk + parts[name][cut + len(junk):]
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "f.docx").write_bytes(_zip(parts))
    try:
        import_docx(folder / "f.docx", folder / "f.yaml")
    except UserError as exc:
        assert str(exc).startswith(str(folder / "f.docx") + ":1:1: error: ")


def test_warnings_are_printed_with_the_paragraph_number(built, work):
    with zipfile.ZipFile(built["sample-newsletter"][0]) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    xml = parts["word/document.xml"].decode()
    pos = xml.rindex("<w:sectPr")  # the body's last section properties
    xml = xml[:pos] + "<w:p><w:r><w:t>Câu hỏi thêm của biên tập?</w:t></w:r></w:p>" + xml[pos:]
    number = xml[:pos].count("<w:p>") + 1
    parts["word/document.xml"] = xml.encode()
    (work / "e.docx").write_bytes(_zip(parts))
    result = run("import", "e.docx")  # the output shows stderr too
    assert result.exit_code == 0
    assert f"e.docx:{number}:1: warning: paragraph {number}: has style 'Normal'" in result.output
    assert (work / "e.yaml").read_text(encoding="utf-8").rstrip().endswith(
        "  - q: Câu hỏi thêm của biên tập?")
