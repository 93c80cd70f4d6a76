"""Word numbering (w:abstractNum / w:num) for headings, numbered lists and caption fields.

The tree carries each label as compose computed it (`Heading.number`, `ListItem.label`)
and the number formats behind them (`Layout.numbering`). Here every label is read back
into its counter, Word's counting is simulated, and a list instance that restarts is
started wherever the tree's numbers do not follow on. Labels Word would write otherwise
are kept as text (see `_agrees`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from lxml.etree import _Element

from briefing.document import (
    Caption,
    Chart,
    Document,
    Figure,
    Heading,
    Layout,
    ListItem,
    NumberedList,
    NumberFormat,
    NumberSystem,
    Table,
)
from briefing.render.docx import ooxml
from briefing.render.docx.paging import em_width

LEVELS = 9
"""Word numbering has levels 0–8."""
_TWIPS_PER_MM = 1440 / 25.4

_WORD_FORMAT: dict[NumberSystem, str] = {
    "decimal": "decimal",
    "cjk-formal": "ideographLegalTraditional",  # 壹 貳 參
    "cjk": "taiwaneseCountingThousand",  # 一 二 … 十一 … 一百
    "upper-latin": "upperLetter",
    "lower-latin": "lowerLetter",
    "upper-roman": "upperRoman",
    "lower-roman": "lowerRoman",
}
_ONE: dict[NumberSystem, str] = {
    "decimal": "1",
    "cjk-formal": "壹",
    "cjk": "一",
    "upper-latin": "A",
    "lower-latin": "a",
    "upper-roman": "I",
    "lower-roman": "i",
}
_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_DIGITS.update({c: i for i, c in enumerate("零壹貳參肆伍陸柒捌玖") if i})
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_SEQ_NAME = re.compile(r"[^\w]")


@dataclass(frozen=True)
class NumRef:
    """A paragraph's place in Word numbering: list instance and level (num id 0 = none)."""

    num_id: int
    ilvl: int = 0
    direct: bool = True
    """Written on the paragraph; False when its style already carries it."""


@dataclass
class Numbering:
    """What the renderer needs: each numbered paragraph's reference and the definitions."""

    headings: dict[str, NumRef] = field(default_factory=dict)
    """By heading anchor; a heading missing here keeps its number as text."""
    heading_num: int = 0
    """The list instance the heading styles carry (0: headings keep numbers as text)."""
    lists: dict[int, int] = field(default_factory=dict)
    """By block index: the list instance of a NumberedList; missing: labels as text."""
    list_num: int = 0
    """The list instance the List Number styles carry (0: none)."""
    list_levels: tuple[tuple[int, int], ...] = ()
    """Left indent and hanging indent (twips) of each list level, for the styles."""
    literal: dict[int, int] = field(default_factory=dict)
    """By block index: NumberedLists whose labels stay text, and the list instance that
    takes them out of their style's numbering (0 while the styles carry none)."""
    captions: dict[int, str] = field(default_factory=dict)
    """By block index: the SEQ field instruction of a numbered caption."""
    definitions: list[_Element] = field(default_factory=list)
    """The w:abstractNum and w:num elements, in schema order."""


# ------------------------------------------------------------------- reading labels back


def _chinese(text: str) -> int | None:
    """一百零五 → 105, 拾壹 → 11; None for anything else."""
    total, digit = 0, None
    for ch in text:
        if ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        elif ch in "〇零":
            continue
        elif ch in _DIGITS and digit is None:
            digit = _DIGITS[ch]
        else:
            return None
    total += digit or 0
    return total or None


def _letters(text: str) -> int | None:
    """A → 1, Z → 26, AA → 27 (as compose counts)."""
    n = 0
    for ch in text.upper():
        if not "A" <= ch <= "Z":
            return None
        n = n * 26 + ord(ch) - 64
    return n or None


def _roman(text: str) -> int | None:
    """XIV → 14."""
    values = [_ROMAN.get(ch) for ch in text.upper()]
    if not values or None in values:
        return None
    numbers = [v for v in values if v is not None]
    return sum(-v if v < w else v for v, w in zip(numbers, [*numbers[1:], 0], strict=True))


def counter_value(system: NumberSystem, text: str) -> int | None:
    """The number a counter written in `system` stands for; None if it is not one."""
    match system:
        case "decimal":
            return int(text) if text.isascii() and text.isdigit() else None
        case "cjk" | "cjk-formal":
            return _chinese(text)
        case "upper-latin" | "lower-latin":
            return _letters(text)
        case "upper-roman" | "lower-roman":
            return _roman(text)


