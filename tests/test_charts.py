"""Charts: vector drawings with extractable text, and the same drawing as a PNG."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from PIL import Image
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Polygon, Rect, String

from briefing.document import Caption, Chart, ChartItem
from briefing.fonts import prepare_fonts
from briefing.render.charts import (
    ACCENT,
    ChartFaces,
    chart_drawing,
    chart_png,
    chart_texts,
    register_faces,
)
from briefing.render.charts.scale import axis, nice_step, tick_label, ticks
from briefing.render.charts.text import balanced, wrap

WIDTH = 453.5  # A4 text width with 20 mm margins, in points

SHARES = Chart(
    kind="bar",
    items=(
        ChartItem("GDP", 8.0, "8.0%"),
        ChartItem("工業增加值", 11.5, "11.5%"),
        ChartItem("出口創匯", 16.8, "16.8%"),
        ChartItem("R&D經費", 35.0, "35.0%"),
        ChartItem("發明專利授權", 18.5, "18.5%"),
    ),
    caption=Caption("圖1　國家高新區主要指標占全國比重（2010年）"),
    unit="%",
    maximum=100.0,
)
APPROVALS = Chart(
    kind="column",
    items=(
        ChartItem("1988 中關村", 1, "1"),
        ChartItem("1991", 26, "26"),
        ChartItem("1992", 25, "25"),
        ChartItem("1997 楊淩", 1, "1"),
        ChartItem("省級高新區升級為國家高新區", 35, "35"),
    ),
    caption=Caption("圖2　國家高新區歷次批准設立數量"),
    unit="家",
    unit_label="單位：家",
)
WORKFORCE = Chart(
    kind="pie",
    items=(
        ChartItem("碩士", 37.7, "37.7萬人"),
        ChartItem("博士", 4.5, "4.5萬人"),
        ChartItem("其他", 918.2, "918.2萬人"),
    ),
    caption=Caption("圖3　國家高新區從業人員學歷結構"),
    unit="萬人",
)
CHARTS = {"bar": SHARES, "column": APPROVALS, "pie": WORKFORCE}
LONG_LABELS = Chart(
    kind="column",
    items=tuple(
        ChartItem(f"第{k}批次核准設立之高新技術產業開發區", k, str(k)) for k in range(1, 13)
    ),
    caption=Caption(""),
)


@pytest.fixture(scope="session")
def faces() -> ChartFaces:
    """CJK and Latin faces prepared for every chart's strings, registered with reportlab."""
    texts = [t for chart in (*CHARTS.values(), LONG_LABELS) for t in chart_texts(chart)]
    fonts = prepare_fonts(set("".join(texts)), ["Noto Sans TC", "Noto Sans JP"], "Source Sans Pro")
    return register_faces(fonts)


def _strings(drawing: Drawing) -> list[str]:
    """Return the text of every String in the drawing, in drawing order."""
    return [shape.text for shape in drawing.contents if isinstance(shape, String)]


def _squash(text: str) -> str:
    """Return `text` without whitespace (wrapped labels extract with line breaks)."""
    return "".join(text.split())


@pytest.mark.parametrize("kind", CHARTS)
def test_pdf_text_holds_every_label_and_value(kind: str, faces: ChartFaces, tmp_path: Path) -> None:
    chart = CHARTS[kind]
    drawing = chart_drawing(chart, WIDTH, faces)
    path = tmp_path / f"{kind}.pdf"
    renderPDF.drawToFile(drawing, str(path))
    reader = pypdf.PdfReader(path)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((WIDTH, drawing.height))
    text = _squash(reader.pages[0].extract_text())
    for item in chart.items:
        assert _squash(item.label) in text
        assert _squash(item.text) in text


