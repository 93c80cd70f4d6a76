"""Charts as native Word charts (DrawingML chart parts): sharp, editable, in our fonts.

The values are cached in the chart part itself (no embedded workbook), which Word and
LibreOffice both draw from. Chart XML is its own vocabulary (c:, a:), so it lives here
rather than in `ooxml`; it is built as text with every value escaped.
"""

from __future__ import annotations

from typing import assert_never
from xml.sax.saxutils import escape, quoteattr

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.parser import parse_xml
from lxml.etree import _Element

from briefing.document import Chart
from briefing.render.docx import ooxml
from briefing.render.docx.context import Context, Sink
from briefing.render.docx.tables import tint

_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_PIE_SHARES = (0.0, 0.38, 0.64, 0.2, 0.52, 0.75, 0.3)
"""How much each successive pie slice is lightened from the accent colour."""
_EMU_PER_PT = 12700


def chart_height(chart: Chart, width_pt: float, size_pt: float) -> float:
    """Height of the chart frame in points: bars grow with items, the others are fixed."""
    n = max(len(chart.items), 1)
    match chart.kind:
        case "bar":
            return n * 2.1 * size_pt + 3 * size_pt
        case "column":
            return min(width_pt * 0.5, 22 * size_pt)
        case "pie":
            return max(16 * size_pt, n * 1.8 * size_pt + 2 * size_pt)
        case _:
            assert_never(chart.kind)


def render_chart(sink: Sink, chart: Chart, ctx: Context) -> None:
    """The chart as a native chart object, then its caption and source line."""
    ids, layout = ctx.ids, ctx.layout
    fonts = layout.docx_fonts
    size = layout.table.size
    xml = chart_xml(
        chart, layout.accent.lstrip("#").upper(), fonts.latin or fonts.main, fonts.main, size
    )
    package = ctx.part.package
    part = Part(package.next_partname("/word/charts/chart%d.xml"), CT.DML_CHART, xml, package)
    rel_id = ctx.part.relate_to(part, RT.CHART)
    width = ctx.text_width * 635  # twips to EMU
    height = round(chart_height(chart, ctx.text_width / 20, size) * _EMU_PER_PT)
    p = sink.paragraph(ids.figure, break_before=ctx.break_before)
    p.append(_inline_run(rel_id, width, height, ctx.part.next_id, chart.alt or chart.caption))
    sink.paragraph(ids.caption, chart.caption)
    if chart.source:
        sink.paragraph(ids.note, chart.source)


def _inline_run(rel_id: str, cx: int, cy: int, shape_id: int, alt: str) -> _Element:
    """A run holding the chart frame (wp:inline with a c:chart graphic)."""
    inline = parse_xml(
        f'<wp:inline xmlns:wp="{_WP}" xmlns:a="{_A}" xmlns:c="{_C}" xmlns:r="{_R}"'
        ' distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="Chart {shape_id}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{_C}"><c:chart r:id="{rel_id}"/>'
        "</a:graphicData></a:graphic></wp:inline>"
    )
    return ooxml.picture_run(inline, alt)


def _text_props(latin: str, east_asian: str, size: float, bold: bool = False) -> str:
    """Chart text in our faces and size (c:txPr)."""
    b = ' b="1"' if bold else ""
    return (
        "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
        f'<a:defRPr sz="{round(size * 100)}"{b}><a:solidFill><a:srgbClr val="000000"/>'
        f"</a:solidFill><a:latin typeface={quoteattr(latin)}/>"
        f"<a:ea typeface={quoteattr(east_asian)}/><a:cs typeface={quoteattr(latin)}/>"
        '</a:defRPr></a:pPr><a:endParaRPr lang="zh-TW"/></a:p></c:txPr>'
    )


def _fill(color: str) -> str:
    """A solid fill in `color` (RRGGBB)."""
    return f'<c:spPr><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></c:spPr>'


def _labels(texts: list[str], position: str) -> str:
    """Data labels carrying each value exactly as the content prints it (e.g. 918.2萬人)."""
    flags = "".join(
        f'<c:{name} val="{int(name == "showVal")}"/>'
        for name in ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent")
    )
    flags += '<c:showBubbleSize val="0"/>'
    labels = "".join(
        f'<c:dLbl><c:idx val="{i}"/><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r>'
        f"<a:t>{escape(ooxml.clean_text(text))}</a:t></a:r></a:p></c:rich></c:tx>"
        f'<c:dLblPos val="{position}"/>{flags}</c:dLbl>'
        for i, text in enumerate(texts)
    )
    return f'<c:dLbls>{labels}<c:dLblPos val="{position}"/>{flags}</c:dLbls>'


