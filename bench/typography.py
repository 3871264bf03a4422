"""Typographic quality of built PDFs: word spaces, rivers, page fill, column bottoms, baselines.

Usage: python bench/typography.py [--layout NAME]... [--no-corpus] [--spacing FILE] [PDF ...]
(from the project root; needs pdfplumber). Not a timed test: builds the sample, and the
corpus articles (../shared/corpus/*.txt, imported with `pipeline import`, built as drafts),
or measures the PDFs given. Word-space ratios and rivers are measured by
../shared/tools/spacing.py (the issue's method); page fill and column bottoms here:
  fill      content bottom of a page (the lowest text, photo or draft placeholder inside the
            type area: the masthead, the head and captions count), as a share of the type
            area's height, from its top
  (spacing.py assumes two columns: one-column layouts are measured as one column)
  spread    on each page but the last, max - min of the columns' bottoms (last body baseline
            or photo), in mm; the table shows the worst page
  grid      share of right-column body lines on the left column's baseline grid (its first
            baseline plus whole body leadings, within 0.5 pt): lines beside a left-column
            photo count, which `shared` cannot
  shared    share of right-column body lines whose baseline is within 0.5 pt of a
            left-column line on the same page (baseline alignment)
  short     columns on a page but the last that end more than a body line above their foot
            (two where the next column begins with a group that may not be split), as
            tests/makeup/test_full_pages.py counts them
  pages     the page count; pad: how many of them are padding (lined "Ghi chú" notes pages
            without body text), not counted in the fill
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "source" / "bao-nghe-an.yaml"
# ../shared beside the project (a worktree one folder deeper: ../../shared)
SHARED = next((d for d in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if d.is_dir()),
              ROOT.parent / "shared")
CORPUS = SHARED / "corpus"
SPACING = SHARED / "tools" / "spacing.py"
MM = 72 / 25.4


def load_spacing(path: Path):
    spec = importlib.util.spec_from_file_location("spacing", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class OneColumn:
    """pdfplumber as spacing.py sees it, with every glyph left of the middle: spacing.py
    splits pages into two columns at half their width, which cuts one-column lines in two."""

    def __init__(self, real):
        self.real = real

    def open(self, path):
        return _Wide(self.real.open(path))


class _Wide:
    def __init__(self, pdf):
        self.pdf = pdf
        self.pages = [type("Page", (), dict(width=2 * p.width, height=p.height, chars=p.chars))
                      for p in pdf.pages]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.pdf.close()


def build(sources: list[Path], layout: str, out: Path, draft: bool) -> list[Path]:
    cmd = [sys.executable, "-m", "pipeline", "build", "-q", "-o", str(out), "--layout", layout,
           "--format", "pdf", *(["--draft"] if draft else []), *map(str, sources)]
    subprocess.run(cmd, cwd=ROOT, check=True)
    return [out / s.stem / f"{layout}.pdf" for s in sources]


def import_corpus(target: Path) -> list[Path]:
    out = []
    for article in sorted(CORPUS.glob("*.txt")):
        yaml = target / f"{article.stem}.yaml"
        subprocess.run([sys.executable, "-m", "pipeline", "import", str(article), "-o", str(yaml),
                        "--force"], cwd=ROOT, check=True, capture_output=True)
        out.append(yaml)
    return out


def pages_report(spacing, path: Path, one_column: bool) -> dict:
    """Fill per page, column-bottom spread and shared baselines, from the body lines."""
    import pdfplumber

    lines, _, _ = spacing.extract_lines(str(path))
    deepest, spreads, shared, total, on_grid = [], [], 0, 0, 0
    leading = _layout(path).styles["Body Text"].leading
    with pdfplumber.open(str(path)) as pdf:
        npages, height = len(pdf.pages), pdf.pages[0].height
        top, bottom = _area(path, height)
        padding = {pno for pno, page in enumerate(pdf.pages, 1)
                   if not page.images and "Ghi chú" in (page.extract_text() or "")
                   and not any(ln["page"] == pno and ln.get("body") for ln in lines)}
        last = max(set(range(1, npages + 1)) - padding, default=npages)
        for pno, page in enumerate(pdf.pages, 1):
            if pno in padding:
                continue
            body = [ln for ln in lines if ln["page"] == pno and ln.get("body")]
            bottoms: dict[int, float] = {}
            for ln in body:
                bottoms[ln["col"]] = max(bottoms.get(ln["col"], 0.0), ln["y"])
            for im in page.images:  # photos end columns too
                col = 0 if one_column or (im["x0"] + im["x1"]) / 2 < page.width / 2 else 1
                bottoms[col] = max(bottoms.get(col, 0.0), im["bottom"])
            # anything else in the type area (a caption, a draft's photo placeholder, the
            # head) counts for the fill, not for the columns' bottoms
            inside = [o["bottom"] for o in (*page.chars, *page.rects)
                      if top - 1 <= o["top"] and o["bottom"] <= bottom + 1]
            deepest.append(max([*bottoms.values(), *inside], default=0.0))
            if pno == last:
                continue
            if len(bottoms) > 1:
                spreads.append((max(bottoms.values()) - min(bottoms.values())) / MM)
            left = [ln["y"] for ln in body if ln["col"] == 0]
            right = [ln["y"] for ln in body if ln["col"] == 1]
            total += len(right)
            shared += sum(any(abs(y - x) <= 0.5 for x in left) for y in right)
            if left:
                on_grid += sum(min((y - left[0]) % leading, -(y - left[0]) % leading) <= 0.5
                               for y in right)
    fill = [max(0.0, min(1.0, (y - top) / (bottom - top))) for y in deepest]
    return dict(pages=npages, padding=len(padding), fill=fill, spread=spreads,
                shared=shared / total if total else float("nan"),
                grid=on_grid / total if total else float("nan"))


def short_columns(path: Path) -> int:
    sys.path.insert(0, str(ROOT))
    from tests.makeup.test_full_pages import short_columns as find

    return len(find(path.read_bytes(), _layout(path)))


def _layout(path: Path):
    sys.path.insert(0, str(ROOT))
    from pipeline.layouts import available, load_layout

    return load_layout(available()[path.stem])


def _columns(path: Path) -> int:
    return _layout(path).columns


def _area(path: Path, height: float) -> tuple[float, float]:
    """Top and bottom of the type area, top-down points, from the layout the file names."""
    sys.path.insert(0, str(ROOT))
    from pipeline.layouts import available, load_layout

    layout = load_layout(available()[path.stem])
    offset = (height - layout.height) / 2
    return offset + layout.margin["top"], offset + layout.height - layout.margin["bottom"]


def report(spacing, path: Path, label: str) -> dict:
    import pdfplumber

    one_column = _columns(path) == 1
    spacing.pdfplumber = OneColumn(pdfplumber) if one_column else pdfplumber
    r = spacing.analyse(str(path))
    p = pages_report(spacing, path, one_column)
    fill = " ".join(f"{100 * f:.0f}" for f in p["fill"])
    p["short"] = short_columns(path)
    spread = max(p["spread"], default=0.0)
    print(f"{label:<44} {r['justified']:>5} {r['median']:5.2f} {r['p95']:5.2f} "
          f"{100 * r['gt15']:5.1f}% {100 * r['gt20']:5.1f}% {r['rivers_per_1000_lines']:6.1f} "
          f"{spread:6.1f} {100 * p['grid']:5.0f}% {100 * p['shared']:5.0f}% {p['short']:5} "
          f"{p['pages']:5} "
          f"{p['padding']:3}  {fill}",
          flush=True)
    return dict(r, **p)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--layout", action="append", help="default: newsletter and handout")
    parser.add_argument("--no-corpus", action="store_true")
    parser.add_argument("--spacing", type=Path, default=SPACING, help="spacing.py to use")
    args = parser.parse_args()
    spacing = load_spacing(args.spacing)
    print(f"{'pdf':<44} {'lines':>5} {'med':>5} {'p95':>5} {'>1.5':>6} {'>2.0':>6} {'riv/1k':>6} "
          f"{'spread':>6} {'grid':>6} {'shared':>6} {'short':>5} {'pages':>5} {'pad':>3}  fill % per page")
    if args.pdfs:
        for pdf in args.pdfs:
            report(spacing, pdf, pdf.name)
        return
    corpus = CORPUS.is_dir() and not args.no_corpus
    summary: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        drafts = import_corpus(tmp / "corpus") if corpus else []
        for layout in args.layout or ["newsletter", "handout"]:
            [sample] = build([SAMPLE], layout, tmp / "out", draft=False)
            summary.setdefault(layout, []).append(report(spacing, sample, f"sample {layout}"))
            for pdf in build(drafts, layout, tmp / "out", draft=True) if drafts else []:
                summary[layout].append(report(spacing, pdf, f"{pdf.parent.name[:30]} {layout}"))
    for layout, rows in summary.items():
        med = statistics.median(r["median"] for r in rows)
        worst = max(r["gt20"] for r in rows)
        print(f"{layout}: median of medians {med:.2f}, worst share over 2x {100 * worst:.1f} %")


if __name__ == "__main__":
    main()
