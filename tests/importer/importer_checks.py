"""Shared checks for the importer tests: contract shape and the no-word-lost rule."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import yaml

from pipeline.importer.text.markers import CONSUMED, FILENAME_RE

KINDS = {"q", "a", "p", "figure", "quote", "heading"}
TOP = {"format", "title", "kicker", "lead", "publication", "issue", "date", "byline", "url",
       "event", "language", "people", "body"}
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200c\u200d\u2060\ufeff\u00ad"))
ZERO_WIDTH[0x200B] = " "  # a zero-width space is a word boundary


def words(text: str) -> list[str]:
    """Words as a reader counts them, after the documented character repairs."""
    text = text.translate(ZERO_WIDTH).replace("\u00d0", "Đ").replace("\u00f0", "đ")
    return re.findall(r"\w+", unicodedata.normalize("NFC", text))


def check_contract(data: dict) -> None:
    """The v1 contract's shape (source-format-v1.md), checked independently of the loader."""
    assert set(data) <= TOP, set(data) - TOP
    assert data.get("format", 1) == 1
    for key in ("title", "publication"):
        assert isinstance(data[key], str) and data[key].strip()
    assert isinstance(data["date"], dt.date)
    assert data["date"].year >= 1980
    people = data["people"]
    roles = {p["role"] for p in people.values()}
    assert roles == {"interviewer", "interviewee"}
    for person in people.values():
        assert set(person) <= {"label", "role", "name", "title"}
        assert isinstance(person["label"], str) and person["label"].strip()
    interviewees = [k for k, p in people.items() if p["role"] == "interviewee"]
    assert isinstance(data["body"], list) and data["body"]
    for block in data["body"]:
        kinds = KINDS & set(block)
        assert len(kinds) == 1, block
        kind = kinds.pop()
        assert isinstance(block[kind], str) and block[kind].strip()
        allowed = {"figure": {"caption", "credit", "alt"}, "q": {"by"}, "a": {"by"},
                   "quote": {"by"}}.get(kind, set())
        assert set(block) - {kind} <= allowed, block
        if kind == "figure":
            assert block["caption"].strip() and block[kind].startswith("images/")
        if kind == "a" and len(interviewees) > 1:
            assert block["by"] in interviewees
        if "by" in block:
            assert block["by"] in people


def text_values(data: dict) -> list[str]:
    """The output's text values in reading order: title, lead, then the body."""
    values = [data["title"], data.get("lead", "")]
    for block in data["body"]:
        if "figure" in block:
            values += [block["caption"], block.get("credit") or ""]
        else:
            values.append(next(block[k] for k in ("q", "a", "p", "quote", "heading") if k in block))
    return [v for v in values if v != "TODO"]


def _consumed_ok(piece, data: dict, before: list[str], yaml_text: str) -> bool:
    kind, text = piece.kind, piece.text
    w = [x.casefold() for x in words(text)]
    if kind == "question marker":
        return w in ([], ["p", "v"], ["pv"], ["phóng", "viên"])
    if kind in ("answer marker", "bullet"):
        return w == []
    if kind == "answer label":
        return any(w == [x.casefold() for x in words(p["label"])]
                   or w[-1:] == [x.casefold() for x in words(p["label"])][-1:]
                   for p in data["people"].values())
    if kind == "credit prefix":
        return w in ([], ["ảnh"])
    if kind == "duplicate caption":
        return any(words(" ".join(before[-n:])) == words(text) for n in range(1, 6))
    if kind == "repeated headline":
        return words(text) == words(data["title"])
    if kind == "file-name alt text":
        return bool(FILENAME_RE.match(text)) and text in yaml_text
    if kind == "byline":
        return words(data["byline"]) == words(text)[: len(words(data["byline"]))]
    if kind == "source":
        return words(data["publication"]) == words(text)[-len(words(data["publication"])):]
    if kind == "dateline":
        d = data["date"]
        return str(d.year) in text and str(d.day) in text
    if kind == "url":
        return data["url"] == text
    return False


def check_words(source: str, article, data: dict, yaml_text: str) -> None:
    """No word is lost: the input's words are the output's text values, in order, with only
    the documented consumed markers and labels in between."""
    trace_words = [w for piece in article.trace for w in words(piece.text)]
    assert words(source) == trace_words
    kept = [w for piece in article.trace if piece.kind == "text" and not piece.moved
            for w in words(piece.text)]
    moved = [w for piece in article.trace if piece.kind == "text" and piece.moved
             for w in words(piece.text)]
    if moved:  # a caption met before the lead: the body's first figure, printed after the lead
        head = len(words(data["title"] if data["title"] != "TODO" else "")) + len(
            words(data.get("lead", "")))
        assert data["body"][0].get("caption") and words(data["body"][0]["caption"]) == moved[
            :len(words(data["body"][0]["caption"]))]
        kept = kept[:head] + moved + kept[head:]
    assert kept == [w for value in text_values(data) for w in words(value)]
    before: list[str] = []
    for piece in article.trace:
        if piece.kind != "text":
            assert piece.kind in CONSUMED, piece
            assert _consumed_ok(piece, data, before, yaml_text), piece
        before.append(piece.text)


def load(yaml_text: str) -> dict:
    data = yaml.safe_load(yaml_text)
    check_contract(data)
    return data
