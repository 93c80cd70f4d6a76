"""What flowables need while they are built and drawn: faces, specs, pass state, caches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from briefing.document import MAX_INDENT_LEVELS
from briefing.render.pdf.fonts import Faces, clean
from briefing.render.pdf.styles import Styles, TextSpec
from briefing.render.pdf.tags import Elem, Tagger
from briefing.render.pdf.text import Hyphenation, Line, break_lines, cjk_latin_kerns


@dataclass
class LayoutState:
    """Facts the one layout pass records as it goes (read again when the file is saved)."""

    heading_pages: dict[str, int] = field(default_factory=dict)
    """Heading anchor -> page number (footer numbering)."""
    cover_pages: int = 0
    pages: int = 0
    outline_level: int = -1
    """Outline level of the last bookmark (reportlab wants steps of at most +1)."""
    tags: Tagger = field(default_factory=Tagger)
    """The structure tree being drawn."""

    @property
    def numbered_pages(self) -> int:
        """Return the pages laid out so far after the cover (all of them once saved)."""
        return self.pages - self.cover_pages


@dataclass
class Env:
    """Per-render resources shared by every flowable."""

    faces: Faces
    styles: Styles
    state: LayoutState
    hyphenate: Callable[[str], tuple[int, ...]] | None = None
    """Hyphenation points of a Latin word (None: Latin words are never hyphenated)."""
    cjk_latin_space: float = 0.0
    """Extra room between CJK and Latin characters, in em."""

    def lines(self, text: str, spec: TextSpec, first: float, width: float) -> list[Line]:
        """Return `text` broken for a first line of `first` and others of `width` points."""
        hyphenates = self.hyphenate is not None and spec.hyphenates
        hyphenate = self.hyphenate if hyphenates else None
        key = ("lines", text, spec.bold, spec.size, first, width, hyphenate, self.cjk_latin_space)
        found: list[Line] | None = self.faces.layout(key)
        if found is None:
            size = spec.size
            advances = [a * size for a in self.faces.measure(text, spec.bold).advances]
            hyphenation = (
                Hyphenation(self.hyphenate, self.faces.width("-", size, spec.bold))
                if self.hyphenate is not None and hyphenates
                else None
            )
            found = break_lines(
                text,
                advances,
                first,
                width,
                kerns=self.kerns(text, size),
                hyphenation=hyphenation,
            )
            self.faces.keep_layout(key, found)
        return found

    def kerns(self, text: str, size: float) -> list[float] | None:
        """Return the extra room after each character of `text` at `size` (None: none)."""
        return cjk_latin_kerns(text, self.cjk_latin_space * size)


@dataclass(frozen=True)
class Ctx:
    """The render context handed down the block tree; replaced, never mutated, per level."""

    env: Env
    width: float
    """Width available to the current level, in points."""
    indent: float = 0.0
    """Left indent of the current level, in points."""
    table: bool = False
    """Inside a table cell (no keep rules, no first-line indents)."""
    tag: Elem | None = None
    """The structure element new blocks belong to (the Document element when None)."""

    @property
    def parent(self) -> Elem:
        """Return the structure element new blocks are added to."""
        return self.tag if self.tag is not None else self.env.state.tags.root

    def add_tag(self, role: str, **attrs: object) -> Elem:
        """Return a new structure element of `role` under the current one."""
        return self.env.state.tags.add(self.parent, role, **attrs)

    def under(self, tag: Elem) -> Ctx:
        """Return the context of blocks inside structure element `tag`."""
        return replace(self, tag=tag)

    def nested(self, indent: float) -> Ctx:
        """Return the context of a level indented by a further `indent` points."""
        cap = MAX_INDENT_LEVELS * self.env.styles.list_indent
        return replace(self, indent=min(self.indent + indent, max(self.indent, cap)))

    def text(self, text: str) -> str:
        """Return text cleaned for drawing."""
        return clean(text)
