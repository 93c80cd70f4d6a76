"""Faces for the PDF: collect the document's characters, prepare, register and measure."""

from __future__ import annotations

import re
import unicodedata
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefing.document import Document
from briefing.fonts import FontSet, PreparedFont, prepare_fonts
from briefing.render.texts import document_texts

REGULAR = 400
BOLD = 700

# reportlab keeps registered fonts process-wide; a prepared file's name is unique per
# content, so one registration serves every later render.
_REGISTERED: dict[str, TTFont] = {}

_FACES: OrderedDict[tuple[str, ...], Faces] = OrderedDict()
"""The faces of recent renders by their prepared files: a warm process (`briefing watch`,
or a build's worker rendering several audiences from one subset) measures and breaks
each unchanged text once, not once per render."""
KEPT_FACES = 4
"""Face sets kept (each holds its measurements and layouts)."""
KEPT_LAYOUTS = 200_000
"""Layouts one face set keeps before it starts afresh (a long watch session)."""


_DRAWN_SPACES = frozenset(" \u00a0\u2002\u2003\u3000")
"""Spaces the bundled fonts draw; the fonts lack every other Unicode space (thin, hair,
figure, ogham …), which would print as a .notdef box."""
_NO_BREAK_SPACES = frozenset("\u2007\u202f")
_VARIATION_SELECTOR = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


@lru_cache(maxsize=1 << 16)
def clean(text: str) -> str:
    """Return `text` with tabs as spaces, other control/format characters and variation
    selectors removed, line and paragraph separators as line breaks, and spaces no font
    draws as ordinary ones."""
    if text.isprintable() and not _VARIATION_SELECTOR.search(text):
        return text
    out = []
    for ch in text.replace("\r\n", "\n").replace("\t", " "):
        category = unicodedata.category(ch)
        if category in ("Zl", "Zp"):
            out.append("\n")
        elif category == "Zs" and ch not in _DRAWN_SPACES:
            out.append("\u00a0" if ch in _NO_BREAK_SPACES else " ")
        elif _VARIATION_SELECTOR.match(ch):
            continue  # drawn alone (reportlab cannot apply the sequence) it is a .notdef box
        elif ch == "\n" or category not in ("Cc", "Cf"):
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Measured:
    """A string's per-character font (registered name) and advance at size 1 pt."""

    text: str
    fonts: tuple[str, ...]
    advances: tuple[float, ...]

    @cached_property
    def face_changes(self) -> tuple[int, ...]:
        """The indices after which the next character is drawn by another face."""
        fonts = self.fonts
        return tuple(i for i in range(len(fonts) - 1) if fonts[i] != fonts[i + 1])


class Faces:
    """The registered faces of one render: which face draws each character, and widths."""

    def __init__(self, fontset: FontSet) -> None:
        """Register every prepared face of `fontset` with reportlab."""
        self.fontset = fontset
        self._names: dict[tuple[str, int], str] = {}
        self._widths: dict[str, tuple[dict[int, float], float]] = {}
        for (logical, weight), prepared in fontset.faces.items():
            font = _register(prepared)
            self._names[(logical, weight)] = prepared.register_name
            face = font.face
            self._widths[prepared.register_name] = (face.charWidths, face.defaultWidth)
        main = fontset.font(fontset.main, REGULAR)
        face = _REGISTERED[main.register_name].face
        self.ascent = face.ascent / (face.ascent - face.descent)
        """Share of the em above the baseline (used to centre text in its leading)."""
        self._char_font: dict[tuple[str, int], str] = {}
        self._measured: dict[tuple[str, bool], Measured] = {}
        self._layouts: dict[Hashable, Any] = {}

    def layout(self, key: Hashable) -> Any:
        """Return what was laid out with these faces under `key` (None if nothing).

        The key names everything the layout depends on besides the faces (text, sizes,
        widths, hyphenation …), so what is found is what laying out again would give."""
        return self._layouts.get(key)

    def keep_layout(self, key: Hashable, value: Any) -> None:
        """Remember a layout under `key` (treated as immutable by every reader)."""
        if len(self._layouts) >= KEPT_LAYOUTS:
            self._layouts.clear()
        self._layouts[key] = value

    def main(self, bold: bool) -> str:
        """Return the registered name of the main face."""
        return self._names[(self.fontset.main, BOLD if bold else REGULAR)]

    def font_of(self, ch: str, weight: int) -> str:
        """Return the registered name of the face drawing `ch` at `weight`."""
        key = (ch, weight)
        name = self._char_font.get(key)
        if name is None:
            name = self._names[(self.fontset.face_for(ch), weight)]
            self._char_font[key] = name
        return name

    def measure(self, text: str, bold: bool = False) -> Measured:
        """Return per-character faces and advances (at 1 pt) of `text`, cached."""
        key = (text, bold)
        found = self._measured.get(key)
        if found is not None:
            return found
        weight = BOLD if bold else REGULAR
        fonts: list[str] = []
        advances: list[float] = []
        for ch in text:
            name = self.font_of(ch, weight)
            widths, default = self._widths[name]
            fonts.append(name)
            advances.append(
                0.0 if ch == "\n" else widths.get(ord(ch if ch != "\xa0" else " "), default) / 1000
            )
        found = Measured(text, tuple(fonts), tuple(advances))
        self._measured[key] = found
        return found

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Return the width of `text` at `size` points."""
        return sum(self.measure(text, bold).advances) * size


def load_faces(document: Document) -> Faces:
    """Prepare (subset, instance) and register the faces `document` needs."""
    chars = frozenset("".join(clean(text) for text in document_texts(document)))
    spec = document.layout.pdf_fonts
    chain = (spec.main, *spec.fallbacks)
    fontset = prepare_fonts(chars, chain, spec.latin, weights=(REGULAR, BOLD))
    key = (fontset.main, *(f"{k[0]}:{k[1]}={p.register_name}" for k, p in fontset.faces.items()))
    faces = _FACES.get(key)
    if faces is None:
        faces = Faces(fontset)
        _FACES[key] = faces
        while len(_FACES) > KEPT_FACES:
            _FACES.popitem(last=False)
    _FACES.move_to_end(key)
    return faces


def _register(prepared: PreparedFont) -> TTFont:
    """Register one prepared face with reportlab (once per process) and return it."""
    name = prepared.register_name
    font = _REGISTERED.get(name)
    if font is None:
        # Each subset has its own PostScript name (briefing.fonts), so reportlab's cache
        # of faces by that name can never hand this render an earlier render's subset.
        font = TTFont(name, str(prepared.path))
        _remember_subsets(font)
        _REGISTERED[name] = font
        pdfmetrics.registerFont(font)
    return font


KEPT_SUBSETS = 64
"""Embedded subsets kept per face (each a few tens of kilobytes)."""


def _remember_subsets(font: TTFont) -> None:
    """Make `font` build each embedded subset (a TrueType file of up to 256 glyphs) once:
    reportlab builds them anew at every save, though a subset is a function of the face
    and its glyph list, and a warm process saves the same subsets render after render."""
    make = font.face.makeSubset
    kept: OrderedDict[tuple[int, ...], bytes] = OrderedDict()

    def make_subset(subset: list[int]) -> bytes:
        key = tuple(subset)
        found = kept.get(key)
        if found is None:
            found = kept[key] = make(subset)
            while len(kept) > KEPT_SUBSETS:
                kept.popitem(last=False)
        return found

    font.face.makeSubset = make_subset
