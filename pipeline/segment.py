"""Vietnamese words of texts (underthesea's CRF model, kept on disk by content hash)."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

# underthesea's word segmentation model, as its wheel ships it; run through its Rust core
# (underthesea_core) without importing underthesea itself (which costs 0.4 s and 100 MB).
MODEL = "ws_crf_vlsp2013_20230727"
VERSION = f"{MODEL}|tokens-v2"  # part of the cache key: a new model or tokenizing, new words
_CHUNK = r"^(\W*)(.*?)(\W*)$"  # compiled when first segmenting (a rebuild never does)
# ReportLab's white space (platypus.paragraph._wsc): where its lines may break; not U+00A0
GAP = re.compile("[\t-\r\x1c-\x1f \x85\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000]+")
# a number stays with the word before it ("lần thứ XX", "Số 25", "xóm 6"), as in print
_NUMBER = r"\d+([.,/-]\d+)*|[IVXLCDM]+"

_joins: dict[str, str] = {}  # text -> one "1"/"0" per space between its chunks
_expected: set[str] = set()  # texts that will be asked about: segmented with the first
_model: list = []  # [featurizer, tagger], once loaded
loads = 0  # how many times this process loaded the model (tests read it)


def joins(text: str) -> str:
    """For each white-space gap of ``text`` (between its ``chunks``), "1" where the gap is
    inside one word ("Đổi mới", "Đô Lương"): no line should break there; else "0"."""
    found = _joins.get(text)
    if found is None:
        prime([*_expected, text])
        _expected.clear()
        found = _joins[text]
    return found


def expect(text: str) -> None:
    """``text`` will be asked about: it is segmented with the first text asked about, all
    in one go (one cache file for a document's texts; the model loaded once, if at all)."""
    if text not in _joins:
        if len(_expected) > 100_000:  # never asked (a server's broken builds): stay bounded
            _expected.clear()
        _expected.add(text)


def prime(texts) -> None:
    """Segment every text not yet known, in one go: from the disk cache when this set of
    texts was segmented before (no model loaded), else with the model, then kept."""
    todo = sorted({t for t in texts if t not in _joins})
    if not todo:
        return
    if len(_joins) > 100_000:  # a long-running server: stay bounded
        _joins.clear()
    digest = hashlib.sha256("\0".join([VERSION, *todo]).encode()).hexdigest()
    found = _disk_get(digest, len(todo))
    if found is None:
        found = [_segment(t) for t in todo]
        _disk_put(digest, found)
    _joins.update(zip(todo, found))


def chunks(text: str) -> list[str]:
    """The text's runs between white space, as ReportLab's line breaking sees them."""
    return [c for c in GAP.split(text) if c]


def _segment(text: str) -> str:
    chunks_ = chunks(text)
    if len(chunks_) < 2:
        return ""
    tokens, starts, glued = [], [], []  # starts[i]: token index of chunk i's core
    for chunk in chunks_:
        lead, core, trail = re.match(_CHUNK, chunk, re.S).groups()
        if not core:  # punctuation alone ("–"): a token of its own, never inside a word
            starts.append(len(tokens))
            tokens.append(chunk)
            glued.append((False, False))
            continue
        if lead:
            tokens.append(lead)
        starts.append(len(tokens))
        tokens.append(core)
        if trail:
            tokens.append(trail)
        glued.append((not lead, not trail))
    tags = _tag(tokens)
    out = []
    for i in range(len(chunks_) - 1):
        number = (re.fullmatch(_NUMBER, chunks_[i + 1]) is not None
                  and re.fullmatch(_NUMBER, chunks_[i]) is None)  # not 1 2 3 ... as one
        inside = glued[i][1] and glued[i + 1][0] and (tags[starts[i + 1]] == "I-W" or number)
        out.append("1" if inside else "0")
    return "".join(out)


def _tag(tokens: list[str]) -> list[str]:
    global loads
    if not _model:
        import importlib.util
        import pickle

        from underthesea_core import CRFFeaturizer, CRFTagger

        spec = importlib.util.find_spec("underthesea")  # finds, does not import
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("the Vietnamese word model comes with underthesea: "
                                      "pip install -e . (or pip install underthesea)")
        base = Path(spec.submodule_search_locations[0]) / "pipeline" / "word_tokenize"
        folder = base / "models" / MODEL
        tagger = CRFTagger()
        tagger.load(str(folder / "models.bin"))
        with open(folder / "features.bin", "rb") as f:  # the installed package's own files
            features = pickle.load(f)
        with open(folder / "dictionary.bin", "rb") as f:
            dictionary = pickle.load(f)
        _model.extend((CRFFeaturizer(features, dictionary), tagger))
        loads += 1
    featurizer, tagger = _model
    return tagger.tag(featurizer.process([[[t] for t in tokens]])[0])


def _cache_dir() -> Path | None:
    from pipeline.writers.pdf.images import _cache_dir as photos

    return photos()  # beside the converted photos (PIPELINE_CACHE_DIR; empty: off)


def _disk_get(digest: str, count: int) -> list[str] | None:
    folder = _cache_dir()
    try:
        text = (folder / f"{digest}.words").read_text(encoding="ascii") if folder else None
    except (OSError, ValueError):
        return None
    found = text.split("\n") if text is not None else None  # one text's gaps a line
    ok = found is not None and len(found) == count and not text.strip("01\n")
    return found if ok else None


def _disk_put(digest: str, found: list[str]) -> None:
    folder = _cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"{digest}.{os.getpid()}.words.tmp"
        tmp.write_text("\n".join(found), encoding="ascii")
        os.replace(tmp, folder / f"{digest}.words")
    except OSError:
        pass  # a read-only cache: segment again next time
