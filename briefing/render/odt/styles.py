"""styles.xml: fonts, named paragraph styles, outline numbering, pages.

Named ("common") styles carry all formatting, so a LibreOffice user restyles a document
by editing a style; content.xml only adds small automatic styles (a page break, an indent).
Heading styles are LibreOffice's own Heading 1–10 with their outline levels.
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml.etree import _Element

from briefing.document import Align, Layout, Metadata, TextStyle
from briefing.render.furniture import running_title
from briefing.render.odt.context import BODY_MASTER, COVER_MASTER, MM
from briefing.render.odt.numbering import ODF_LEVELS, outline_style
from briefing.render.odt.odf import add_text, el, length, root, sub

COMPACT_SCALE = 0.85
"""Type size of compact tables relative to other tables (as in the DOCX)."""
CELL_PADDING = {False: (1.45, 4.25), True: (0.0, 2.85)}
"""Cell padding (top and bottom, left and right) in points, by compactness."""
BORDER = "#808080"
_ALIGN: dict[Align, str] = {
    "left": "start",
    "center": "center",
    "right": "end",
    "justify": "justify",
}
_PLACEHOLDER = re.compile(r"\{(page|pages)\}")


def odf_align(align: Align) -> str:
    """The fo:text-align value of an alignment."""
    return _ALIGN[align]


def style_name(display: str) -> str:
    """LibreOffice's internal name of a display name: spaces as _20_ (Heading_20_1)."""
    return display.replace(" ", "_20_")


def heading_name(level: int, listed: bool = True) -> str:
    """The style of a heading level; unlisted headings stay out of the contents."""
    base = f"Heading_20_{min(max(level, 1), ODF_LEVELS)}"
    return base if listed else f"{base}_20_Unlisted"


def contents_name(level: int) -> str:
    """The style of a contents entry level."""
    return f"Contents_20_{min(max(level, 1), ODF_LEVELS)}"


def _language(tag: str) -> tuple[str, str]:
    """(language, country) of a BCP 47 tag; zh-Hant is written zh-TW."""
    parts = [p for p in tag.replace("_", "-").split("-") if p]
    if not parts:
        return "zh", "TW"
    language = parts[0].lower()
    regions = [p.upper() for p in parts[1:] if len(p) == 2 and p.isalpha()]
    if regions:
        return language, regions[0]
    if language == "zh" and any(p.lower() == "hant" for p in parts):
        return "zh", "TW"
    return language, ""


def _scaled(style: TextStyle, factor: float = 1.0, **changes: object) -> TextStyle:
    """A variant of a text style, scaled and rounded to half points."""
    size = round(style.size * factor * 2) / 2
    leading = round(style.leading * factor * 2) / 2
    return replace(style, size=size, leading=leading, **changes)  # type: ignore[arg-type]


def text_props(style: TextStyle) -> dict[str, str]:
    """Size, weight and colour for Latin, Asian and complex scripts alike."""
    size = length(style.size)
    weight = "bold" if style.bold else "normal"
    return {
        "fo:font-size": size,
        "style:font-size-asian": size,
        "style:font-size-complex": size,
        "fo:font-weight": weight,
        "style:font-weight-asian": weight,
        "style:font-weight-complex": weight,
        "fo:color": style.color.lower(),
    }


def para_props(style: TextStyle, align: Align | None = None) -> dict[str, str]:
    """Exact leading (as in the PDF), spacing and alignment."""
    return {
        "fo:line-height": length(style.leading),
        "fo:margin-top": length(style.space_before),
        "fo:margin-bottom": length(style.space_after),
        "fo:text-align": odf_align(align or style.align),
    }


