"""Every string a renderer may draw for a document (for preparing font subsets)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

from briefing.document import (
    Block,
    Chart,
    Contents,
    Cover,
    Document,
    Figure,
    Heading,
    KeyFigures,
    ListItem,
    Masthead,
    NumberedList,
    PageBreak,
    Paragraph,
    Table,
)
from briefing.render.charts import chart_texts
from briefing.render.furniture import running_title

FURNITURE_CHARS = "0123456789.%：（）　-"
"""Characters renderers add themselves: page numbers, leaders, colons, chart shares, and
the hyphen of a word broken at a line end."""


def document_texts(document: Document) -> Iterator[str]:
    """Yield every string the renderer may draw for `document`."""
    layout = document.layout
    yield layout.header_text
    yield running_title(layout)  # may end with an ellipsis the document has nowhere else
    yield layout.marking
    yield layout.footer_format
    yield FURNITURE_CHARS
    for block in document.blocks:
        yield from _block_texts(block)
    # The contents repeat heading labels; they are already yielded with the headings.


def _block_texts(block: Block) -> Iterator[str]:
    """Yield the strings of one block."""
    match block:
        case Cover():
            yield from (block.kicker, block.title, block.subtitle, block.addressee, block.marking)
            for f in block.fields:
                yield f.label
                yield f.value
        case Masthead():
            yield from (block.kicker, block.title, block.subtitle, block.addressee)
            yield from (block.date_line, block.marking)
        case Contents():
            yield block.title
        case Heading():
            yield block.label
        case Paragraph():
            yield block.text
        case NumberedList():
            for item in block.items:
                yield from _item_texts(item)
        case Table():
            yield block.caption.printed if block.caption else ""
            yield block.source
            for row in (*block.header, *block.rows):
                yield from row
        case Figure():
            yield block.caption.printed
        case Chart():
            yield from (block.caption.printed, block.source)
            yield from chart_texts(block)
        case KeyFigures():
            yield block.title
            for kf in block.items:
                yield from (kf.value, kf.label, kf.source)
        case PageBreak():
            pass
        case _:
            assert_never(block)


def _item_texts(item: ListItem) -> Iterator[str]:
    """Yield the strings of a list item and its sub-items."""
    yield item.label
    yield item.text
    yield from item.paragraphs
    for child in item.children:
        yield from _item_texts(child)