@pytest.mark.parametrize("kind", CHARTS)
@pytest.mark.parametrize("dpi", [200, 96])
def test_png_size_follows_dpi_and_is_deterministic(kind: str, dpi: int, faces: ChartFaces) -> None:
    chart = CHARTS[kind]
    first = chart_png(chart, WIDTH, faces, dpi=dpi)
    assert first == chart_png(chart, WIDTH, faces, dpi=dpi)
    height = chart_drawing(chart, WIDTH, faces).height
    image = Image.open(io.BytesIO(first))
    assert image.format == "PNG"
    assert image.size == (round(WIDTH / 72 * dpi), round(height / 72 * dpi))
    assert image.info["dpi"] == pytest.approx((dpi, dpi), abs=0.05)  # stored per metre


@pytest.mark.parametrize("kind", CHARTS)
def test_png_shows_accent_and_text(kind: str, faces: ChartFaces) -> None:
    image = Image.open(io.BytesIO(chart_png(CHARTS[kind], WIDTH, faces))).convert("RGB")
    colours = image.getcolors(image.width * image.height)
    assert colours is not None
    counts = {rgb: n for n, rgb in colours}
    assert counts.get((0x1F, 0x38, 0x64), 0) > 500  # the accent: bars, columns, first slice
    assert counts.get((0x26, 0x26, 0x26), 0) > 50  # solid cores of ink-coloured glyphs