def _format(scheme: Sequence[NumberFormat], level: int) -> NumberFormat:
    """The format of an outline level (1-based); the last one repeats."""
    return scheme[min(level, len(scheme)) - 1]


def label_value(scheme: Sequence[NumberFormat], level: int, label: str) -> int | None:
    """The counter of outline `level` a label shows, e.g. （三） → 3."""
    if not scheme:
        return None
    fmt = _format(scheme, level)
    if not (label.startswith(fmt.prefix) and label.endswith(fmt.suffix)):
        return None
    body = label[len(fmt.prefix) : len(label) - len(fmt.suffix)]
    last = body.split(fmt.joiner)[-1] if fmt.levels > 1 and fmt.joiner else body
    return counter_value(fmt.system, last)


def _agrees(system: NumberSystem, n: int) -> bool:
    """Whether Word writes counter `n` as compose does (if not, the label stays text)."""
    # Word writes 10–19 in ideographLegalTraditional as 壹拾…, compose as 拾…; Word's
    # letters go Z, AA, BB, compose's Z, AA, AB.
    match system:
        case "cjk-formal":
            return not 10 <= n <= 19
        case "upper-latin" | "lower-latin":
            return n <= 26
        case _:
            return 0 < n < 4000


def _expressible(scheme: Sequence[NumberFormat], level: int, first: int) -> bool:
    """Whether outline `level` can be a Word level whose counters start at level `first`."""
    fmt = _format(scheme, level)
    literal = fmt.prefix + fmt.suffix + (fmt.joiner if fmt.levels > 1 else "")
    return "%" not in literal and level - fmt.levels + 1 >= first


# --------------------------------------------------------------------------- definitions


def _lvl_text(scheme: Sequence[NumberFormat], level: int, first: int) -> str:
    """Word's level text, e.g. （%3） or %1.%2; counters are numbered from `first`."""
    fmt = _format(scheme, level)
    shown = range(max(level - fmt.levels + 1, first), level + 1)
    body = fmt.joiner.join(f"%{lv - first + 1}" for lv in shown)
    return f"{fmt.prefix}{body}{fmt.suffix}"


def _sample(scheme: Sequence[NumberFormat], level: int, first: int) -> str:
    """The level's first label, for measuring its width."""
    fmt = _format(scheme, level)
    shown = range(max(level - fmt.levels + 1, first), level + 1)
    counters = fmt.joiner.join(_ONE[_format(scheme, lv).system] for lv in shown)
    return f"{fmt.prefix}{counters}{fmt.suffix}"


def _abstract(
    abstract_id: int,
    scheme: Sequence[NumberFormat],
    first: int,
    styles: Sequence[str | None],
    indents: Sequence[tuple[int, int, bool]],
) -> _Element:
    """An abstractNum of nine levels for outline levels first, first+1, …"""
    el = ooxml.element("abstractNum", abstractNumId=str(abstract_id))
    # nsid identifies the list when pasted between documents: fixed, so output is stable.
    el.append(ooxml.element("nsid", val=f"{0x4272F000 + abstract_id:08X}"))
    el.append(ooxml.element("multiLevelType", val="multilevel"))
    for ilvl in range(LEVELS):
        level = first + ilvl
        left, hanging, tab = indents[ilvl]
        lvl = ooxml.element("lvl", ilvl=str(ilvl))
        lvl.append(ooxml.element("start", val="1"))
        lvl.append(ooxml.element("numFmt", val=_WORD_FORMAT[_format(scheme, level).system]))
        if styles[ilvl]:
            lvl.append(ooxml.element("pStyle", val=str(styles[ilvl])))
        lvl.append(ooxml.element("suff", val="tab" if tab else "nothing"))
        lvl.append(ooxml.element("lvlText", val=_lvl_text(scheme, level, first)))
        lvl.append(ooxml.element("lvlJc", val="left"))
        pr = ooxml.element("pPr")
        if tab:
            tabs = ooxml.element("tabs")
            tabs.append(ooxml.element("tab", val="num", pos=str(left)))
            pr.append(tabs)
        ind = {"left": str(left), "hanging": str(hanging)} if hanging else {"left": str(left)}
        if not hanging:
            ind["firstLine"] = "0"
        pr.append(ooxml.element("ind", **ind))
        lvl.append(pr)
        el.append(lvl)
    return el


def _num(num_id: int, abstract_id: int, starts: Mapping[int, int] | None = None) -> _Element:
    """A list instance; `starts` restarts levels at given numbers."""
    el = ooxml.element("num", numId=str(num_id))
    el.append(ooxml.element("abstractNumId", val=str(abstract_id)))
    for ilvl, start in sorted((starts or {}).items()):
        override = ooxml.element("lvlOverride", ilvl=str(ilvl))
        override.append(ooxml.element("startOverride", val=str(start)))
        el.append(override)
    return el


