"""Load a YAML source, enforce the v1 contract with located errors, and build the model."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

from pipeline import contract, inline
from pipeline.assemble import assemble, optional_text
from pipeline.contract import Key
from pipeline.errors import Diagnostic, UserError, display_path
from pipeline.images import ImageProblem, check_decodes, probe
from pipeline.model import Document, Person
from pipeline.reading import NotReadable, kind_of, read_limited
from pipeline.textcheck import TextChecks
from pipeline.yamlload import Located, LoadError, load

MAX_FILE_BYTES = 5_000_000

_LANG = re.compile(contract.LANGUAGE_PATTERN)
_URL = re.compile(contract.URL_PATTERN)
_DATE = re.compile(contract.DATE_PATTERN)


def load_source(path: str | Path, *, draft: bool = False) -> Document:
    """The validated :class:`Document` of a source file; raises :class:`UserError` listing
    every problem found. ``draft`` turns missing images into warnings (placeholders)."""
    path = Path(path)
    name = display_path(path)
    try:
        raw = read_limited(path, MAX_FILE_BYTES, "a source holds one interview; put photos "
                           "in image files")
    except NotReadable as exc:
        raise UserError.at(name, 1, 1, str(exc)) from None
    except OSError as exc:
        raise UserError.at(name, 1, 1, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        located = load(raw, name)
    except LoadError as exc:
        raise UserError(exc.diagnostics) from None
    return _Validator(path, name, located, draft).document()


class _Validator(TextChecks):
    def __init__(self, path: Path, name: str, located: Located, draft: bool):
        self.path, self.name, self.loc, self.draft = path, name, located, draft
        self.folder = path.resolve().parent
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.probed: dict[Path, tuple[int, int]] = {}
        self.start_text_checks()

    # -- reporting -----------------------------------------------------------------
    def error(self, pos: tuple[int, int], message: str) -> None:
        self.errors.append(Diagnostic(self.name, pos[0], pos[1], message))

    def at_value(self, path: tuple, message: str) -> None:
        self.error(self.loc.value_pos(path), message)

    def at_key(self, path: tuple, message: str) -> None:
        self.error(self.loc.key_pos(path), message)

    # -- entry ---------------------------------------------------------------------
    def document(self) -> Document:
        data = self.loc.data
        if not isinstance(data, dict):
            raise UserError.at(self.name, 1, 1, "the file must be a mapping of keys "
                               "(title:, date:, people:, body:, …), one per line")
        self.check_keys(data, (), contract.TOP, "the source", top=True)
        people = self.people(data.get("people"))
        blocks = self.body(data.get("body"), people)
        self.check_characters(data, ())
        self.report_unlisted_chars()
        if self.errors:
            raise UserError(self.errors)
        return self.build(data, people, blocks)

    # -- generic mapping checks ----------------------------------------------------
    def check_keys(self, data: dict, path: tuple, keys: tuple[Key, ...], what: str,
                   top: bool = False, skip: frozenset = frozenset()) -> None:
        known = {k.name: k for k in keys}
        for key in data:
            if key in known or key in skip:
                continue
            hint = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
            tip = f"; did you mean `{hint[0]}`?" if hint else (
                f"; {what} takes: {', '.join(known)}")
            self.at_key(path + (key,), f"unknown key `{key}`{tip}")
        for key in keys:
            if key.required and key.name not in data:
                pos = (1, 1) if top else self.loc.value_pos(path)
                self.error(pos, f"missing required key `{key.name}` in {what} "
                           f"({key.description.rstrip('.')})")
            elif key.name in data:
                self.check_value(data[key.name], path + (key.name,), key)

    def check_value(self, value, path: tuple, key: Key) -> None:
        kind = key.type
        if kind in ("people", "body"):
            return  # checked by their own methods
        if kind == "format":
            if value != "1":
                self.at_value(path, f"`format: {value}` is not supported; this pipeline "
                              "reads format 1 (write `format: 1` or leave it out)")
            return
        if value is None or isinstance(value, str) and not value.strip():
            self.at_value(path, f"`{key.name}` is empty; write a value after "
                          f"`{key.name}:` ({key.description.rstrip('.')}) or remove the key")
            return
        if not isinstance(value, str):
            what = "a list" if isinstance(value, list) else "a mapping"
            self.at_value(path, f"`{key.name}` must be text, not {what}; write it on the "
                          "same line, in quotes if it contains a colon")
            return
        if kind == "date" and not _valid_date(value):
            self.at_value(path, f"`date: {value}` is not a valid date; write it as "
                          "YYYY-MM-DD, for example 2020-07-10")
        elif kind == "url" and not _URL.match(value):
            self.at_value(path, f"`url: {value}` is not a web address; it must start "
                          "with http:// or https://")
        elif kind == "language" and not _LANG.match(value):
            self.at_value(path, f"`language: {value}` is not a language tag; use a BCP 47 "
                          "tag such as vi, en or vi-VN")
        elif kind == "role" and value not in contract.ROLES:
            self.at_value(path, f"`role: {value}` is not a role; write `interviewer` or "
                          "`interviewee`")

    # -- people --------------------------------------------------------------------
    def people(self, value) -> dict[str, Person]:
        path = ("people",)
        if value is None:
            if path in self.loc.keys:
                self.at_value(path, "`people` is empty; list the interviewer and the "
                              "interviewee (see `pipeline new`)")
            return {}
        if not isinstance(value, dict):
            self.at_value(path, "`people` must be a mapping: a short key per person, then "
                          "label: and role: indented under it")
            return {}
        people: dict[str, Person] = {}
        for key, person in value.items():
            ppath = path + (key,)
            if not isinstance(person, dict):
                self.at_value(ppath, f"person `{key}` must be a mapping with label: and "
                              "role: indented under it")
                continue
            self.check_keys(person, ppath, contract.PERSON, f"person `{key}`")
            if all(isinstance(person.get(k), str) and person[k].strip()
                   for k in ("label", "role")) and person["role"] in contract.ROLES:
                people[key] = Person(key, inline.normalize(person["label"]), person["role"],
                                     optional_text(person.get("name")), optional_text(person.get("title")))
        if len(people) == len(value):
            roles = {p.role for p in people.values()}
            for role in contract.ROLES:
                if role not in roles:
                    self.at_key(path, f"`people` needs at least one {role} "
                                f"(a person with `role: {role}`)")
        return people

    # -- body ----------------------------------------------------------------------
    def body(self, value, people: dict[str, Person]) -> list:
        path = ("body",)
        if value is None or value == []:
            if path in self.loc.keys:
                self.at_value(path, "`body` is empty; add at least one block, "
                              "for example `- q: …`")
            return []
        if not isinstance(value, list):
            self.at_value(path, "`body` must be a list of blocks, each starting with `- `")
            return []
        return [self.block(item, path + (i,), people) for i, item in enumerate(value)]

    def block(self, item, path: tuple, people: dict[str, Person]):
        kinds_list = ", ".join(contract.BLOCKS)
        if not isinstance(item, dict):
            self.at_value(path, f"a block must be a mapping such as `- q: …`; "
                          f"its kind is one of {kinds_list}")
            return None
        kinds = [k for k in item if k in contract.BLOCKS]
        if not kinds:
            self.check_keys(item, path, (), "a block", skip=frozenset())
            self.at_value(path, f"this block has no kind; start it with one of {kinds_list}")
            return None
        if len(kinds) > 1:
            self.at_key(path + (kinds[1],), f"this block has two kinds (`{kinds[0]}` and "
                        f"`{kinds[1]}`); split it into two list items, each starting with `- `")
            return None
        kind = kinds[0]
        self.check_keys(item, path, contract.BLOCKS[kind], f"a `{kind}` block")
        speaker = self.speaker(item, path, kind, people)
        if kind == "figure" and isinstance(item.get("figure"), str) and item["figure"].strip():
            return kind, speaker, self.image(item["figure"], path + ("figure",))
        return kind, speaker, None

    def speaker(self, item: dict, path: tuple, kind: str, people: dict[str, Person]):
        by = item.get("by")
        if isinstance(by, str) and by.strip():
            if by not in people:
                if people:
                    self.at_value(path + ("by",), f"`by: {by}` names no person; "
                                  f"people are: {', '.join(people)}")
                return None
            return people[by]
        role = contract.DEFAULT_ROLE.get(kind)
        if role is None or not people:
            return None
        candidates = [p for p in people.values() if p.role == role]
        if len(candidates) > 1:
            keys = ", ".join(p.key for p in candidates)
            verb = "asks" if kind == "q" else "answers"
            self.at_key(path + (kind,), f"there is more than one {role} ({keys}); say who "
                        f"{verb} with `by:` on this block")
            return None
        return candidates[0] if candidates else None

    def image(self, src: str, path: tuple):
        if "\0" in src:
            self.at_value(path, f"the image name `{src}` contains a NUL character (\\x00); "
                          "delete it from the name")
            return None
        try:
            target = (self.folder / src).resolve()
            mode = target.stat().st_mode if target.exists() else None
        except OSError as exc:  # a name too long for the file system, a loop of links, …
            self.at_value(path, f"cannot use the image name `{src}`: {exc.strerror or exc}; "
                          "give the photo a shorter, plain file name")
            return None
        try:
            target.relative_to(self.folder)
        except ValueError:
            self.at_value(path, f"the image `{src}` is outside the source's folder; copy it "
                          "into the folder (for example images/) and give a relative path")
            return None
        if mode is not None and kind_of(mode) is not None:
            self.at_value(path, f"the image `{src}` is {kind_of(mode)}, not an image file; "
                          "name a JPEG or PNG file")
            return None
        if mode is None:
            message = (f"image file `{src}` not found (looked in {display_path(target.parent)}); "
                       "check the spelling or put the photo there")
            if self.draft:
                line, col = self.loc.value_pos(path)
                self.warnings.append(Diagnostic(self.name, line, col,
                                                message + "; a placeholder is printed", "warning"))
                return target, None, "jpeg", 1
            self.at_value(path, message)
            return None
        if target in self.probed:
            return target, *self.probed[target]
        try:
            kind, width, height = probe(target)
            orientation = check_decodes(target, kind, width, height)
        except ImageProblem as exc:
            self.at_value(path, f"`{src}`: {exc}")
            return None
        except OSError as exc:
            self.at_value(path, f"cannot read the image `{src}`: {exc.strerror or exc}")
            return None
        if orientation >= 5:  # shown turned a quarter: the page sees it as tall as wide
            width, height = height, width
        self.probed[target] = ((width, height), kind, orientation)
        return target, (width, height), kind, orientation

    def build(self, data: dict, people: dict[str, Person], checked: list) -> Document:
        return assemble(self.path, data, people, checked, self.loc, self.draft,
                        tuple(self.warnings))


def _valid_date(value: str) -> bool:
    if not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True