def test_png_draws_the_chinese_labels(faces: ChartFaces) -> None:
    # Bar labels sit left of the axis: their pixels change with the label text alone.
    other = Chart(
        "bar",
        tuple(ChartItem(i.label[::-1], i.value, i.text) for i in SHARES.items),
        "",
        unit="%",
        maximum=100.0,
    )
    a = Image.open(io.BytesIO(chart_png(SHARES, WIDTH, faces))).convert("L")
    b = Image.open(io.BytesIO(chart_png(other, WIDTH, faces))).convert("L")
    assert a.size == b.size
    strip = (0, 0, a.width // 7, a.height)
    assert a.crop(strip).tobytes() != b.crop(strip).tobytes()
    assert min(a.crop(strip).tobytes()) < 80  # dark glyph pixels, not just a tint


def test_bars_honour_maximum_and_print_percent_ticks(faces: ChartFaces) -> None:
    drawing = chart_drawing(SHARES, WIDTH, faces)
    strings = _strings(drawing)
    assert [s for s in strings if s.endswith("%") and s[:-1].isdigit()] == [
        "0%", "20%", "40%", "60%", "80%", "100%",
    ]  # fmt: skip
    assert not any(s.startswith("單位") for s in strings)
    bars = [s for s in drawing.contents if isinstance(s, Rect)]
    ticks_at = {
        s.text: s.x for s in drawing.contents if isinstance(s, String) and s.text in ("0%", "100%")
    }
    plot = ticks_at["100%"] - ticks_at["0%"]
    assert [b.width / plot for b in bars] == pytest.approx([0.08, 0.115, 0.168, 0.35, 0.185])
    assert all(b.fillColor.hexval().upper() == "0X" + ACCENT[1:] for b in bars)
    # First item on top.
    assert [b.y for b in bars] == sorted((b.y for b in bars), reverse=True)


def test_bar_height_grows_with_items(faces: ChartFaces) -> None:
    three = Chart("bar", SHARES.items[:3], "", unit="%", maximum=100.0)
    short = chart_drawing(three, WIDTH, faces).height
    full = chart_drawing(SHARES, WIDTH, faces).height
    assert 18 * 2 <= full - short <= 22 * 2


def test_columns_wrap_long_labels_and_title_the_unit(faces: ChartFaces) -> None:
    drawing = chart_drawing(APPROVALS, WIDTH, faces)
    strings = _strings(drawing)
    assert "單位：家" in strings
    assert "1988 中關村" in strings
    long = "省級高新區升級為國家高新區"
    lines = [s for s in strings if s and s in long]
    assert len(lines) == 2 and "".join(lines) == long
    assert abs(len(lines[0]) - len(lines[1])) <= 1  # balanced, not greedy
    assert [s for s in strings if s.isdigit() and s in {"0", "10", "20", "30", "40"}]


def test_columns_too_narrow_for_labels_become_bars(faces: ChartFaces) -> None:
    drawing = chart_drawing(LONG_LABELS, WIDTH, faces)
    labels = [i.label for i in LONG_LABELS.items]
    assert [s for s in _strings(drawing) if s in labels] == labels  # one line each
    bars = [s for s in drawing.contents if isinstance(s, Rect)]
    assert all(b.height < b.width for b in bars[1:])


def test_pie_slices_in_order_with_legend_shares(faces: ChartFaces) -> None:
    drawing = chart_drawing(WORKFORCE, WIDTH, faces)
    strings = _strings(drawing)
    assert [s for s in strings if s.endswith("%")] == ["3.9%", "0.5%", "95.6%"]
    assert [s for s in strings if s in ("碩士", "博士", "其他")] == ["碩士", "博士", "其他"]
    slices = [s for s in drawing.contents if isinstance(s, Polygon)]
    assert len(slices) == 3
    assert slices[0].fillColor.hexval().upper() == "0X" + ACCENT[1:]
    # The first slice starts at 12 o'clock and runs clockwise.
    cx, cy = slices[0].points[-2:]
    x, y = slices[0].points[:2]
    assert x == pytest.approx(cx) and y > cy
    assert slices[0].points[2] > cx
    assert 0.45 * WIDTH > drawing.height > 0.25 * WIDTH


def test_latin_face_only_for_all_ascii_groups(faces: ChartFaces) -> None:
    drawing = chart_drawing(APPROVALS, WIDTH, faces)
    fonts = {s.text: s.fontName for s in drawing.contents if isinstance(s, String)}
    assert fonts["1991"] == fonts["1988 中關村"] == faces.regular  # one face for all labels
    assert fonts["26"] == faces.latin_bold
    assert fonts["40"] == faces.latin


def test_unregistered_face_is_refused() -> None:
    with pytest.raises(ValueError, match="not registered"):
        chart_drawing(SHARES, WIDTH, ChartFaces("No-Such-Face", "No-Such-Face"))


def test_odd_items_draw_without_error(faces: ChartFaces) -> None:
    assert chart_drawing(Chart("bar", (), ""), WIDTH, faces).height == 0
    odd = (ChartItem("GDP", -3.0, "-3"), ChartItem("出口創匯", float("nan"), "?"))
    for kind in ("bar", "column", "pie"):
        drawing = chart_drawing(Chart(kind, odd, ""), WIDTH, faces)  # type: ignore[arg-type]
        assert drawing.height > 0
        assert chart_png(Chart(kind, odd, ""), WIDTH, faces, dpi=72)  # type: ignore[arg-type]


def test_axis_scale() -> None:
    assert axis([8.0, 35.0], 100.0, integers=False) == (100.0, 20.0)
    assert axis([1, 26, 35], None, integers=True) == (40.0, 10.0)
    assert axis([1.0], None, integers=True) == (1.0, 1.0)
    assert axis([120.0], 100.0, integers=False) == (125.0, 25.0)
    assert axis([0.12], None, integers=False) == (0.15, 0.05)
    assert nice_step(0.024) == 0.05 and nice_step(24) == 25.0
    assert ticks(100.0, 20.0) == [0, 20, 40, 60, 80, 100]
    assert tick_label(20.0, 20.0, "%", group=False) == "20%"
    assert tick_label(0.05, 0.05, "億元", group=False) == "0.05"
    assert tick_label(15000.0, 5000.0, "億元", group=True) == "15,000"


def test_line_breaking_keeps_words_and_punctuation() -> None:
    def measure(text: str) -> float:
        return float(len(text))

    assert wrap("企業R&D經費", 4, measure) == ["企業", "R&D經", "費"]
    assert wrap("研究，發展", 3, measure) == ["研究，", "發展"]
    assert wrap("1988 中關村", 5, measure) == ["1988", "中關村"]
    assert balanced("省級高新區升級為國家高新區", 10, measure) == ["省級高新區升級", "為國家高新區"]
    assert balanced("短", 10, measure) == ["短"]
