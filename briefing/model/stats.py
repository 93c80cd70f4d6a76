"""Statistics as datasets: tables of rows, or lists of single figures, each with a source."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from briefing.model.base import Id, Model, Text, Url
from briefing.model.points import Correction

Scale = Literal["萬", "億", "萬億"]
"""Chinese number scale: 萬 = 10^4, 億 = 10^8, 萬億 = 10^12."""

Cell = str | int | float | None


class Source(Model):
    """Where a statistic comes from (資料來源)."""

    citation: Text
    """Citation text as it should be printed."""
    url: Url | None = None
    editorial: bool = False
    """True when the editors supplied the citation because the source report names none."""
    note: Text | None = None


class Column(Model):
    """One column of a table dataset."""

    key: Id
    label: Text
    """Header text."""
    type: Literal["text", "integer", "number", "percent", "year"] = "text"
    unit: Text | None = None
    """Unit of the values, e.g. 人, 億元, 家."""
    scale: Scale | None = None


class DeclaredTotal(Model):
    """A total the content states, which the column's values must add up to."""

    column: Id
    value: float


class DatasetBase(Model):
    """What every dataset has: identity, title, year and source."""

    id: Id
    title: Text
    as_of: int | None = Field(default=None, ge=1900, le=2100)
    """Year the figures describe, where one applies."""
    source: Source
    visit: Id | None = None
    """Id of the visit where these figures were cited, if any."""
    note: Text | None = None
    corrections: tuple[Correction, ...] = ()


class TableDataset(DatasetBase):
    """Rows of values under typed columns."""

    kind: Literal["table"]
    columns: tuple[Column, ...] = Field(min_length=1)
    rows: tuple[dict[str, Cell], ...] = Field(min_length=1)
    """One mapping per row, keyed by column key."""
    total: DeclaredTotal | None = None
    panels: int = Field(default=1, ge=1, le=4)
    """How many side-by-side panels a long, narrow table is set in (the source sets
    the 88 zones in two)."""


class Figure(Model):
    """One figure: a value with its unit and scale."""

    id: Id
    label: Text
    value: float
    unit: Text
    """Unit, e.g. 人, 億元, 家, 件, %."""
    scale: Scale | None = None
    share_of: Text | None = None
    """For a percentage: what it is a share of (e.g. 中國大陸GDP)."""
    part_of: Id | None = None
    """Id of the figure in this dataset that this one is a part of."""
    approximate: bool = False
    """The source says 約 or 多 (about, more than)."""
    note: Text | None = None


class FiguresDataset(DatasetBase):
    """A list of single figures, each with its own unit."""

    kind: Literal["figures"]
    figures: tuple[Figure, ...] = Field(min_length=1)
    totals: tuple[Id, ...] = ()
    """Ids of figures whose declared parts (part_of) must add up to them."""


Dataset = Annotated[TableDataset | FiguresDataset, Field(discriminator="kind")]


class ChartEntry(Model):
    """One figure drawn in a chart, with an optional shorter label."""

    figure: Id
    label: Text | None = None
    """Label in the chart; by default the figure's label."""


class ChartSpec(Model):
    """A chart of one dataset, declared in content (drawn the same in PDF and DOCX)."""

    id: Id
    title: Text
    kind: Literal["bar", "column", "pie"]
    """Horizontal bars, vertical columns, or a pie of the parts of a whole."""
    dataset: Id
    figures: tuple[ChartEntry, ...] = ()
    """For a figures dataset: the figures to draw (they must share a unit)."""
    rest_label: Text | None = None
    """Add a slice for the whole minus the drawn parts (computed, never typed), so labelled."""
    category: tuple[Id, ...] = ()
    """For a table dataset: the column(s) whose text names each bar."""
    value: Id | None = None
    """For a table dataset: the column of values."""
    note: Text | None = None
