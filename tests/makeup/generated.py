"""Sources made from the sample's blocks, shuffled and repeated, and their PDFs."""

from __future__ import annotations

import functools
import random
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "source" / "bao-nghe-an.yaml"


def shuffled(tmp: Path, seed: int, repeat: int = 2, kinds=("q", "a", "p", "heading", "quote"),
             name: str = "s") -> Path:
    """A copy of the sample whose body is its blocks of ``kinds`` ``repeat`` times over, in
    an order ``seed`` shuffles: a question stays with its answer, a heading with what
    follows it; the closing question (no answer) stays last."""
    import yaml

    shutil.copytree(SAMPLE.parent / "images", tmp / "images", dirs_exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    head, body = text.split("\nbody:\n", 1)
    units: list[list[dict]] = []
    for block in yaml.safe_load("body:\n" + body)["body"]:
        kind = next(iter(block))
        if kind not in kinds:
            continue
        if not units or kind in ("q", "heading") and next(iter(units[-1][-1])) != "heading":
            units.append([])
        units[-1].append(block)
    closing = [u for u in units if len(u) == 1 and "q" in u[0]]  # "Xin cảm ơn đồng chí!"
    units = [u for u in units if u not in closing]
    rng = random.Random(seed)
    blocks = []
    for _ in range(repeat):
        order = units[:]
        rng.shuffle(order)
        blocks.extend(b for u in order for b in u)
    blocks.extend(b for u in closing for b in u)
    out = tmp / f"{name}.yaml"
    out.write_text(head + "\n" + yaml.safe_dump({"body": blocks}, allow_unicode=True,
                                                width=1000), encoding="utf-8")
    return out


def build(source: Path, layout_name: str) -> tuple[bytes, object]:
    """The PDF of ``source`` in a layout of the project, and the layout."""
    from pipeline.build import resolve_layouts
    from pipeline.source import load_source
    from pipeline.writers.pdf import render_pdf

    [layout] = resolve_layouts((layout_name,), ())
    return render_pdf(load_source(source), layout), layout


CORPUS = ROOT.parent / "shared" / "corpus"
ARTICLES = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
TEXT = ("q", "a", "p")
DISPLAY = ("q", "a", "p", "heading", "quote")
_TMP = tempfile.TemporaryDirectory(prefix="makeup-")  # removed when the test run ends


@functools.cache
def built(kinds: tuple[str, ...], seed: int, layout_name: str) -> tuple[bytes, object]:
    """The PDF and layout of shuffled(kinds, seed), built once a test run."""
    folder = Path(_TMP.name) / f"{'-'.join(kinds)}-{seed}"
    folder.mkdir(exist_ok=True)
    source = folder / "s.yaml"
    if not source.exists():
        shuffled(folder, seed, kinds=kinds)
    return build(source, layout_name)


@functools.cache
def sample(layout_name: str) -> tuple[bytes, object]:
    """The sample's PDF in a layout, built once a test run (photos converted in a folder
    of its own)."""
    import os

    old = os.environ.get("PIPELINE_CACHE_DIR")
    os.environ["PIPELINE_CACHE_DIR"] = str(Path(_TMP.name) / "photos")
    try:
        return build(SAMPLE, layout_name)
    finally:
        if old is None:
            os.environ.pop("PIPELINE_CACHE_DIR", None)
        else:
            os.environ["PIPELINE_CACHE_DIR"] = old


@functools.cache
def corpus_draft(stem: str, layout_name: str) -> tuple[bytes, object]:
    """The PDF of corpus article ``stem`` (../shared/corpus), imported and built as a draft
    (photos as placeholders), and the layout; built once a test run."""
    from click.testing import CliRunner

    from pipeline.build import resolve_layouts
    from pipeline.cli import main
    from pipeline.source import load_source
    from pipeline.writers.pdf import render_pdf

    source = Path(_TMP.name) / "corpus" / f"{stem}.yaml"
    if not source.exists():
        source.parent.mkdir(exist_ok=True)
        result = CliRunner().invoke(main, ["import", str(CORPUS / f"{stem}.txt"), "-o",
                                           str(source)])
        assert result.exit_code == 0, result.output
    [layout] = resolve_layouts((layout_name,), ())
    return render_pdf(load_source(source, draft=True), layout), layout
