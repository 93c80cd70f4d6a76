"""Numbers as the source writes them: 960.4萬人, 31,703.4億元, 8.0%."""

from __future__ import annotations

from briefing.model.stats import Cell, Column, Figure


def plain_number(value: float, *, decimals: int | None = None, group: bool = True) -> str:
    """A number with thousands separators and no needless decimals."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
    text = f"{value:,.{decimals}f}" if group else f"{value:.{decimals}f}"
    return text


def figure_value(figure: Figure) -> str:
    """A figure's value with its scale and unit, e.g. 約25萬人 or 8.0%."""
    unit = figure.unit.strip()
    if unit in ("%", "％"):
        text = f"{plain_number(figure.value, decimals=1)}%"
    else:
        text = (
            f"{plain_number(figure.value, group=figure.value >= 10000)}{figure.scale or ''}{unit}"
        )
    return f"約{text}" if figure.approximate else text


def cell_text(column: Column, value: Cell) -> str:
    """A table cell formatted for its column."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    match column.type:
        case "year":
            return str(value)
        case "percent":
            return f"{plain_number(float(value), decimals=1)}%"
        case "integer":
            return plain_number(value, group=abs(value) >= 10000)
        case _:
            return plain_number(value, group=abs(value) >= 10000)


def column_header(column: Column) -> str:
    """A column label with its unit: 數量（個）."""
    unit = f"{column.scale or ''}{column.unit or ''}"
    return f"{column.label}（{unit}）" if unit and column.type != "percent" else column.label
