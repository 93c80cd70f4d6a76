"""Render a Document tree to ODT bytes (ODF 1.3 text), the government's editable format.

Written as ODF XML with lxml rather than with odfdo, the maintained ODF library on PyPI.
odfdo was tried: it starts from a template carrying LibreOffice leftovers (thumbnail,
Configurations2, a creation date of its own, office:version 1.4 which the 1.3 schema
rejects) and writes zip entries stamped with the clock, so byte-identical output would mean
rewriting its meta, styles and zip after it, and what this renderer needs beyond plain
paragraphs (outline and list numbering, a pre-filled index, page styles, header-row
repeat, East Asian properties) is raw ODF elements in either case. lxml is already a
dependency (python-docx); the OASIS RelaxNG schema checks the result in the tests.

Pipeline: styles.xml (fonts, named styles, outline numbering, pages) → content.xml
(blocks, with list styles and the automatic styles they need) → meta.xml → manifest →
reproducible zip. Nothing here reads a clock.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml.etree import _Element

from briefing.document import Block, Cover, Document, ListItem, NumberedList
from briefing.render.docx.paging import estimate_pages
from briefing.render.odt.blocks import render_body
from briefing.render.odt.context import MM, AutoStyles, Context, Pictures
from briefing.render.odt.numbering import label_width, list_style
from briefing.render.odt.odf import NS, root, serialise, sub
from briefing.render.odt.package import MIMETYPE, manifest, meta_part, odt_zip
from briefing.render.odt.styles import font_faces, styles_part, table_styles

__all__ = ["render_odt"]


def _lists(blocks: tuple[Block, ...]) -> Iterator[NumberedList]:
    """Every numbered list, in order."""
    return (b for b in blocks if isinstance(b, NumberedList))


def _widths(items: tuple[ListItem, ...], level: int, widths: dict[int, float]) -> None:
    """The widest label at each list level (1-based) under `items`."""
    for item in items:
        widths[level] = max(widths.get(level, 0.0), label_width(item.label))
        _widths(item.children, level + 1, widths)


def _list_styles(document: Document, automatic: _Element) -> dict[tuple[int, int], str]:
    """One list style per (outline level, indent level) of the lists, labels hanging."""
    layout = document.layout
    groups: dict[tuple[int, int], dict[int, float]] = {}
    for block in _lists(document.blocks):
        if block.items:
            _widths(block.items, 1, groups.setdefault((block.outline_level, block.level), {}))
    names = {}
    for index, (key, widths) in enumerate(sorted(groups.items()), start=1):
        name = f"L{index}"
        hanging = [widths.get(k, widths[max(widths)]) for k in range(1, max(widths) + 1)]
        style = list_style(
            name,
            layout.numbering,
            key[0],
            key[1],
            hanging,
            layout.body.size,
            layout.list_indent_mm * MM,
        )
        automatic.append(style)
        names[key] = name
    return names


def _sequences(body: _Element, document: Document) -> None:
    """Declare the caption sequences (table, figure) the captions count in."""
    from briefing.document import Chart, Figure, Table

    names = []
    for block in document.blocks:
        if isinstance(block, Table | Figure | Chart):
            caption = block.caption
            if caption is not None and caption.sequence and caption.sequence not in names:
                names.append(caption.sequence)
    if names:
        decls = sub(body, "text:sequence-decls")
        for name in names:
            sub(decls, "text:sequence-decl", {"text:display-outline-level": "0", "text:name": name})


LAST_PAGE = "_LastPage"
"""The bookmark at the end of the body whose page number is the footer's total."""


def _mark_the_end(body: _Element) -> str:
    """Put a bookmark at the end of the last paragraph; its name ('' without paragraphs)."""
    last = body.xpath("(.//text:p | .//text:h)[last()]", namespaces=NS)
    if not last:
        return ""
    sub(last[0], "text:bookmark", {"text:name": LAST_PAGE})
    return LAST_PAGE


def render_odt(document: Document) -> bytes:
    """The document as an .odt file; the same tree always gives the same bytes."""
    layout = document.layout
    text_width = (layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm) * MM
    text_height = (layout.page_height_mm - layout.margin_top_mm - layout.margin_bottom_mm) * MM
    numbered = bool(layout.numbering)

    content = root("office:document-content")
    content.append(font_faces(layout))
    automatic = sub(content, "office:automatic-styles")
    automatic.extend(table_styles(layout))
    list_names = _list_styles(document, automatic) if numbered else {}
    body = sub(sub(content, "office:body"), "office:text")
    _sequences(body, document)
    auto = AutoStyles()
    ctx = Context(
        layout=layout,
        auto=auto,
        pictures=Pictures(),
        text_width=text_width,
        text_height=text_height,
        headings=document.headings(),
        pages=estimate_pages(document).headings,
        numbered=numbered,
        list_styles=list_names,
    )
    render_body(body, document.blocks, ctx)
    last_page = _mark_the_end(body) if any(isinstance(b, Cover) for b in document.blocks) else ""
    automatic.extend(auto.elements)
    parts = {
        "mimetype": MIMETYPE,
        "content.xml": serialise(content),
        "styles.xml": serialise(styles_part(layout, document.metadata, text_width, last_page)),
        "meta.xml": serialise(meta_part(document.metadata)),
        "META-INF/manifest.xml": manifest(ctx.pictures.items),
    }
    parts.update({path: picture.data for path, picture in ctx.pictures.items.items()})
    return odt_zip(parts)
