"""The command line: exit 0 on success, 1 on user errors (others still built), 2 on usage."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import __version__, build
from pipeline.cli import main
from tests.spine.helpers import VALID

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder with source/ holding one valid and one invalid source; the writers
    are replaced by a stub so that these tests exercise the command line only."""
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "good.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "source" / "bad.yaml").write_text(VALID.replace("title:", "titel:"),
                                                  encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def fake_render(doc, layout, fmt, options, warnings=None):
        name = f"{layout.name}.{fmt}"
        files = {name: f"{doc.title} {name}".encode()}
        if fmt == "pdf" and layout.booklet:
            files[f"{layout.name}-booklet.pdf"] = b"booklet"
        return files

    monkeypatch.setattr(build, "render", fake_render)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_build_writes_every_layout_and_format_and_reports_errors(project):
    result = run("build")
    assert result.exit_code == 1
    out = project / "output" / "good"
    assert sorted(p.name for p in out.iterdir()) == [
        "handout-booklet.pdf", "handout.docx", "handout.pdf", "newsletter.docx",
        "newsletter.pdf"]
    assert "wrote output/good/newsletter.pdf" in result.stdout
    assert "source/bad.yaml:1:1: error: missing required key `title`" in result.stderr
    assert "Traceback" not in result.output
    assert not (project / "output" / "bad").exists()


def test_build_narrowed_by_layout_and_format(project):
    result = run("build", "source/good.yaml", "--layout", "newsletter", "--format", "pdf",
                 "-o", "elsewhere")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (project / "elsewhere" / "good").iterdir()] == ["newsletter.pdf"]
    assert result.stdout == "wrote elsewhere/good/newsletter.pdf\n"


def test_quiet_build_prints_nothing(project):
    result = run("build", "source/good.yaml", "--quiet")
    assert result.exit_code == 0 and result.output == ""


def test_unknown_layout_is_a_usage_error(project):
    result = run("build", "--layout", "poster")
    assert result.exit_code == 2
    assert "unknown layout 'poster'; available: handout, newsletter" in result.output


def test_unknown_format_and_missing_file_are_usage_errors(project):
    assert run("build", "--format", "odt").exit_code == 2
    assert run("build", "source/none.yaml").exit_code == 2


def test_no_sources_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.exit_code == 2 and "source/*.yaml matched nothing" in result.output


def test_a_failing_source_keeps_earlier_outputs(project):
    assert run("build", "source/good.yaml").exit_code == 0
    before = (project / "output" / "good" / "newsletter.pdf").read_bytes()
    (project / "source" / "good.yaml").write_text(VALID.replace("date: 2020-07-10", "date: x"),
                                                   encoding="utf-8")
    result = run("build", "source/good.yaml")
    assert result.exit_code == 1
    assert (project / "output" / "good" / "newsletter.pdf").read_bytes() == before
    assert not [p for p in (project / "output" / "good").iterdir() if p.name.startswith(".")]


def test_a_writer_failing_half_way_writes_nothing_new(project, monkeypatch):
    assert run("build", "source/good.yaml").exit_code == 0
    before = {p.name: p.read_bytes() for p in (project / "output" / "good").iterdir()}
    original = build.render

    def failing(doc, layout, fmt, options, warnings=None):
        if fmt == "docx":
            raise RuntimeError("writer bug")
        return {name: b"new" for name in original(doc, layout, fmt, options)}

    monkeypatch.setattr(build, "render", failing)
    result = run("build", "source/good.yaml")
    assert result.exit_code != 0 and isinstance(result.exception, RuntimeError)
    after = {p.name: p.read_bytes() for p in (project / "output" / "good").iterdir()}
    assert after == before


def test_check_validates_without_writing(project):
    result = run("check")
    assert result.exit_code == 1
    assert "source/good.yaml: ok" in result.stdout
    assert "source/bad.yaml:2:1: error: unknown key `titel`; did you mean `title`?" in result.stderr
    assert not (project / "output").exists()


def test_check_refuses_characters_no_font_draws(project):
    (project / "source" / "good.yaml").write_text(VALID.replace("Câu hỏi?", "Câu hỏi 𝔸?"),
                                                   encoding="utf-8")
    result = run("check", "source/good.yaml")
    assert result.exit_code == 1
    assert "source/good.yaml:13:16: error: character '𝔸' (U+1D538) is not in font" in result.stderr


def test_new_writes_a_valid_commented_starter(project):
    result = run("new", "phong-van")
    assert result.exit_code == 0 and "wrote source/phong-van.yaml" in result.output
    text = (project / "source" / "phong-van.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert run("check", "source/phong-van.yaml").exit_code == 0
    again = run("new", "phong-van")
    assert again.exit_code == 1 and "the file exists" in again.output


def test_schema_prints_the_json_schema():
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.output)["properties"]["format"]["const"] == 1


def test_help_lists_every_command():
    result = run("--help")
    for command in ("build", "check", "new", "schema", "import", "preflight",
                    "reference-docx", "serve"):
        assert command in result.output


def test_python_dash_m_runs_the_cli():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "pipeline", "--version"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and __version__ in result.stdout


def test_sample_copy_builds(sample_copy, monkeypatch):
    monkeypatch.chdir(sample_copy.parent)
    monkeypatch.setattr(build, "render",
                        lambda doc, layout, fmt, options, warnings=None: {f"x.{fmt}": b"x"})
    result = run("build", sample_copy.name, "--quiet")
    assert result.exit_code == 0, result.output
    shutil.rmtree(sample_copy.parent / "output")


def test_an_unwritable_output_folder_is_a_clean_error(project):
    (project / "blocked").write_text("a file where a folder should be")
    result = run("build", "source/good.yaml", "-o", "blocked/inside")
    assert result.exit_code == 1
    assert "error: cannot write the output:" in result.stderr
    assert "Traceback" not in result.output


def test_a_broken_layout_template_is_a_clean_error(tmp_path):
    from pipeline.errors import UserError
    from pipeline.textfields import render

    with pytest.raises(UserError, match="is not valid Jinja2"):
        render("{{ publication | nosuchfilter }}", {"publication": "P"})
