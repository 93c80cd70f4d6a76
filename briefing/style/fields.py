"""Template strings: literal text with named fields such as {title}, and nothing else.

Templates are data, so their strings are never handed to `str.format`: that would let a
template index ({0}), walk attributes ({title.__class__}) or pad ({title:>99999999}).
Here a field is a plain name from a fixed set per setting; anything else is refused when
the template is checked, at the offending character.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

MAX_TEMPLATE_CHARS = 500
"""Longest template string; with bounded field values, output stays bounded too."""

TEMPLATED: dict[tuple[str, ...], frozenset[str]] = {
    ("title",): frozenset({"title"}),
    ("header",): frozenset({"title"}),
    ("footer",): frozenset({"page", "pages"}),
    ("wording", "kicker"): frozenset({"category"}),
}
"""Settings that take fields, and the fields each knows."""

_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Field:
    """A named field, filled in when the template is used."""

    name: str


Piece = str | Field


class FieldError(ValueError):
    """A template string that is not literal text with known named fields."""

    def __init__(self, message: str, index: int, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.index = index
        self.hint = hint


def _known(allowed: frozenset[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(allowed)) or "none"


def _why(inside: str) -> str:
    """What a brace group that is not a plain field name tries to do."""
    if inside == "" or inside.isdigit():
        return "positional fields are not supported"
    if ":" in inside:
        return "format specifications (padding, alignment, width) are not supported"
    if "!" in inside:
        return "conversions (!r, !s) are not supported"
    if "." in inside or "[" in inside:
        return "fields cannot reach attributes or items"
    return f"{{{inside}}} is not a field name"


def parse(template: str, allowed: frozenset[str]) -> tuple[Piece, ...]:
    """Split a template string into literal text and fields; FieldError if it is not one."""
    if len(template) > MAX_TEMPLATE_CHARS:
        raise FieldError(
            f"the template string has {len(template):,} characters; "
            f"the limit is {MAX_TEMPLATE_CHARS}",
            MAX_TEMPLATE_CHARS,
        )
    pieces: list[Piece] = []
    start = 0
    for index in _braces(template):
        if template[index] == "}":
            raise FieldError(
                "a closing brace without an opening one",
                index,
                f"braces only surround fields: {_known(allowed)}",
            )
        match = _FIELD.match(template, index)
        if match is None:
            end = template.find("}", index)
            inside = template[index + 1 : end] if end >= 0 else template[index + 1 :]
            if end < 0:
                raise FieldError("an opening brace without a closing one", index)
            if "{" in inside:
                raise FieldError(
                    "doubled or nested braces are not supported",
                    index,
                    f"braces only surround fields: {_known(allowed)}",
                )
            raise FieldError(_why(inside), index, f"fields are plain names: {_known(allowed)}")
        name = match.group(1)
        if name not in allowed:
            raise FieldError(
                f"unknown field {{{name}}}", index, f"this setting knows {_known(allowed)}"
            )
        if index > start:
            pieces.append(template[start:index])
        pieces.append(Field(name))
        start = match.end()
    if start < len(template):
        pieces.append(template[start:])
    return tuple(pieces)


def _braces(template: str) -> Iterator[int]:
    """Positions of the braces that start a field or stand alone, left to right."""
    index = 0
    while True:
        found = [i for i in (template.find("{", index), template.find("}", index)) if i >= 0]
        if not found:
            return
        index = min(found)
        yield index
        match = _FIELD.match(template, index)
        index = match.end() if match else index + 1


def fill(pieces: tuple[Piece, ...], values: Mapping[str, str]) -> str:
    """The text of a parsed template with its fields filled in."""
    return "".join(values[p.name] if isinstance(p, Field) else p for p in pieces)


def render(template: str, **values: str) -> str:
    """Fill a template string whose fields are exactly the given values' names or fewer."""
    return fill(parse(template, frozenset(values)), values)


def templated(data: object) -> Iterator[tuple[tuple[str, ...], str, frozenset[str]]]:
    """Every templated setting a template (as a model or a mapping) sets: path, text, fields."""
    for path, allowed in TEMPLATED.items():
        value: object = data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else getattr(value, key, None)
        if isinstance(value, str):
            yield path, value, allowed
