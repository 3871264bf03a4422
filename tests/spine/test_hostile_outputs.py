"""Careless and hostile use of the outputs (issue 11): nothing is written outside `-o`, no
output is silently replaced, a source's set of files is replaced whole or not at all (also
when interrupted), links are written through, and folder problems are clean errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import atomic, build
from pipeline.cli import main
from tests.spine.helpers import VALID

ROOT = Path(__file__).resolve().parents[2]
SET = ["handout-booklet.pdf", "handout.docx", "handout.pdf", "newsletter.docx",
       "newsletter.pdf"]


def fake_render(doc, layout, fmt, options, warnings=None):
    """Stands in for the writers: these tests are about the files, not their content."""
    name = f"{layout.name}.{fmt}"
    files = {name: f"{doc.title} {name}".encode()}
    if fmt == "pdf" and layout.booklet:
        files[f"{layout.name}-booklet.pdf"] = f"{doc.title} booklet".encode()
    return files


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "good.yaml").write_text(VALID, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(build, "render", fake_render)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args))


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def retitle(project: Path, title: str) -> None:
    (project / "source" / "good.yaml").write_text(VALID.replace("Tiêu đề", title),
                                                  encoding="utf-8")


# -- 1. outputs stay inside the output folder -----------------------------------------------

@pytest.mark.parametrize("name", ["...yaml", "..yaml", ".yaml", ".hidden.yaml"])
def test_a_source_named_with_a_leading_dot_writes_nothing_anywhere(project, name):
    (project / "source" / name).write_text(VALID, encoding="utf-8")
    before = files_under(project)
    result = run("build", f"source/{name}", "-o", "out/inner")
    assert result.exit_code == 1
    assert f"source/{name}:1:1: error: the file name `{name}` gives no usable output " \
           "folder name" in result.stderr
    assert files_under(project) == before
    assert run("check", f"source/{name}").exit_code == 1


@pytest.mark.parametrize("name", ["..", ".", "", ".hidden", "a/..", ".yaml"])
def test_new_refuses_a_name_that_gives_no_output_folder(project, name):
    before = files_under(project)
    result = run("new", name)
    assert result.exit_code == 2
    assert "gives no usable source name" in result.output
    assert files_under(project) == before


def test_hidden_files_are_not_sources_by_default(project):
    (project / "source" / ".good.yaml").write_text("broken: [", encoding="utf-8")
    (project / "source" / "..yaml").write_text(VALID, encoding="utf-8")
    result = run("build")
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(project / "output")) == ["good"]
    assert run("check").exit_code == 0


# -- 2. two sources with one name ---------------------------------------------------------

def test_two_sources_with_the_same_name_are_a_usage_error_before_writing(project):
    for folder in ("a", "b"):
        (project / folder).mkdir()
        (project / folder / "x.yaml").write_text(VALID, encoding="utf-8")
    result = run("build", "a/x.yaml", "b/x.yaml", "-o", "o")
    assert result.exit_code == 2
    assert "a/x.yaml and b/x.yaml would both be written to o/x/" in result.output
    assert not (project / "o").exists()


def test_the_same_source_named_twice_is_built_once(project):
    result = run("build", "source/good.yaml", "./source/good.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("wrote output/good/newsletter.pdf") == 1


# -- 3. the set of a source's outputs is replaced whole -------------------------------------

def test_one_unwritable_file_leaves_the_whole_old_set(project):
    assert run("build", "source/good.yaml").exit_code == 0
    out = project / "output" / "good"
    (out / "handout.docx").unlink()
    (out / "handout.docx").mkdir()  # the name is taken by a folder
    old = files_under(out)
    retitle(project, "Mới")
    result = run("build", "source/good.yaml")
    assert result.exit_code == 1
    assert result.stderr.startswith("output/good/handout.docx: error: cannot write the output:")
    assert ".tmp" not in result.output and "wrote" not in result.stdout
    assert files_under(out) == old
    assert sorted(os.listdir(out)) == SET


def test_a_rename_failing_midway_names_exactly_the_old_files(project, monkeypatch):
    assert run("build", "source/good.yaml").exit_code == 0
    retitle(project, "Mới")
    real_replace = os.replace
    calls = []

    def replace(src, dst):
        calls.append(Path(dst).name)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    result = run("build", "source/good.yaml")
    assert result.exit_code == 1
    out = project / "output" / "good"
    new = [name for name in calls[:2]]
    old = calls[2:] + [n for n in SET if n not in calls]
    assert f"output/good/{calls[2]}: error: cannot write the output: No space left on device; " \
           "these files are still from the previous build: " in result.stderr
    listed = result.stderr.split("previous build: ")[1].split("; fix")[0].split(", ")
    assert sorted(listed) == sorted(f"output/good/{n}" for n in old)
    for name in new:
        assert (out / name).read_bytes().startswith("Mới".encode())
        assert f"wrote output/good/{name}" in result.stdout
    for name in old:
        assert (out / name).read_bytes().startswith("Tiêu đề".encode())
    assert sorted(os.listdir(out)) == SET


def test_a_signal_during_the_renames_is_delivered_after_the_last_one(tmp_path, monkeypatch):
    files = {tmp_path / f"f{i}": b"new" for i in range(5)}
    for path in files:
        path.write_bytes(b"old")
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst).name == "f1":
            signal.raise_signal(signal.SIGINT)  # Ctrl+C between two renames
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_all(files)
    assert {p.read_bytes() for p in files} == {b"new"}
    assert sorted(os.listdir(tmp_path)) == [f"f{i}" for i in range(5)]


def test_temporaries_left_by_a_killed_build_are_removed_by_the_next(project):
    out = project / "output" / "good"
    out.mkdir(parents=True)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    stale = [f".newsletter.pdf.{dead}.k2j4h_x9.tmp", ".handout.docx.abcd1234.tmp",
             f".handout.pdf.{dead}.zzzzzzzz.tmp"]
    live = f".newsletter.docx.{os.getpid()}.a1b2c3d4.tmp"  # a write in progress right now
    for name in [*stale, live]:
        (out / name).write_bytes(b"x" * 1000)
    result = run("build", "source/good.yaml", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(out)) == sorted([live, "handout-booklet.pdf", "handout.pdf",
                                              "newsletter.pdf"])


def test_ctrl_c_exits_130(project, monkeypatch):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "render", interrupted)
    result = run("build", "source/good.yaml")
    assert result.exit_code == 130


INTERRUPTIBLE = textwrap.dedent("""\
    import tempfile, time
    from pipeline import build
    from pipeline.cli import main
    from tests.spine.test_hostile_outputs import fake_render

    build.render = fake_render
    real, calls = tempfile.mkstemp, []
    def slow(*args, **kwargs):  # the second output file is being written
        calls.append(1)
        if len(calls) == 2:
            print("writing", flush=True)
            time.sleep(60)
        return real(*args, **kwargs)
    tempfile.mkstemp = slow
    main(["build", "source/good.yaml", "-o", "output"])
