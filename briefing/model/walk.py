"""Walk the text of validated content, with the field path of every string."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from pydantic import BaseModel

from briefing.load.yaml_source import FieldPath

Texts = tuple[tuple[FieldPath, str], ...]
"""Every string below a model with its path, in document order."""

T = TypeVar("T")

_MEMO: dict[tuple[int, str], tuple[weakref.ref[BaseModel], Any]] = {}
"""Facts derived once per model object: validated models are frozen, and a warm process
(`briefing watch`) hands the checks the same objects for every file that did not change,
so each later round walks only the files that did."""


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


def texts_of(model: BaseModel) -> Texts:
    """Every string below a frozen model with its path, walked once per model."""
    return per_model(model, "texts", lambda: tuple(iter_texts(model)))


def chars_of(model: BaseModel) -> frozenset[str]:
    """Every character of every string below a frozen model, collected once per model."""
    return per_model(
        model, "chars", lambda: frozenset("".join(text for _, text in texts_of(model)))
    )


def per_model(model: BaseModel, kind: str, make: Callable[[], T]) -> T:
    """`make()`, once per frozen model object and `kind` (what is derived from it)."""
    key = (id(model), kind)
    found = _MEMO.get(key)
    if found is not None and found[0]() is model:
        value: T = found[1]
        return value
    value = make()
    # The entry goes with the model: ids are reused only after an object is freed.
    _MEMO[key] = (weakref.ref(model, lambda _: _MEMO.pop(key, None)), value)
    return value
