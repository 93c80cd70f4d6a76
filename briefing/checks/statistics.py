"""Statistics: cells fit their columns, shares are shares, totals add up, sources exist."""

from __future__ import annotations

import math
from collections.abc import Iterator

from briefing.diagnostics import Diagnostic, Location, Severity
from briefing.model.base import anchor
from briefing.model.content import Content
from briefing.model.stats import Cell, Column, Figure, FiguresDataset, TableDataset

SCALE = {None: 1.0, "萬": 1e4, "億": 1e8, "萬億": 1e12}
_TOLERANCE = 1e-6
MAX_TABLE_ROWS = 2_000
"""Most rows (or figures) a dataset may have: a table of 2,000 rows already fills some 45
pages, and laying a table out takes time that grows with the square of its length
(20,000 rows would take minutes)."""
MAX_TABLE_COLUMNS = 16
"""Most columns a table may have, side-by-side panels counted: on an A4 page, 16 narrow
columns leave each about two characters a line."""
PRINTABLE = (1e-4, 1e15)
"""Magnitudes a number may have (zero aside) to be printed as the source writes it:
digits with thousands separators, never an exponent."""


def table_sizes(content: Content) -> Iterator[Diagnostic]:
    """No dataset is too long or too wide to print as a table."""
    for dataset in content.datasets:
        field, count = (
            ("rows", len(dataset.rows))
            if isinstance(dataset, TableDataset)
            else ("figures", len(dataset.figures))
        )
        if count > MAX_TABLE_ROWS:
            yield Diagnostic(
                Severity.ERROR,
                "TABLE_TOO_LONG",
                f"{dataset.id} has {count:,} {field}; a dataset may have at most "
                f"{MAX_TABLE_ROWS:,}",
                anchor(dataset).key(field),
                "split it into several datasets or summarise it: a table that long is not "
                "read in print, and takes minutes to lay out",
            )
        if isinstance(dataset, TableDataset):
            width = len(dataset.columns) * dataset.panels
            if width > MAX_TABLE_COLUMNS:
                panels = f" ({dataset.panels} panels)" if dataset.panels > 1 else ""
                yield Diagnostic(
                    Severity.ERROR,
                    "TABLE_TOO_WIDE",
                    f"{dataset.id} is {width} columns wide{panels}; a page holds at most "
                    f"{MAX_TABLE_COLUMNS}",
                    anchor(dataset).key("panels" if dataset.panels > 1 else "columns"),
                    "split it into several datasets, or use fewer panels",
                )


def _cell_problem(column: Column, value: Cell) -> str | None:
    """Why a cell does not fit its column, or None if it does."""
    if value is None:
        return None
    match column.type:
        case "text":
            return None if isinstance(value, str) else f"expected text, got {value!r}"
        case "integer" | "year":
            if isinstance(value, bool) or not isinstance(value, int):
                return f"expected a whole number, got {value!r}"
            if column.type == "year" and not 1800 <= value <= 2200:
                return f"{value} is not a plausible year"
            return None
        case "number" | "percent":
            if isinstance(value, bool) or not isinstance(value, int | float):
                return f"expected a number, got {value!r}"
            return None
    return None


def table_cells(content: Content) -> Iterator[Diagnostic]:
    """Each row names only known columns, and each cell has its column's type."""
    for dataset in content.datasets:
        if not isinstance(dataset, TableDataset):
            continue
        at = anchor(dataset)
        columns = {c.key: c for c in dataset.columns}
        for r, row in enumerate(dataset.rows):
            for key, value in row.items():
                column = columns.get(key)
                if column is None:
                    yield Diagnostic(
                        Severity.ERROR,
                        "CELL_COLUMN",
                        f"row {r + 1} has a value for {key!r}, which is not a column",
                        at.key("rows", r, key),
                        "columns: " + ", ".join(columns),
                    )
                    continue
                problem = _cell_problem(column, value)
                if problem:
                    yield Diagnostic(
                        Severity.ERROR,
                        "CELL_TYPE",
                        f"column {key!r} ({column.type}): {problem}",
                        at.at("rows", r, key),
                    )
            total = dataset.total
            if total is not None and row.get(total.column) is None:
                yield Diagnostic(
                    Severity.ERROR,
                    "CELL_MISSING",
                    f"row {r + 1} has no value for {total.column}, which has a declared total",
                    at.at("rows", r),
                )


def _is_percent(figure: Figure) -> bool:
    return figure.unit.strip() in ("%", "％", "percent")


def percentages(content: Content) -> Iterator[Diagnostic]:
    """Percentages lie within 0–100."""
    for dataset in content.datasets:
        at = anchor(dataset)
        if isinstance(dataset, FiguresDataset):
            for i, figure in enumerate(dataset.figures):
                if _is_percent(figure) and not 0 <= figure.value <= 100:
                    yield Diagnostic(
                        Severity.ERROR,
                        "PERCENT_RANGE",
                        f"{figure.label} is {figure.value}%, outside 0–100",
                        at.at("figures", i, "value"),
                    )
            continue
        percent_columns = [c.key for c in dataset.columns if c.type == "percent"]
        for r, row in enumerate(dataset.rows):
            for key in percent_columns:
                value = row.get(key)
                if isinstance(value, int | float) and not 0 <= value <= 100:
                    yield Diagnostic(
                        Severity.ERROR,
                        "PERCENT_RANGE",
                        f"{key} is {value}%, outside 0–100",
                        at.at("rows", r, key),
                    )


