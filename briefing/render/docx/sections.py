"""Page setup and page furniture: running header, page-number footer, cover sections."""

from __future__ import annotations

import re
from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.section import Section
from docx.shared import Mm
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml.etree import _Element

from briefing.document import Layout
from briefing.render.docx import ooxml
from briefing.render.docx.context import Bookmark
from briefing.render.docx.styles import StyleIds
from briefing.render.furniture import running_title

_PLACEHOLDER = re.compile(r"\{(page|pages)\}")


def setup_page(section: Section, layout: Layout) -> None:
    """Page size and margins from the layout; header and footer halfway into the margins."""
    section.page_width = Mm(layout.page_width_mm)
    section.page_height = Mm(layout.page_height_mm)
    section.top_margin = Mm(layout.margin_top_mm)
    section.bottom_margin = Mm(layout.margin_bottom_mm)
    section.left_margin = Mm(layout.margin_left_mm)
    section.right_margin = Mm(layout.margin_right_mm)
    section.header_distance = Mm(layout.margin_top_mm / 2)
    section.footer_distance = Mm(layout.margin_bottom_mm / 2)
    section.gutter = Mm(0)


def furnish(
    doc: DocxDocument, layout: Layout, ids: StyleIds, covers: Sequence[bool], end: Bookmark
) -> None:
    """Give body sections header and footer; cover sections get none and restart numbering."""
    # With a cover, the footer's total is the page number of the `end` bookmark (PAGEREF):
    # NUMPAGES would count the cover, and LibreOffice does not compute SECTIONPAGES.
    total = _total_field(end) if any(covers) else ("NUMPAGES", "1")
    properties = ooxml.section_properties(doc.element.body)
    for index, (section, is_cover) in enumerate(zip(doc.sections, covers, strict=True)):
        # Explicit (empty) parts: a section without them would inherit the previous one's.
        section.header.is_linked_to_previous = False
        section.footer.is_linked_to_previous = False
        if is_cover:
            # Numbered 0 (never shown) so that page 1 follows an even page: LibreOffice
            # otherwise inserts a blank page to put an odd number on a left-hand page.
            ooxml.restart_page_numbers(properties[index], 0)
            continue
        if index > 0 and covers[index - 1]:
            ooxml.restart_page_numbers(properties[index], 1)
        _fill_header(section.header.paragraphs[0], layout, ids)
        _fill_footer(section.footer.paragraphs[0], layout, ids, total)


def _element(paragraph: DocxParagraph) -> _Element:
    """The paragraph's w:p element."""
    return paragraph._p  # python-docx has no public accessor for a paragraph's element


def _fill_header(paragraph: DocxParagraph, layout: Layout, ids: StyleIds) -> None:
    """Running title on the left, the marking (e.g. 內部參考) at the right tab stop."""
    p = _element(paragraph)
    ooxml.set_style(p, ids.header)
    if layout.header_text:
        p.append(ooxml.text_run(running_title(layout)))
    if layout.marking:
        p.append(ooxml.text_run("\t"))
        p.append(ooxml.text_run(layout.marking, style=ids.marking))
    if layout.header_text or layout.marking:
        ooxml.set_bottom_border(ooxml.ppr(p), layout.accent.lstrip("#").upper())


def _total_field(end: Bookmark) -> tuple[str, str]:
    """The field instruction and cached result giving the body's number of pages."""
    return f"PAGEREF {end.name}", str(end.page or 1)


def _fill_footer(
    paragraph: DocxParagraph, layout: Layout, ids: StyleIds, total: tuple[str, str]
) -> None:
    """The footer format with {page} as a PAGE field and {pages} as the `total` field."""
    p = _element(paragraph)
    ooxml.set_style(p, ids.footer)
    for index, piece in enumerate(_PLACEHOLDER.split(layout.footer_format)):
        if index % 2:
            p.extend(ooxml.field("PAGE", "1") if piece == "page" else ooxml.field(*total))
        elif piece:
            p.append(ooxml.text_run(piece))
