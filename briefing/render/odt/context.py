"""The render context, and the registry of automatic styles that content.xml collects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from lxml.etree import _Element

from briefing.document import Heading, Layout
from briefing.render.odt.odf import el, length, sub

MM = 72 / 25.4
"""Points per millimetre."""

Break = Literal["", "page", "body", "cover"]
"""How a block starts: where it is, on a new page, on the first body page after a cover, or
on a cover page."""

BODY_MASTER = "Standard"
COVER_MASTER = "Cover"
MASTERS = {"body": BODY_MASTER, "cover": COVER_MASTER}


@dataclass(frozen=True)
class Para:
    """What an automatic paragraph style changes of its parent style."""

    parent: str
    start: Break = ""
    align: str = ""
    margin_left: float | None = None
    text_indent: float | None = None
    keep_next: bool = False
    space_before: float | None = None
    space_after: float | None = None
    rule_below: str = ""
    """Colour of a rule under the paragraph."""


class AutoStyles:
    """Automatic styles made while rendering, one per distinct need, named in order of use."""

    def __init__(self) -> None:
        """Start with none."""
        self._names: dict[object, str] = {}
        self.elements: list[_Element] = []

    def _add(self, key: object, prefix: str) -> tuple[str, bool]:
        """The name for `key`, and whether it is new (then its element must be made)."""
        name = self._names.get(key)
        if name is not None:
            return name, False
        name = f"{prefix}{len(self._names) + 1}"
        self._names[key] = name
        return name, True

    def paragraph(self, para: Para) -> str:
        """The name of an automatic paragraph style for `para` (the parent when it adds nothing)."""
        if para == Para(para.parent):
            return para.parent
        name, new = self._add(para, "P")
        if new:
            attrs = {"style:name": name, "style:family": "paragraph"}
            attrs["style:parent-style-name"] = para.parent
            if para.start in ("body", "cover"):
                attrs["style:master-page-name"] = MASTERS[para.start]
            style = el("style:style", attrs)
            props: dict[str, str] = {}
            if para.start == "page":
                props["fo:break-before"] = "page"
            if para.start == "cover":
                # The cover is page 0 (never shown), so the body counts from 1 on the next
                # page, in the contents too, and page 1 stays a right-hand page: no blank
                # page is slipped in before it.
                props["style:page-number"] = "0"
            if para.align:
                props["fo:text-align"] = para.align
            if para.margin_left is not None:
                props["fo:margin-left"] = length(para.margin_left)
            if para.text_indent is not None:
                props["fo:text-indent"] = length(para.text_indent)
            if para.keep_next:
                props["fo:keep-with-next"] = "always"
            if para.space_before is not None:
                props["fo:margin-top"] = length(para.space_before)
            if para.space_after is not None:
                props["fo:margin-bottom"] = length(para.space_after)
            if para.rule_below:
                props["fo:border-bottom"] = f"0.6pt solid {para.rule_below.lower()}"
                props["fo:padding-bottom"] = "3pt"
            if props:
                sub(style, "style:paragraph-properties", props)
            self.elements.append(style)
        return name

    def table(self, width: float, start: Break) -> str:
        """An automatic table style: full text width, maybe starting a page."""
        key = ("table", round(width, 3), start)
        name, new = self._add(key, "Table")
        if new:
            attrs = {"style:name": name, "style:family": "table"}
            if start in ("body", "cover"):
                attrs["style:master-page-name"] = MASTERS[start]
            style = el("style:style", attrs)
            props = {"style:width": length(width), "table:align": "margins"}
            if start == "page":
                props["fo:break-before"] = "page"
            sub(style, "style:table-properties", props)
            self.elements.append(style)
        return name

    def column(self, width: float) -> str:
        """An automatic column style of a width in points."""
        name, new = self._add(("column", round(width, 3)), "Col")
        if new:
            style = el("style:style", {"style:name": name, "style:family": "table-column"})
            sub(style, "style:table-column-properties", {"style:column-width": length(width)})
            self.elements.append(style)
        return name


@dataclass(frozen=True)
class Picture:
    """An image stored in the package."""

    path: str
    """Its path in the zip, e.g. Pictures/1a2b….png."""
    media_type: str
    data: bytes


@dataclass
class Pictures:
    """The images of the document, stored once each, by content."""

    items: dict[str, Picture] = field(default_factory=dict)
    frames: int = 0

    def frame_name(self, kind: str) -> str:
        """A unique name for the next frame, e.g. Chart 3 (the Navigator lists them)."""
        self.frames += 1
        return f"{kind} {self.frames}"

    def add(self, data: bytes, extension: str, media_type: str) -> str:
        """Store `data` (once) and return its path in the package."""
        import hashlib

        path = f"Pictures/{hashlib.sha1(data).hexdigest()[:16]}.{extension}"
        self.items.setdefault(path, Picture(path, media_type, data))
        return path


@dataclass(frozen=True)
class Context:
    """What block renderers need, handed down explicitly (replaced, never mutated)."""

    layout: Layout
    auto: AutoStyles
    pictures: Pictures
    text_width: float
    """Width of the text area in points."""
    text_height: float
    headings: tuple[Heading, ...]
    pages: Mapping[str, int]
    """Estimated page of each heading, by anchor (pre-fills the contents)."""
    numbered: bool
    """Headings and lists are numbered by ODF list styles, not by literal labels."""
    start: Break = ""
    """How the block being rendered starts."""
    list_styles: Mapping[tuple[int, int], str] = field(default_factory=dict)
    """List style name by (outline level, indent level) of a list."""
    sequences: dict[str, list[int]] = field(default_factory=dict)
    """The last number of each caption sequence so far (shared by every copy of the context)."""

    def first(self, para: Para) -> str:
        """The style of a block's first paragraph: `para`, starting as the block must."""
        return self.auto.paragraph(replace(para, start=self.start))
