"""Text operators kept from one render for the next: a warm process (`briefing watch`, or
a build's worker rendering several audiences) sets each unchanged paragraph once."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.textobject import PDFTextObject

_SPACE = 0x20
_NO_BREAK = 0xA0
"""reportlab draws a no-break space with the space's code."""


@dataclass(frozen=True)
class DrawnText:
    """A text box's operators as drawn once, to replay for an identical box.

    The operators hold each character as the code its font's subset gave it in that
    document; reportlab gives codes in the order characters are first drawn. Before a
    replay, a font whose characters this document has not all coded yet is handed the
    box's text exactly as the recorded draw set it (what drawing afresh would hand it);
    the operators are then replayed only if every character has the recorded code and
    the font the recorded resource name. Drawing afresh would then write the same
    operators, so the file is byte for byte what drawing gives. `None` in `ops` is where
    a marked-content sequence opens (its MCID is this document's: written live).
    """

    ops: tuple[str | None, ...]
    fonts: tuple[tuple[str, str, str, dict[int, int]], ...]
    """Per font: its name, its resource name in the document, the text set in it (in
    drawing order), and the code of each of its characters."""

    @staticmethod
    def record(ops: tuple[str | None, ...], runs: list[tuple[str, str]], doc: object) -> DrawnText:
        """Remember `ops`, drawn as `runs` (font, text), with the codes `doc` gave them."""
        drawn: dict[str, list[str]] = {}
        for font, text in runs:
            drawn.setdefault(font, []).append(text)
        fonts = []
        for name in sorted(drawn):
            state = pdfmetrics.getFont(name).state[doc]
            text = "".join(drawn[name])
            assigned = state.assignments
            # A character the face lacks is drawn as .notdef and never gets a code.
            cps = {_code_key(ch) for ch in set(text)}
            codes = {cp: assigned[cp] for cp in sorted(cps) if cp in assigned}
            fonts.append((name, state.internalName, text, codes))
        return DrawnText(ops, tuple(fonts))

    def fits(self, doc: object) -> bool:
        """Code `doc`'s new characters as drawing would; whether all match the record."""
        for name, internal, text, codes in self.fonts:
            font = pdfmetrics.getFont(name)
            state = font.state.get(doc)
            if state is None or state.internalName != internal:
                return False
            assigned = state.assignments
            if codes.items() <= assigned.items():
                continue  # the common case: every character coded, as recorded
            if not codes.keys() <= assigned.keys():
                # What drawing the runs would do: reportlab codes each new character when
                # first met, and passes over the others.
                new = (ch for ch in dict.fromkeys(text) if _code_key(ch) not in assigned)
                font.splitString("".join(new), doc)
            if not codes.items() <= assigned.items():
                return False
        return True


def record_runs(tx: PDFTextObject, runs: list[tuple[str, str]]) -> PDFTextObject:
    """Make `tx` note in `runs` each text it sets, with the font it is set in, in drawing
    order (what `DrawnText.record` needs). Every way of setting text (textOut, textLine,
    the canvas's drawString …) formats it through `_formatText`; empty text codes nothing."""
    format_text = tx._formatText

    def recording(text: str) -> str:
        if text:
            runs.append((tx._fontname, text))
        return format_text(text)  # type: ignore[no-any-return]

    tx._formatText = recording  # type: ignore[method-assign]
    return tx


def _code_key(ch: str) -> int:
    """The key of `ch` among a font's coded characters (a no-break space is a space's)."""
    cp = ord(ch)
    return _SPACE if cp == _NO_BREAK else cp
