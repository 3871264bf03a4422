"""People read back from a DOCX: speaker labels, the interviewee line, keys for the YAML."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pipeline import inline

_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


@dataclass
class Person:
    key: str
    label: str
    role: str  # interviewer | interviewee
    name: str | None = None
    title: str | None = None
    comment: str | None = None
    named: bool = False  # the source stated ``name`` even where it equals the label


def ascii_slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"[^a-z0-9]+", "-", text.encode("ascii", "ignore").decode().lower()).strip("-")


class People:
    def __init__(self):
        self.people: list[Person] = []

    def by_label(self, label: str) -> Person | None:
        label = inline.normalize(label)
        return next((p for p in self.people if p.label == label), None)

    def speaker(self, label: str, role: str) -> Person:
        """The person printed as ``label``, added with ``role`` on first sight."""
        return self.by_label(label) or self._add(inline.normalize(label), role)

    def _add(self, label: str, role: str, name: str | None = None, title: str | None = None,
             comment: str | None = None) -> Person:
        person = Person(self._key(label, role, name), label, role, name, title, comment)
        self.people.append(person)
        return person

    def _key(self, label: str, role: str, name: str | None, taken=()) -> str:
        word = (name or label).split()[-1:] if role == "interviewee" else [label]
        base = ascii_slug(" ".join(word)).replace("-", "") or (
            "pv" if role == "interviewer" else "nguoi")
        if base[0].isdigit() or base in _YAML_WORDS:
            base = "p" + base
        key, n = base, 2
        while key in taken or any(p.key == key for p in self.people):
            key, n = f"{base}{n}", n + 1
        return key

    def restore(self, stored: list[dict]) -> None:
        """Keys, and what the DOCX does not print (an interviewer's name and title, people
        it never names), from the people the writer stored. What is printed wins: a person
        is matched by label and role (an interviewee named only in the interviewee line, by
        name), and takes the printed name and title of an interviewee."""
        found: list[Person] = []
        for s in stored:
            label, name = s["label"], s.get("name") or None
            match = next((p for p in self.people if p not in found and p.role == s["role"]
                          and p.label == label), None) or next(
                (p for p in self.people if p not in found and p.role == s["role"] == \
                 "interviewee" and p.label == p.name == (name or label)), None)
            if match is not None:
                match.key, match.label = s["key"], label
                if match.role == "interviewer":
                    match.name, match.title = name, s.get("title") or None
                match.named = name is not None and match.name == name
            elif s.get("printed") is False:
                match = Person(s["key"], label, s["role"], name, s.get("title") or None,
                               named=name is not None)
            else:
                continue  # printed, but no longer: edited away
            found.append(match)
        taken = {p.key for p in found}
        rest = [p for p in self.people if p not in found]
        self.people = found
        for person in rest:
            if person.key in taken:
                person.key = self._key(person.label, person.role, person.name, taken)
            taken.add(person.key)
            self.people.append(person)

    def interviewee_lines(self, lines: list[str]) -> None:
        """Name and office lines ("Name – Title") matched to the interviewees who speak."""
        pending = []
        for line in lines:
            name, _, title = (part.strip() for part in line.partition(" – "))
            if not name:
                continue
            match = next((p for p in self.people if p.role == "interviewee" and p.name is None
                          and name.casefold() in p.label.casefold()), None)
            if match:
                match.name, match.title = name, title or None
            else:
                pending.append((name, title or None))
        loose = [p for p in self.people if p.role == "interviewee" and p.name is None]
        for person, (name, title) in zip(loose, pending):
            person.name, person.title = name, title
        for name, title in pending[len(loose):]:
            self._add(name, "interviewee", name, title)

    def attribution(self, text: str) -> Person | None:
        """The person a pull quote's "— Name" line names, if any."""
        if not text.startswith("— "):
            return None
        who = inline.normalize(text[2:])
        return next((p for p in self.people if (p.name or p.label) == who), None) or next(
            (p for p in self.people if who in (p.name, p.label)), None)

    def complete(self) -> list[str]:
        """Add a stand-in for a missing role (the contract wants both); returns warnings."""
        notes = []
        for role, label in (("interviewer", "P.V"), ("interviewee", "TODO")):
            if not any(p.role == role for p in self.people):
                self._add(label, role, comment=f"TODO: no {role} was found in the DOCX; "
                          "check this person")
                notes.append(f"no {role} was found (no turn or line names one); a stand-in "
                             f"`{label}` is written, check it")
        return notes

    def by_for(self, person: Person, kind: str) -> str | None:
        """The ``by:`` a q/a block needs: none when the person is the only one of the role
        the block defaults to."""
        role = "interviewer" if kind == "q" else "interviewee"
        if person.role == role and sum(p.role == role for p in self.people) == 1:
            return None
        return person.key
