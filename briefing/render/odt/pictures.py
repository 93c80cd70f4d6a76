"""Photos and charts as embedded pictures with alternative text, and numbered captions.

Charts are the PDF's drawing rasterised at 200 dpi (as in the DOCX), in the PDF's faces.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from lxml.etree import _Element

from briefing.document import Caption, Chart, Figure, Layout
from briefing.fonts import prepare_fonts
from briefing.render.charts import ChartFaces, chart_png, chart_texts, register_faces
from briefing.render.odt.context import Context, Para
from briefing.render.odt.odf import add_text, clean, length, sub

WIDTH_SHARE = 0.9
"""Chart width as a share of the text width (as in the PDF)."""
DPI = 200
_MEDIA = {"PNG": ("png", "image/png"), "JPEG": ("jpg", "image/jpeg"), "GIF": ("gif", "image/gif")}


@dataclass(frozen=True)
class Image:
    """Picture bytes in a format ODF readers show, with their natural size in points."""

    data: bytes
    extension: str
    media_type: str
    width: float
    height: float


def read_image(data: bytes, default_dpi: float = 72.0) -> Image:
    """Measure a picture; formats other than PNG, JPEG and GIF are converted to PNG."""
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(data)) as picture:
        dpi = picture.info.get("dpi", (default_dpi, default_dpi))
        x_dpi = float(dpi[0]) or default_dpi
        y_dpi = float(dpi[1]) or default_dpi
        width, height = picture.size[0] * 72 / x_dpi, picture.size[1] * 72 / y_dpi
        kind = _MEDIA.get(picture.format or "")
        if kind is None:
            out = io.BytesIO()
            picture.save(out, "PNG")
            data, kind = out.getvalue(), _MEDIA["PNG"]
    return Image(data, kind[0], kind[1], width, height)


def fit_scale(w: float, h: float, text_width: float, text_height: float) -> float:
    """Scale that fits a picture into the text width and three quarters of the height."""
    if w <= 0 or h <= 0:
        return 1.0
    return min(1.0, text_width / w, text_height * 0.75 / h)


def caption_paragraph(parent: _Element, style: str, caption: Caption, ctx: Context) -> _Element:
    """A caption; a numbered one counts in a sequence field (表1, 圖2) LibreOffice keeps."""
    p = sub(parent, "text:p", {"text:style-name": style})
    if not caption.sequence:
        return add_text(p, caption.printed)
    add_text(p, caption.prefix)
    counted = ctx.sequences.setdefault(caption.sequence, [0])
    # Counting on (+1) where compose counted on; a template that numbers otherwise
    # gets its number set outright.
    formula = f"{caption.sequence}+1" if caption.number == counted[0] + 1 else str(caption.number)
    counted[0] = caption.number
    field = sub(
        p,
        "text:sequence",
        {
            "text:name": caption.sequence,
            "text:formula": f"ooow:{formula}",
            "style:num-format": "1",
        },
    )
    field.text = str(caption.number)
    add_text(p, caption.suffix)
    return add_text(p, caption.text)


def _frame(
    parent: _Element, path: str, size: tuple[float, float], title: str, alt: str, name: str
) -> None:
    """An as-character frame holding the picture, with a title and a description."""
    # LibreOffice shows svg:title and svg:desc as the picture's Title and Description.
    width, height = size
    frame = sub(
        parent,
        "draw:frame",
        {
            "draw:style-name": "Graphics",
            "draw:name": name,
            "text:anchor-type": "as-char",
            "svg:width": length(width),
            "svg:height": length(height),
            "draw:z-index": "0",
        },
    )
    sub(
        frame,
        "draw:image",
        {
            "xlink:href": path,
            "xlink:type": "simple",
            "xlink:show": "embed",
            "xlink:actuate": "onLoad",
        },
    )
    sub(frame, "svg:title").text = clean(title)
    sub(frame, "svg:desc").text = clean(alt or title)


def render_figure(body: _Element, figure: Figure, ctx: Context) -> None:
    """A picture scaled into the text area with its caption below, or the caption alone."""
    image = None
    if figure.image is not None:
        try:
            with open(figure.image, "rb") as stream:
                image = read_image(stream.read())
        except OSError:
            image = None  # the image check reports it; the caption still stands
    if image is None:
        caption_paragraph(body, ctx.first(Para("Caption")), figure.caption, ctx)
        return
    scale = fit_scale(image.width, image.height, ctx.text_width, ctx.text_height)
    path = ctx.pictures.add(image.data, image.extension, image.media_type)
    p = sub(body, "text:p", {"text:style-name": ctx.first(Para("Figure"))})
    size = (image.width * scale, image.height * scale)
    name = ctx.pictures.frame_name("Figure")
    _frame(p, path, size, figure.caption.printed, figure.alt, name)
    caption_paragraph(body, "Caption", figure.caption, ctx)


def _faces(chart: Chart, layout: Layout) -> ChartFaces:
    """The PDF's faces for the chart's text, prepared and registered with reportlab."""
    fonts = layout.pdf_fonts
    chars = {ch for text in chart_texts(chart) for ch in text}
    return register_faces(prepare_fonts(chars, (fonts.main, *fonts.fallbacks), fonts.latin))


def render_chart(body: _Element, chart: Chart, ctx: Context) -> None:
    """The chart picture, centred, then its caption and source line."""
    if not chart.items:
        return
    layout = ctx.layout
    width = ctx.text_width * WIDTH_SHARE
    png = chart_png(chart, width, _faces(chart, layout), DPI, layout.accent, size=layout.table.size)
    image = read_image(png)
    path = ctx.pictures.add(png, "png", "image/png")
    p = sub(body, "text:p", {"text:style-name": ctx.first(Para("Figure"))})
    height = image.height * width / image.width
    name = ctx.pictures.frame_name("Chart")
    _frame(p, path, (width, height), chart.caption.printed, chart.alt, name)
    caption_paragraph(body, "Caption", chart.caption, ctx)
    if chart.source:
        add_text(sub(body, "text:p", {"text:style-name": "Note"}), chart.source)
