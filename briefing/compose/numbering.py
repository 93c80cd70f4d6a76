"""Outline numbering: each level's NumberFormat turns counters into labels (壹、 一、 1.1)."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.document import NumberFormat, NumberSystem
from briefing.style.locale import Locale

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


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out += numeral * count
    return out


def counter(system: NumberSystem, n: int) -> str:
    """One counter written in a counting system."""
    match system:
        case "decimal":
            return str(n)
        case "cjk-formal":
            return chinese_numeral(n, formal=True)
        case "cjk":
            return chinese_numeral(n)
        case "upper-latin":
            return _letter(n)
        case "lower-latin":
            return _letter(n).lower()
        case "upper-roman":
            return _roman(n)
        case "lower-roman":
            return _roman(n).lower()


def format_label(scheme: Sequence[NumberFormat], level: int, counters: Sequence[int]) -> str:
    """The label at an outline level (1-based) given the counters of levels 1…level."""
    fmt = scheme[min(level, len(scheme)) - 1]
    shown = counters[max(0, level - fmt.levels) : level]
    systems = [
        scheme[min(i, len(scheme)) - 1].system for i in range(level - len(shown) + 1, level + 1)
    ]
    # a multi-level label (1.2) writes each counter in its own level's system
    body = fmt.joiner.join(counter(s, n) for s, n in zip(systems, shown, strict=True))
    return f"{fmt.prefix}{body}{fmt.suffix}"


def scheme_of(locale: Locale) -> tuple[NumberFormat, ...]:
    """A locale's numbering levels as the document tree's number formats."""
    return tuple(
        NumberFormat(f.system, f.prefix, f.suffix, f.levels, f.joiner) for f in locale.numbering
    )
