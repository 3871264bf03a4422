"""The importer's parts: scalar emission round-trips, purity, and character repairs."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.importer.article import Person
from pipeline.importer.text.clean import clean
from pipeline.importer.emit import scalar
from pipeline.importer.text.figures import lone_caption


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1), st.integers(0, 6), st.booleans())
def test_every_scalar_loads_back_exactly(value, indent, short):
    doc = " " * indent + "k:" + scalar(value, indent, short=short) + "\n"
    if indent:
        doc = "top:\n" + doc
        assert yaml.safe_load(doc) == {"top": {"k": value}}
    else:
        assert yaml.safe_load(doc) == {"k": value}


def test_long_and_multi_paragraph_values_are_block_scalars():
    assert scalar("một\n\nhai", 4) == " |-\n      một\n\n      hai"
    assert scalar("Thưa ông: ông nghĩ sao?", 0) == ' "Thưa ông: ông nghĩ sao?"'
    assert scalar("Xin cảm ơn ông!", 0) == " Xin cảm ơn ông!"
    assert scalar("2020-07-10", 0) == ' "2020-07-10"'


def test_importer_does_not_pull_in_renderers():
    code = ("import sys, pipeline.importer as m; m.import_text('Tiêu đề\\nP.V: Hỏi?\\nĐáp.');"
            "bad = [n for n in ('reportlab', 'docx', 'pikepdf', 'PIL') if n in sys.modules];"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_repairs_are_reported_per_line_with_column():
    lines, warnings = clean("a\u00a0b\u00a0c\nx\u00d0y\n\u0301", "f.txt")
    assert lines[:2] == [(1, "a b c"), (2, "xĐy")]
    assert [(w.line, w.col) for w in warnings] == [(1, 2), (2, 2)]
    assert "(2 times)" in warnings[0].message and warnings[0].severity == "warning"


_DINH = Person("nguoi1", "Đồng chí Nguyễn Văn Định", "interviewee", name="Nguyễn Văn Định")


@pytest.mark.parametrize(("text", "caption"), [
    ("Đồng chí Nguyễn Văn Định trả lời phỏng vấn.", True),
    ("Bí thư Huyện ủy Nguyễn Văn Định tại lễ khởi công.", True),  # title words, then the name
    ("Đồng chí Nguyễn Văn Định cho biết thêm:", False),
    ("Đồng chí Nguyễn Văn Định và tôi cùng đi.", False),
    ("Đồng chí Nguyễn Văn Định nói chúng ta phải làm.", False),
    ("Đồng chí Nguyễn Văn Định có đồng ý không?", False),
    ("Đồng chí Nguyễn Văn Định đến. Mọi người vỗ tay.", False),
    ("Đồng chí Nguyễn Văn Định phát biểu", False),  # no full stop: maybe a heading
    ("Đồng chí Trần Văn Hùng trả lời phỏng vấn.", False),  # someone else
    ("Phóng viên phỏng vấn đồng chí Nguyễn Văn Định.", False),  # the name is the object
    ("Theo đồng chí Nguyễn Văn Định, việc này khó.", False),
    ("Đồng chí Nguyễn Văn Định nói “phải làm ngay”.", False),
    ("- Đồng chí Nguyễn Văn Định trả lời phỏng vấn.", False),  # a marker: a turn
    ("Đồng chí Nguyễn Văn Định " + "rất " * 30 + "vui.", False),  # too long
])
def test_lone_caption_heuristic(text, caption):
    assert (lone_caption(text, [_DINH]) is _DINH) is caption
