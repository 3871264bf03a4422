"""What the page make-up could not mend (a last page left short: render_pdf's warning)
shows beside the source on the index and on an upload's result, as the command line
prints it, and survives a restart (the build's manifest keeps it)."""

from __future__ import annotations

import html as markup

from pipeline.web.app import create_app
from tests.web.conftest import SAMPLE, FakeRender
from tests.web.test_upload import post, result_links

WARN = "its last page (page 2) is only 12% full"


def index(sample_dir, tmp_path, render) -> str:
    app = create_app(sample_dir, tmp_path / "cache", uploads_dir=tmp_path / "uploads",
                     render=render)
    try:
        app.extensions["pipeline"].catalog.refresh()
        with app.test_client() as client:
            return markup.unescape(client.get("/").get_data(as_text=True))
    finally:
        app.extensions["pipeline"].close()


def test_the_index_shows_the_make_up_warning_of_each_pdf_even_after_a_restart(
        sample_dir, tmp_path):
    render = FakeRender()
    render.warn = WARN
    html = index(sample_dir, tmp_path, render)
    assert "2 cảnh báo" in html
    for layout in ("newsletter", "handout"):
        assert f"{SAMPLE}.yaml:7:3: warning: {layout}.pdf: {WARN}" in html
    again = FakeRender()  # the same cache: the build is not made again
    html = index(sample_dir, tmp_path, again)
    assert again.calls == [] and f"{SAMPLE}.yaml:7:3: warning: newsletter.pdf: {WARN}" in html


def test_a_source_without_it_shows_no_warning(sample_dir, tmp_path):
    assert "cảnh báo" not in index(sample_dir, tmp_path, FakeRender())


def test_an_upload_shows_it_on_its_result(client, render, sample_dir):
    render.warn = WARN
    data = (sample_dir / f"{SAMPLE}.yaml").read_bytes()
    html, _ = result_links(client, post(client, "bai.yaml", data, draft="1"))
    assert f"bai.yaml:7:3: warning: newsletter.pdf: {WARN}" in markup.unescape(html)


def test_a_packs_interview_left_short_shows_under_the_pack_even_after_a_restart(
        tmp_path, monkeypatch):
    """A pack (rendered for real) whose interview ends on a page a tenth full: the warning
    at the interview's line, as the command line prints it, again from the cache."""
    from tests.makeup.test_pack_short_page_warning import pack_of_seven_blocks

    folder = tmp_path / "src"
    folder.mkdir()
    pack_of_seven_blocks(folder)
    html = index(folder, tmp_path, FakeRender())
    said = "warning: pack.pdf: this interview's last page (page 6) is only 9% full"
    assert "item.yaml:" in html and said in html
    from pipeline.web import catalog

    def not_again(*args):
        raise AssertionError("the pack was built again: its manifest was not read")

    monkeypatch.setattr(catalog, "_render_collection", not_again)
    assert said in index(folder, tmp_path, FakeRender())
