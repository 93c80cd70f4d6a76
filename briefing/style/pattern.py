"""Patterns: text with named fields, for locale phrases and template strings.

`{name}` is replaced by a field's value; `[ … ]` is a group left out when a field in it is
empty; `{{`, `}}`, `[[`, `]]` stand for the bracket itself. Nothing else is special: no
indexing, attributes or format specs, so a pattern can never reach into an object, and
the output is bounded by the lengths of the pattern and the values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"\{\{|\}\}|\[\[|\]\]|\{([^{}]*)\}|\[|\]|[{}]|[^{}\[\]]+")
_NAME = re.compile(r"[a-z_][a-z0-9_]*")


class PatternError(ValueError):
    """A pattern that cannot be filled: an unknown field, a stray bracket, a bad name."""


@dataclass(frozen=True)
class _Field:
    name: str


@dataclass(frozen=True)
class _Group:
    parts: tuple[str | _Field, ...]


Part = str | _Field | _Group


@lru_cache(maxsize=4096)
def parse(pattern: str) -> tuple[Part, ...]:
    """The literal text, fields and optional groups of a pattern."""
    top: list[Part] = []
    group: list[str | _Field] | None = None
    for match in _TOKEN.finditer(pattern):
        token = match.group(0)
        target: list = top if group is None else group  # type: ignore[type-arg]
        if token in ("{{", "}}", "[[", "]]"):
            target.append(token[0])
        elif match.group(1) is not None:
            name = match.group(1).strip()
            if not _NAME.fullmatch(name):
                raise PatternError(
                    f"{{{match.group(1)}}} is not a field: write a plain name such as {{title}}"
                )
            target.append(_Field(name))
        elif token == "[":
            if group is not None:
                raise PatternError("optional groups [ … ] cannot be nested")
            group = []
        elif token == "]":
            if group is None:
                raise PatternError("']' closes no group (write ]] for the bracket itself)")
            top.append(_Group(tuple(group)))
            group = None
        elif token in ("{", "}"):
            raise PatternError(f"a lone {token!r} (write {token * 2} for the brace itself)")
        else:
            target.append(token)
    if group is not None:
        raise PatternError("'[' opens a group that is never closed (write [[ for the bracket)")
    return tuple(top)


def field_names(pattern: str) -> frozenset[str]:
    """Every field a pattern uses."""
    names: set[str] = set()
    for part in parse(pattern):
        if isinstance(part, _Field):
            names.add(part.name)
        elif isinstance(part, _Group):
            names.update(p.name for p in part.parts if isinstance(p, _Field))
    return frozenset(names)


def check(pattern: str, allowed: frozenset[str] | set[str]) -> str | None:
    """Why a pattern cannot be used with these fields, or None when it can."""
    try:
        unknown = sorted(field_names(pattern) - set(allowed))
    except PatternError as exc:
        return str(exc)
    if unknown:
        names = ", ".join(f"{{{n}}}" for n in sorted(allowed)) or "none"
        return f"unknown field {{{unknown[0]}}} (fields here: {names})"
    return None


def fill(pattern: str, values: Mapping[str, object]) -> str:
    """The pattern with its fields filled; a group with an empty field is left out."""
    out: list[str] = []
    for part in parse(pattern):
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, _Field):
            out.append(_value(values, part.name))
        else:
            texts = [p if isinstance(p, str) else _value(values, p.name) for p in part.parts]
            fields = [_value(values, p.name) for p in part.parts if isinstance(p, _Field)]
            if all(fields):
                out.extend(texts)
    return "".join(out)


def _value(values: Mapping[str, object], name: str) -> str:
    if name not in values:
        raise PatternError(f"unknown field {{{name}}}")
    value = values[name]
    return "" if value is None else str(value)
