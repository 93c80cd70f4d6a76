"""Raw WordprocessingML of tables: the table styles, and tables that refer to them.

Rules, cell padding, header shading and header type live in the table style; a table
carries only its style, grid and widths, its rows' repeat and split flags, and merges.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml.etree import _Element

from briefing.document import TextStyle
from briefing.render.docx.ooxml import element, set_bold, set_size, set_spacing

# tblLook flags (ECMA-376 17.4.56): which conditional parts of the table style apply.
_FIRST_ROW, _NO_HBAND, _NO_VBAND = 0x0020, 0x0200, 0x0400


def _borders(tag: str, color: str) -> _Element:
    """Thin single rules on every edge and between all cells."""
    borders = element(tag)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(side, val="single", sz="4", space="0", color=color))
    return borders


def _margins(pad_y: int, pad_x: int) -> _Element:
    """Default cell padding in twips."""
    margins = element("tblCellMar")
    for side, value in (("top", pad_y), ("left", pad_x), ("bottom", pad_y), ("right", pad_x)):
        margins.append(element(side, w=str(value), type="dxa"))
    return margins


def _shading(fill: str) -> _Element:
    """A solid cell fill."""
    return element("shd", val="clear", color="auto", fill=fill)


def table_style(
    style_id: str,
    name: str,
    text: TextStyle,
    border: str,
    padding: tuple[int, int],
    header_fill: str,
    *,
    valign: str = "center",
) -> _Element:
    """A table style: type, rules, padding, alignment, and a shaded bold first row."""
    style = element("style", type="table", customStyle="1", styleId=style_id)
    style.append(element("name", val=name))
    style.append(element("uiPriority", val="59"))
    style.append(element("qFormat"))
    ppr = element("pPr")
    set_spacing(ppr, 0, 0, round(text.leading * 20), True)
    rpr = element("rPr")
    set_size(rpr, text.size)
    pr = element("tblPr")
    pr.append(_borders("tblBorders", border))
    pr.append(_margins(*padding))
    tc = element("tcPr")
    tc.append(element("vAlign", val=valign))
    style.extend((ppr, rpr, pr, tc))
    if header_fill:
        first = element("tblStylePr", type="firstRow")
        head_p = element("pPr")
        head_p.append(element("keepNext"))
        head_p.append(element("jc", val="center"))
        head_r = element("rPr")
        set_bold(head_r, True)
        head_r.append(element("color", val="FFFFFF"))
        head_tc = element("tcPr")
        head_tc.append(_shading(header_fill))
        first.extend((head_p, head_r, head_tc))
        style.append(first)
    return style


def table(style_id: str, width: int, grid: Sequence[int], *, header: bool) -> _Element:
    """A fixed-layout table of a table style; `header`: its first rows are a header."""
    pr = element("tblPr")
    pr.append(element("tblStyle", val=style_id))
    pr.append(element("tblW", w=str(width), type="dxa"))
    pr.append(element("tblLayout", type="fixed"))
    flags = (_FIRST_ROW if header else 0) | _NO_HBAND | _NO_VBAND
    pr.append(
        element(
            "tblLook",
            val=f"{flags:04X}",
            firstRow=str(int(header)),
            lastRow="0",
            firstColumn="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
    )
    cols = element("tblGrid")
    cols.extend(element("gridCol", w=str(w)) for w in grid)
    tbl = element("tbl")
    tbl.extend((pr, cols))
    return tbl


def add_row(tbl: _Element, *, header: bool) -> _Element:
    """A row that never splits across pages; header rows repeat on every page."""
    pr = element("trPr")
    pr.append(element("cantSplit"))
    if header:
        pr.append(element("tblHeader"))
    tr = element("tr")
    tr.append(pr)
    tbl.append(tr)
    return tr


def add_cell(tr: _Element, width: int, merge: str = "") -> _Element:
    """A cell `width` twips wide; `merge` "restart" or "continue" merges it vertically."""
    pr = element("tcPr")
    pr.append(element("tcW", w=str(width), type="dxa"))
    if merge == "restart":
        pr.append(element("vMerge", val="restart"))
    elif merge == "continue":
        pr.append(element("vMerge"))
    tc = element("tc")
    tc.append(pr)
    tr.append(tc)
    return tc
