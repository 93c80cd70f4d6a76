"""Walk the text of validated content, with the field path of every string."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from briefing.load.yaml_source import FieldPath


def iter_texts(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every string below a model, list or mapping, with its path from the root."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_texts(getattr(value, name), (*path, name))
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from iter_texts(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_texts(item, (*path, key))
