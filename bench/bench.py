"""Time whole-process builds of the sample (and its 50x body) and print a table.

Usage: python bench/bench.py [--runs N] [--only NAME]   (from the project root;
`pip install -e .[bench]` adds the Typst peer)
Each case runs once to warm the file cache (and the converted-photo cache, unless --cold),
then N times; wall time median and max, and
the peak resident memory of the process. A peer (Typst, from PyPI `typst`) runs beside
when it is installed. The "Vietnamese words" cases segment the sample's text alone: with
the model (no cache: what a first build adds) and from the cache (what a rebuild adds).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "source" / "bao-nghe-an.yaml"
PACK = ROOT / "source" / "goi-dai-hoi.yaml"  # the sample and two more interviews
ISSUE = ROOT / "source" / "ban-tin-dai-hoi.yaml"  # the same three as a newsletter issue


def times_body(source: Path, factor: int, target: Path) -> Path:
    """A copy of ``source`` whose body is repeated ``factor`` times, next to its images."""
    head, body = source.read_text(encoding="utf-8").split("\nbody:\n", 1)
    target.mkdir(parents=True, exist_ok=True)
    if not (target / "images").exists():
        shutil.copytree(source.parent / "images", target / "images")
    out = target / f"{source.stem}-x{factor}.yaml"
    out.write_text(head + "\nbody:\n" + body.rstrip("\n") + "\n" + (body.rstrip("\n") + "\n")
                   * (factor - 1), encoding="utf-8")
    return out


def measure(cmd: list[str], runs: int, cwd: Path) -> tuple[float, float, float]:
    """(median s, max s, peak MB) over ``runs`` runs after one warm-up."""
    walls, peaks = [], []
    for i in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(cmd)}\n{proc.stderr.read().decode()}")
        proc.stderr.close()
        if i:
            walls.append(wall)
            peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(walls), max(walls), max(peaks)


WORDS = """
import sys
sys.path.insert(0, {root!r})
from pathlib import Path
from pipeline import segment
from pipeline.model import plain_text
from pipeline.source import load_source
doc = load_source(Path({source!r}))
texts = [doc.kicker or "", doc.title]
for block in doc.blocks:
    for name in ("paragraphs", "caption", "text"):
        value = getattr(block, name, None) or []
        texts += [plain_text(p) for p in value] if name == "paragraphs" else (
            [plain_text(value)] if value else [])
