"""Round trip: source -> DOCX -> import gives the same source back (blocks, speakers, text with
its bold and italic, figures, top-level fields), also after LibreOffice re-saved the DOCX."""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.model import Figure
from pipeline.source import load_source
from tests.importer_docx.helpers import (
    SAMPLE,
    build_docx,
    import_to,
    kept,
    random_source,
)


def test_the_sample_comes_back_from_each_layout(built, tmp_path):
    original = load_source(SAMPLE)
    for layout in ("newsletter", "handout"):
        docx, _, _ = built[f"sample-{layout}"]
        result = import_to(docx, tmp_path / layout / "interview.yaml")
        back = load_source(tmp_path / layout / "interview.yaml")
        assert kept(back, layout) == kept(original, layout)
        assert result.warnings == []


def test_the_sample_keeps_its_block_structure_exactly(built, tmp_path):
    """The sample has no adjacent p blocks, so even block boundaries and kinds come back."""
    original = load_source(SAMPLE)
    import_to(built["sample-newsletter"][0], tmp_path / "interview.yaml")
    back = load_source(tmp_path / "interview.yaml")
    assert [b.kind for b in back.blocks] == [b.kind for b in original.blocks]
    assert [getattr(b, "paragraphs", None) for b in back.blocks] == [
        getattr(b, "paragraphs", None) for b in original.blocks]
    assert {k: (p.label, p.role, p.name, p.title) for k, p in back.people.items()} == {
        "pv": ("P.V", "interviewer", None, None),
        "dinh": ("Đồng chí Nguyễn Nam Đình", "interviewee", "Nguyễn Nam Đình",
                 "Bí thư Đảng ủy Khối Các cơ quan tỉnh")}


def test_photos_are_written_next_to_the_yaml_byte_for_byte(built, tmp_path):
    out = tmp_path / "sub" / "bai.yaml"
    import_to(built["sample-handout"][0], out)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    paths = [b["figure"] for b in data["body"] if "figure" in b]
    originals = [b.path for b in load_source(SAMPLE).blocks if isinstance(b, Figure)]
    assert paths == [f"images/bai-{n:02d}.jpg" for n in range(1, 9)]
    for path, original in zip(paths, originals):
        assert (out.parent / path).read_bytes() == original.read_bytes()


def test_photos_already_in_the_folder_keep_their_names(built, sample_copy):
    """Imported next to the original source, the figures point at the original files."""
    out = sample_copy.with_name("edited.yaml")
    import_to(built["sample-newsletter"][0], out)
    back = load_source(out)
    assert [b.src for b in back.blocks if isinstance(b, Figure)] == [
        b.src for b in load_source(SAMPLE).blocks if isinstance(b, Figure)]
    assert sorted(p.name for p in (sample_copy.parent / "images").iterdir()) == sorted(
        p.name for p in (SAMPLE.parent / "images").iterdir())


def test_the_yaml_names_its_origin_and_stays_readable(built, tmp_path):
    import_to(built["sample-newsletter"][0], tmp_path / "x.yaml")
    text = (tmp_path / "x.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema.json\n# Imported from "
                           "bao-nghe-an-newsletter.docx (built from bao-nghe-an.yaml)")
    assert "  - a: |-\n      Trong nhiệm kỳ qua," in text  # block scalars, not quoted strings
    assert "  - quote: “Đoàn kết – Nêu gương – Kỷ cương – Đổi mới – Hiệu quả”\n    by: dinh\n" \
        in text


def test_markup_inside_bold_paragraph_styles_comes_back(built, tmp_path):
    """Questions, lead, pull quote and heading are bold: their **bold** and ***both*** are the
    "… in Bold" character styles (which set no bold), their labels Speaker in Bold."""
    import zipfile

    for layout in ("newsletter", "handout"):
        docx, source, _ = built[f"marked-{layout}"]
        with zipfile.ZipFile(docx) as z:
            document = z.read("word/document.xml").decode()
        for sid in ("SpeakerInBold", "StrongInBold", "StrongEmphasisInBold", "Emphasis"):
            assert f'w:rStyle w:val="{sid}"' in document
        result = import_to(docx, tmp_path / layout / "x.yaml")
        back = load_source(tmp_path / layout / "x.yaml")
        assert kept(back, layout) == kept(load_source(source), layout)
        assert result.warnings == []
    text = (tmp_path / "newsletter" / "x.yaml").read_text(encoding="utf-8")
    assert "  - q: Thưa ông, **nhiệm kỳ** qua có gì *mới* và ***đáng nhớ***?\n" in text
    assert "  - heading: Mục **đậm** và *nghiêng*\n" in text


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_generated_sources_come_back(rnd):
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        source = random_source(rnd, base / "src")
        original = load_source(source)
        for layout, docx in build_docx(source, base / "docx").items():
            out = base / layout / "x.yaml"
            import_to(docx, out)
            assert kept(load_source(out), layout) == kept(original, layout)


@pytest.mark.parametrize("name", ["sample-newsletter", "sample-handout", "marked-newsletter",
                                  "marked-handout", "gen1-newsletter",
                                  "gen2-handout", "gen3-newsletter", "gen5-handout",
                                  "gen8-newsletter", "gen8-handout"])
def test_the_same_holds_after_libreoffice_resaved_the_docx(built, resaved, tmp_path, name):
    _, source, layout = built[name]
    if source != SAMPLE:  # the generated source's photos, for loading the original
        shutil.copytree(source.parent, tmp_path / "src")
        source = tmp_path / "src" / source.name
    out = tmp_path / "imported" / "x.yaml"
    result = import_to(resaved[name], out)
    assert kept(load_source(out), layout) == kept(load_source(source), layout)
    before = import_to(built[name][0], tmp_path / "direct" / "x.yaml")
    assert [w.message for w in result.warnings] == [w.message for w in before.warnings]


def test_libreoffice_really_changed_the_package(built, resaved):
    """The re-saved files differ where it matters: renamed styles and split runs."""
    import zipfile

    with zipfile.ZipFile(resaved["sample-newsletter"]) as z:
        styles = z.read("word/styles.xml").decode()
        document = z.read("word/document.xml").decode()
    assert 'w:styleId="Caption1"' in styles  # the contract's Caption under another id
    assert "<w:t>“</w:t>" in document  # a run split in two
    with zipfile.ZipFile(resaved["sample-newsletter"]) as z:  # but the source properties kept
        assert 'name="Source people"' in z.read("docProps/custom.xml").decode()
    with zipfile.ZipFile(built["sample-newsletter"][0]) as z:
        assert z.read("word/document.xml").decode() != document


def test_a_random_source_generator_makes_valid_sources(tmp_path):
    for seed in range(10):
        load_source(random_source(random.Random(seed), tmp_path / str(seed)))
