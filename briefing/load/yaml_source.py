"""Read one YAML file into plain data plus the line and column of every value."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from briefing.diagnostics import Diagnostic, Location, Severity

FieldPath = tuple[str | int, ...]

# Limits that keep hostile files from costing time or memory.
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_NODES = 500_000
MAX_DEPTH = 64
MAX_SCALAR_CHARS = 200_000

try:  # libyaml's parser is several times faster; marks are the same.
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader


class _PlainLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader whose resolver leaves every plain scalar untyped.

    We resolve scalars ourselves (YAML 1.2 core rules), so `no` stays text,
    `12:30` is not 750 and `010` is not 8.
    """

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012 - PyYAML's class-level registry


_STR_TAG = "tag:yaml.org,2002:str"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+)([eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})


@dataclass(frozen=True)
class Mark:
    """Where a value starts in its file, and how it was written."""

    line: int
    column: int
    raw: str = ""
    plain: bool = False
    file: str = ""
    """The file, when a source map merges several (templates that extend others)."""


@dataclass
class SourceMap:
    """Line and column of every value and key of one file, by field path."""

    file: str
    values: dict[FieldPath, Mark] = field(default_factory=dict)
    keys: dict[FieldPath, Mark] = field(default_factory=dict)

    def mark(self, path: FieldPath, *, key: bool = False) -> Mark:
        """The mark of a path, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if key and probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), Mark(1, 1))

    def locate(self, path: FieldPath, *, key: bool = False) -> Location:
        """A Location for a field path (the key's position when `key`)."""
        mark = self.mark(path, key=key)
        return Location(mark.file or self.file, mark.line, mark.column, format_path(path))

    def layered_over(self, base: SourceMap) -> SourceMap:
        """A map of this file's marks on top of a base file's (for merged data)."""
        merged = SourceMap(self.file)
        for own, other in ((merged.values, base.values), (merged.keys, base.keys)):
            own.update({p: _with_file(m, base.file) for p, m in other.items()})
        merged.values.update({p: _with_file(m, self.file) for p, m in self.values.items()})
        merged.keys.update({p: _with_file(m, self.file) for p, m in self.keys.items()})
        return merged


def _with_file(mark: Mark, file: str) -> Mark:
    return mark if mark.file else Mark(mark.line, mark.column, mark.raw, mark.plain, file)


def format_path(path: FieldPath) -> str:
    """Render a field path the way a reader of YAML thinks of it: a.b[2].c."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class YamlDocument:
    """The plain data of one YAML file, and its source map."""

    path: Path
    data: Any
    source: SourceMap
    first_line: str = ""


class YamlLoadError(Exception):
    """A file could not be read as YAML; carries the diagnostic to show."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.render())
        self.diagnostic = diagnostic


def _fail(file: str, line: int, column: int, code: str, message: str, hint: str = "") -> None:
    raise YamlLoadError(
        Diagnostic(Severity.ERROR, code, message, Location(file, line, column), hint)
    )


def decode_utf8(raw: bytes, file: str) -> str:
    """Decode UTF-8 (a BOM is accepted); any other encoding is a clear error."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail(file, 1, 1, "ENCODING", "file is UTF-16, not UTF-8", "save it as UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        _fail(
            file,
            line,
            column,
            "ENCODING",
            f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02X})",
            "save it as UTF-8; Big5 or CP950 files must be converted",
        )
        raise AssertionError("unreachable") from exc


def read_yaml(path: Path, file: str) -> YamlDocument:
    """Load a YAML file safely, keeping a mark for every value and key."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            _fail(
                file,
                1,
                1,
                "FILE_TOO_LARGE",
                f"file has {size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
            )
        raw = path.read_bytes()
    except OSError as exc:
        _fail(file, 0, 0, "READ", f"cannot read file: {exc.strerror or exc}")
        raise AssertionError("unreachable") from exc
    text = decode_utf8(raw, file)
    document = parse_yaml(text, file, path)
    return YamlDocument(document.path, document.data, document.source, text.split("\n", 1)[0])


def parse_yaml(text: str, file: str, path: Path | None = None) -> YamlDocument:
    """Parse YAML text into plain data and a source map."""
    loader = _PlainLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or "invalid YAML"
        if "nesting depth" in problem:  # libyaml's own guard against deep nesting
            _fail(file, line, column, "YAML_TOO_DEEP", "nesting is too deep to read")
        if exc.context:
            problem = f"{exc.context}: {problem}"
        _fail(file, line, column, "YAML_SYNTAX", problem)
    except yaml.YAMLError as exc:
        _fail(file, 0, 0, "YAML_SYNTAX", str(exc))
    except RecursionError:
        _fail(file, 0, 0, "YAML_TOO_DEEP", "nesting is too deep to read")
    finally:
        loader.dispose()
    source = SourceMap(file)
    if node is None:
        return YamlDocument(path or Path(file), None, source)
    builder = _Builder(file, source)
    data = builder.build(node, (), 0)
    return YamlDocument(path or Path(file), data, source)


class _Builder:
    """Turns a composed node graph into plain data, recording marks on the way."""

    def __init__(self, file: str, source: SourceMap) -> None:
        self.file = file
        self.source = source
        self.count = 0

    def build(self, node: yaml.Node, path: FieldPath, depth: int) -> Any:
        self.count += 1
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if self.count > MAX_NODES:
            _fail(
                self.file,
                line,
                column,
                "YAML_TOO_LARGE",
                f"more than {MAX_NODES:,} values (aliases expanding?)",
            )
        if depth > MAX_DEPTH:
            _fail(
                self.file, line, column, "YAML_TOO_DEEP", f"nesting deeper than {MAX_DEPTH} levels"
            )
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, path, line, column)
        if node.tag not in (_MAP_TAG, _SEQ_TAG):
            _fail(
                self.file,
                line,
                column,
                "YAML_TAG",
                f"YAML tag {node.tag!r} is not allowed",
                "write plain values; tags are never needed in content",
            )
        self.source.values[path] = Mark(line, column)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._mapping(node, path, depth)

    def _mapping(self, node: yaml.MappingNode, path: FieldPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                _fail(self.file, kline, kcol, "YAML_KEY", "keys must be plain text")
            key = key_node.value
            if key in out:
                first = self.source.keys[(*path, key)]
                _fail(
                    self.file,
                    kline,
                    kcol,
                    "DUPLICATE_KEY",
                    f"key {key!r} appears twice in this mapping",
                    f"first at line {first.line}",
                )
            self.source.keys[(*path, key)] = Mark(kline, kcol, key)
            out[key] = self.build(value_node, (*path, key), depth + 1)
        return out

    def _scalar(self, node: yaml.ScalarNode, path: FieldPath, line: int, column: int) -> Any:
        if node.tag != _STR_TAG:
            _fail(
                self.file,
                line,
                column,
                "YAML_TAG",
                f"YAML tag {node.tag!r} is not allowed",
                "write plain values; tags are never needed in content",
            )
        text: str = node.value
        if len(text) > MAX_SCALAR_CHARS:
            _fail(
                self.file,
                line,
                column,
                "YAML_TOO_LARGE",
                f"a value of {len(text):,} characters; the limit is {MAX_SCALAR_CHARS:,}",
            )
        plain = not node.style  # None (pure Python) or "" (libyaml) for plain scalars
        self.source.values[path] = Mark(line, column, text, plain)
        return resolve_plain(text) if plain else text


def resolve_plain(text: str) -> Any:
    """Type a plain scalar by YAML 1.2 core rules, plus ISO dates."""
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    if _INT.fullmatch(text):
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    if _DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    return text