class _Styles:
    """Collects the common styles of office:styles."""

    def __init__(self, parent: _Element) -> None:
        """Define styles into `parent` (office:styles)."""
        self.parent = parent

    def paragraph(
        self,
        display: str,
        text: TextStyle,
        *,
        parent: str = "Standard",
        align: Align | None = None,
        keep_next: bool = False,
        extra: dict[str, str] | None = None,
        style_attrs: dict[str, str] | None = None,
    ) -> _Element:
        """Define a named paragraph style from a text style."""
        attrs = {"style:name": style_name(display), "style:family": "paragraph"}
        if style_name(display) != display:
            attrs["style:display-name"] = display
        if parent:
            attrs["style:parent-style-name"] = parent
        attrs.update(style_attrs or {})
        style = sub(self.parent, "style:style", attrs)
        props = para_props(text, align)
        if keep_next:
            props["fo:keep-with-next"] = "always"
            props["fo:keep-together"] = "always"
        props.update(extra or {})
        sub(style, "style:paragraph-properties", props)
        sub(style, "style:text-properties", text_props(text))
        return style


def _cell_style(name: str, fill: str, pad: tuple[float, float], border: str, top: bool) -> _Element:
    """An automatic table-cell style: rules, padding, maybe a fill."""
    style = el("style:style", {"style:name": name, "style:family": "table-cell"})
    pad_y, pad_x = pad
    props = {
        "fo:border": f"0.5pt solid {border.lower()}",
        "fo:padding-top": length(pad_y),
        "fo:padding-bottom": length(pad_y),
        "fo:padding-left": length(pad_x),
        "fo:padding-right": length(pad_x),
        "style:vertical-align": "top" if top else "middle",
    }
    if fill:
        props["fo:background-color"] = fill
    sub(style, "style:table-cell-properties", props)
    return style


def table_styles(layout: Layout) -> list[_Element]:
    """The few named cell and row styles every table shares (content.xml's automatic ones)."""
    # Automatic, not common: LibreOffice Writer ignores common table-cell styles.
    fill = tint(layout.accent, 0.85)
    styles = []
    for compact, suffix in ((False, ""), (True, "Compact")):
        pad = CELL_PADDING[compact]
        styles.append(_cell_style(f"TableCell{suffix}", "", pad, BORDER, top=False))
        styles.append(_cell_style(f"TableHeadCell{suffix}", fill, pad, BORDER, top=False))
    key_fill = tint(layout.accent, 0.92)
    styles.append(_cell_style("KeyFigureCell", key_fill, CELL_PADDING[False], layout.accent, True))
    row = el("style:style", {"style:name": "Row", "style:family": "table-row"})
    sub(row, "style:table-row-properties", {"fo:keep-together": "always"})  # rows never split
    styles.append(row)
    return styles


def tint(color: str, amount: float) -> str:
    """`color` (#RRGGBB) mixed with white; amount 1.0 is white."""
    rgb = color.lstrip("#")
    channels = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in channels)


def _quoted(font: str) -> str:
    """A font family for svg:font-family: quoted when it has spaces."""
    return f"'{font}'" if " " in font else font


def font_faces(layout: Layout) -> _Element:
    """office:font-face-decls naming the DOCX's fonts (named, not embedded)."""
    fonts = layout.docx_fonts
    names = list(dict.fromkeys([fonts.main, *(fonts.fallbacks[:1]), fonts.latin or fonts.main]))
    decls = el("office:font-face-decls")
    for name in names:
        sub(
            decls,
            "style:font-face",
            {"style:name": name, "svg:font-family": _quoted(name), "style:font-pitch": "variable"},
        )
    return decls


def styles_part(
    layout: Layout, metadata: Metadata, text_width: float, last_page: str = ""
) -> _Element:
    """The whole styles.xml."""
    doc = root("office:document-styles")
    doc.append(font_faces(layout))
    common = sub(doc, "office:styles")
    _defaults(common, layout, metadata)
    _define(_Styles(common), layout, text_width)
    common.append(outline_style(layout.numbering))
    automatic = sub(doc, "office:automatic-styles")
    _page_layouts(automatic, layout)
    _master_pages(sub(doc, "office:master-styles"), layout, last_page)
    return doc


