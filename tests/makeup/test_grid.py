"""The baseline grid, read back from built PDFs: body lines on lines of the body leading
counted from each column's top, so that lines across columns align (issue 10 item 5)."""

import pytest

from tests.makeup.generated import DISPLAY, TEXT, built, sample
from tests.makeup.printed_lines import off_grid, on_grid, read, shared

SEEDS = (0, 1, 2)


def test_the_sample_newsletters_right_column_lines_sit_on_the_left_columns_grid():
    pdf, layout = sample("newsletter")
    hit, total = on_grid(read(pdf, layout), layout)
    assert total > 80 and hit / total >= 0.9, f"{hit} of {total} on the grid"


@pytest.mark.parametrize("seed", SEEDS)
def test_text_in_two_columns_shares_nine_baselines_in_ten(seed):
    pdf, layout = built(TEXT, seed, "newsletter")
    hit, total = shared(read(pdf, layout), layout)
    assert total > 80 and hit / total >= 0.9, f"{hit} of {total} share a baseline"


@pytest.mark.parametrize("seed", SEEDS)
def test_headings_and_quotes_take_whole_grid_lines(seed):
    pdf, layout = built(DISPLAY, seed, "newsletter")
    hit, total = on_grid(read(pdf, layout), layout)
    assert total > 80 and hit / total >= 0.9, f"{hit} of {total} on the grid"


@pytest.mark.parametrize("source", ["sample", *SEEDS])
def test_the_handouts_body_lines_are_on_one_grid_on_every_page(source):
    pdf, layout = sample("handout") if source == "sample" else built(DISPLAY, source, "handout")
    leading = layout.styles["Body Text"].leading
    for n, page in enumerate(read(pdf, layout), 1):
        lines = page.columns[0].baselines(layout)
        off = [round(off_grid(y, lines[0], leading), 1) for y in lines]
        assert max(off, default=0) <= 0.5, f"page {n}: {off}"
