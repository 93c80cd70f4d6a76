"""Estimate the page each heading lands on, for the cached results of page fields.

The contents' page numbers and the footer's total are PAGEREF fields: LibreOffice lays
them out itself, Word shows the cached result until fields are updated (F9, printing), so
a close estimate beats blank numbers. Chinese text is nearly monospaced, which makes
counting characters per line a fair model.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from docx.image.image import Image

from briefing.document import (
    Chart,
    Contents,
    Cover,
    Document,
    Figure,
    Heading,
    KeyFigures,
    Layout,
    ListItem,
    Masthead,
    NumberedList,
    PageBreak,
    Paragraph,
    Table,
    TextStyle,
)
from briefing.render.docx.charts import chart_height
from briefing.render.docx.styles import CELL_PADDING, COMPACT_SCALE

_MM = 72 / 25.4


def em_width(text: str) -> float:
    """Width of `text` in ems: wide (CJK) characters 1, others about half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def _lines(text: str, size: float, width: float, first_indent: float = 0.0) -> int:
    """Lines `text` takes in a column `width` points wide (newlines start new lines)."""
    per_line = max(width / size, 1.0)
    return sum(
        max(1, math.ceil((em_width(part) + first_indent) / per_line)) for part in text.split("\n")
    )


def _height(text: str, style: TextStyle, width: float, first_indent: float = 0.0) -> float:
    """Height of a paragraph of `text` in `style`, spacing included."""
    return (
        _lines(text, style.size, width, first_indent) * style.leading
        + style.space_before
        + style.space_after
    )


@dataclass
class _Pager:
    """Places blocks of given heights on pages of a fixed text height."""

    page_height: float
    page: int = 1
    used: float = 0.0

    def place(self, height: float, *, keep: float = 0.0) -> int:
        """Put a block here or on the next page; `keep` is what must follow on the page."""
        if self.used and self.used + height + keep > self.page_height:
            self.new_page()
        self.used += height
        while self.used > self.page_height:  # blocks longer than a page run on
            self.used -= self.page_height
            self.page += 1
        return self.page

    def new_page(self) -> None:
        """Continue on a fresh page."""
        if self.used:
            self.page += 1
            self.used = 0.0


@dataclass(frozen=True)
class PageEstimate:
    """Estimated page numbers (counted from 1 after the cover)."""

    headings: dict[str, int]
    """The page of each heading, by anchor."""
    last: int
    """The page of the document's end."""


def estimate_pages(document: Document) -> PageEstimate:
    """Estimate where each heading and the end of the document land."""
    layout = document.layout
    width = (layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm) * _MM
    height = (layout.page_height_mm - layout.margin_top_mm - layout.margin_bottom_mm) * _MM
    pager = _Pager(height)
    pages: dict[str, int] = {}
    for block in document.blocks:
        match block:
            case Cover():
                pager = _Pager(height)
            case Masthead():
                size = layout.cover_title.size * 0.75
                title = _lines(block.title, size, width) * size * 1.4
                pager.place(title + 4 * layout.body.leading)
            case PageBreak():
                pager.new_page()
            case Heading():
                style = heading_style(layout, block.level)
                keep = 2 * layout.body.leading
                pages[block.anchor] = pager.place(_height(block.label, style, width), keep=keep)
            case Contents():
                entries = sum(
                    1 for h in document.headings() if h.in_contents and h.level <= block.depth
                )
                pager.place(_height(block.title, heading_style(layout, 1), width))
                for _ in range(entries):
                    pager.place(layout.body.leading)
            case Paragraph():
                style = layout.note if block.role == "note" else layout.body
                indent = block.indent_level * layout.list_indent_mm * _MM
                first = 2.0 if block.first_line_indent else 0.0
                pager.place(_height(block.text, style, width - indent, first))
            case NumberedList():
                for text, indent in _list_lines(block.items, block.level, layout):
                    pager.place(_height(text, layout.body, width - indent))
            case Table():
                _place_table(pager, block, layout, width)
            case Figure():
                pager.place(
                    _figure_height(block, width, height)
                    + _height(block.caption.printed, layout.caption, width)
                )
            case Chart():
                chart = chart_height(block, width, layout)
                notes = _height(block.source, layout.note, width) if block.source else 0.0
                pager.place(chart + _height(block.caption.printed, layout.caption, width) + notes)
            case KeyFigures():
                title = _height(block.title, layout.caption, width) if block.title else 0.0
                pager.place(title + 3 * layout.table.leading + 2 * layout.note.leading)
    return PageEstimate(pages, pager.page)


def heading_style(layout: Layout, level: int) -> TextStyle:
    """The text style of a heading level (the last one repeats for deeper levels)."""
    if not layout.headings:
        return layout.body
    return layout.headings[min(level, len(layout.headings)) - 1]


def _list_lines(
    items: Iterable[ListItem], depth: int, layout: Layout
) -> Iterator[tuple[str, float]]:
    """Every paragraph of a list with its left indent in points."""
    for item in items:
        indent = depth * layout.list_indent_mm * _MM + em_width(item.label) * layout.body.size
        yield item.text, indent
        for extra in item.paragraphs:
            yield extra, indent
        yield from _list_lines(item.children, depth + 1, layout)


def _place_table(pager: _Pager, table: Table, layout: Layout, width: float) -> None:
    """Place a table row by row: rows never split, header rows repeat."""
    scale = COMPACT_SCALE if table.compact else 1.0
    size = round(layout.table.size * scale * 2) / 2
    leading = round(layout.table.leading * scale * 2) / 2
    pad_y, pad_x = (twips / 20 for twips in CELL_PADDING[table.compact])
    pad = 2 * pad_y + 0.5  # padding above and below, and one rule
    total = sum(c.width for c in table.columns) or 1.0
    widths = [width * c.width / total - 2 * pad_x for c in table.columns]

    def row_height(row: tuple[str, ...]) -> float:
        """Height of one row: its tallest cell plus padding."""
        lines = max((_lines(t, size, w) for t, w in zip(row, widths, strict=False)), default=1)
        return lines * leading + pad

    header = sum(row_height(r) for r in table.header)
    if table.caption:
        caption = _height(table.caption.printed, layout.caption, width)
        pager.place(caption, keep=header + (row_height(table.rows[0]) if table.rows else 0))
    start_page = pager.page
    pager.place(header)
    for row in table.rows:
        before = pager.page
        pager.place(row_height(row))
        if pager.page != before and pager.page != start_page:
            pager.used += header  # the header rows repeat on the new page
    if table.source:
        pager.place(_height(table.source, layout.note, width))


def _figure_height(figure: Figure, width: float, height: float) -> float:
    """Height of the picture as placed (scaled into the text area), 0 without one."""
    if figure.image is None:
        return 0.0
    try:
        image = Image.from_file(figure.image)
    except Exception:  # the renderer reports unreadable images; an estimate need not
        return height / 3
    return image.height.pt * fit_scale(image.width.pt, image.height.pt, width, height)


def fit_scale(w: float, h: float, text_width: float, text_height: float) -> float:
    """Scale that fits a picture into the text width and three quarters of the height."""
    if w <= 0 or h <= 0:
        return 1.0
    return min(1.0, text_width / w, text_height * 0.75 / h)
