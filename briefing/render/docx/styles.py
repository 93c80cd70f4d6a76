"""The style sheet: Word's built-in styles where Word has one, ours where it has not.

The template's own styles (python-docx ships ~160: Title, Quote, Light Shading …) are
removed; every style is defined here from the layout, and `prune` drops those the
finished document does not use, keeping what a clerk expects to find (Normal, headings,
Body Text, Caption, Header, Footer) and each paragraph style's linked character style.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from docx.document import Document as DocxDocument
from lxml.etree import _Element

from briefing.document import Align, Layout, TextStyle
from briefing.render.docx import ooxml, tablexml

HEADING_LEVELS = 9
"""Word has built-in heading styles 1–9; deeper levels use Heading 9."""
TOC_LEVELS = 9
LIST_STYLES = 5
"""Word has List Number … List Number 5 and List Continue … List Continue 5."""
CELL_PADDING = {False: (29, 85), True: (0, 57)}
"""Table cell padding (top and bottom, left and right) in twips, by compactness."""
COMPACT_SCALE = 0.85
"""Type size of compact tables relative to other tables."""
_KEEP = ("Normal", "DefaultParagraphFont", "TableNormal", "NoList")
"""The template's default styles, which every Word document has."""
_EXPECTED = ("Normal", "BodyText", "Caption", "Header", "Footer", "Heading1", "Heading2")
_BORDER = "808080"
"""Thin grey rules: visible in print without the weight of black grids."""


def _suffix(level: int) -> str:
    """'' for the first of a numbered family of styles, else ' 2', ' 3', …"""
    return "" if level <= 1 else f" {level}"


@dataclass(frozen=True)
class StyleIds:
    """Ids of the styles defined for one document."""

    normal: str = "Normal"
    body: str = "BodyText"
    lead: str = "Lead"
    note: str = "Note"
    caption: str = "Caption"
    figure: str = "Figure"
    source: str = "Source"
    table_text: str = "TableText"
    table_head: str = "TableHeading"
    table: str = "ReportTable"
    table_compact: str = "ReportTableCompact"
    key_table: str = "KeyFigureTable"
    key_value: str = "KeyFigureValue"
    key_label: str = "KeyFigureLabel"
    key_source: str = "KeyFigureSource"
    cover_marking: str = "CoverMarking"
    cover_kicker: str = "CoverKicker"
    cover_title: str = "CoverTitle"
    cover_subtitle: str = "CoverSubtitle"
    cover_addressee: str = "CoverAddressee"
    cover_field: str = "CoverField"
    cover_label: str = "CoverLabel"
    masthead_kicker: str = "MastheadKicker"
    masthead_title: str = "MastheadTitle"
    masthead_subtitle: str = "MastheadSubtitle"
    masthead_line: str = "MastheadLine"
    toc_title: str = "TOCHeading"
    header: str = "Header"
    marking: str = "Marking"
    footer: str = "Footer"

    def heading(self, level: int) -> str:
        """Style id of a heading level (1-based)."""
        return f"Heading{min(max(level, 1), HEADING_LEVELS)}"

    def toc(self, level: int) -> str:
        """Style id of a TOC entry level (1-based)."""
        return f"TOC{min(max(level, 1), TOC_LEVELS)}"

    def list_number(self, depth: int) -> str:
        """Style id of a numbered item at list depth 0, 1, …"""
        return "ListNumber" + _suffix(min(depth, LIST_STYLES - 1) + 1).strip()

    def list_continue(self, depth: int) -> str:
        """Style id of a further paragraph of an item at list depth 0, 1, …"""
        return "ListContinue" + _suffix(min(depth, LIST_STYLES - 1) + 1).strip()

    def table_cell(self, align: Align) -> str:
        """Style id of table body text with the column's alignment."""
        return {
            "left": self.table_text,
            "center": "TableTextCentered",
            "right": "TableTextRight",
            "justify": "TableTextJustified",
        }[align]


