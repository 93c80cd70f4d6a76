"""Text specs for the PDF, derived once per render from the document's Layout."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.units import mm

from briefing.document import Align, Layout, TextStyle

GREY = "#595959"


@dataclass(frozen=True)
class TextSpec:
    """How one kind of text is set: size, leading, weight, colour, alignment, spacing."""

    size: float
    leading: float
    bold: bool = False
    color: str = "#000000"
    align: Align = "justify"
    space_before: float = 0.0
    space_after: float = 0.0
    first_indent: float = 0.0
    """Extra indent of the first line, in points."""

    @property
    def hyphenates(self) -> bool:
        """Return whether Latin words may be hyphenated: running text, not headings,
        titles, table headers or centred lines."""
        return not self.bold and self.align in ("justify", "left")

    def but(self, **changes: object) -> TextSpec:
        """Return a copy with some fields changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


@cache
def color(hex_value: str) -> Color:
    """Return the reportlab colour for "#RRGGBB"."""
    return HexColor(hex_value)


def tint(hex_value: str, share: float) -> str:
    """Return `hex_value` mixed with white, keeping `share` of the colour."""
    c = color(hex_value)
    parts = (round(255 * (1 - share * (1 - v))) for v in (c.red, c.green, c.blue))
    return "#" + "".join(f"{p:02X}" for p in parts)


def spec(style: TextStyle, **changes: object) -> TextSpec:
    """Return the TextSpec of a layout TextStyle."""
    base = TextSpec(
        size=style.size,
        leading=style.leading,
        bold=style.bold,
        color=style.color,
        align=style.align,
        space_before=style.space_before,
        space_after=style.space_after,
    )
    return base.but(**changes) if changes else base


@dataclass(frozen=True)
class Styles:
    """Every TextSpec the renderer uses, plus page geometry in points."""

    layout: Layout
    body: TextSpec
    note: TextSpec
    lead: TextSpec
    headings: tuple[TextSpec, ...]
    table: TextSpec
    table_compact: TextSpec
    caption: TextSpec
    cover_title: TextSpec
    furniture: TextSpec
    frame_width: float
    frame_height: float
    list_indent: float

    def heading(self, level: int) -> TextSpec:
        """Return the spec of heading `level` (1-based; the last repeats)."""
        return self.headings[min(max(level, 1), len(self.headings)) - 1]

    @property
    def accent(self) -> str:
        """Return the accent colour."""
        return self.layout.accent


def make_styles(layout: Layout) -> Styles:
    """Derive the renderer's specs from `layout`."""
    body = spec(layout.body)
    table = spec(layout.table)
    compact_size = max(table.size - 1.5, 6.0)
    headings = tuple(spec(h) for h in layout.headings) or (body.but(bold=True),)
    return Styles(
        layout=layout,
        body=body,
        note=spec(layout.note),
        lead=body.but(bold=True),
        headings=headings,
        table=table,
        table_compact=table.but(
            size=compact_size, leading=table.leading * compact_size / table.size
        ),
        caption=spec(layout.caption),
        cover_title=spec(layout.cover_title),
        furniture=spec(layout.note, align="left", color=GREY, space_after=0.0),
        frame_width=(layout.page_width_mm - layout.margin_left_mm - layout.margin_right_mm) * mm,
        frame_height=(layout.page_height_mm - layout.margin_top_mm - layout.margin_bottom_mm) * mm,
        list_indent=layout.list_indent_mm * mm,
    )
