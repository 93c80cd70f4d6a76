"""The named styles of the output, defined once from the layout and referred to by id."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor
from docx.styles.style import ParagraphStyle

from briefing.document import Align, Layout, TextStyle
from briefing.render.docx import ooxml

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
HEADING_LEVELS = 9
"""Word has built-in heading styles 1–9; deeper levels use Heading 9."""
TOC_LEVELS = 9
CELL_PADDING = {False: (29, 85), True: (0, 57)}
"""Table cell padding (top and bottom, left and right) in twips, by compactness."""
COMPACT_SCALE = 0.85
"""Type size of compact tables relative to other tables."""


@dataclass(frozen=True)
class StyleIds:
    """Ids of the styles defined for one document, looked up once."""

    normal: str = "Normal"
    body: str = "BodyText"
    lead: str = "Lead"
    note: str = "Note"
    caption: str = "Caption"
    figure: str = "Figure"
    list_item: str = "ListItem"
    list_continue: str = "ListContinue"
    table_text: str = "TableText"
    table_head: str = "TableHeading"
    table_text_compact: str = "TableTextCompact"
    table_head_compact: str = "TableHeadingCompact"
    key_value: str = "KeyFigureValue"
    key_label: str = "KeyFigureLabel"
    key_source: str = "KeyFigureSource"
    cover_marking: str = "CoverMarking"
    cover_kicker: str = "CoverKicker"
    cover_title: str = "CoverTitle"
    cover_subtitle: str = "CoverSubtitle"
    cover_addressee: str = "CoverAddressee"
    cover_field: str = "CoverField"
    masthead_kicker: str = "MastheadKicker"
    masthead_title: str = "MastheadTitle"
    masthead_subtitle: str = "MastheadSubtitle"
    masthead_line: str = "MastheadLine"
    toc_title: str = "TOCHeading"
    header: str = "Header"
    footer: str = "Footer"

    def heading(self, level: int) -> str:
        """Style id of a heading level (1-based)."""
        return f"Heading{min(max(level, 1), HEADING_LEVELS)}"

    def toc(self, level: int) -> str:
        """Style id of a TOC entry level (1-based)."""
        return f"TOC{min(max(level, 1), TOC_LEVELS)}"


def _rgb(color: str) -> RGBColor:
    """A python-docx colour from #RRGGBB."""
    return RGBColor.from_string(color.lstrip("#").upper())


def _scaled(style: TextStyle, factor: float = 1.0, **changes: Any) -> TextStyle:
    """A variant of a text style, scaled and rounded to half points."""
    size = round(style.size * factor * 2) / 2
    leading = round(style.leading * factor * 2) / 2
    return replace(style, size=size, leading=leading, **changes)


class _Definer:
    """Writes styles into styles.xml with the document's fonts and language."""

    def __init__(self, doc: DocxDocument, layout: Layout, languages: tuple[str, str]) -> None:
        """Prepare to define styles in `doc` for `layout` and (Latin, East Asian) languages."""
        self.styles = doc.styles
        self.latin = layout.docx_fonts.latin or layout.docx_fonts.main
        self.east_asian = layout.docx_fonts.main
        self.languages = languages
        # Looking styles up through python-docx scans them all each time; index them once.
        self.by_name = {
            style.name_val.lower(): style
            for style in self.styles.element.style_lst
            if style.name_val is not None
        }

    def get(self, name: str, style_id: str, base: str | None = "Normal") -> ParagraphStyle:
        """A built-in style cleared of its template look, or a new custom style."""
        element = self.by_name.get(name.lower())
        if element is None:
            element = self.styles.element.add_style_of_type(
                name, WD_STYLE_TYPE.PARAGRAPH, builtin=False
            )
            self.by_name[name.lower()] = element
        else:
            ooxml.reset_style(element)
        element.styleId = style_id
        element.basedOn_val = None if base is None else self.by_name[base.lower()].styleId
        return ParagraphStyle(element)

    def define(
        self,
        name: str,
        style_id: str,
        text: TextStyle,
        *,
        base: str | None = "Normal",
        align: Align | None = None,
        keep_next: bool = False,
    ) -> ParagraphStyle:
        """Define one paragraph style from a text style."""
        style = self.get(name, style_id, base)
        style.font.size = Pt(text.size)
        style.font.bold = text.bold
        style.font.color.rgb = _rgb(text.color)
        fmt = style.paragraph_format
        fmt.line_spacing = Pt(text.leading)
        fmt.space_before = Pt(text.space_before)
        fmt.space_after = Pt(text.space_after)
        fmt.alignment = _ALIGN[align or text.align]
        if keep_next:
            fmt.keep_with_next = True
            fmt.keep_together = True
        props = ooxml.rpr(style.element)
        ooxml.set_fonts(props, self.latin, self.east_asian)
        ooxml.set_language(props, *self.languages)
        return style