@dataclass(frozen=True)
class Bindings:
    """The numbering the heading and list styles carry (num id 0: none)."""

    heading_num: int = 0
    list_num: int = 0
    list_levels: tuple[tuple[int, int], ...] = ()
    """Left and hanging indent (twips) per list level."""
    headings: int = 2
    """How many heading styles to define (Heading 1 …)."""
    lists: int = 2
    """How many List Number and List Continue styles to define."""


def _scaled(style: TextStyle, factor: float = 1.0, **changes: object) -> TextStyle:
    """A variant of a text style, scaled and rounded to half points."""
    size = round(style.size * factor * 2) / 2
    leading = round(style.leading * factor * 2) / 2
    return replace(style, size=size, leading=leading, **changes)  # type: ignore[arg-type]


class _Sheet:
    """Writes styles into styles.xml with the document's fonts and languages."""

    def __init__(self, doc: DocxDocument, layout: Layout, languages: tuple[str, str]) -> None:
        """Empty the template's style sheet down to its defaults."""
        self.root = doc.styles.element
        self.latin = layout.docx_fonts.latin or layout.docx_fonts.main
        self.east_asian = layout.docx_fonts.main
        self.languages = languages
        ooxml.strip_theme(self.root)
        for style in self.root.findall(ooxml.qn("w:style")):
            if style.get(ooxml.qn("w:styleId")) not in _KEEP:
                self.root.remove(style)
        defaults = ooxml.reset_defaults(self.root)
        ooxml.set_fonts(defaults, self.latin, self.east_asian)
        ooxml.set_size(defaults, layout.body.size)
        ooxml.set_language(defaults, *languages)
        ooxml.set_script_spacing(self.root, layout.cjk_latin_space > 0)

    def style(
        self,
        kind: str,
        name: str,
        style_id: str,
        *,
        base: str | None = "Normal",
        builtin: bool = False,
        priority: int | None = None,
        quick: bool = False,
        hidden_until_used: bool = False,
        next_id: str | None = None,
        link: str | None = None,
    ) -> _Element:
        """A new (or the template's default) style element with its header fields set."""
        old = self.root.find(f"{ooxml.W}style[@{ooxml.W}styleId='{style_id}']")
        if old is not None:
            self.root.remove(old)
        el = ooxml.element("style", type=kind, styleId=style_id)
        if style_id == "Normal":
            el.set(ooxml.qn("w:default"), "1")
        if not builtin:
            el.set(ooxml.qn("w:customStyle"), "1")
        el.append(ooxml.element("name", val=name))
        if base:
            el.append(ooxml.element("basedOn", val=base))
        if next_id:
            el.append(ooxml.element("next", val=next_id))
        if link:
            el.append(ooxml.element("link", val=link))
        if priority is not None:
            el.append(ooxml.element("uiPriority", val=str(priority)))
        if hidden_until_used:
            el.append(ooxml.element("unhideWhenUsed"))
        if quick:
            el.append(ooxml.element("qFormat"))
        self.root.append(el)
        return el

    def paragraph(
        self,
        name: str,
        style_id: str,
        text: TextStyle | None,
        *,
        align: Align | None = None,
        keep_next: bool = False,
        exact: bool = True,
        **header: object,
    ) -> _Element:
        """A paragraph style from a text style (None: only what `header` and `align` say)."""
        el = self.style("paragraph", name, style_id, **header)  # type: ignore[arg-type]
        pr = ooxml.ppr(el)
        if keep_next:
            ooxml.set_keep(pr)
        if text is not None:
            line = round(text.leading * 20) if exact else 240
            ooxml.set_spacing(
                pr, round(text.space_before * 20), round(text.space_after * 20), line, exact
            )
        if align or text is not None:
            ooxml.set_align(pr, ooxml.JC[align or (text.align if text else "left")])
        run = ooxml.rpr(el)
        ooxml.set_fonts(run, self.latin, self.east_asian)
        if text is not None:
            ooxml.set_bold(run, text.bold)
            ooxml.set_color(run, text.color.lstrip("#").upper())
            ooxml.set_size(run, text.size)
        ooxml.set_language(run, *self.languages)
        if not len(pr):
            el.remove(pr)
        return el

    def linked(self, paragraph: _Element, name: str) -> None:
        """A character style with the paragraph style's run properties, linked both ways."""
        para_id = paragraph.get(ooxml.qn("w:styleId"))
        char_id = f"{para_id}Char"
        char = self.style(
            "character", f"{name} Char", char_id, base="DefaultParagraphFont", link=para_id
        )
        priority = paragraph.find(ooxml.qn("w:uiPriority"))
        if priority is not None:
            char.append(ooxml.element("uiPriority", val=priority.get(ooxml.qn("w:val"), "")))
        run = paragraph.find(ooxml.qn("w:rPr"))
        if run is not None:
            char.append(ooxml.copy(run))
        ooxml.set_link(paragraph, char_id)


