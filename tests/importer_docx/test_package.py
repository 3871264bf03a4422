"""The DOCX package is read through python-docx after our own bounds: no entity of a hostile
document.xml is resolved or expanded, and the library is loaded only when a DOCX is read."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from pipeline.errors import UserError
from pipeline.importer.docx import import_docx
from pipeline.importer.docx.package import open_package

ROOT = Path(__file__).resolve().parents[2]


def with_doctype(docx: Path, dst: Path, doctype: str, entity: str) -> Path:
    """``docx`` with ``doctype`` declared in word/document.xml and ``&entity;`` put in the
    text of its first run."""
    with zipfile.ZipFile(docx) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                xml = data.decode("utf-8")
                xml = re.sub(r"^(<\?xml[^>]*\?>)?", lambda m: (m.group(0) or "") + doctype, xml,
                             count=1)
                xml = re.sub(r"(<w:t(?: [^>]*)?>)", rf"\1&{entity};", xml, count=1)
                data = xml.encode("utf-8")
            zout.writestr(item, data)
    return dst


def imported_or_refused(docx: Path, out: Path) -> str:
    """The imported YAML, or the message of a clean refusal."""
    try:
        return import_docx(docx, out).yaml_text
    except UserError as exc:
        return str(exc)


def test_an_external_entity_is_not_resolved(built, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-WORDS-FROM-THE-SERVER", encoding="utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    docx = with_doctype(built["sample-newsletter"][0], tmp_path / "xxe.docx", doctype, "xxe")
    assert "SECRET-WORDS" not in imported_or_refused(docx, tmp_path / "out.yaml")


def test_nested_entities_are_not_expanded(built, tmp_path):
    """A billion laughs: ten levels of ten, 10**9 words if expanded."""
    levels = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    doctype = f"<!DOCTYPE w:document [{''.join(levels)}]>"
    docx = with_doctype(built["sample-newsletter"][0], tmp_path / "lol.docx", doctype, "l9")
    start = time.perf_counter()
    text = imported_or_refused(docx, tmp_path / "out.yaml")
    assert time.perf_counter() - start < 20
    assert "lollol" not in text


def test_python_docx_is_loaded_to_read_a_docx_and_not_before(built, tmp_path):
    code = ("import sys, pathlib; import pipeline.cli; assert 'docx' not in sys.modules;"
            "from pipeline.importer.docx import import_docx; assert 'docx' not in sys.modules;"
            f"import_docx(pathlib.Path({str(built['sample-newsletter'][0])!r}),"
            f" pathlib.Path({str(tmp_path / 'out.yaml')!r}));"
            "print(sys.modules['docx'].__file__)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    assert "docx" in done.stdout


@pytest.mark.parametrize("layout", ["newsletter", "handout"])
def test_a_docx_without_core_properties_gets_none_made_up(built, tmp_path, layout):
    """python-docx invents a title ("Word Document") where a package has no core part."""
    src = built[f"sample-{layout}"][0]
    dst = tmp_path / "nocore.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            if item.filename != "docProps/core.xml":
                zout.writestr(item, zin.read(item))
    assert open_package(dst, "nocore.docx").core == {}
    assert import_docx(dst, tmp_path / "out.yaml").yaml_text


def test_xml_comments_inside_the_text_lose_no_words(built, tmp_path):
    """A comment or processing instruction inside w:t splits the text node in two for lxml;
    both halves come back, joined."""
    src = built["sample-newsletter"][0]
    dst = tmp_path / "commented.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = re.sub(r"(<w:t(?: [^>]*)?>)([^<]{4})", r"\1\2<!-- note --><?pi x?>",
                              data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)

    def body(docx: Path) -> list[str]:  # the YAML but for the line naming the DOCX
        text = import_docx(docx, tmp_path / "a.yaml").yaml_text
        return [line for line in text.splitlines() if docx.name not in line]

    assert body(dst) == body(src)