def define_styles(
    doc: DocxDocument, layout: Layout, languages: tuple[str, str], text_width: int
) -> StyleIds:
    """Restyle the template's built-in styles and add ours; `text_width` is in twips."""
    ids = StyleIds()
    d = _Definer(doc, layout, languages)
    styles_el = doc.styles.element
    ooxml.strip_theme(styles_el)
    defaults = ooxml.reset_defaults(styles_el)
    ooxml.set_fonts(defaults, d.latin, d.east_asian)
    ooxml.set_size(defaults, layout.body.size)
    ooxml.set_language(defaults, *languages)

    body = layout.body
    plain = TextStyle(body.size, body.leading, align="justify")
    d.define("Normal", ids.normal, plain, base=None)
    body_style = d.define("Body Text", ids.body, body)
    ooxml.set_indent(
        ooxml.ppr(body_style.element),
        first_line=round(body.size * 2 * 20),
        chars=200,
    )
    d.define("Lead", ids.lead, _scaled(body, bold=True))
    d.define("Note", ids.note, layout.note)
    d.define("Caption", ids.caption, layout.caption)
    figure_text = _scaled(body, space_before=body.leading / 2, space_after=0)
    figure = d.define("Figure", ids.figure, figure_text, align="center", keep_next=True)
    figure.paragraph_format.line_spacing = 1.0  # exact leading would clip the picture
    d.define("List Item", ids.list_item, _scaled(body, space_before=0))
    d.define("List Continue", ids.list_continue, _scaled(body, space_before=0))

    table = layout.table
    compact = _scaled(table, COMPACT_SCALE, space_before=0, space_after=0)
    cell = _scaled(table, space_before=0, space_after=0)
    d.define("Table Text", ids.table_text, cell)
    d.define("Table Heading", ids.table_head, replace(cell, bold=True), align="center")
    d.define("Table Text Compact", ids.table_text_compact, compact)
    head_compact = replace(compact, bold=True)
    d.define("Table Heading Compact", ids.table_head_compact, head_compact, align="center")

    first = layout.headings[0] if layout.headings else body
    second = layout.headings[1] if len(layout.headings) > 1 else first
    value_size = max(first.size + 4, 18.0)
    d.define(
        "Key Figure Value",
        ids.key_value,
        TextStyle(value_size, value_size * 1.25, bold=True, align="center", color=layout.accent),
    )
    d.define("Key Figure Label", ids.key_label, _scaled(table, bold=True), align="center")
    d.define("Key Figure Source", ids.key_source, layout.note, align="center")

    _define_headings(d, layout, ids)
    _define_cover(d, layout, ids, first, second)
    _define_masthead(d, layout, ids, second)
    _define_contents(d, layout, ids, text_width)
    header = d.define("Header", ids.header, _scaled(layout.note, space_after=0), align="left")
    ooxml.set_tab(ooxml.ppr(header.element), text_width, "right")
    d.define("Footer", ids.footer, _scaled(layout.note, space_before=0), align="center")
    return ids


def _define_headings(d: _Definer, layout: Layout, ids: StyleIds) -> None:
    """Restyle Heading 1–9, keeping their outline levels (navigation pane, TOC)."""
    for level in range(1, HEADING_LEVELS + 1):
        text = layout.headings[min(level, len(layout.headings)) - 1]
        style = d.define(f"Heading {level}", ids.heading(level), text, keep_next=True)
        style.element.get_or_add_next().val = ids.body
        ooxml.set_outline_level(ooxml.ppr(style.element), level - 1)


def _define_cover(
    d: _Definer, layout: Layout, ids: StyleIds, first: TextStyle, second: TextStyle
) -> None:
    """Cover styles: sizes from the cover title and the first heading levels."""
    title = layout.cover_title
    accent = layout.accent
    d.define("Cover Marking", ids.cover_marking, _scaled(second, color=accent), align="right")
    d.define(
        "Cover Kicker",
        ids.cover_kicker,
        _scaled(first, space_before=second.size * 2, space_after=0),
        align="center",
    )
    d.define(
        "Cover Title",
        ids.cover_title,
        _scaled(title, space_before=title.size * 3, space_after=title.size),
        align="center",
    )
    d.define("Cover Subtitle", ids.cover_subtitle, second, align="center")
    d.define(
        "Cover Addressee",
        ids.cover_addressee,
        _scaled(second, space_before=second.size, bold=False),
        align="center",
    )
    field_text = _scaled(second, bold=False, space_before=0, space_after=second.size / 2)
    d.define("Cover Field", ids.cover_field, field_text, align="left")


def _define_masthead(d: _Definer, layout: Layout, ids: StyleIds, second: TextStyle) -> None:
    """A briefing's title block: kicker, title, subtitle, addressee and date lines."""
    title = layout.cover_title
    size = round(title.size * 0.75 * 2) / 2
    d.define(
        "Masthead Kicker",
        ids.masthead_kicker,
        _scaled(layout.caption, bold=True, color=layout.accent, space_before=0),
        align="left",
    )
    d.define(
        "Masthead Title",
        ids.masthead_title,
        TextStyle(size, size * 1.4, space_after=size / 3, bold=True, color=title.color),
        align="left",
        keep_next=True,
    )
    d.define("Masthead Subtitle", ids.masthead_subtitle, second, align="left", keep_next=True)
    d.define(
        "Masthead Line",
        ids.masthead_line,
        _scaled(layout.body, space_before=0, space_after=0),
        align="left",
    )


def _define_contents(d: _Definer, layout: Layout, ids: StyleIds, text_width: int) -> None:
    """The 目次 title and TOC 1–9 entries with dot leaders to right-aligned page numbers."""
    first = layout.headings[0] if layout.headings else layout.body
    title = d.define("TOC Heading", ids.toc_title, first, align="center", keep_next=True)
    ooxml.set_outline_level(ooxml.ppr(title.element), 9)
    char = round(layout.body.size * 20)
    for level in range(1, TOC_LEVELS + 1):
        entry = _scaled(layout.body, space_before=0, space_after=0, bold=level == 1)
        style = d.define(f"toc {level}", ids.toc(level), entry, align="left")
        pr = ooxml.ppr(style.element)
        ooxml.set_indent(pr, left=(level - 1) * 2 * char)
        ooxml.set_tab(pr, text_width, "right", "dot")
