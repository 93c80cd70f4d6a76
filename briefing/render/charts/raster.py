"""Rasterise chart drawings with rl_renderPM (libart + FreeType), in the registered faces.

reportlab 5 dropped rl_renderPM from `renderPM` (its only backend is rlPyCairo, which needs
pycairo and a C toolchain), so the chart's few shape kinds are painted onto the
extension's graphics state directly. Text is set from the same registered TTF faces.
"""

from __future__ import annotations

import ctypes
import io
import sys
import threading
from collections.abc import Callable
from typing import Any

from PIL import Image
from reportlab.graphics.shapes import Drawing, Line, Polygon, PolyLine, Rect, Shape, String
from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth

WHITE = 0xFFFFFF
_LOCK = threading.Lock()
"""One raster at a time: the C library's random sequence is process-wide."""


def _c_srand() -> Callable[[int], None] | None:
    """Return the C library's srand, the generator libart draws its path jitter from."""
    names = ["ucrtbase", "msvcrt"] if sys.platform == "win32" else [None]
    for name in names:
        try:
            return ctypes.CDLL(name).srand
        except (OSError, AttributeError):
            continue
    return None


_SRAND = _c_srand()


def rasterise(drawing: Drawing, dpi: int) -> bytes:
    """Return `drawing` as PNG bytes at `dpi` (white background, no alpha)."""
    try:
        import _rl_renderPM
    except ImportError as error:
        raise RuntimeError(
            "chart images need the rl_renderPM package (pip install rl_renderPM)"
        ) from error
    scale = dpi / 72.0
    # Rounded as renderPM rounds, so the size is width_pt / 72 × dpi.
    w = max(int(drawing.width * scale + 0.5), 1)
    h = max(int(drawing.height * scale + 0.5), 1)
    with _LOCK:
        # libart nudges path vertices by rand() before filling (art_vpath_perturb), so
        # edge pixels differ from call to call unless the sequence starts afresh.
        if _SRAND is not None:
            _SRAND(1)
        gs = _rl_renderPM.gstate(w, h, bg=WHITE)
        gs.ctm = (scale, 0.0, 0.0, scale, 0.0, 0.0)
        for shape in drawing.contents:
            _paint(gs, shape)
        pixels = gs.pixBuf
    image = Image.frombytes("RGB", (w, h), pixels)
    out = io.BytesIO()
    # PNG from Pillow carries no timestamp: equal pixels give equal bytes.
    image.save(out, "PNG", dpi=(dpi, dpi))
    return out.getvalue()


def _rgb(c: Color | None) -> int | None:
    """Return a reportlab colour as 0xRRGGBB (None stays None)."""
    if c is None:
        return None
    return (round(255 * c.red) << 16) | (round(255 * c.green) << 8) | round(255 * c.blue)


def _paint(gs: Any, shape: Shape) -> None:
    """Paint one shape of the kinds chart_drawing makes."""
    match shape:
        case String():
            _string(gs, shape)
        case Rect():
            x, y, w, h = shape.x, shape.y, shape.width, shape.height
            _path(gs, [x, y, x + w, y, x + w, y + h, x, y + h], shape, closed=True)
        case Line():
            _path(gs, [shape.x1, shape.y1, shape.x2, shape.y2], shape, closed=False)
        case Polygon():
            _path(gs, list(shape.points), shape, closed=True)
        case PolyLine():
            _path(gs, list(shape.points), shape, closed=False)
        case _:
            raise TypeError(f"cannot rasterise {type(shape).__name__} in a chart")


def _path(gs: Any, points: list[float], shape: Shape, closed: bool) -> None:
    """Fill (when closed) and stroke a path through `points` = [x0, y0, x1, y1, …]."""
    fill = _rgb(getattr(shape, "fillColor", None)) if closed else None
    stroke = _rgb(shape.strokeColor) if (shape.strokeWidth or 0) > 0 else None
    if fill is not None:
        _trace(gs, points, closed)
        gs.fillColor = fill
        gs.pathFill()
    if stroke is not None:
        _trace(gs, points, closed)
        gs.strokeColor = stroke
        gs.strokeWidth = shape.strokeWidth
        gs.lineJoin = getattr(shape, "strokeLineJoin", 0) or 0
        gs.lineCap = getattr(shape, "strokeLineCap", 0) or 0
        gs.pathStroke()


def _trace(gs: Any, points: list[float], closed: bool) -> None:
    """Start a new path through `points`."""
    gs.pathBegin()
    gs.moveTo(points[0], points[1])
    for k in range(2, len(points), 2):
        gs.lineTo(points[k], points[k + 1])
    if closed:
        gs.pathClose()


def _string(gs: Any, shape: String) -> None:
    """Set one line of text at its anchor in its registered TTF face."""
    if shape.fillColor is None or not shape.text:
        return
    try:
        gs.setFont(shape.fontName, shape.fontSize)
    except ValueError as error:
        raise ValueError(f"chart font {shape.fontName!r} is not registered") from error
    x = shape.x
    if shape.textAnchor in ("middle", "end"):
        width = stringWidth(shape.text, shape.fontName, shape.fontSize)
        x -= width / 2 if shape.textAnchor == "middle" else width
    gs.fillColor = _rgb(shape.fillColor)
    gs.drawString(x, shape.y, shape.text)
