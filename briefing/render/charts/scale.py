"""Value axes (round tops, steps and tick labels) and colour tints."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.lib.colors import Color, HexColor

PERCENT_UNITS = ("%", "％")
_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
_TARGET_INTERVALS = 5


def is_percent(unit: str) -> bool:
    """Return True when values are percentages (tick labels carry the sign)."""
    return unit.strip() in PERCENT_UNITS


def nice_step(raw: float) -> float:
    """Return the smallest 1, 2, 2.5 or 5 × 10ⁿ at least `raw` (2.5 only from 25 up)."""
    exponent = math.floor(math.log10(raw))
    base = 10.0**exponent
    # 0.25 or 2.5 would need one more decimal than the values printed beside the ticks.
    steps = _STEPS if exponent >= 1 else tuple(m for m in _STEPS if m != 2.5)
    mantissa = next(m for m in steps if m * base >= raw * (1 - 1e-9))
    return round(mantissa * base, 12)


def axis(values: Sequence[float], maximum: float | None, integers: bool) -> tuple[float, float]:
    """Return (top, step) of a value axis from 0 that holds `values`, honouring `maximum`."""
    data = max(values, default=0.0)
    if maximum is not None and maximum > 0 and maximum >= data:
        step = nice_step(maximum / _TARGET_INTERVALS)
        # A round maximum (100) often divides better into 4 than 5 steps of 1/2/2.5/5.
        for intervals in (5, 4, 6):
            candidate = nice_step(maximum / intervals)
            if math.isclose(maximum / candidate, round(maximum / candidate)):
                step = candidate
                break
        return maximum, step
    data = data if data > 0 else 1.0
    step = nice_step(data / _TARGET_INTERVALS)
    if integers:
        step = max(step, 1.0)  # no 0.2 of a zone
    return round(math.ceil(data / step - 1e-9) * step, 12), step


def ticks(top: float, step: float) -> list[float]:
    """Return the tick values 0, step, … up to `top`."""
    count = math.floor(top / step + 1e-9)
    return [round(k * step, 12) for k in range(count + 1)]


def tick_label(value: float, step: float, unit: str, group: bool) -> str:
    """Return a tick label: no needless decimals, the % sign for percentages."""
    decimals = next((d for d in range(6) if math.isclose(step * 10**d, round(step * 10**d))), 6)
    text = f"{value:,.{decimals}f}" if group else f"{value:.{decimals}f}"
    return f"{text}{unit.strip()}" if is_percent(unit) else text


def percent(share: float) -> str:
    """Return a share of 100 as printed, rounded half up: 0.5%, 95.6%."""
    return f"{math.floor(share * 10 + 0.5) / 10:.1f}%"


def color(hex_value: str) -> Color:
    """Return the reportlab colour of "#RRGGBB"."""
    return HexColor(hex_value)


def tint(hex_value: str, lightness: float) -> Color:
    """Return `hex_value` mixed with white: 0 keeps the colour, 1 is white."""
    c = HexColor(hex_value)
    parts = (round(255 * (v + (1 - v) * lightness)) / 255 for v in (c.red, c.green, c.blue))
    return Color(*parts)
