"""Turn an audience template's look into the document's Layout."""

from __future__ import annotations

from briefing.document import FontSpec, Layout, NumberFormat, TextStyle
from briefing.style.model import AudienceSpec, FormatFonts, TextLook

PAPER_MM = {"A4": (210.0, 297.0), "B5": (182.0, 257.0), "Letter": (215.9, 279.4)}


def text_style(look: TextLook) -> TextStyle:
    """A template's text look as a document TextStyle."""
    return TextStyle(
        size=look.size,
        leading=look.leading or round(look.size * 1.6, 1),
        space_before=look.space_before,
        space_after=look.space_after,
        bold=look.bold,
        align=look.align,
    )


def font_spec(fonts: FormatFonts) -> FontSpec:
    """A template's fonts for one format as a FontSpec."""
    return FontSpec(main=fonts.main, fallbacks=tuple(fonts.fallbacks), latin=fonts.latin)


def layout_for(
    spec: AudienceSpec,
    *,
    header: str,
    footer: str,
    marking: str,
    numbering: tuple[NumberFormat, ...],
) -> Layout:
    """The Layout a template asks for, with its page furniture's text filled in."""
    width, height = PAPER_MM[spec.page.size]
    margins = spec.page.margins
    typography = spec.typography
    return Layout(
        page_width_mm=width,
        page_height_mm=height,
        margin_top_mm=margins.top,
        margin_bottom_mm=margins.bottom,
        margin_left_mm=margins.left,
        margin_right_mm=margins.right,
        pdf_fonts=font_spec(spec.fonts.pdf),
        docx_fonts=font_spec(spec.fonts.docx),
        body=text_style(typography.body),
        headings=tuple(text_style(h) for h in typography.headings),
        table=text_style(typography.table),
        caption=text_style(typography.caption),
        note=text_style(typography.note),
        cover_title=text_style(typography.cover_title),
        accent=spec.accent,
        header_text=header,
        footer_format=footer,
        marking=marking,
        numbering=numbering,
        cjk_latin_space=typography.cjk_latin_space,
    )
