"""A readable text dump of the document tree, for golden tests and debugging."""

from __future__ import annotations

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


def _lines(text: str) -> str:
    return text.replace("\n", " ⏎ ")


def _items(items: tuple[ListItem, ...], depth: int) -> list[str]:
    out: list[str] = []
    pad = "  " * depth
    for item in items:
        out.append(f"{pad}{item.label} {_lines(item.text)}")
        out.extend(f"{pad}  ¶ {_lines(p)}" for p in item.paragraphs)
        out.extend(_items(item.children, depth + 1))
    return out


def dump_block(block: Block) -> list[str]:
    """The lines describing one block."""
    match block:
        case Cover():
            out = [f"Cover: {block.kicker} | {block.title}"]
            out.extend(f"  {f.label}{_lines(f.value)}" for f in block.fields)
            return out
        case Masthead():
            return [
                f"Masthead: {block.kicker} | {block.title} | {block.subtitle} | "
                f"{block.addressee} | {block.date_line} | {block.marking}"
            ]
        case Contents():
            return [f"Contents: {block.title} (depth {block.depth})"]
        case Heading():
            mark = "" if block.in_contents else " [not in contents]"
            return [f"{'#' * block.level} {block.label}{mark}"]
        case Paragraph():
            return [f"Paragraph[{block.role}]: {_lines(block.text)}"]
        case NumberedList():
            return [f"List (level {block.level}):", *_items(block.items, 1)]
        case Table():
            caption = block.caption.printed if block.caption else ""
            out = [f"Table: {caption} ({len(block.rows)} rows)"]
            out.extend("  | " + " | ".join(map(_lines, row)) + " |" for row in block.header)
            out.append("  " + "-" * 8)
            out.extend("  | " + " | ".join(map(_lines, row)) + " |" for row in block.rows)
            if block.source:
                out.append(f"  {block.source}")
            return out
        case Figure():
            return [f"Figure: {block.caption.printed} [{block.image or 'no image'}]"]
        case Chart():
            out = [
                f"Chart[{block.kind}]: {block.caption.printed} (unit {block.unit or '—'}, "
                f"max {block.maximum})"
            ]
            out.extend(f"  {item.label}: {item.text}" for item in block.items)
            out.append(f"  alt: {block.alt}")
            if block.source:
                out.append(f"  {block.source}")
            return out
        case KeyFigures():
            out = [f"KeyFigures: {block.title}"]
            out.extend(f"  {k.value} — {k.label} ({k.source})" for k in block.items)
            return out
        case PageBreak():
            return ["--- page break ---"]
        case _:
            assert_never(block)


def dump(document: Document) -> str:
    """The whole document as indented text."""
    meta = document.metadata
    lines = [f"Document: {meta.title} ({meta.language}, {meta.created.isoformat()})"]
    for block in document.blocks:
        lines.extend(dump_block(block))
    return "\n".join(lines) + "\n"