def list_indent(
    layout: Layout, scheme: Sequence[NumberFormat], level: int, depth: int
) -> tuple[int, int, bool]:
    """Left indent, hanging indent (twips) and whether a tab follows the label."""
    # A label ending in a wide character (一、 （一）) runs straight into the text; a narrow
    # one (1.) is followed by a tab to the indent, half an em wider than a two-digit label.
    size = layout.body.size
    sample = _sample(scheme, level, level)
    if sample and em_width(sample[-1]) >= 1:
        hanging_em, tab = em_width(sample), False
    else:
        hanging_em, tab = math.ceil((em_width(sample) + 1.0) * 2) / 2, True
    hanging = round(hanging_em * size * 20)
    left = round(depth * layout.list_indent_mm * _TWIPS_PER_MM) + hanging
    return left, hanging, tab


# ------------------------------------------------------------------------------ planning


class _Ids:
    """Hands out abstractNum and num ids in order, and collects the definitions."""

    def __init__(self) -> None:
        """Start both counters."""
        self.abstract = -1
        self.num = 0
        self.abstracts: list[_Element] = []
        self.nums: list[_Element] = []
        self.off = 0

    def no_number(self) -> int:
        """A list instance that shows no number, to take a paragraph out of its style's."""
        # The spec's way is numId 0, but validators built on the Open XML SDK's semantic
        # rules reject a reference to numbering 0; an instance of format "none" is valid
        # everywhere and shows the same.
        if not self.off:
            abstract_id = self.next_abstract()
            el = ooxml.element("abstractNum", abstractNumId=str(abstract_id))
            el.append(ooxml.element("nsid", val=f"{0x4272F000 + abstract_id:08X}"))
            el.append(ooxml.element("multiLevelType", val="multilevel"))
            for ilvl in range(LEVELS):
                lvl = ooxml.element("lvl", ilvl=str(ilvl))
                lvl.append(ooxml.element("start", val="1"))
                lvl.append(ooxml.element("numFmt", val="none"))
                lvl.append(ooxml.element("suff", val="nothing"))
                lvl.append(ooxml.element("lvlText", val=""))
                lvl.append(ooxml.element("lvlJc", val="left"))
                el.append(lvl)
            self.abstracts.append(el)
            self.off = self.next_num()
            self.nums.append(_num(self.off, abstract_id))
        return self.off

    def next_abstract(self) -> int:
        """A new abstractNum id (from 0)."""
        self.abstract += 1
        return self.abstract

    def next_num(self) -> int:
        """A new num id (from 1; 0 means no numbering)."""
        self.num += 1
        return self.num


def plan_numbering(
    document: Document, heading_styles: Sequence[str], list_styles: Sequence[str]
) -> Numbering:
    """Numbering definitions and references for every heading, list and caption."""
    # Level n of the headings' list is bound to heading_styles[n], and of the first kind of
    # list to list_styles[n], so that applying a style in Word numbers the paragraph.
    plan = Numbering()
    ids = _Ids()
    _plan_headings(document, heading_styles, plan, ids)
    _plan_lists(document, list_styles, plan, ids)
    _plan_captions(document, plan)
    plan.definitions = [*ids.abstracts, *ids.nums]
    return plan


def _plan_headings(
    document: Document,
    heading_styles: Sequence[str],
    plan: Numbering,
    ids: _Ids,
) -> None:
    """One outline list bound to the heading styles, restarted where the tree restarts."""
    scheme = document.layout.numbering
    headings = document.headings()
    numbered = [h for h in headings if h.number]
    if not scheme or not numbered:
        return
    values: dict[str, int] = {}
    for heading in numbered:
        level = min(heading.level, LEVELS)
        value = label_value(scheme, level, heading.number)
        fmt = _format(scheme, level)
        if value is None or not _agrees(fmt.system, value) or not _expressible(scheme, level, 1):
            return  # one label Word cannot write: all headings keep their numbers as text
        values[heading.anchor] = value
    abstract_id = ids.next_abstract()
    indents = [(0, 0, False)] * LEVELS
    styles = [heading_styles[i] if i < len(heading_styles) else None for i in range(LEVELS)]
    ids.abstracts.append(_abstract(abstract_id, scheme, 1, styles, indents))
    base = ids.next_num()
    ids.nums.append(_num(base, abstract_id))
    plan.heading_num = base
    instance, counters = base, [0] * LEVELS
    for heading in headings:
        if not heading.number:
            # out of its style's numbering
            plan.headings[heading.anchor] = NumRef(ids.no_number(), min(heading.level, LEVELS) - 1)
            continue
        ilvl = min(heading.level, LEVELS) - 1
        value = values[heading.anchor]
        if counters[ilvl] + 1 != value:  # Word would count on: restart a new instance here
            instance, counters = ids.next_num(), [0] * LEVELS
            ids.nums.append(_num(instance, abstract_id, {ilvl: value}))
        counters[ilvl] = value
        counters[ilvl + 1 :] = [0] * (LEVELS - ilvl - 1)
        plan.headings[heading.anchor] = NumRef(instance, ilvl, direct=instance != base)


