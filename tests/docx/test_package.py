"""The package: properties, reproducible bytes, embedded obfuscated fonts, a real reader."""

from __future__ import annotations

import docx as python_docx
import pytest
from lxml import etree

from pipeline import __version__
from pipeline.fonts import FAMILIES, STYLES, font_file
from pipeline.writers.docx.fonts import obfuscate
from tests.docx.helpers import SAMPLE, W, build

CP = {"cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
      "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/"}


def test_core_properties_come_from_the_source(built):
    docx = built["sample-newsletter"]
    doc = docx.doc
    core = docx.xml("docProps/core.xml")
    value = lambda path: core.find(path, CP).text  # noqa: E731
    assert value("dc:title") == doc.title
    assert value("dc:creator") == doc.byline == "Thành Duy"
    assert value("dc:subject") == doc.kicker
    assert doc.publication in value("cp:keywords") and "Nguyễn Nam Đình" in value("cp:keywords")
    assert value("dc:language") == "vi-VN"
    assert value("dcterms:created") == value("dcterms:modified") == "2020-07-10T00:00:00Z"
    for absent in ("cp:lastModifiedBy", "cp:revision", "cp:lastPrinted"):
        assert core.find(absent, CP) is None


def test_no_python_docx_defaults_anywhere(built):
    for docx in built.values():
        for name, data in docx.parts.items():
            if name.endswith(".xml") or name.endswith(".rels"):
                assert b"python-docx" not in data and b"2013-12-23" not in data, name
        props = python_docx.Document(str(docx.path)).core_properties
        assert props.last_modified_by == "" and props.revision == 0


def test_custom_properties_name_the_source_and_the_pipeline(built):
    custom = built["edge-handout"].xml("docProps/custom.xml")
    values = {p.get("name"): p[0].text for p in custom}
    assert values == {
        "Source": "edge.yaml", "Pipeline version": __version__, "Layout": "handout",
        # What the printed text does not carry, for `pipeline import` (no url: none set).
        "Source language": "vi", "Source event": "Sự kiện <w:p/> & hội nghị",
        "Source issue": "Số <1>",
        "Source people": '[{"key":"pv","label":"P.V","role":"interviewer"},{"key":"x",'
                         '"label":"Ông <X>","name":"Nguyễn Văn <X>","title":"Giám đốc & CEO",'
                         '"role":"interviewee"}]',
        "Source blocks": "q1 a2 figure p1 quote1:by heading figure q1"}
    assert [p.get("pid") for p in custom] == [str(n) for n in range(2, 10)]


def test_a_real_reader_opens_it_python_docx(built):
    document = python_docx.Document(str(built["sample-newsletter"].path))
    styles = {p.style.name for p in document.paragraphs}
    assert {"Question", "Answer", "Title", "Caption", "Heading 1"} <= styles
    assert document.sections[-1].page_width.mm == pytest.approx(210, abs=0.1)


def test_building_twice_gives_identical_bytes(built, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    again = build(SAMPLE, tmp_path / "again")
    for layout in ("newsletter", "handout"):
        assert again[layout].read_bytes() == built[f"sample-{layout}"].data


def test_zip_is_ordered_and_dated_by_the_source_or_source_date_epoch(built, tmp_path,
                                                                      monkeypatch):
    infos = built["sample-handout"].infos
    assert infos[0].filename == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(2020, 7, 10, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = build(SAMPLE, tmp_path / "epoch", layouts=("handout",))["handout"]
    import zipfile

    with zipfile.ZipFile(stamped) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        core = z.read("docProps/core.xml")
    assert b"2020-07-10T00:00:00Z" in core  # the document date stays the source's


def test_bundled_fonts_are_embedded_obfuscated_per_ecma_376(built):
    docx = built["sample-newsletter"]
    settings = docx.xml("word/settings.xml")
    assert settings.find(f"{{{W}}}embedTrueTypeFonts") is not None
    table = docx.xml("word/fontTable.xml")
    rels = etree.fromstring(docx.parts["word/_rels/fontTable.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    types = docx.parts["[Content_Types].xml"].decode()
    assert 'Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.' \
        'obfuscatedFont"' in types
    families = {s.family for s in docx.layout.styles.values()}
    seen = set()
    for font in table:
        family = font.get(f"{{{W}}}name")
        for face, tag in zip(STYLES, ("embedRegular", "embedBold", "embedItalic",
                                      "embedBoldItalic")):
            embed = font.find(f"{{{W}}}{tag}")
            key = embed.get(f"{{{W}}}fontKey")
            rid = embed.get("{http://schemas.openxmlformats.org/officeDocument/2006/"
                            "relationships}id")
            data = docx.parts[f"word/{targets[rid]}"]
            original = font_file(family, face).read_bytes()
            assert data != original and data[32:] == original[32:]
            assert obfuscate(data, key) == original
            seen.add(family)
    assert seen == families and seen <= set(FAMILIES)


def test_obfuscation_is_the_reversed_guid_xored_over_32_bytes():
    key = "{00112233-4455-6677-8899-AABBCCDDEEFF}"
    out = obfuscate(bytes(40), key)
    reversed_guid = bytes.fromhex("FFEEDDCCBBAA99887766554433221100")
    assert out[:32] == reversed_guid * 2 and out[32:] == bytes(8)
