"""Numbers as the source writes them: 960.4萬人, 31,703.4億元, 8.0%."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model.stats import Cell, Column, Figure
from briefing.style.locale import Words
from briefing.style.pattern import fill


def plain_number(value: float, *, decimals: int | None = None, group: bool = True) -> str:
    """A number with thousands separators and no needless decimals."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
    text = f"{value:,.{decimals}f}" if group else f"{value:.{decimals}f}"
    return text


PERCENT_UNITS = ("%", "％")


@dataclass(frozen=True)
class Numbers:
    """Formats figures and table cells with the locale's words."""

    words: Words

    def figure_value(self, figure: Figure) -> str:
        """A figure's value with its scale and unit, e.g. 約25萬人 or 8.0%."""
        unit = figure.unit.strip()
        if unit in PERCENT_UNITS:
            text = f"{plain_number(figure.value, decimals=1)}%"
        else:
            grouped = plain_number(figure.value, group=figure.value >= 10000)
            text = self.quantity(grouped, f"{figure.scale or ''}{unit}")
        return fill(self.words.approximately, {"value": text}) if figure.approximate else text

    def quantity(self, value: str, unit: str) -> str:
        """A number written with its unit, as the locale joins them."""
        return fill(self.words.quantity, {"value": value, "unit": unit}) if unit else value

    def cell_text(self, column: Column, value: Cell) -> str:
        """A table cell formatted for its column."""
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return self.words.yes if value else self.words.no
        match column.type:
            case "year":
                return str(value)
            case "percent":
                return f"{plain_number(float(value), decimals=1)}%"
            case _:
                return plain_number(value, group=abs(value) >= 10000)

    def column_header(self, column: Column) -> str:
        """A column label with its unit: 數量（個）."""
        unit = f"{column.scale or ''}{column.unit or ''}"
        if unit and column.type != "percent":
            return fill(self.words.unit_in_header, {"label": column.label, "unit": unit})
        return column.label