def define_styles(
    doc: DocxDocument,
    layout: Layout,
    languages: tuple[str, str],
    text_width: int,
    bindings: Bindings,
) -> StyleIds:
    """The whole style sheet; `text_width` is in twips."""
    ids = StyleIds()
    s = _Sheet(doc, layout, languages)
    body = layout.body
    s.paragraph(
        "Normal",
        ids.normal,
        TextStyle(body.size, body.leading),
        base=None,
        builtin=True,
        quick=True,
    )
    body_style = s.paragraph(
        "Body Text", ids.body, body, builtin=True, priority=99, hidden_until_used=True
    )
    ooxml.set_indent(ooxml.ppr(body_style), first_line=round(body.size * 2 * 20), chars=200)
    s.linked(body_style, "Body Text")
    s.paragraph("Lead", ids.lead, _scaled(body, bold=True), quick=True)
    s.paragraph("Note", ids.note, layout.note, quick=True)
    s.paragraph("Source", ids.source, None, base=ids.note, align="center", quick=True)
    s.paragraph(
        "caption", ids.caption, layout.caption, builtin=True, priority=35, quick=True,
        hidden_until_used=True,
    )  # fmt: skip
    figure_text = _scaled(body, space_before=body.leading / 2, space_after=0)
    # Exact leading would clip the picture: single spacing grows with it.
    s.paragraph("Figure", ids.figure, figure_text, align="center", keep_next=True, exact=False)
    _define_lists(s, layout, ids, bindings)
    _define_tables(s, layout, ids)
    _define_headings(s, layout, ids, bindings)
    _define_cover(s, layout, ids)
    _define_masthead(s, layout, ids)
    _define_contents(s, layout, ids, text_width)
    note = _scaled(layout.note, space_after=0)
    header = s.paragraph(
        "header", ids.header, note, align="left", builtin=True, priority=99,
        hidden_until_used=True,
    )  # fmt: skip
    ooxml.set_tab(ooxml.ppr(header), text_width, "right")
    s.linked(header, "Header")
    marking = s.style("character", "Marking", ids.marking, base="DefaultParagraphFont")
    ooxml.set_bold(ooxml.rpr(marking), True)
    ooxml.set_color(ooxml.rpr(marking), layout.accent.lstrip("#").upper())
    footer = s.paragraph(
        "footer", ids.footer, _scaled(layout.note, space_before=0), align="center", builtin=True,
        priority=99, hidden_until_used=True,
    )  # fmt: skip
    s.linked(footer, "Footer")
    return ids


def _define_lists(s: _Sheet, layout: Layout, ids: StyleIds, bindings: Bindings) -> None:
    """List Number 1–5 (bound to the list numbering) and List Continue 1–5."""
    text = _scaled(layout.body, space_before=0)
    for depth in range(min(bindings.lists, LIST_STYLES)):
        number = s.paragraph(
            f"List Number{_suffix(depth + 1)}", ids.list_number(depth), text, builtin=True,
            priority=99, hidden_until_used=True,
        )  # fmt: skip
        if bindings.list_num:
            ooxml.set_numbering(ooxml.ppr(number), bindings.list_num, depth)
        more = s.paragraph(
            f"List Continue{_suffix(depth + 1)}", ids.list_continue(depth), text, builtin=True,
            priority=99, hidden_until_used=True,
        )  # fmt: skip
        if depth < len(bindings.list_levels):
            ooxml.set_indent(ooxml.ppr(more), left=bindings.list_levels[depth][0])


