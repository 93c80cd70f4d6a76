"""Official numbering: 壹、 → 一、 → （一） → 1. → （1） → A. → （A）."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_FORMAL = "零壹貳參肆伍陸柒捌玖"


def chinese_numeral(n: int, *, formal: bool = False) -> str:
    """Write 1–9999 in Chinese numerals (formal: 壹貳參 as in 壹、)."""
    if not 0 < n < 10000:
        return str(n)
    digits = _FORMAL if formal else _DIGITS
    ten, hundred, thousand = ("拾", "佰", "仟") if formal else ("十", "百", "千")
    out = ""
    zero = False
    for value, unit in ((1000, thousand), (100, hundred), (10, ten), (1, "")):
        d = n // value % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += digits[0]
            zero = False
        if not (d == 1 and unit == ten and not out):  # 十一, not 一十一
            out += digits[d]
        out += unit
    return out


def _letter(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("A") + rem) + out
    return out


def label(level: int, n: int) -> str:
    """The label of the n-th item (1-based) at an outline level (1 = 壹、)."""
    match level:
        case 1:
            return f"{chinese_numeral(n, formal=True)}、"
        case 2:
            return f"{chinese_numeral(n)}、"
        case 3:
            return f"（{chinese_numeral(n)}）"
        case 4:
            return f"{n}."
        case 5:
            return f"（{n}）"
        case 6:
            return f"{_letter(n)}."
        case _:
            return f"（{_letter(n)}）" if level == 7 else f"{_letter(n).lower()}."
