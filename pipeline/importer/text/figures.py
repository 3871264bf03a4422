"""Photo captions, and the article's edges: closing thanks, byline, source, date, site junk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.importer.article import Para, Person
from pipeline.importer.text.markers import (BYLINE_RE, CREDIT_RE, DATE_NUM_RE, DATE_WORD_RE,
                                       DATELINE_PREFIX_RE, FILENAME_RE, SOURCE_RE, THANKS_RE,
                                       URL_RE, is_question, parse_marker, words)


@dataclass
class Hint:
    """What a paragraph turned out to be before turns are worked out."""

    role: str  # figure | consumed | flag | meta
    pieces: list[tuple[str, str]] = field(default_factory=list)
    caption: str = ""
    credit: str | None = None
    comments: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


def _same(a: str, b: str) -> bool:
    """The same line again, but for spacing and a final full stop (not case: "Á" is not a
    repeat of "á", and dropping it would lose a word)."""
    def norm(s: str) -> str:
        return " ".join(s.split()).rstrip(" .")
    return norm(a) == norm(b)


def caption_hint(text: str, need_credit: bool) -> Hint | None:
    """A figure for a caption line ("… - Ảnh: T.D"); without a credit only if not ``need_credit``."""
    if parse_marker(text).kind or is_question(text):
        return None
    m = CREDIT_RE.search(text)
    caption = text[:m.start()].strip() if m else text
    if m and (not caption or len(words(m.group("credit"))) > 8):
        m, caption = None, text
    if not caption or len(words(caption)) > 80 or (need_credit and not m):
        return None
    if not m:
        return Hint("figure", [("text", caption)], caption)
    prefix, credit = m.group("prefix"), m.group("credit").strip()
    if prefix.casefold() == "ảnh":
        pieces = [("text", caption), ("credit prefix", m.group("sep") + prefix + ":"),
                  ("text", credit)]
        return Hint("figure", pieces, caption, credit)
    pieces = [("text", caption), ("credit prefix", m.group("sep")), ("text", prefix),
              ("credit prefix", ":"), ("text", credit)]
    return Hint("figure", pieces, f"{caption} ({prefix})", credit)


def find_figures(paras: list[Para], start: int, title: str) -> dict[int, Hint]:
    hints: dict[int, Hint] = {}
    i = start
    while i < len(paras):
        text = paras[i].text
        nxt = paras[i + 1].text if i + 1 < len(paras) else None
        if FILENAME_RE.match(text):
            hints[i] = Hint("consumed", [("file-name alt text", text)], comments=[
                f"dropped image alt text {text!r} (a file name, not a caption)"])
            if nxt is not None and i + 2 <= len(paras) and (i + 2 == len(paras)
                                                          or not _same(nxt, paras[i + 2].text)):
                fig = caption_hint(nxt, need_credit=False)
                if fig and len(words(nxt)) <= 40:
                    fig.comments.append("caption guessed: the line after an image file name")
                    hints[i + 1] = fig
                    i += 1
        elif nxt is not None and _same(text, nxt) and (fig := caption_hint(text, False)):
            hints[i] = fig
            hints[i + 1] = Hint("consumed", [("duplicate caption", nxt)])
            i += 1
        elif i > 0 and _same(text, title):
            hints[i] = Hint("consumed", [("repeated headline", text)], comments=[
                "dropped a repeat of the headline (a photo's alt text)"])
        elif fig := caption_hint(text, need_credit=True):
            hints[i] = fig
        i += 1
    return hints


# A lone caption: one short sentence, no credit and no repeat, whose subject is an
# interviewee named in the third person ("Đồng chí Nguyễn Văn A trả lời phỏng vấn.").
LONE_CAPTION_WORDS = 30
_FIRST_PERSON = {"tôi", "ta", "mình", "tớ", "tao", "chúng"}  # chúng tôi, chúng ta, chúng em
# Words that make the name an object or a clause rather than the caption's subject
# ("… phỏng vấn đại biểu X", "Đó là nhận định của ông X").
_NOT_A_TITLE = {"với", "của", "cho", "và", "là", "theo", "từ", "về", "đã", "có", "được", "bị",
                "phỏng", "vấn", "trao", "đổi", "gặp", "nói", "hỏi", "khi", "tại", "trong",
                "này", "đó", "như", "thì", "mà", "nhưng", "rằng"}
_NEW_SENTENCE_RE = re.compile(r"[.!?…]\s+\W*[^\W\d_]")


def _one_plain_sentence(text: str) -> bool:
    if not text.endswith(".") or text.endswith("..") or len(text) > 220:
        return False
    if not 2 <= len(words(text)) <= LONE_CAPTION_WORDS or any(c in text for c in "?!:;…“”\"«»"):
        return False
    return not any(m.group(0)[-1].isupper() for m in _NEW_SENTENCE_RE.finditer(text[:-1]))


def _subject_match(text: str, person: Person) -> bool:
    """``text`` opens with ``person`` (full label, or full name of two words or more) after
    at most a few title words ("Đại biểu Quốc hội Lê Văn A …")."""
    forms = [person.label]
    if person.name and len(person.name.split()) >= 2:
        forms.append(person.name)
    for form in forms:
        m = re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, form.split())) + r"(?!\w)", text,
                      re.IGNORECASE)
        if not m or not m.group(0)[0].isupper():
            continue
        prefix = text[:m.start()]
        title = prefix.split()
        if not prefix.strip() or (
                len(title) <= 6 and title[0][0].isupper() and re.fullmatch(r"[\w. ]+", prefix)
                and not {w.casefold() for w in words(prefix)} & _NOT_A_TITLE):
            return True
    return False


def lone_caption(text: str, persons: list[Person]) -> Person | None:
    """The interviewee a standalone caption names in the third person, if ``text`` is one."""
    if parse_marker(text).kind or is_question(text) or not _one_plain_sentence(text):
        return None
    if DATELINE_PREFIX_RE.match(text) or CREDIT_RE.search(text):
        return None
    if {w.casefold() for w in words(text)} & _FIRST_PERSON:
        return None
    return next((p for p in persons if p.label != "TODO" and _subject_match(text, p)), None)


def date_of(text: str) -> str | None:
    if len(words(text)) > 12:
        return None
    m = DATE_NUM_RE.search(text) or DATE_WORD_RE.search(text)
    if not m:
        return None
    d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
    if 1 <= d <= 31 and 1 <= mo <= 12:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def meta_hint(text: str, after_thanks: bool, have: set[str]) -> Hint | None:
    """A closing line that belongs to the top-level keys rather than the body."""
    if URL_RE.match(text) and "url" not in have:
        return Hint("meta", [("url", text)], meta={"url": text})
    if (m := SOURCE_RE.match(text)) and "publication" not in have and len(words(text)) <= 8:
        return Hint("meta", [("source", text)], meta={"publication": m.group("src").strip()})
    if (m := BYLINE_RE.match(text)) and "byline" not in have and len(words(text)) <= 14:
        return Hint("meta", [("byline", text)], meta={"byline": m.group("who").strip(" -–,")})
    if (date := date_of(text)) and "date" not in have:
        return Hint("meta", [("dateline", text)], meta={"date": date})
    if after_thanks and "byline" not in have and len(words(text)) <= 10 and not is_question(text) \
            and not text.endswith((".", "!", ":", ";")) and text[:1].isupper():
        who, src = text, None
        if text.endswith(")") and "(" in text:
            who, src = text[:text.rindex("(")].strip(), text[text.rindex("(") + 1:-1].strip()
        if who:
            hint = Hint("meta", [("byline", who)], meta={"byline": who.strip(" -–,")})
            if src and "publication" not in have:
                hint.pieces.append(("source", f"({src})"))
                hint.meta["publication"] = src
            return hint
    return None


def find_thanks(paras: list[Para], start: int) -> int | None:
    """The closing thanks ("Xin cảm ơn ông!"), a short question turn near the end."""
    for i in range(len(paras) - 1, max(start, len(paras) - 8) - 1, -1):
        marker = parse_marker(paras[i].text)
        body = marker.body
        if THANKS_RE.search(body[:30]) and len(words(body)) <= 15 and not is_question(body) and (
                marker.kind in ("pv", "star", "dash") or body[:1].isupper() and len(words(body)) <= 12):
            return i
    return None


def find_tail(paras: list[Para], start: int,
              figures: dict[int, Hint]) -> tuple[int, dict[int, Hint], int | None]:
    """Index where the interview's closing lines begin, what each of them is, and where
    the closing thanks is (if any)."""
    hints: dict[int, Hint] = {}
    have: set[str] = set()
    thanks = find_thanks(paras, start)
    if thanks is not None:
        for i in range(thanks + 1, len(paras)):
            if i in figures:
                continue
            hint = meta_hint(paras[i].text, True, have)
            if hint is None:
                hint = Hint("flag", comments=["after the end of the interview: probably text from"
                                              " the website, not the article; delete it if so"])
            have.update(hint.meta)
            hints[i] = hint
        return thanks + 1, hints, thanks
    i = len(paras) - 1
    while i > start and i not in figures and (hint := meta_hint(paras[i].text, False, have)):
        have.update(hint.meta)
        hints[i] = hint
        i -= 1
    return i + 1, hints, None