def _define_tables(s: _Sheet, layout: Layout, ids: StyleIds) -> None:
    """Table styles (rules, padding, header shading) and the text styles of their cells."""
    # Cell text styles are based on no other style, so that the table style's type size
    # reaches them (a paragraph style's inherited size would win over the table's).
    table = _scaled(layout.table, space_before=0, space_after=0)
    compact = _scaled(layout.table, COMPACT_SCALE, space_before=0, space_after=0)
    accent = layout.accent.lstrip("#").upper()
    fill = accent  # header rows as in the PDF: accent fill, white bold text
    s.root.append(
        tablexml.table_style(ids.table, "Report Table", table, _BORDER, CELL_PADDING[False], fill)
    )
    compact_style = tablexml.table_style(
        ids.table_compact, "Report Table Compact", compact, _BORDER, CELL_PADDING[True], fill
    )
    compact_style.find(ooxml.qn("w:name")).addnext(ooxml.element("basedOn", val=ids.table))
    s.root.append(compact_style)
    key = tablexml.table_style(
        ids.key_table, "Key Figure Table", table, accent, CELL_PADDING[False], "", valign="top",
    )  # fmt: skip
    s.root.append(key)
    s.paragraph("Table Text", ids.table_text, None, base=None, align="left", quick=True)
    for align in ("center", "right", "justify"):
        style_id = ids.table_cell(align)  # type: ignore[arg-type]
        name = {"TableTextCentered": "Centered", "TableTextRight": "Right"}.get(
            style_id, "Justified"
        )
        s.paragraph(f"Table Text {name}", style_id, None, base=ids.table_text, align=align)  # type: ignore[arg-type]
    head = s.paragraph("Table Heading", ids.table_head, None, base=ids.table_text, align="center")
    ooxml.set_bold(ooxml.rpr(head), True)
    first = layout.headings[0] if layout.headings else layout.body
    value_size = max(first.size + 4, 18.0)
    s.paragraph(
        "Key Figure Value", ids.key_value,
        TextStyle(value_size, value_size * 1.25, bold=True, align="center", color=layout.accent),
    )  # fmt: skip
    s.paragraph("Key Figure Label", ids.key_label, _scaled(table, bold=True), align="center")
    s.paragraph("Key Figure Source", ids.key_source, layout.note, align="center")


def _define_headings(s: _Sheet, layout: Layout, ids: StyleIds, bindings: Bindings) -> None:
    """Heading 1–9 with their outline levels, numbering and linked character styles."""
    for level in range(1, min(bindings.headings, HEADING_LEVELS) + 1):
        text = layout.headings[min(level, len(layout.headings)) - 1] if layout.headings else None
        style = s.paragraph(
            f"heading {level}", ids.heading(level), text or layout.body, keep_next=True,
            builtin=True, priority=9, quick=True, next_id=ids.body,
            hidden_until_used=level > 1,
        )  # fmt: skip
        pr = ooxml.ppr(style)
        ooxml.set_keep(pr, lines=True)
        if bindings.heading_num:
            ooxml.set_numbering(pr, bindings.heading_num, level - 1)
        ooxml.set_outline_level(pr, level - 1)
        s.linked(style, f"Heading {level}")


