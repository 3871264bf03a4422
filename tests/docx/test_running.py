"""Running text templates: the Jinja2-free subset renders exactly as Jinja2 does."""

from __future__ import annotations

import jinja2
import pytest

from pipeline.layouts import available, load_layout
from pipeline.textfields import render
from pipeline.writers.docx.running import PAGE_FIELDS, field_runs

FIELDS = {"publication": "Báo <Nghệ An> & Co", "issue": "Số 25", "date": "10/07/2020",
          "event": "", **PAGE_FIELDS}
TEMPLATES = [
    "{{ publication }} · {{ date }} · Trang {{ page }}/{{ pages }}",
    "{{ issue }}{% if issue %} · {% endif %}{{ date }}",
    "{% if event %}{{ event }}{% if issue %}!{% endif %}{% endif %}x",
    "{{ publication | upper }}",  # a filter: Jinja2 itself
    "{{ unknown }}-{{publication}}\n",
]
LAYOUT_TEMPLATES = [t for path in available().values() for layout in [load_layout(path)]
                    for t in [*(layout.masthead or {}).values(),
                              *(r.text for r in (layout.header, layout.footer) if r)]
                    if isinstance(t, str)]


@pytest.mark.parametrize("template", TEMPLATES + LAYOUT_TEMPLATES)
@pytest.mark.parametrize("issue", ["Số 25", ""])
def test_same_as_jinja2(template, issue):
    fields = dict(FIELDS, issue=issue)
    assert render(template, fields) == jinja2.Environment().from_string(template).render(**fields)


def test_page_marks_become_fields_and_text_is_escaped():
    xml = field_runs(render("{{ publication }} · Trang {{ page }}/{{ pages }}", FIELDS))
    assert "Báo &lt;Nghệ An&gt; &amp; Co" in xml
    assert xml.count("<w:fldSimple") == 2
    assert 'w:instr=" PAGE ' in xml and 'w:instr=" NUMPAGES ' in xml