def _data(chart: Chart) -> str:
    """Categories and values, cached in the part (c:strCache, c:numCache)."""
    n = len(chart.items)
    cats = "".join(
        f'<c:pt idx="{i}"><c:v>{escape(ooxml.clean_text(item.label))}</c:v></c:pt>'
        for i, item in enumerate(chart.items)
    )
    vals = "".join(
        f'<c:pt idx="{i}"><c:v>{item.value!r}</c:v></c:pt>' for i, item in enumerate(chart.items)
    )
    return (
        f"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${n + 1}</c:f><c:strCache>"
        f'<c:ptCount val="{n}"/>{cats}</c:strCache></c:strRef></c:cat>'
        f"<c:val><c:numRef><c:f>Sheet1!$B$2:$B${n + 1}</c:f><c:numCache>"
        f'<c:formatCode>General</c:formatCode><c:ptCount val="{n}"/>{vals}'
        "</c:numCache></c:numRef></c:val>"
    )


def _series_name(chart: Chart) -> str:
    """The series name: the unit, or a neutral word."""
    name = escape(ooxml.clean_text(chart.unit or "值"))
    return (
        "<c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache>"
        f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{name}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
    )


def _bar_plot(chart: Chart, accent: str, text: str) -> str:
    """Bars (or columns) of one colour with labels at their ends; no value axis needed."""
    horizontal = chart.kind == "bar"
    texts = [item.text for item in chart.items]
    maximum = f'<c:max val="{chart.maximum!r}"/>' if chart.maximum is not None else ""
    # Horizontal bars list the first item on top, as a reader expects.
    order = "maxMin" if horizontal else "minMax"
    value_side = "b" if horizontal else "l"
    return (
        f'<c:barChart><c:barDir val="{"bar" if horizontal else "col"}"/>'
        '<c:grouping val="clustered"/><c:varyColors val="0"/>'
        f'<c:ser><c:idx val="0"/><c:order val="0"/>{_series_name(chart)}{_fill(accent)}'
        f'<c:invertIfNegative val="0"/>{_labels(texts, "outEnd")}{_data(chart)}</c:ser>'
        '<c:gapWidth val="60"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>'
        f'<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="{order}"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{"l" if horizontal else "b"}"/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        '<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="808080"/></a:solidFill></a:ln>'
        f'</c:spPr>{text}<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/>{maximum}'
        f'<c:min val="0"/></c:scaling><c:delete val="1"/><c:axPos val="{value_side}"/>'
        '<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="1001"/>'
        '<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>'
    )


def _pie_plot(chart: Chart, accent: str) -> str:
    """Slices in tints of the accent colour, each labelled with its printed value."""
    points = "".join(
        f'<c:dPt><c:idx val="{i}"/><c:bubble3D val="0"/>'
        f"{_fill(tint('#' + accent, _PIE_SHARES[i % len(_PIE_SHARES)]))}</c:dPt>"
        for i in range(len(chart.items))
    )
    texts = [item.text for item in chart.items]
    return (
        '<c:pieChart><c:varyColors val="1"/>'
        f'<c:ser><c:idx val="0"/><c:order val="0"/>{_series_name(chart)}{points}'
        f"{_labels(texts, 'bestFit')}{_data(chart)}</c:ser>"
        '<c:firstSliceAng val="0"/></c:pieChart>'
    )


def chart_xml(chart: Chart, accent: str, latin: str, east_asian: str, size: float) -> bytes:
    """The chart part: one series, our fonts, a legend only for pies."""
    text = _text_props(latin, east_asian, size)
    if chart.kind == "pie":
        plot = _pie_plot(chart, accent)
        legend = f'<c:legend><c:legendPos val="r"/><c:overlay val="0"/>{text}</c:legend>'
    else:
        plot = _bar_plot(chart, accent, text)
        legend = ""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<c:chartSpace xmlns:c="{_C}" xmlns:a="{_A}" xmlns:r="{_R}">'
        '<c:date1904 val="0"/><c:lang val="zh-TW"/><c:roundedCorners val="0"/>'
        '<c:chart><c:autoTitleDeleted val="1"/>'
        f"<c:plotArea><c:layout/>{plot}</c:plotArea>{legend}"
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
        f"{text}</c:chartSpace>"
    ).encode()