def _defaults(common: _Element, layout: Layout, metadata: Metadata) -> None:
    """Default paragraph and graphic properties: fonts, languages, Chinese line breaking."""
    fonts = layout.docx_fonts
    latin = fonts.latin or fonts.main
    lang, country = _language(metadata.latin_language)
    asian_lang, asian_country = _language(metadata.east_asian_language)
    default = sub(common, "style:default-style", {"style:family": "paragraph"})
    sub(
        default,
        "style:paragraph-properties",
        {
            "style:line-break": "strict",  # no 。，or ） at a line start
            "style:punctuation-wrap": "simple",
            # space between CJK and Latin runs only where the PDF adds it (cjk_latin_space)
            "style:text-autospace": "ideograph-alpha" if layout.cjk_latin_space > 0 else "none",
            "style:writing-mode": "lr-tb",
            "style:tab-stop-distance": length(layout.body.size * 2),
        },
    )
    text = {
        "style:font-name": latin,
        "style:font-name-asian": fonts.main,
        "style:font-name-complex": latin,
        "fo:font-size": length(layout.body.size),
        "style:font-size-asian": length(layout.body.size),
        "fo:language": lang,
        "style:language-asian": asian_lang,
        "fo:hyphenate": "false",
    }
    if country:
        text["fo:country"] = country
    if asian_country:
        text["style:country-asian"] = asian_country
    sub(default, "style:text-properties", text)
    graphic = sub(common, "style:default-style", {"style:family": "graphic"})
    sub(graphic, "style:graphic-properties", {"style:wrap": "none"})


def _define(d: _Styles, layout: Layout, text_width: float) -> None:
    """Every named paragraph style the body uses."""
    body = layout.body
    plain = replace(body, space_before=0.0, space_after=body.space_after, align="justify")
    d.paragraph("Standard", plain, parent="")
    indent = {"fo:text-indent": length(body.size * 2)}
    d.paragraph("Text body", body, extra=indent)
    d.paragraph("Lead", _scaled(body, bold=True), extra=indent)
    d.paragraph("Note", layout.note)
    d.paragraph("Caption", layout.caption, keep_next=False)
    d.paragraph(
        "Figure",
        _scaled(body, space_before=body.leading / 2, space_after=0),
        align="center",
        keep_next=True,
        extra={"fo:line-height": "100%"},  # an exact leading would clip the picture
    )
    d.paragraph("List Item", _scaled(body, space_before=0))
    d.paragraph("List Continue", _scaled(body, space_before=0))

    table = layout.table
    cell = _scaled(table, space_before=0, space_after=0)
    compact = _scaled(table, COMPACT_SCALE, space_before=0, space_after=0)
    d.paragraph("Table Contents", cell)
    d.paragraph("Table Heading", replace(cell, bold=True), align="center")
    d.paragraph("Table Contents Compact", compact)
    d.paragraph("Table Heading Compact", replace(compact, bold=True), align="center")
    graphics = sub(d.parent, "style:style", {"style:name": "Graphics", "style:family": "graphic"})
    sub(
        graphics,
        "style:graphic-properties",
        {
            "style:vertical-pos": "top",
            "style:vertical-rel": "baseline",
            "fo:border": "none",
            "fo:padding": "0pt",
        },
    )

    first = layout.headings[0] if layout.headings else body
    second = layout.headings[1] if len(layout.headings) > 1 else first
    value = max(first.size + 4, 18.0)
    d.paragraph(
        "Key Figure Value",
        TextStyle(value, value * 1.25, bold=True, align="center", color=layout.accent),
    )
    d.paragraph("Key Figure Label", _scaled(table, bold=True), align="center")
    d.paragraph("Key Figure Source", layout.note, align="center")

    _headings(d, layout)
    _cover(d, layout, first, second)
    _masthead(d, layout, second)
    _contents(d, layout, text_width)
    header = _scaled(layout.note, space_before=0, space_after=0)
    d.paragraph(
        "Header",
        header,
        align="left",
        extra={
            "fo:border-bottom": f"0.6pt solid {layout.accent.lower()}",
            "fo:padding-bottom": "2pt",
        },
    ).find("{*}paragraph-properties").append(_tabs(text_width, "right"))  # type: ignore[union-attr]
    d.paragraph("Footer", _scaled(layout.note, space_before=0, space_after=0), align="center")