segment.prime(texts)
"""


def typst_source(source: Path, target: Path) -> Path | None:
    """A comparable two-column A4 Typst document of the same text, for the peer."""
    try:
        import typst  # noqa: F401
    except ImportError:
        return None
    sys.path.insert(0, str(ROOT))
    from pipeline.model import Figure, Heading, Quote, plain_text
    from pipeline.source import load_source

    doc = load_source(source)
    esc = lambda s: "".join("\\" + c if c in "\\#*_`$<>@[]=-+/~\"'" else c for c in s)  # noqa
    lines = ['#set page(paper: "a4", margin: 15mm, columns: 2)',
             '#set text(font: "Noto Serif", size: 9.5pt, lang: "vi")',
             '#set par(justify: true)',
             f"#place(top, float: true, scope: \"parent\", text(24pt, weight: \"bold\")[{esc(doc.title)}])"]
    for block in doc.blocks:
        if isinstance(block, Figure):
            lines.append(f'#figure(image("{block.path}", width: 100%), '
                         f"caption: [{esc(plain_text(block.caption))}])")
        elif isinstance(block, Heading):
            lines.append(f"== {esc(plain_text(block.text))}")
        else:
            paras = block.paragraphs
            for para in paras:
                lines.append(esc(plain_text(para)) + "\n")
    out = target / f"{source.stem}.typ"
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--only", help="run only cases whose name contains this")
    parser.add_argument("--cold", action="store_true",
                        help="no photo cache between runs (PIPELINE_CACHE_DIR empty)")
    args = parser.parse_args()
    if args.cold:
        os.environ["PIPELINE_CACHE_DIR"] = ""
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big = times_body(SAMPLE, 50, tmp / "big")
        copies = [shutil.copyfile(SAMPLE, tmp / "big" / f"copy{n:02}.yaml") for n in range(12)]
        ten = tmp / "big" / "pack-of-10.yaml"
        ten.write_text("kind: pack\ntitle: Mười bài\npublication: Báo Nghệ An\n"
                       "date: 2020-07-10\nitems:\n"
                       + "".join(f"  - {c.name}\n" for c in copies[:10]), encoding="utf-8")
        out = str(tmp / "out")
        cases = [
            ("sample: all files (2 layouts x PDF+DOCX, booklet)", [SAMPLE], []),
            ("sample: newsletter PDF", [SAMPLE], ["--layout", "newsletter", "--format", "pdf"]),
            ("50x body: newsletter PDF", [big], ["--layout", "newsletter", "--format", "pdf"]),
            ("sample: newsletter DOCX", [SAMPLE], ["--layout", "newsletter", "--format", "docx"]),
            ("50x body: newsletter DOCX", [big], ["--layout", "newsletter", "--format", "docx"]),
            ("sample: check only", [SAMPLE], None),
            ("sample: handout PDF (and booklet)", [SAMPLE], ["--layout", "handout", "--format",
                                                          "pdf"]),
            ("sample pack of 3 interviews: PDF (and booklet)", [PACK], ["--format", "pdf"]),
            ("sample pack of 3 interviews: PDF, booklet, DOCX", [PACK], []),
            ("sample issue of 3 interviews: PDF", [ISSUE], []),
            ("pack of 10 copies of the sample: PDF, booklet", [ten], ["--format", "pdf"]),
            ("12 copies of the sample: all files, one process (-j 1)", copies, ["-j", "1"]),
            (f"12 copies of the sample: all files, -j {os.cpu_count()} (the cores)", copies, []),
            ("sample: newsletter PDF/X-4 (--pdfx)", [SAMPLE],
             ["--layout", "newsletter", "--format", "pdf", "--pdfx"]),
        ]
        words = WORDS.format(root=str(ROOT), source=str(SAMPLE))
        cases += [
            ("sample: Vietnamese words, model loaded (no cache)",
             ["env", "PIPELINE_CACHE_DIR=", py, "-c", words], "code"),
            ("sample: Vietnamese words, from the cache",
             ["env", f"PIPELINE_CACHE_DIR={tmp / 'cache'}", py, "-c", words], "code"),
        ]
        rows = []
        for name, sources, extra in cases:
            if args.only and args.only not in name:
                continue
            if extra == "code":
                cmd = sources
            elif extra is None:
                cmd = [py, "-m", "pipeline", "check", "-q", *map(str, sources)]
            else:
                cmd = [py, "-m", "pipeline", "build", "-q", "-o", out, *map(str, sources), *extra]
            rows.append((name, *measure(cmd, args.runs, ROOT)))
        for label, source in (("peer: Typst, sample 2-column A4", SAMPLE),
                              ("peer: Typst, 50x body", big)):
            typ = typst_source(source, tmp)
            if typ and (not args.only or args.only in label):
                fonts = str(ROOT / "pipeline" / "fonts")
                code = (f"import typst; typst.compile({str(typ)!r}, output={out + '/p.pdf'!r}, "
                        f"root='/', font_paths=[{fonts!r}])")
                os.makedirs(out, exist_ok=True)
                rows.append((label, *measure([py, "-c", code], args.runs, ROOT)))
    width = max(len(r[0]) for r in rows)
    print(f"{'case':<{width}}  median s   max s   peak MB")
    for name, med, worst, peak in rows:
        print(f"{name:<{width}}  {med:8.3f}  {worst:6.3f}  {peak:8.1f}")


if __name__ == "__main__":
    main()
