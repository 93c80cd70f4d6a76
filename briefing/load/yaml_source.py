"""Read one YAML file into plain data plus the line and column of every value."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from briefing.cache import active_cache
from briefing.diagnostics import Diagnostic, Location, Severity

FieldPath = tuple[str | int, ...]

# Limits that keep hostile files from costing time or memory.
MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_NODES = 500_000
MAX_DEPTH = 64
MAX_SCALAR_CHARS = 200_000
MAX_EXPANDED_CHARS = MAX_FILE_BYTES
"""Characters of text a file may hold once its aliases are expanded (a file without
aliases cannot exceed it, since it has at most MAX_FILE_BYTES bytes)."""

# Characters YAML forbids in a file (the parser stops at them with no line or column),
# and the line breaks YAML 1.1 knows but editors do not (they shift every later line).
_UNREADABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029]"
)

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
    if _looks_like_utf16(raw):
        _fail(
            file,
            1,
            1,
            "ENCODING",
            "file is UTF-16 (without a byte-order mark), not UTF-8",
            "save it as UTF-8",
        )
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


def _looks_like_utf16(raw: bytes) -> bool:
    """Whether every other byte of the start is NUL, as in UTF-16 text of mostly ASCII."""
    head = raw[:512]
    if len(head) < 4:
        return False
    half = len(head) // 2
    return max(head[0::2].count(0), head[1::2].count(0)) > half * 0.25


def _refuse_unreadable(text: str, file: str) -> None:
    """Stop at the first character YAML cannot read, with its line and column."""
    match = _UNREADABLE.search(text)
    if match is None:
        return
    ch = match.group()
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    name = unicodedata.name(ch, "") or _control_name(ch)
    if ch in "\x85\u2028\u2029":
        message = (
            f"U+{ord(ch):04X} ({name}) in the file: YAML reads it as a line break, "
            "so the file cannot be read as written"
        )
        hint = "replace it with an ordinary line break, or delete it"
    else:
        kind = "noncharacter" if ord(ch) >= 0xFFFE else "control character"
        message = f"{kind} U+{ord(ch):04X} ({name}) cannot appear in a YAML file"
        hint = "delete it (it often comes from copying out of Word or a PDF)"
    _fail(file, line, column, "CONTROL_CHAR", message, hint)


_C0_NAMES = (
    "NUL",
    "SOH",
    "STX",
    "ETX",
    "EOT",
    "ENQ",
    "ACK",
    "BEL",
    "BS",
    "HT",
    "LF",
    "VT",
    "FF",
    "CR",
    "SO",
    "SI",
    "DLE",
    "DC1",
    "DC2",
    "DC3",
    "DC4",
    "NAK",
    "SYN",
    "ETB",
    "CAN",
    "EM",
    "SUB",
    "ESC",
    "FS",
    "GS",
    "RS",
    "US",
)


def _control_name(ch: str) -> str:
    """The usual short name of a control character (unicodedata has none for them)."""
    code = ord(ch)
    if code < 0x20:
        return _C0_NAMES[code]
    if code == 0x7F:
        return "DEL"
    if code == 0x85:
        return "NEXT LINE"
    if 0x80 <= code <= 0x9F:
        return "C1 control"
    return "not a character"


def read_yaml(path: Path, file: str) -> YamlDocument:
    """Load a YAML file safely, keeping a mark for every value and key."""
    cache = active_cache()
    if cache is not None:  # a warm process (`briefing watch`) parses unchanged files once
        return cache.read(path, file, _read_yaml)
    return _read_yaml(path, file)


def _read_yaml(path: Path, file: str) -> YamlDocument:
    """Read and parse one file (read_yaml without the cache)."""
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
    _refuse_unreadable(text, file)
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
    _Measure(file).size(node, 0)
    builder = _Builder(file, source)
    data = builder.build(node, (), 0)
    return YamlDocument(path or Path(file), data, source)


class _Measure:
    """Sizes of a node graph with aliases expanded, each shared node measured once.

    An alias repeats its anchor's node, so nine aliases of nine aliases of ... (the
    "billion laughs") are a small graph that expands to a huge tree: measure it before
    building anything, in time and memory proportional to the file.
    """

    def __init__(self, file: str) -> None:
        self.file = file
        self.known: dict[int, tuple[int, int]] = {}

    def size(self, node: yaml.Node, depth: int) -> tuple[int, int]:
        """(values, characters) of a node once expanded; refuse what is too large."""
        seen = self.known.get(id(node))
        if seen is not None:
            return seen
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if depth > MAX_DEPTH:
            _fail(
                self.file, line, column, "YAML_TOO_DEEP", f"nesting deeper than {MAX_DEPTH} levels"
            )
        values, chars = 1, 0
        if isinstance(node, yaml.ScalarNode):
            chars = len(node.value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                sub_values, sub_chars = self.size(item, depth + 1)
                values, chars = values + sub_values, chars + sub_chars
        else:
            for key, item in node.value:
                chars += self.size(key, depth + 1)[1]
                sub_values, sub_chars = self.size(item, depth + 1)
                values, chars = values + sub_values, chars + sub_chars
        if values > MAX_NODES:
            _fail(
                self.file,
                line,
                column,
                "YAML_TOO_LARGE",
                f"more than {MAX_NODES:,} values once aliases are expanded",
                "use fewer aliases (*name); write the values out",
            )
        if chars > MAX_EXPANDED_CHARS:
            _fail(
                self.file,
                line,
                column,
                "YAML_TOO_LARGE",
                f"more than {MAX_EXPANDED_CHARS:,} characters once aliases are expanded",
                "use fewer aliases (*name); write the values out",
            )
        self.known[id(node)] = (values, chars)
        return values, chars


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
        assert isinstance(node, yaml.MappingNode)  # the composer makes no other kind of node
        return self._mapping(node, path, depth)

    def _mapping(self, node: yaml.MappingNode, path: FieldPath, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        normalised: dict[str, str] = {}
        previous: yaml.Node | None = None
        for key_node, value_node in node.value:
            kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if node.flow_style and _split_number(previous, key_node, value_node):
                assert previous is not None
                number = f"{previous.value},{key_node.value}"
                _fail(
                    self.file,
                    previous.start_mark.line + 1,
                    previous.start_mark.column + 1,
                    "SCHEMA_TYPE",
                    f"{number} is read as the number {previous.value} and a field "
                    f"{key_node.value!r}: inside {{ }} a comma separates fields",
                    "write digits without units or commas",
                )
            previous = value_node
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR_TAG:
                _fail(self.file, kline, kcol, "YAML_KEY", "keys must be plain text")
            key = key_node.value
            if key == "<<" and not key_node.style:
                _fail(
                    self.file,
                    kline,
                    kcol,
                    "YAML_KEY",
                    "merge keys (<<: *name) are not supported",
                    "write the fields out in full; an alias may stand for a whole value "
                    "(field: *name)",
                )
            same = normalised.get(unicodedata.normalize("NFC", key))
            if same is not None:
                first = self.source.keys[(*path, same)]
                hint = f"first at line {first.line}"
                if same != key:
                    hint += (
                        " (the two keys look the same but are encoded differently: "
                        "retype one of them)"
                    )
                _fail(
                    self.file,
                    kline,
                    kcol,
                    "DUPLICATE_KEY",
                    f"key {key!r} appears twice in this mapping",
                    hint,
                )
            normalised[unicodedata.normalize("NFC", key)] = key
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


_DIGIT_GROUP = re.compile(r"[0-9]{3}(\.[0-9]*)?")


def _split_number(previous: yaml.Node | None, key: yaml.Node, value: yaml.Node) -> bool:
    """Whether `n: 1,234` in a flow mapping was split at its thousands separator."""
    return (
        isinstance(previous, yaml.ScalarNode)
        and not previous.style
        and _INT.fullmatch(previous.value) is not None
        and isinstance(key, yaml.ScalarNode)
        and not key.style
        and _DIGIT_GROUP.fullmatch(key.value) is not None
        and isinstance(value, yaml.ScalarNode)
        and not value.style
        and value.value == ""
    )


def resolve_plain(text: str) -> Any:
    """Type a plain scalar by YAML 1.2 core rules, plus ISO dates."""
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    if _INT.fullmatch(text):
        try:
            return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
        except ValueError:  # more digits than Python converts (4,300): no number anyway
            return text
    if _FLOAT.fullmatch(text):
        return float(text)
    if _DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    return text
