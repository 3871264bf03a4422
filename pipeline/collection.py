"""Load a collection file (a pack or a newsletter issue), check it and every item it lists."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline import collection_contract as contract
from pipeline import inline
from pipeline.assemble import optional_text
from pipeline.errors import UserError, display_path
from pipeline.model import Document
from pipeline.reading import NotReadable, read_limited
from pipeline.source import _Validator, load_source
from pipeline.yamlload import LoadError, load

MAX_FILE_BYTES = 1_000_000
MAX_ITEMS = 200
# A collection names its kind or its items at the top level; an interview source has neither.
_TOP_KEY = re.compile(rb"^(kind|items)[ \t]*:", re.M)
_ITEM_NAME = re.compile(r"\.ya?ml$")


@dataclass(frozen=True)
class Cover:
    """The cover photo: absolute path, shown pixel size (EXIF orientation applied)."""

    path: Path
    pixels: tuple[int, int] | None
    image_format: str = "jpeg"
    orientation: int = 1

    @property
    def aspect(self) -> float:
        return self.pixels[1] / self.pixels[0] if self.pixels else 2 / 3


@dataclass(frozen=True)
class Collection:
    """A pack or an issue: its own fields and the validated documents of its items."""

    source_path: Path
    kind: str
    title: str
    publication: str
    date: dt.date
    items: tuple[Document, ...]
    issue: str | None = None
    event: str | None = None
    place: str | None = None
    cover: Cover | None = None
    back_cover: tuple[str, ...] = ()  # a pack's back cover: its paragraphs
    language: str = "vi"
    warnings: tuple = ()
    kind_at: tuple[int, int] = (1, 1)  # where `kind:` is written, for errors about it

    @property
    def stem(self) -> str:
        return self.source_path.stem

    @property
    def family(self) -> str:
        """The layout family the collection is built with (handout or newsletter)."""
        return contract.FAMILY[self.kind]

    def as_document(self) -> Document:
        """The collection as a document without body: its title, date, publisher and
        language for metadata and page furniture."""
        return Document(source_path=self.source_path, title=self.title,
                        publication=self.publication, date=self.date, people={}, blocks=(),
                        kicker=self.event, issue=self.issue, event=self.event,
                        language=self.language)


def is_collection(path: str | Path) -> bool:
    """Whether a YAML file is a collection (it has a top-level `kind:` or `items:`)."""
    try:  # a FIFO or device is refused without waiting; the loader then says why
        head = read_limited(Path(path), MAX_FILE_BYTES)
    except (NotReadable, OSError):
        return False
    return bool(_TOP_KEY.search(head))


def load_collection(path: str | Path, *, draft: bool = False) -> Collection:
    """The validated :class:`Collection`; raises :class:`UserError` with every problem of the
    collection file and of each item (at the item's own FILE:LINE:COL)."""
    path = Path(path)
    name = display_path(path)
    try:
        raw = read_limited(path, MAX_FILE_BYTES, "a collection lists its items; it does not "
                           "hold their text")
    except NotReadable as exc:
        raise UserError.at(name, 1, 1, str(exc)) from None
    except OSError as exc:
        raise UserError.at(name, 1, 1, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        located = load(raw, name)
    except LoadError as exc:
        raise UserError(exc.diagnostics) from None
    return _CollectionValidator(path, name, located, draft).collection()


class _CollectionValidator(_Validator):
    """The source validator's key, value, image and character checks, over the collection
    contract, plus the items."""

    def collection(self) -> Collection:
        data = self.loc.data
        if not isinstance(data, dict):
            raise UserError.at(self.name, 1, 1, "the file must be a mapping of keys (kind:, "
                               "title:, date:, items:, …), one per line")
        self.check_keys(data, (), contract.TOP, "a collection", top=True)
        cover = None
        if isinstance(data.get("cover"), str) and data["cover"].strip():
            cover = self.image(data["cover"], ("cover",))
        items = self.items(data.get("items"))
        back = _paragraphs(data.get("back_cover"))
        if back and data.get("kind") == "issue":
            self.at_key(("back_cover",), "`back_cover` is for a pack (its last page); a "
                        "newsletter issue has none: remove the key or write `kind: pack`")
        self.check_characters({k: v for k, v in data.items() if k != "items"}, ())
        if self.errors:
            raise UserError(self.errors)
        return Collection(
            source_path=self.path, kind=data["kind"],
            title=inline.normalize(data["title"]),
            publication=inline.normalize(data["publication"]),
            date=dt.date.fromisoformat(data["date"]), items=tuple(items),
            issue=optional_text(data.get("issue")), event=optional_text(data.get("event")),
            place=optional_text(data.get("place")),
            cover=Cover(*cover) if cover else None, back_cover=back,
            language=data.get("language") or "vi", kind_at=self.loc.value_pos(("kind",)),
            warnings=tuple(self.warnings) + tuple(w for doc in items for w in doc.warnings))

    def check_value(self, value, path: tuple, key) -> None:
        if key.type == "items":
            return  # checked by items()
        if key.type == "kind":
            if value not in contract.KINDS:
                self.at_value(path, f"`kind: {value}` is not a kind of collection; write "
                              "`kind: pack` (a congress pack) or `kind: issue` (a newsletter "
                              "issue)")
            return
        super().check_value(value, path, key)

    def items(self, value) -> list[Document]:
        path = ("items",)
        if value is None or value == []:
            if path in self.loc.keys:
                self.at_value(path, "`items` is empty; list the interview files, one per line "
                              "starting with `- `, for example `- phong-van.yaml`")
            return []
        if not isinstance(value, list):
            self.at_value(path, "`items` must be a list of interview files, one per line "
                          "starting with `- `")
            return []
        if len(value) > MAX_ITEMS:
            self.at_value(path, f"`items` lists {len(value)} files; a collection holds at "
                          f"most {MAX_ITEMS}: split it into several")
            return []
        seen: dict[Path, int] = {}
        docs = []
        for i, entry in enumerate(value):
            target = self.item(entry, path + (i,), seen)
            if target is None:
                continue
            try:
                docs.append(load_source(target, draft=self.draft))
            except UserError as exc:  # the item's own errors, at its own FILE:LINE:COL
                self.errors.extend(exc.diagnostics)
        return docs

    def item(self, entry, path: tuple, seen: dict[Path, int]) -> Path | None:
        """The checked path of one item, or None (the problem is reported)."""
        if not isinstance(entry, str) or not entry.strip():
            self.at_value(path, "each item is the path of an interview file (text, such as "
                          "`phong-van.yaml`), relative to this file")
            return None
        if "\0" in entry:
            self.at_value(path, f"the item `{entry}` contains a NUL character (\\x00); "
                          "delete it from the name")
            return None
        if not _ITEM_NAME.search(entry):
            self.at_value(path, f"the item `{entry}` is not a YAML file; name an interview "
                          "source ending in .yaml")
            return None
        try:
            target = (self.folder / entry).resolve()
            exists, is_file = target.exists(), target.is_file()
        except OSError as exc:
            self.at_value(path, f"cannot use the item `{entry}`: {exc.strerror or exc}")
            return None
        try:
            target.relative_to(self.folder)
        except ValueError:
            self.at_value(path, f"the item `{entry}` is outside the collection's folder; "
                          "move the interview into the folder (or a folder inside it) and "
                          "give a relative path")
            return None
        if not exists:
            self.at_value(path, f"item `{entry}` not found (looked in "
                          f"{display_path(target.parent)}); check the spelling, or write the "
                          "interview first (`pipeline new`)")
            return None
        if not is_file:
            self.at_value(path, f"the item `{entry}` is not a file; name an interview source")
            return None
        if target == self.path.resolve():
            self.at_value(path, f"the item `{entry}` is this collection itself; list "
                          "interview sources only")
            return None
        if target in seen:
            self.at_value(path, f"the item `{entry}` is listed twice (first on line "
                          f"{seen[target]}); a pack prints each interview once: remove one")
            return None
        seen[target] = self.loc.value_pos(path)[0]
        if is_collection(target):
            self.at_value(path, f"the item `{entry}` is a collection, not an interview; list "
                          "its items here instead")
            return None
        return target


def _paragraphs(value) -> tuple[str, ...]:
    """A text split on blank lines, each paragraph normalised (nothing for a non-text)."""
    if not isinstance(value, str):
        return ()
    return tuple(p for p in (inline.normalize(part) for part in re.split(r"\n\s*\n", value))
                 if p)


def kind_mismatch(collection: Collection, layout) -> str | None:
    """Why ``layout`` cannot build ``collection`` (None when it can)."""
    family = layout_family(layout)
    if family == collection.family:
        return None
    return (f"a collection of `kind: {collection.kind}` is built with the {collection.family} "
            f"layout, not `{layout.name}` (a {family} layout); build it with "
            f"`--layout {collection.family}` or change `kind:`")


def layout_family(layout) -> str:
    """handout (single column, folded as a booklet) or newsletter (columns, masthead)."""
    family = layout.raw.get("family") if isinstance(layout.raw, dict) else None
    if family in contract.FAMILY.values():
        return family
    if layout.name in contract.FAMILY.values():
        return layout.name
    return "handout" if layout.booklet else "newsletter"