def _tabs(position: float, kind: str, leader: str = "") -> _Element:
    """style:tab-stops with one stop."""
    stops = el("style:tab-stops")
    attrs = {"style:position": length(position), "style:type": kind}
    if leader:
        attrs["style:leader-style"] = "dotted"
        attrs["style:leader-text"] = leader
    sub(stops, "style:tab-stop", attrs)
    return stops


def _headings(d: _Styles, layout: Layout) -> None:
    """Heading 1–10 with outline levels, and twins that stay out of the contents."""
    base = layout.headings[0] if layout.headings else layout.body
    d.paragraph(
        "Heading", base, keep_next=True, style_attrs={"style:next-style-name": "Text_20_body"}
    )
    for level in range(1, ODF_LEVELS + 1):
        text = layout.headings[min(level, len(layout.headings)) - 1] if layout.headings else base
        attrs = {
            "style:next-style-name": "Text_20_body",
            "style:default-outline-level": str(level),
        }
        d.paragraph(f"Heading {level}", text, parent="Heading", keep_next=True, style_attrs=attrs)
        d.paragraph(
            f"Heading {level} Unlisted",
            text,
            parent=heading_name(level),
            keep_next=True,
            style_attrs=attrs,
        )


def _cover(d: _Styles, layout: Layout, first: TextStyle, second: TextStyle) -> None:
    """Cover styles: sizes from the cover title and the first heading levels."""
    title = layout.cover_title
    accent = layout.accent
    d.paragraph("Cover Marking", _scaled(second, color=accent), align="right")
    d.paragraph(
        "Cover Kicker", _scaled(first, space_before=second.size * 2, space_after=0), align="center"
    )
    d.paragraph(
        "Cover Title",
        _scaled(title, space_before=title.size * 3, space_after=title.size),
        align="center",
    )
    d.paragraph("Cover Subtitle", second, align="center")
    d.paragraph(
        "Cover Addressee", _scaled(second, space_before=second.size, bold=False), align="center"
    )
    d.paragraph(
        "Cover Field",
        _scaled(second, bold=False, space_before=0, space_after=second.size / 2),
        align="left",
    )


def _masthead(d: _Styles, layout: Layout, second: TextStyle) -> None:
    """A briefing's title block: kicker, title, subtitle, addressee and date lines."""
    size = round(layout.cover_title.size * 0.75 * 2) / 2
    d.paragraph(
        "Masthead Kicker",
        _scaled(layout.caption, bold=True, color=layout.accent, space_before=0),
        align="left",
    )
    d.paragraph(
        "Masthead Title",
        TextStyle(
            size, size * 1.4, space_after=size / 3, bold=True, color=layout.cover_title.color
        ),
        align="left",
        keep_next=True,
    )
    d.paragraph("Masthead Subtitle", second, align="left", keep_next=True)
    d.paragraph("Masthead Line", _scaled(layout.body, space_before=0, space_after=0), align="left")


def _contents(d: _Styles, layout: Layout, text_width: float) -> None:
    """The 目次 title and entries with dot leaders to right-aligned page numbers."""
    first = layout.headings[0] if layout.headings else layout.body
    d.paragraph("Contents Heading", first, align="center", keep_next=True)
    for level in range(1, ODF_LEVELS + 1):
        entry = _scaled(layout.body, space_before=0, space_after=0, bold=level == 1)
        style = d.paragraph(
            f"Contents {level}",
            entry,
            align="left",
            extra={"fo:margin-left": length((level - 1) * 2 * layout.body.size)},
        )
        props = style.find("{*}paragraph-properties")
        assert props is not None
        props.append(_tabs(text_width - (level - 1) * 2 * layout.body.size, "right", "."))


