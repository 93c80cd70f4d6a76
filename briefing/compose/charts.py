"""Charts declared in content, turned into Chart nodes with computed values."""

from __future__ import annotations

from briefing.compose.numbers import PERCENT_UNITS as _PERCENT
from briefing.compose.numbers import Numbers, plain_number
from briefing.document import Caption, Chart, ChartItem
from briefing.model.content import Content
from briefing.model.stats import ChartSpec, Figure, FiguresDataset, TableDataset
from briefing.style.pattern import fill


def chart_items(
    spec: ChartSpec, content: Content, numbers: Numbers
) -> tuple[tuple[ChartItem, ...], str] | None:
    """The items of a chart and their unit; None when its data cannot be found."""

    def _value_text(value: float, unit: str) -> str:
        if unit in _PERCENT:
            return f"{plain_number(value, decimals=1)}%"
        decimals = 0 if float(value).is_integer() else 1
        return numbers.quantity(plain_number(round(value, decimals), decimals=decimals), unit)

    dataset = content.dataset(spec.dataset)
    if isinstance(dataset, FiguresDataset):
        by_id = {f.id: f for f in dataset.figures}
        chosen: list[tuple[Figure, str]] = []
        for entry in spec.figures:
            figure = by_id.get(entry.figure)
            if figure is None:
                return None
            chosen.append((figure, entry.label or figure.label))
        if not chosen:
            return None
        first = chosen[0][0]
        unit = f"{first.scale or ''}{first.unit}"
        items = [ChartItem(label, f.value, _value_text(f.value, unit)) for f, label in chosen]
        whole = by_id.get(first.part_of or "")
        if spec.rest_label and whole is not None:
            rest = round(whole.value - sum(f.value for f, _ in chosen), 6)  # computed, not typed
            items.append(ChartItem(spec.rest_label, rest, _value_text(rest, unit)))
        return tuple(items), unit
    if isinstance(dataset, TableDataset) and spec.value:
        columns = {c.key: c for c in dataset.columns}
        value_column = columns.get(spec.value)
        if value_column is None:
            return None
        unit = f"{value_column.scale or ''}{value_column.unit or ''}"
        items = []
        for row in dataset.rows:
            value = row.get(spec.value)
            if not isinstance(value, int | float) or isinstance(value, bool):
                continue
            label = " ".join(str(row[k]) for k in spec.category if row.get(k) is not None)
            if not label:  # e.g. a batch with no year: name it by its first text column
                text_keys = [c.key for c in dataset.columns if c.type == "text"]
                label = next((str(row[k]) for k in text_keys if row.get(k)), "")
            items.append(ChartItem(label, float(value), _value_text(float(value), unit)))
        return tuple(items), unit
    return None


def build_chart(
    spec: ChartSpec, content: Content, caption: Caption, source: str, numbers: Numbers
) -> Chart | None:
    """A Chart node for a declared chart, with alternative text listing every value."""
    found = chart_items(spec, content, numbers)
    if found is None:
        return None
    items, unit = found
    words = numbers.words
    listed = words.source_separator.join(f"{item.label} {item.text}" for item in items)
    alt = fill(words.chart_alt, {"title": spec.title, "items": listed})
    return Chart(
        kind=spec.kind,
        items=items,
        caption=caption,
        unit=unit,
        unit_label=fill(words.chart_unit, {"unit": unit}) if unit else "",
        maximum=100.0 if unit in _PERCENT and spec.kind != "pie" else None,
        source=source,
        alt=alt,
        anchor=f"c-{spec.id}",
    )
