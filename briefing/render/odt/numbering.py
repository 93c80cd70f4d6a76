"""Outline and list numbering as ODF list styles, built from the layout's number formats.

LibreOffice writes (and reads) its Chinese counting systems as the first numbers of the
sequence, e.g. style:num-format="壹, 貳, 參, ..." for 壹、 and "一, 二, 三, ..." for 一、.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from lxml.etree import _Element

from briefing.document import MAX_INDENT_LEVELS, ListItem, NumberFormat, NumberSystem
from briefing.render.odt.odf import el, length, sub

ODF_LEVELS = 10
"""ODF list styles and the outline style have ten levels."""

NUM_FORMAT: dict[NumberSystem, str] = {
    "decimal": "1",
    "cjk-formal": "壹, 貳, 參, ...",
    "cjk": "一, 二, 三, ...",
    "upper-latin": "A",
    "lower-latin": "a",
    "upper-roman": "I",
    "lower-roman": "i",
}


def em_width(text: str) -> float:
    """Width of `text` in ems: wide (CJK) characters 1, others about half."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def label_width(label: str) -> float:
    """Width of a label in ems, with room after a narrow last character (1. → 1.5)."""
    width = em_width(label)
    if label and em_width(label[-1]) < 1:
        width += 0.5
    return -(-width * 2 // 1) / 2


def widest_label(items: Iterable[ListItem]) -> float:
    """The widest label among `items` (not their children), in ems."""
    return max((label_width(item.label) for item in items), default=0.0)


def format_at(scheme: Sequence[NumberFormat], level: int) -> NumberFormat:
    """The number format of an outline level (1-based; the last repeats deeper)."""
    return scheme[min(max(level, 1), len(scheme)) - 1]


def number_attrs(fmt: NumberFormat, level: int) -> dict[str, str]:
    """The numbering attributes of one list level: prefix, format, suffix, levels shown."""
    attrs = {"text:level": str(level)}
    if fmt.prefix:
        attrs["style:num-prefix"] = fmt.prefix
    if fmt.suffix:
        attrs["style:num-suffix"] = fmt.suffix
    attrs["style:num-format"] = NUM_FORMAT[fmt.system]
    if fmt.levels > 1:  # ODF joins the shown levels with "."
        attrs["text:display-levels"] = str(min(fmt.levels, level))
    return attrs


def position(
    level_style: _Element, *, indent_pt: float, hanging_pt: float, follow: str = "listtab"
) -> None:
    """Label alignment: the label hangs `hanging_pt` left of the text at `indent_pt`."""
    props = sub(level_style, "style:list-level-properties")
    props.set(
        "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}list-level-position-and-space-mode",
        "label-alignment",
    )
    align = sub(
        props,
        "style:list-level-label-alignment",
        {
            "text:label-followed-by": follow,
            "fo:text-indent": length(-hanging_pt),
            "fo:margin-left": length(indent_pt),
        },
    )
    if follow == "listtab":
        align.set(
            "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}list-tab-stop-position",
            length(indent_pt),
        )


def outline_style(scheme: Sequence[NumberFormat]) -> _Element:
    """text:outline-style numbering headings; the label runs straight into the text."""
    style = el("text:outline-style", {"style:name": "Outline"})
    for level in range(1, ODF_LEVELS + 1):
        if scheme:
            attrs = number_attrs(format_at(scheme, level), level)
        else:
            attrs = {"text:level": str(level), "style:num-format": ""}
        level_style = sub(style, "text:outline-level-style", attrs)
        position(level_style, indent_pt=0, hanging_pt=0, follow="nothing")
    return style


def list_style(
    name: str,
    scheme: Sequence[NumberFormat],
    outline_level: int,
    depth: int,
    hanging_em: Sequence[float],
    size: float,
    indent_pt: float,
) -> _Element:
    """A list style counting level k in outline level outline_level+k-1's format."""
    # depth: the list's indent level in the body; hanging_em: label widths per level
    style = el("text:list-style", {"style:name": name})
    for level in range(1, ODF_LEVELS + 1):
        fmt = format_at(scheme, outline_level + level - 1)
        level_style = sub(style, "text:list-level-style-number", number_attrs(fmt, level))
        if fmt.levels > 1:  # a multi-level label counts the outline levels above the list
            level_style.attrib.pop(
                "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}display-levels", None
            )
        hanging = hanging_em[min(level, len(hanging_em)) - 1] * size if hanging_em else 2 * size
        # A label that reaches the tab stop exactly would jump to the next default stop.
        hanging += 0.5
        left = min(depth + level - 1, MAX_INDENT_LEVELS) * indent_pt + hanging
        position(level_style, indent_pt=left, hanging_pt=hanging)
    return style
