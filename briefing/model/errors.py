"""Turn pydantic validation errors into diagnostics that point at the file's line."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date
from typing import Any, get_args

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from briefing.diagnostics import Diagnostic, Severity
from briefing.load.yaml_source import FieldPath, Mark, SourceMap, format_path


def schema_diagnostics(
    exc: ValidationError, data: Any, source: SourceMap, model: type[BaseModel]
) -> Iterator[Diagnostic]:
    """One SCHEMA diagnostic per validation error, at the line of the offending value."""
    errors = exc.errors(include_url=False)
    inner = {error["loc"][:i] for error in errors for i in range(len(error["loc"]))}
    for error in errors:
        if error["type"] == "too_short" and error["loc"] in inner:
            continue  # "must not be empty" only echoes an item inside that was refused
        path = _data_path(error["loc"], data)
        if error["type"] == "union_tag_invalid":  # point at the tag itself, not its mapping
            path = (*path, "kind")
        yield _diagnostic(error, path, data, source, model)


def _data_path(loc: tuple[int | str, ...], data: Any) -> FieldPath:
    """Drop the parts of a pydantic location that are not in the data (union tags)."""
    path: list[str | int] = []
    node = data
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if isinstance(node, dict) and isinstance(part, str):
            if part in node:
                path.append(part)
                node = node[part]
            elif last:
                path.append(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif last:
            path.append(part)
    return tuple(path)


def _value_at(data: Any, path: FieldPath) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _describe(value: Any) -> str:
    """Name what YAML produced, the way a content author would understand it."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping (key: value pairs)"
    if isinstance(value, list):
        return "a list"
    return f"the text {value!r}"


def _diagnostic(
    error: ErrorDetails,
    path: FieldPath,
    data: Any,
    source: SourceMap,
    model: type[BaseModel],
) -> Diagnostic:
    kind = error["type"]
    value = _value_at(data, path)
    mark = source.values.get(path)
    hint = ""
    if kind == "missing":
        field = path[-1] if path else "?"
        message = f"missing required field {field!r}"
        location = source.locate(path[:-1])
        location = type(location)(location.file, location.line, location.column, format_path(path))
        return Diagnostic(Severity.ERROR, "SCHEMA_MISSING", message, location)
    if kind == "extra_forbidden":
        field = path[-1] if path else "?"
        allowed = _allowed_fields(model, path[:-1], data)
        message = f"unknown field {field!r}"
        close = difflib.get_close_matches(str(field), allowed, n=1)
        if close:
            hint = f"did you mean {close[0]!r}?"
        elif allowed:
            hint = "allowed here: " + ", ".join(allowed)
        return Diagnostic(
            Severity.ERROR, "SCHEMA_UNKNOWN", message, source.locate(path, key=True), hint
        )
    message, hint = _explain(error, value, mark)
    return Diagnostic(Severity.ERROR, "SCHEMA_TYPE", message, source.locate(path), hint)


def _explain(error: ErrorDetails, value: Any, mark: Mark | None) -> tuple[str, str]:
    """A message and hint for a value of the wrong type or form."""
    kind = error["type"]
    got = _describe(value)
    quoted = f'"{mark.raw}"' if mark and mark.raw else ""
    if kind in ("string_type",):
        hint = ""
        if mark and mark.plain and not isinstance(value, dict | list):
            hint = f"YAML read {mark.raw!r} as {got}; write it in quotes: {quoted}"
        return f"expected text, got {got}", hint
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {got}", ""
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, got {got}", "write digits without units or commas"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {got}", ""
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"expected one of {expected}, got {got}", ""
    if kind == "string_pattern_mismatch":
        return f"{got} does not have the required form", _pattern_hint(error)
    if kind in ("too_short", "string_too_short"):
        return "must not be empty", ""
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, got {got}", "start each item on its own line with '- '"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of fields, got {got}", ""
    if kind == "union_tag_invalid":
        expected = error.get("ctx", {}).get("expected_tags", "")
        return f"unknown kind {got}", f"expected one of {expected}"
    if kind == "union_tag_not_found":
        return "missing field 'kind'", "say which kind of dataset this is: table or figures"
    if kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        return message, ""
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"{error['msg'].lower()}, got {got}", ""
    return f"{error['msg']} (got {got})", ""


def _pattern_hint(error: ErrorDetails) -> str:
    pattern = str(error.get("ctx", {}).get("pattern", ""))
    if "a-z0-9" in pattern:
        return "ids use lower-case letters, digits and hyphens, e.g. hubei-dost"
    if "[01][0-9]" in pattern:
        return "write clock times as HH:MM, e.g. 10:30"
    if "https?" in pattern:
        return "write a full address starting with http:// or https://"
    return f"it must match {pattern}"


def _allowed_fields(model: type[BaseModel], path: FieldPath, data: Any) -> list[str]:
    """The field names allowed in the mapping at path, following the model's nesting."""
    current: Any = model
    node = data
    for part in path:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            continue
        node = node.get(part) if isinstance(node, dict) else None
        current = _field_model(current, part, node)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _field_model(model: Any, name: str, node: Any) -> Any:
    """The model class of a field (looking inside tuples, optionals and tagged unions)."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    field = model.model_fields.get(name)
    if field is None:
        return None
    return _unwrap(field.annotation, node)


def _unwrap(annotation: Any, node: Any) -> Any:
    """Find the model class inside an annotation; for tagged unions, the one whose kind fits."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    tag = node.get("kind") if isinstance(node, dict) else None
    candidates = [_unwrap(arg, node) for arg in get_args(annotation)]
    models = [c for c in candidates if c is not None]
    for candidate in models:
        kind = candidate.model_fields.get("kind")
        if tag is None or kind is None or tag in get_args(kind.annotation):
            return candidate
    return models[0] if models else None