def _page_layouts(automatic: _Element, layout: Layout) -> None:
    """Body pages carry header and footer halfway into the margins; the cover none."""
    size = {
        "fo:page-width": length(layout.page_width_mm, "mm"),
        "fo:page-height": length(layout.page_height_mm, "mm"),
        "style:print-orientation": "portrait",
        "fo:margin-left": length(layout.margin_left_mm, "mm"),
        "fo:margin-right": length(layout.margin_right_mm, "mm"),
        "style:writing-mode": "lr-tb",
    }
    cover = sub(automatic, "style:page-layout", {"style:name": "CoverLayout"})
    sub(
        cover,
        "style:page-layout-properties",
        {
            **size,
            "fo:margin-top": length(layout.margin_top_mm, "mm"),
            "fo:margin-bottom": length(layout.margin_bottom_mm, "mm"),
        },
    )
    body = sub(automatic, "style:page-layout", {"style:name": "BodyLayout"})
    top, bottom = layout.margin_top_mm / 2, layout.margin_bottom_mm / 2
    sub(
        body,
        "style:page-layout-properties",
        {**size, "fo:margin-top": length(top, "mm"), "fo:margin-bottom": length(bottom, "mm")},
    )
    line = layout.note.leading / MM  # one line of small print, in mm
    header = sub(body, "style:header-style")
    sub(
        header,
        "style:header-footer-properties",
        {
            "fo:min-height": length(line + 0.8, "mm"),
            "fo:margin-bottom": length(max(top - line - 0.8, 1.0), "mm"),
            "style:dynamic-spacing": "false",
        },
    )
    footer = sub(body, "style:footer-style")
    sub(
        footer,
        "style:header-footer-properties",
        {
            "fo:min-height": length(line, "mm"),
            "fo:margin-top": length(max(bottom - line, 1.0), "mm"),
            "style:dynamic-spacing": "false",
        },
    )


def _master_pages(masters: _Element, layout: Layout, last_page: str) -> None:
    """The body master page with header and footer, and the cover's without."""
    body = sub(
        masters,
        "style:master-page",
        {"style:name": BODY_MASTER, "style:page-layout-name": "BodyLayout"},
    )
    if layout.header_text or layout.marking:
        header = sub(sub(body, "style:header"), "text:p", {"text:style-name": "Header"})
        add_text(header, running_title(layout))
        if layout.marking:
            add_text(header, f"\t{layout.marking}")
    footer = sub(sub(body, "style:footer"), "text:p", {"text:style-name": "Footer"})
    _footer_fields(footer, layout.footer_format, last_page)
    sub(
        masters,
        "style:master-page",
        {
            "style:name": COVER_MASTER,
            "style:page-layout-name": "CoverLayout",
            "style:next-style-name": BODY_MASTER,
        },
    )


def _footer_fields(p: _Element, footer_format: str, last_page: str) -> None:
    """The footer format with {page} and {pages} as fields LibreOffice fills as it lays out."""
    for index, piece in enumerate(_PLACEHOLDER.split(footer_format)):
        if index % 2 == 0:
            if piece:
                add_text(p, piece)
            continue
        if piece == "page":
            attrs = {"style:num-format": "1", "text:select-page": "current"}
            field = sub(p, "text:page-number", attrs)
        elif last_page:
            # The page number of a bookmark at the very end: the body's page count when a
            # cover (page 0) precedes it. ODF's page-count would count the cover too, and
            # LibreOffice does not recompute expressions such as page-count - 1 on loading.
            attrs = {"text:reference-format": "page", "text:ref-name": last_page}
            field = sub(p, "text:bookmark-ref", attrs)
        else:
            field = sub(p, "text:page-count", {"style:num-format": "1"})
        field.text = "1"
