"""Safe, bounded YAML loading that remembers the line and column of every key and value."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from pipeline.errors import Diagnostic

try:  # libyaml is several times faster; the pure-Python loader behaves the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

MAX_NODES = 200_000  # nodes visited, alias expansions included ("billion laughs" guard)
MAX_DEPTH = 64  # lists and mappings inside each other; a source needs 4
NULL_TAG = "tag:yaml.org,2002:null"

Path_ = tuple  # ("body", 3, "q")


@dataclass
class Located:
    """Plain data (dict / list / str / None) plus the position of each key and value."""

    data: object
    text: str = ""
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def value_pos(self, path: Path_) -> tuple[int, int]:
        """Position of the value at ``path``; falls back to its key, then to its parent."""
        while path:
            if path in self.values:
                return self.values[path]
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def key_pos(self, path: Path_) -> tuple[int, int]:
        return self.keys.get(path) or self.value_pos(path)


def _pos(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError([Diagnostic(name, line, col,
            f"the file is not UTF-8 (byte 0x{raw[exc.start]:02X} cannot start a UTF-8 "
            "character); save it as UTF-8 in your editor (\"Save with encoding: UTF-8\")")])


class LoadError(Exception):
    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(map(str, diagnostics)))


def load(raw: bytes, name: str) -> Located:
    """Parse YAML bytes into :class:`Located`; raises :class:`LoadError` with diagnostics."""
    text = _decode(raw, name)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        if exc.context:
            problem = f"{exc.context}, {problem}"
        raise LoadError([Diagnostic(name, line, col,
            f"YAML syntax: {problem}; check indentation and quote text that "
            "starts with a special character (: - # * & ! | > ' \" % @ `)")])
    except yaml.reader.ReaderError as exc:  # a control character; position is an index
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        raise LoadError([Diagnostic(name, line, col,
            f"control character U+{exc.character:04X} is not allowed in the file; delete it")])
    if node is None:
        raise LoadError([Diagnostic(name, 1, 1,
            "the file is empty; start from `pipeline new NAME` for a commented example")])
    builder = _Builder(name)
    located = Located(None, text)
    located.data = builder.build(node, (), located)
    if builder.errors:
        raise LoadError(builder.errors)
    return located


class _Builder:
    def __init__(self, name: str):
        self.name = name
        self.count = 0
        self.seen: set[int] = set()  # collections already built: seeing one again is an alias
        self.repeats = 0
        self.errors: list[Diagnostic] = []

    def fail(self, node, message: str) -> LoadError:
        line, col = _pos(node)
        return LoadError([Diagnostic(self.name, line, col, message)])

    def build(self, node, path: Path_, located: Located):
        self.count += 1
        if self.count > MAX_NODES:
            if self.repeats:
                raise self.fail(node, f"the document expands to more than {MAX_NODES} values "
                                "(YAML aliases repeating each other); write the text out "
                                "instead of using & and *")
            raise self.fail(node, f"the document holds more than {MAX_NODES} values; a source "
                            "holds one interview: split it into several sources")
        if len(path) > MAX_DEPTH:
            raise self.fail(node, f"lists and mappings are nested more than {MAX_DEPTH} deep "
                            "here; a source needs only a few levels (check the brackets [ ] "
                            "and { } and the indentation)")
        if not isinstance(node, yaml.ScalarNode):
            if id(node) in self.seen:
                self.repeats += 1
            self.seen.add(id(node))
        located.values[path] = _pos(node)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == NULL_TAG and not node.style:
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, path + (i,), located) for i, child in enumerate(node.value)]
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = _pos(key_node)
                self.errors.append(Diagnostic(self.name, line, col,
                    "a key must be a plain word, not a list or mapping"))
                continue
            key = key_node.value
            if key == "<<" and key_node.tag == "tag:yaml.org,2002:merge":
                line, col = _pos(key_node)
                self.errors.append(Diagnostic(self.name, line, col,
                    "merge keys (<<) are not supported; write the keys out"))
                continue
            if key in result:
                line, col = _pos(key_node)
                self.errors.append(Diagnostic(self.name, line, col,
                    f"duplicate key `{key}`; each key may appear once in a mapping"))
                continue
            located.keys[path + (key,)] = _pos(key_node)
            result[key] = self.build(value_node, path + (key,), located)
        return result