def _item_values(
    scheme: Sequence[NumberFormat], items: Sequence[ListItem], level: int, first: int
) -> Iterator[tuple[int, int | None, bool]]:
    """(outline level, counter, whether Word writes it alike) for every item, depth first."""
    for item in items:
        value = label_value(scheme, level, item.label)
        fmt = _format(scheme, level)
        ok = value is not None and _agrees(fmt.system, value)
        yield level, value, ok and _expressible(scheme, level, first)
        yield from _item_values(scheme, item.children, level + 1, first)


def _consecutive(scheme: Sequence[NumberFormat], items: Sequence[ListItem], level: int) -> bool:
    """Whether each item's children count 1, 2, 3, … as Word would after each parent."""
    for item in items:
        values = [label_value(scheme, level + 1, child.label) for child in item.children]
        if values != list(range(1, len(values) + 1)):
            return False
        if not _consecutive(scheme, item.children, level + 1):
            return False
    return True


def _plan_lists(
    document: Document,
    list_styles: Sequence[str],
    plan: Numbering,
    ids: _Ids,
) -> None:
    """A list instance per NumberedList; a list that carries on the previous one joins it."""
    layout = document.layout
    scheme = layout.numbering
    if not scheme:
        return
    by_shape: dict[tuple[int, int], int] = {}
    previous: tuple[tuple[int, int], int, int] | None = None  # shape, num id, last value
    for index, block in enumerate(document.blocks):
        if not isinstance(block, NumberedList) or not block.items:
            continue
        first = max(block.outline_level, 1)
        found = list(_item_values(scheme, block.items, first, first))
        tops = [label_value(scheme, first, item.label) for item in block.items]
        start = tops[0]
        if (
            start is None
            or not all(ok for _, _, ok in found)
            or tops != list(range(start, start + len(tops)))
            or not _consecutive(scheme, block.items, first)
            or max(level for level, _, _ in found) - first >= LEVELS
        ):
            plan.literal[index] = 0  # labels stay text, out of the style's numbering
            continue
        shape = (first, block.level)
        if shape not in by_shape:
            by_shape[shape] = ids.next_abstract()
            indents = [
                list_indent(layout, scheme, first + ilvl, block.level + ilvl)
                for ilvl in range(LEVELS)
            ]
            bound = not plan.list_num
            styles = [
                list_styles[i] if bound and i < len(list_styles) else None for i in range(LEVELS)
            ]
            ids.abstracts.append(_abstract(by_shape[shape], scheme, first, styles, indents))
            if bound:
                plan.list_num = ids.next_num()
                ids.nums.append(_num(plan.list_num, by_shape[shape]))
                plan.list_levels = tuple((left, hanging) for left, hanging, _ in indents)
        if previous is not None and previous[0] == shape and previous[2] + 1 == start > 1:
            num_id = previous[1]  # notes split by a photo carry on counting
        else:
            num_id = ids.next_num()
            ids.nums.append(_num(num_id, by_shape[shape], {0: start}))
        plan.lists[index] = num_id
        previous = (shape, num_id, tops[-1] or 0)
    if plan.list_num:
        for index in plan.literal:
            plan.literal[index] = ids.no_number()


def _plan_captions(document: Document, plan: Numbering) -> None:
    """A SEQ field per numbered caption, told to restart where the tree's numbers do."""
    counted: dict[str, int] = {}
    for index, block in enumerate(document.blocks):
        caption: Caption | None = None
        match block:
            case Table() | Figure() | Chart():
                caption = block.caption
        if caption is None or not caption.sequence or caption.number < 1:
            continue
        name = _SEQ_NAME.sub("_", caption.sequence)
        if not name[:1].isalpha():
            continue  # not a name Word accepts: the caption stays text
        restart = "" if counted.get(name, 0) + 1 == caption.number else f" \\r {caption.number}"
        counted[name] = caption.number
        plan.captions[index] = f"SEQ {name} \\* ARABIC{restart}"


def heading_text(heading: Heading, plan: Numbering) -> str:
    """The text a heading paragraph carries: without its number when Word numbers it."""
    return heading.text if heading.anchor in plan.headings else heading.label