def _define_cover(s: _Sheet, layout: Layout, ids: StyleIds) -> None:
    """Cover styles: sizes from the cover title and the first heading levels."""
    first = layout.headings[0] if layout.headings else layout.body
    second = layout.headings[1] if len(layout.headings) > 1 else first
    title = layout.cover_title
    accent = layout.accent
    marking = s.paragraph(
        "Cover Marking", ids.cover_marking, _scaled(second, color=accent, bold=True),
        align="right",
    )  # fmt: skip
    ooxml.set_box(ooxml.rpr(marking), accent.lstrip("#").upper())
    s.paragraph(
        "Cover Kicker", ids.cover_kicker,
        _scaled(first, space_before=second.size * 2, space_after=0), align="center",
    )  # fmt: skip
    s.paragraph(
        "Cover Title", ids.cover_title,
        _scaled(title, space_before=title.size * 3, space_after=title.size), align="center",
    )  # fmt: skip
    s.paragraph("Cover Subtitle", ids.cover_subtitle, second, align="center")
    s.paragraph(
        "Cover Addressee", ids.cover_addressee,
        _scaled(second, space_before=second.size, bold=False), align="center",
    )  # fmt: skip
    body = layout.body
    field_text = TextStyle(body.size + 1, body.leading + 1, space_after=second.size / 2)
    s.paragraph("Cover Field", ids.cover_field, field_text, align="left")
    label = s.style("character", "Cover Label", ids.cover_label, base="DefaultParagraphFont")
    ooxml.set_bold(ooxml.rpr(label), True)


def _define_masthead(s: _Sheet, layout: Layout, ids: StyleIds) -> None:
    """A briefing's title block: kicker, title, subtitle, addressee and date lines."""
    first = layout.headings[0] if layout.headings else layout.body
    second = layout.headings[1] if len(layout.headings) > 1 else first
    title = layout.cover_title
    size = round(title.size * 0.75 * 2) / 2
    s.paragraph(
        "Masthead Kicker", ids.masthead_kicker,
        _scaled(layout.caption, bold=True, color=layout.accent, space_before=0), align="left",
    )  # fmt: skip
    s.paragraph(
        "Masthead Title", ids.masthead_title,
        TextStyle(size, size * 1.4, space_after=size / 3, bold=True, color=title.color),
        align="left", keep_next=True,
    )  # fmt: skip
    s.paragraph("Masthead Subtitle", ids.masthead_subtitle, second, align="left", keep_next=True)
    s.paragraph(
        "Masthead Line", ids.masthead_line,
        _scaled(layout.body, space_before=0, space_after=0), align="left",
    )  # fmt: skip


def _define_contents(s: _Sheet, layout: Layout, ids: StyleIds, text_width: int) -> None:
    """TOC Heading and Word's toc 1–9, with dot leaders to right-aligned page numbers."""
    first = layout.headings[0] if layout.headings else layout.body
    title = s.paragraph(
        "TOC Heading", ids.toc_title, first, align="center", keep_next=True, builtin=True,
        priority=39, hidden_until_used=True, quick=True,
    )  # fmt: skip
    ooxml.set_outline_level(ooxml.ppr(title), 9)
    char = round(layout.body.size * 20)
    for level in range(1, TOC_LEVELS + 1):
        entry = _scaled(layout.body, space_before=0, space_after=0, bold=level == 1)
        style = s.paragraph(
            f"toc {level}", ids.toc(level), entry, align="left", builtin=True, priority=39,
            hidden_until_used=True, next_id=ids.normal,
        )  # fmt: skip
        pr = ooxml.ppr(style)
        ooxml.set_indent(pr, left=(level - 1) * 2 * char)
        ooxml.set_tab(pr, text_width, "right", "dot")


def prune(doc: DocxDocument, parts: Iterable[_Element]) -> None:
    """Drop styles neither used in `parts` nor expected, nor needed by the styles kept."""
    root = doc.styles.element
    by_id = {s.get(ooxml.qn("w:styleId")): s for s in root.findall(ooxml.qn("w:style"))}
    wanted: list[str] = [*_KEEP, *_EXPECTED]
    for part in parts:
        wanted.extend(part.xpath(".//w:pStyle/@w:val | .//w:rStyle/@w:val | .//w:tblStyle/@w:val"))
    kept: set[str] = set()
    while wanted:
        style_id = wanted.pop()
        if style_id in kept or style_id not in by_id:
            continue
        kept.add(style_id)
        wanted.extend(_references(by_id[style_id]))
    for style_id, style in by_id.items():
        if style_id not in kept:
            root.remove(style)


def _references(style: _Element) -> Sequence[str]:
    """Style ids a style names: based on, next, linked."""
    return style.xpath("./w:basedOn/@w:val | ./w:next/@w:val | ./w:link/@w:val")
