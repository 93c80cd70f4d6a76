"""TextBox: a flowable paragraph set with our own line breaker, per-character faces and
justification: lines without a space are letter-spaced (CJK), lines with word spaces
widen the spaces and the gaps beside CJK characters, never the letters of a word.

Text is drawn as plain strings through a text object, never parsed as markup, so `<b>`,
`&` or `<img src=…>` in the content print literally and nothing is ever fetched.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.flowables import Flowable

from briefing.render.pdf.context import Env
from briefing.render.pdf.fonts import Measured
from briefing.render.pdf.replay import DrawnText, record_runs
from briefing.render.pdf.styles import TextSpec, color
from briefing.render.pdf.tags import Elem, begin, end
from briefing.render.pdf.text import Line, is_wide

MAX_CHAR_SPACE = 0.3
"""Largest justification gap per character, in em; looser lines are set ragged."""
MAX_SPACE_STRETCH = 0.5
"""Largest room justification adds to a word space, in em; looser lines are set ragged."""
_SPACES = frozenset(" \u00a0")
"""Word spaces: a line holding one is justified by its spaces, not by letter spacing."""
LABEL_GAP = 0.4
"""Gap after a narrow list label such as 1. or (1), in em."""
KEEP_LINES = 2
"""Fewest lines left at a page bottom or carried to the next page top."""


class TextBox(Flowable):
    """A paragraph: optional hanging label, wrapped text, alignment, splitting by lines."""

    def __init__(
        self,
        env: Env,
        text: str,
        spec: TextSpec,
        *,
        left: float = 0.0,
        right: float = 0.0,
        label: str = "",
        hang: float = 0.0,
        tag: Elem | None = None,
        label_tag: Elem | None = None,
    ) -> None:
        """Set `text` in `spec`, `left`/`right` points in; a `label` hangs in `hang` points.

        The text is tagged as content of `tag` (an artifact when None); the label as
        `label_tag`'s, or with the text when that is None (a heading's number).
        """
        super().__init__()
        self.tag = tag
        self.label_tag = label_tag
        self.env = env
        self.text = text
        self.spec = spec
        self.left = left
        self.right = right
        self.label = label
        self.hang = max(hang, label_width(env, label, spec))
        self.first_indent = 0.0 if label else spec.first_indent
        self.spaceBefore = spec.space_before
        self.spaceAfter = spec.space_after
        self._fixed: tuple[float, list[Line]] | None = None
        self._lines: list[Line] = []
        self._width = -1.0

    # ------------------------------------------------------------------ layout

    def _text_width(self, aw: float) -> float:
        """Return the width lines of this box may fill inside `aw`."""
        return max(aw - self.left - self.right - self.hang, self.spec.size)

    def lines_for(self, aw: float) -> list[Line]:
        """Return the lines of this box for an available width `aw`."""
        if self._width != aw:
            width = self._text_width(aw)
            if self._fixed is not None and self._fixed[0] == width:
                self._lines = self._fixed[1]
            else:
                self._lines = self.env.lines(self.text, self.spec, width - self.first_indent, width)
            self._width = aw
        return self._lines

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        """Return the box's size for an available width."""
        self.width = aw
        self.height = len(self.lines_for(aw)) * self.spec.leading
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        """Split by whole lines, keeping at least KEEP_LINES on each side."""
        lines = self.lines_for(aw)
        n = len(lines)
        fit = int((ah + 1e-6) // self.spec.leading)
        fit = min(fit, n - KEEP_LINES)
        if fit < KEEP_LINES or fit >= n:
            return []
        width = self._text_width(aw)
        cut = lines[fit].start
        head = self._part(self.text[:cut], lines[:fit], width, first=True)
        tail = [_shift(line, -cut) for line in lines[fit:]]
        return [head, self._part(self.text[cut:], tail, width, first=False)]

    def chunks(self, aw: float, per_box: int) -> list[TextBox]:
        """Return this box cut into boxes of at most `per_box` lines (itself if it fits)."""
        lines = self.lines_for(aw)
        if len(lines) <= per_box:
            return [self]
        width = self._text_width(aw)
        out: list[TextBox] = []
        for k in range(0, len(lines), per_box):
            group = lines[k : k + per_box]
            start = group[0].start
            end = lines[k + per_box].start if k + per_box < len(lines) else len(self.text)
            shifted = [_shift(line, -start) for line in group]
            out.append(self._part(self.text[start:end], shifted, width, first=k == 0))
        return out

    def _part(self, text: str, lines: list[Line], width: float, first: bool) -> TextBox:
        """Return a box for `text` drawing `lines` (laid out for `width`).

        Each part holds only its own text, so a part wrapped at another width than it
        was split for re-breaks its own characters and never draws its sibling's.
        """
        part = TextBox(
            self.env,
            text,
            self.spec,
            left=self.left,
            right=self.right,
            label=self.label if first else "",
            hang=self.hang,
            tag=self.tag,
            label_tag=self.label_tag,
        )
        part.first_indent = self.first_indent if first else 0.0
        part.spaceBefore = self.spaceBefore if first else 0.0
        part.spaceAfter = 0.0 if first else self.spaceAfter
        part._fixed = (width, lines)
        return part

    # ------------------------------------------------------------------- drawing

    def draw(self) -> None:
        """Draw the lines; replay the operators of the last identical box when the
        document gives its characters the same codes (see `DrawnText`)."""
        canv: Canvas = self.canv
        # A new text object starts from the canvas's font, size and leading (`TL`).
        key = (*self._draw_key(), canv._fontname, canv._fontsize, canv._leading)
        found = self.env.faces.layout(key)
        if isinstance(found, DrawnText) and found.fits(canv._doc):
            # What a text object would hand the canvas: the recorded operators (they start
            # with the same BT and origin) and ET, on one line.
            code: list[str] = []
            marks = iter(self._marks())
            for op in found.ops:
                if op is None:
                    elem, text = next(marks)
                    begin(canv, code, elem, text=text)
                else:
                    code.append(op)
            code.append("ET")
            canv._code.append(" ".join(code))
            return
        runs: list[tuple[str, str]] = []
        tx = record_runs(canv.beginText(), runs)
        places = self._draw_text(canv, tx)
        ops: list[str | None] = list(tx._code)
        for place in places:
            ops[place] = None
        canv.drawText(tx)
        if len(places) == len(self._marks()):  # every mark is one operator (a tagging canvas)
            drawn = DrawnText.record(tuple(ops), runs, canv._doc)
            self.env.faces.keep_layout(key, drawn)

    def _draw_key(self) -> tuple[object, ...]:
        """Everything the operators of this box depend on, besides the faces."""
        return (
            "draw", self.text, self.label, self.spec, tuple(self._lines), self.width,
            self.height, self.left, self.right, self.hang, self.first_indent,
            self.label_tag is not None, self.tag is not None, self.env.cjk_latin_space,
        )  # fmt: skip

    def _marks(self) -> list[tuple[Elem | None, str]]:
        """The marked-content sequences the box opens, in order: (element, its text)."""
        if self.label_tag is not None:
            return [(self.label_tag, ""), (self.tag, self.text)]
        if not self.label:
            return [(self.tag, self.text)]
        return [(self.tag, self.label + self.text)]

    def _draw_text(self, canv: Canvas, tx: PDFTextObject) -> list[int]:
        """Set the label and lines on `tx`; return where each marked sequence opens."""
        spec = self.spec
        measured = self.env.faces.measure(self.text, spec.bold)
        width = self._text_width(self.width)
        size = spec.size
        top_pad = (spec.leading - size) / 2 + self.env.faces.ascent * size
        tx.setFillColor(color(spec.color))
        char_space = 0.0
        code: list[str] = tx._code
        places: list[int] = []
        marks = iter(self._marks())

        def mark() -> None:
            elem, text = next(marks)
            before = len(code)
            begin(canv, code, elem, text=text)
            if len(code) == before + 1:
                places.append(before)

        # begin/end rather than `with marked(…)`: this runs for every paragraph and cell.
        if self.label_tag is not None or not self.label:
            if self.label_tag is not None:
                mark()
                char_space = self._draw_label(tx, char_space)
                end(canv, code)
            mark()
            char_space = self._draw_lines(tx, measured, width, top_pad, char_space)
            end(canv, code)
        else:
            mark()
            char_space = self._draw_label(tx, char_space)
            char_space = self._draw_lines(tx, measured, width, top_pad, char_space)
            end(canv, code)
        if char_space:
            tx.setCharSpace(0)
        return places

    def _draw_label(self, tx: PDFTextObject, char_space: float) -> float:
        """Set the hanging label; return the character spacing in effect."""
        if not (self.label and self._lines):
            return char_space
        spec = self.spec
        size = spec.size
        top_pad = (spec.leading - size) / 2 + self.env.faces.ascent * size
        # The label first, so that copied text reads "（一）text", not "text（一）".
        label = self.env.faces.measure(self.label, spec.bold)
        whole = Line(0, len(self.label), sum(label.advances) * size, True)
        left = spec.but(align="left")
        y = self.height - top_pad
        return set_line(tx, label, whole, self.left, y, self.hang, left, char_space)

    def _draw_lines(
        self, tx: PDFTextObject, measured: Measured, width: float, top_pad: float, cs: float
    ) -> float:
        """Set the lines; return the character spacing in effect."""
        spec = self.spec
        x0 = self.left + self.hang
        kerns = self.env.kerns(self.text, spec.size)
        for i, line in enumerate(self._lines):
            y = self.height - i * spec.leading - top_pad
            indent = self.first_indent if i == 0 else 0.0
            cs = set_line(tx, measured, line, x0 + indent, y, width - indent, spec, cs, kerns)
        return cs


def label_width(env: Env, label: str, spec: TextSpec) -> float:
    """Return the room a hanging label needs: its width, plus a gap after 1. or (1)."""
    if not label:
        return 0.0
    width = env.faces.width(label, spec.size, spec.bold)
    # Full-width 、 and ） carry their own space; narrow . and ) need a little more.
    return width if is_wide(label[-1]) else width + LABEL_GAP * spec.size


def _shift(line: Line, by: int) -> Line:
    """Return `line` with its character positions moved by `by`."""
    return Line(line.start + by, line.end + by, line.width, line.last, line.hyphen)


def set_line(
    tx: PDFTextObject,
    measured: Measured,
    line: Line,
    x: float,
    y: float,
    avail: float,
    spec: TextSpec,
    char_space: float = 0.0,
    kerns: Sequence[float] | None = None,
) -> float:
    """Set one line of `measured` on `tx` at (x, y) within `avail` points; return Tc.

    `char_space` is the character spacing currently in effect on `tx`; `kerns` the extra
    room after each character (CJK–Latin spacing).
    """
    size = spec.size
    extra = avail - line.width
    spacing = 0.0
    stretch: frozenset[int] = frozenset()
    gap = 0.0
    if spec.align == "center":
        x += extra / 2
    elif spec.align == "right":
        x += extra
    elif spec.align == "justify" and not line.last and extra > 0:
        points = stretch_points(measured.text, line.start, line.end)
        if points:
            # A line with spaces: widen them (and CJK gaps), never the letters of a word.
            if extra / len(points) <= MAX_SPACE_STRETCH * size:
                gap = extra / len(points)
                stretch = frozenset(points)
        else:
            gaps = line.end - line.start - 1
            # Spread the slack over every glyph gap (CJK justification), unless that
            # would open visible holes: then the line stays ragged.
            if gaps > 0 and extra / gaps <= MAX_CHAR_SPACE * size:
                spacing = extra / gaps
    tx.setTextOrigin(x, y)
    if spacing != char_space:
        tx.setCharSpace(spacing)
    text = measured.text
    fonts = measured.fonts
    moves = set(stretch)
    if kerns is not None:
        moves.update(i for i in range(line.start, line.end - 1) if kerns[i])
    if not moves:
        # One origin for the line (the usual case): runs end only where the face changes.
        _set_runs(tx, measured, line, size)
        return spacing
    start = line.start
    pen = x
    for i in range(line.start, line.end):
        pen += measured.advances[i] * size + spacing
        if kerns is not None:
            pen += kerns[i]
        if i in stretch:
            pen += gap
        last = i == line.end - 1
        if last or i in moves or fonts[i + 1] != fonts[i]:
            if fonts[i] != tx._fontname or size != tx._fontsize:
                tx.setFont(fonts[i], size)
            # _textOut skips textOut's width bookkeeping: positions come from setTextOrigin.
            tx._textOut(text[start : i + 1])
            start = i + 1
            if i in moves and not last:
                tx.setTextOrigin(pen, y)
    if line.hyphen and line.end > line.start:
        # The word's own face draws the hyphen (its subset always holds one).
        tx._textOut("-")
    return spacing


def _set_runs(tx: PDFTextObject, measured: Measured, line: Line, size: float) -> None:
    """Set `line` from the current origin, one run per face."""
    if line.end <= line.start:
        return
    changes = measured.face_changes
    first = bisect_left(changes, line.start)
    last = bisect_left(changes, line.end - 1, first)
    start = line.start
    for stop in (*(i + 1 for i in changes[first:last]), line.end):
        font = measured.fonts[start]
        if font != tx._fontname or size != tx._fontsize:
            tx.setFont(font, size)
        tx._textOut(measured.text[start:stop])
        start = stop
    if line.hyphen:
        tx._textOut("-")


def stretch_points(text: str, start: int, end: int) -> list[int]:
    """Return the characters of text[start:end] after which justification may add room:
    its spaces, and the gaps beside CJK characters (never inside a Latin word); none when
    the line has no space (it is letter-spaced instead)."""
    if not any(text[i] in _SPACES for i in range(start, end)):
        return []
    points: list[int] = []
    for i in range(start, end - 1):
        a, b = text[i], text[i + 1]
        if a in _SPACES or (b not in _SPACES and (is_wide(a) or is_wide(b))):
            points.append(i)
    return points
