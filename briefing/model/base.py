"""Shared pieces of the content model: the frozen base class and field types."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, StringConstraints

from briefing.diagnostics import Location
from briefing.load.yaml_source import FieldPath, SourceMap

_ID = r"^[a-z0-9][a-z0-9-]*$"


class Model(BaseModel):
    """Base of every content model: immutable, unknown fields are errors."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        str_strip_whitespace=True,
        hide_input_in_errors=True,
    )

    _anchor: Anchor | None = PrivateAttr(None)


@dataclass(frozen=True)
class Anchor:
    """Where a model was read from: its file's source map and its path in that file."""

    source: SourceMap
    prefix: FieldPath = ()

    def at(self, *path: str | int) -> Location:
        """Location of a field below this model."""
        return self.source.locate((*self.prefix, *path))

    def key(self, *path: str | int) -> Location:
        """Location of a field's key (where an unknown or misplaced field is named)."""
        return self.source.locate((*self.prefix, *path), key=True)


def anchor(model: Model) -> Anchor:
    """The anchor recorded for a model when it was loaded."""
    if model._anchor is None:
        raise LookupError(f"{type(model).__name__} was not loaded from a file")
    return model._anchor


def set_anchor(model: Model, value: Anchor) -> None:
    """Record where a model was read from."""
    model._anchor = value


Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
"""A non-empty piece of prose, kept exactly as written (surrounding space trimmed)."""

Id = Annotated[str, StringConstraints(pattern=_ID, max_length=64)]
"""A stable identifier: lower-case letters, digits and hyphens."""

Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
"""An http(s) address."""

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _as_date(value: Any) -> Any:
    """Accept a YAML date or an ISO `YYYY-MM-DD` string; nothing else."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a real calendar date") from exc
    raise ValueError("expected a date written as YYYY-MM-DD (e.g. 2011-09-19)")


Day = Annotated[date, BeforeValidator(_as_date), Field(json_schema_extra={"format": "date"})]
"""A calendar date written as YYYY-MM-DD."""

TimeOfDay = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
"""A clock time written as HH:MM."""
