"""The source properties the writer stores: used when present, printed text winning where
it was edited; without them (or damaged) the import falls back to what is printed."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from pipeline.source import load_source
from tests.importer_docx.helpers import import_to, kept
from tests.importer_docx.test_edits import para


def repack(src: Path, dst: Path, changes: dict) -> Path:
    """A copy of ``src`` with parts changed (``part -> function of its text``) or dropped
    (``part -> None``)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename in changes:
                if changes[item.filename] is None:
                    continue
                data = changes[item.filename](data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    return dst


def only_old_properties(xml: str) -> str:
    """custom.xml as versions before the source properties wrote it."""
    return re.sub(r'<property [^>]*name="Source [^"]*">.*?</property>', "", xml)


@pytest.mark.parametrize("layout", ["newsletter", "handout"])
@pytest.mark.parametrize("change", [None, only_old_properties])
def test_without_the_stored_properties_the_printed_text_comes_back(built, tmp_path, layout,
                                                                     change):
    """Custom properties dropped (as some tools do), or written by an older version."""
    docx, source, _ = built[f"sample-{layout}"]
    bare = repack(docx, tmp_path / "bare.docx", {"docProps/custom.xml": change})
    result = import_to(bare, tmp_path / "x.yaml")
    back, original = load_source(tmp_path / "x.yaml"), load_source(source)
    assert kept(back, layout, stored=False) == kept(original, layout, stored=False)
    assert back.url is None and original.url is not None  # it really was not stored
    assert kept(back, layout) != kept(original, layout)
    assert result.warnings == []


@pytest.mark.parametrize("value", ["not json", "{}", '[{"key": "pv"}]', "[1]"])
def test_damaged_stored_people_are_ignored(built, tmp_path, value):
    """"Source people" says the others were stored: damaged, none of them is trusted."""
    docx, source, _ = built["sample-newsletter"]

    def damage(xml: str) -> str:
        return re.sub(r'(name="Source people"><vt:lpwstr>)[^<]*', lambda m: m.group(1)
                      + value.replace('"', "&quot;"), xml)

    bad = repack(docx, tmp_path / "bad.docx", {"docProps/custom.xml": damage})
    import_to(bad, tmp_path / "x.yaml")
    back, original = load_source(tmp_path / "x.yaml"), load_source(source)
    assert kept(back, "newsletter", stored=False) == kept(original, "newsletter", stored=False)
    assert back.url is None


def test_damaged_block_boundaries_only_lose_the_boundaries(built, tmp_path):
    docx, source, _ = built["marked-handout"]
    bad = repack(docx, tmp_path / "bad.docx", {"docProps/custom.xml": lambda x: re.sub(
        r'(name="Source blocks"><vt:lpwstr>)[^<]*', r"\1q1 x9", x)})
    import_to(bad, tmp_path / "x.yaml")
    back, original = load_source(tmp_path / "x.yaml"), load_source(source)
    assert kept(back, "handout")["people"] == kept(original, "handout")["people"]
    assert kept(back, "handout")["top"] == kept(original, "handout")["top"]
    assert len(back.blocks) < len(original.blocks)  # the p blocks joined their answer


def test_printed_text_wins_where_it_was_edited(built, tmp_path):
    docx, source, _ = built["marked-newsletter"]

    def edit(xml: str) -> str:
        xml = xml.replace(">Đánh dấu trong câu hỏi<", ">Tiêu đề đã sửa<")
        xml = xml.replace(">Số 7 – 06/05/2021 · 06/05/2021<", ">Số 8 · 06/05/2021<")
        xml = xml.replace(">P.V:<", ">Phóng viên:<")
        pos = xml.index("<w:p>", xml.index("Đoạn tiếp theo."))  # one more paragraph there
        return xml[:pos] + para("Đoạn thêm.", "Answer") + xml[pos:]

    out = tmp_path / "x.yaml"
    import_to(repack(docx, tmp_path / "e.docx", {"word/document.xml": edit}), out)
    back, original = load_source(out), load_source(source)
    assert (back.title, back.issue) == ("Tiêu đề đã sửa", "Số 8")
    assert (back.url, back.event, back.language) == (original.url, original.event, "vi-VN")
    # The renamed interviewer is a new person; the stored "pv" (printed, now gone) is not
    # brought back; "bt", never printed, is, with its key.
    people = {k: (p.label, p.role, p.name) for k, p in back.people.items()}
    assert people == {"bt": ("Biên tập", "interviewer", None),
                      "k": ("Ông Lê Văn Hùng", "interviewee", "Lê Văn Hùng"),
                      "phongvien": ("Phóng viên", "interviewer", None)}
    # The answer with a paragraph added stays one block; the quotes still split as stored.
    kinds = [b.kind for b in back.blocks]
    assert kinds[:3] == ["q", "a", "q"] and kinds.count("quote") == 3
    assert [len(b.paragraphs) for b in back.blocks[:2]] == [1, 5]


def test_the_handout_header_is_the_event_when_edited(built, tmp_path):
    docx, _, _ = built["marked-handout"]
    with zipfile.ZipFile(docx) as z:
        header = next(n for n in z.namelist() if n.startswith("word/header"))
    edited = repack(docx, tmp_path / "e.docx", {header: lambda x: x.replace(
        "Hội nghị · lần thứ 7", "Hội nghị lần thứ 8")})
    import_to(edited, tmp_path / "x.yaml")
    assert load_source(tmp_path / "x.yaml").event == "Hội nghị lần thứ 8"
