"""Values the text only hints at: people, the interviewer's label, the publication's name."""

from __future__ import annotations

import itertools
import re

from pipeline.importer.article import Person
from pipeline.importer.text.markers import _HON, DATELINE_PREFIX_RE, KNOWN_PREFIXES, canonical_honorific

_WITH_RE = re.compile(r"(?:trao đổi|phỏng vấn|trò chuyện|chia sẻ|gặp gỡ) với\s+(?P<hon>(?i:" + _HON
                      + r"))(?P<names>(?:\s+[A-ZĐÀ-ỸÂÊÔƠƯĂ][\w.]*){1,5})")
_NAME = r"[A-ZĐ][\w.]*(?: [A-ZĐ][\w.]*){0,4}"
_PUBLICATION_RES = [
    re.compile(r"\b(?P<p>(?:Báo|Tạp chí|Đài|Thông tấn xã)\s+" + _NAME + ")"),
    re.compile(r"(?i:phóng viên)\s+(?P<p>[A-ZĐ][A-ZĐ.]{1,12})\b"),
    re.compile(r"(?P<p>" + _NAME + r")\s+(?:đã\s+)?có cuộc (?:trao đổi|trò chuyện|phỏng vấn)"),
]


def interviewer_label(who: str | None) -> str:
    if who is None:
        return "P.V"
    flat = who.replace(" ", "").rstrip(".").casefold()
    return {"p.v": "P.V", "pv": "PV"}.get(flat, "Phóng viên")


class People:
    """The interviewees met in answer labels, in order, keyed nguoi1, nguoi2, …"""

    def __init__(self) -> None:
        self.persons: list[Person] = []
        self._parts: dict[str, tuple[str, list[str]]] = {}

    def get(self, key: str) -> Person | None:
        return next((p for p in self.persons if p.key == key), None)

    def find_or_add(self, label: str, names: list[str]) -> str:
        hon = label[: len(label) - len(" ".join(names))].strip().casefold()
        folded = [n.casefold() for n in names]
        for person in self.persons:
            p_hon, p_names = self._parts[person.key]
            short, long_ = sorted((folded, p_names), key=len)
            if person.label.casefold() == label.casefold() or (
                    hon == p_hon and long_[len(long_) - len(short):] == short):
                return person.key
        key = f"nguoi{len(self.persons) + 1}"
        self.persons.append(Person(key, label, "interviewee", name=" ".join(names)))
        self._parts[key] = (hon, folded)
        return key


def guess_interviewee(texts: list[str]) -> Person:
    for text in texts:
        m = _WITH_RE.search(text)
        if m:
            names = list(itertools.takewhile(lambda w: w[0].isupper(), m.group("names").split()))
            if not names:
                continue
            label = canonical_honorific(m.group("hon")).capitalize() + " " + " ".join(names)
            return Person("nguoi1", label, "interviewee", name=" ".join(names),
                          comment="label guessed from the introduction: the answers carry none")
    return Person("nguoi1", "TODO", "interviewee", comment="TODO: the answers carry no label;"
                  " write the words printed before each answer (e.g. Ông Nguyễn Văn A)")


def guess_publication(lead: list[str], texts: list[str]) -> tuple[str, str] | None:
    """(name, where it came from), from a dateline prefix ("TTO - ") or a mention."""
    if lead and (m := DATELINE_PREFIX_RE.match(lead[0])):
        abbr = m.group("abbr")
        return KNOWN_PREFIXES.get(abbr, abbr), f"guessed from '{abbr} -' at the start of the lead"
    for pattern in _PUBLICATION_RES:
        for text in texts:
            if m := pattern.search(text):
                return m.group("p").strip(" ."), f"guessed from the text ({m.group(0).strip()!r})"
    return None