def _unprintable(value: object) -> bool:
    """Whether a number is infinite or too large or small to print in plain digits."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value == 0:
        return False
    low, high = PRINTABLE
    return not (math.isfinite(value) and low <= abs(value) < high)


def _range_diagnostic(what: str, value: float, location: Location) -> Diagnostic:
    shown = "too large to read" if isinstance(value, float) and math.isinf(value) else repr(value)
    return Diagnostic(
        Severity.ERROR,
        "NUMBER_RANGE",
        f"{what} is {shown}; numbers must lie between {PRINTABLE[0]:g} and 10^15 "
        "to be printed in plain digits",
        location,
        "for large amounts give a scale (萬, 億 or 萬億) and fewer digits",
    )


def number_ranges(content: Content) -> Iterator[Diagnostic]:
    """Every number can be printed in plain digits: finite, neither huge nor tiny.

    Percentages are left to `percentages`, which holds them within 0–100.
    """
    for dataset in content.datasets:
        at = anchor(dataset)
        if isinstance(dataset, FiguresDataset):
            for i, figure in enumerate(dataset.figures):
                if not _is_percent(figure) and _unprintable(figure.value):
                    yield _range_diagnostic(
                        figure.label, figure.value, at.at("figures", i, "value")
                    )
            continue
        numeric = {c.key for c in dataset.columns if c.type in ("integer", "number")}
        for r, row in enumerate(dataset.rows):
            for key in numeric:
                value = row.get(key)
                if _unprintable(value):
                    assert isinstance(value, int | float)
                    yield _range_diagnostic(f"{key} in row {r + 1}", value, at.at("rows", r, key))
        if dataset.total is not None and _unprintable(dataset.total.value):
            yield _range_diagnostic(
                "the declared total", dataset.total.value, at.at("total", "value")
            )


def _amount(figure: Figure) -> float:
    return figure.value * SCALE[figure.scale]


def declared_totals(content: Content) -> Iterator[Diagnostic]:
    """Declared totals equal the sum of their parts; no part exceeds its whole."""
    for dataset in content.datasets:
        at = anchor(dataset)
        if isinstance(dataset, TableDataset):
            total = dataset.total
            if total is None:
                continue
            values = [row.get(total.column) for row in dataset.rows]
            numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
            found = sum(numbers)
            if not math.isclose(found, total.value, rel_tol=_TOLERANCE):
                yield Diagnostic(
                    Severity.ERROR,
                    "TOTAL_MISMATCH",
                    f"{dataset.id}: column {total.column!r} adds up to "
                    f"{found:g}, but the declared total is {total.value:g}",
                    at.at("total", "value"),
                )
            continue
        by_id = {f.id: f for f in dataset.figures}
        for i, figure in enumerate(dataset.figures):
            whole = by_id.get(figure.part_of or "")
            if whole is None or whole.unit != figure.unit:
                continue
            if _amount(figure) > _amount(whole) * (1 + _TOLERANCE):
                yield Diagnostic(
                    Severity.ERROR,
                    "PART_EXCEEDS_WHOLE",
                    f"{figure.label} ({figure.value:g}{figure.scale or ''}) is larger "
                    f"than {whole.label}, of which it is a part",
                    at.at("figures", i, "value"),
                )
        for t, total_id in enumerate(dataset.totals):
            whole = by_id.get(total_id)
            if whole is None:
                continue
            parts = [f for f in dataset.figures if f.part_of == total_id]
            found = sum(_amount(p) for p in parts)
            if math.isclose(found, _amount(whole), rel_tol=_TOLERANCE):
                continue
            rough = whole.approximate or any(p.approximate for p in parts)
            yield Diagnostic(
                Severity.WARNING if rough else Severity.ERROR,
                "TOTAL_MISMATCH",
                f"{dataset.id}: the parts of {whole.label} add up to "
                f"{found / SCALE[whole.scale]:g}{whole.scale or ''}, not "
                f"{whole.value:g}{whole.scale or ''}",
                at.at("totals", t),
            )


def sources(content: Content) -> Iterator[Diagnostic]:
    """Every dataset has a source; those the editors supplied are flagged, once per file."""
    by_file: dict[str, list[tuple[str, Location]]] = {}
    for dataset in content.datasets:
        if dataset.source.editorial:
            location = anchor(dataset).at("source", "citation")
            by_file.setdefault(location.file, []).append((dataset.id, location))
    for flagged in by_file.values():
        ids = ", ".join(dataset_id for dataset_id, _ in flagged)
        count = f"{len(flagged)} datasets cite" if len(flagged) > 1 else "1 dataset cites"
        yield Diagnostic(
            Severity.WARNING,
            "SOURCE_EDITORIAL",
            f"{count} a source the editors supplied, not the report: {ids}",
            flagged[0][1],
            "confirm them before filing: reports citing no source are sent back",
        )