""")


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_while_writing_leaves_the_old_set_and_no_temporary(project, signum, status):
    assert run("build", "source/good.yaml").exit_code == 0
    out = project / "output" / "good"
    old = files_under(out)
    retitle(project, "Mới")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", INTERRUPTIBLE], cwd=project, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "writing\n"
        child.send_signal(signum)
        _, err = child.communicate(timeout=30)
    finally:
        child.kill()
    assert child.returncode == status, err
    assert "Traceback" not in err
    assert files_under(out) == old
    assert sorted(os.listdir(out)) == SET


# -- 4. links are written through ---------------------------------------------------------

def test_schema_and_import_write_through_a_symbolic_link(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "schema.json").write_text("old")
    os.symlink("real/schema.json", "link.json")
    assert run("schema", "-o", "link.json").exit_code == 0
    assert os.path.islink("link.json")
    assert (tmp_path / "real" / "schema.json").read_text().startswith("{")

    (tmp_path / "article.txt").write_text("Tiêu đề\n\nHỏi: Câu hỏi?\n\nĐáp: Trả lời.\n",
                                          encoding="utf-8")
    (tmp_path / "real" / "article.yaml").write_text("old")
    os.symlink("real/article.yaml", "link.yaml")
    result = run("import", "article.txt", "-o", "link.yaml", "--force")
    assert result.exit_code == 0, result.output
    assert os.path.islink("link.yaml")
    assert "format: 1" in (tmp_path / "real" / "article.yaml").read_text(encoding="utf-8")


def test_atomic_write_through_a_dangling_link_creates_its_target(tmp_path):
    os.symlink(tmp_path / "target.bin", tmp_path / "link.bin")
    atomic.write_bytes(tmp_path / "link.bin", b"data")
    assert (tmp_path / "link.bin").is_symlink()
    assert (tmp_path / "target.bin").read_bytes() == b"data"


# -- 20. folders that cannot be written ------------------------------------------------

def under_a_file(tmp_path: Path, name: str) -> str:
    (tmp_path / "plain-file").write_text("a file where a folder should be")
    return str(tmp_path / "plain-file" / name)


@pytest.mark.parametrize("command", [
    lambda target: ["schema", "-o", target],
    lambda target: ["new", target],
    lambda target: ["reference-docx", target],
])
def test_writing_into_a_folder_that_cannot_be_made_is_a_clean_error(tmp_path, command):
    target = under_a_file(tmp_path, "out.docx")
    result = run(*command(target))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"error: cannot write {tmp_path / 'plain-file'}: a part of "
                                    "the folder path is a file, not a folder")
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_import_into_a_folder_that_cannot_be_made_is_a_clean_error(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Tiêu đề\n\nHỏi: Câu hỏi?\n\nĐáp: Trả lời.\n", encoding="utf-8")
    result = run("import", str(article), "-o", under_a_file(tmp_path, "a.yaml"))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("error: cannot write ")
    assert isinstance(result.exception, SystemExit)


def test_a_permission_error_is_a_clean_error(tmp_path, monkeypatch):
    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refused)
    result = run("schema", "-o", str(tmp_path / "schema.json"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: cannot write {tmp_path / 'schema.json'}: "
                                    "Permission denied")
    assert not list(tmp_path.iterdir())


# -- 20. build --watch survives a failing build ----------------------------------------

def test_watch_reports_a_failing_build_and_keeps_watching(project, monkeypatch):
    import pipeline.watch

    watch_sources = pipeline.watch.watch_sources
    rounds = []

    def broken(doc, layout, fmt, options, warnings=None):
        rounds.append(layout.name)
        raise TypeError("a writer bug")

    def watch_twice(paths, run_once):
        steps = iter([lambda: os.utime(paths[0], ns=(1, 1)), None])

        def sleep(_):
            step = next(steps)
            if step is None:
                raise KeyboardInterrupt
            step()

        watch_sources(paths, run_once, sleep=sleep)

    monkeypatch.setattr(build, "render", broken)
    monkeypatch.setattr(pipeline.watch, "watch_sources", watch_twice)
    result = run("build", "--watch", "source/good.yaml")
    assert result.exit_code == 0, result.output
    assert len(rounds) == 2  # built, failed, rebuilt after the change
    assert result.stderr.count("source/good.yaml: error: the build failed") == 2
    assert "TypeError: a writer bug" in result.stderr
    assert result.stderr.rstrip().endswith("stopped")
