"""The cover page: marking, kicker, big title, subtitle and the labelled fields block."""

from __future__ import annotations

from reportlab.platypus.flowables import Flowable, Spacer
from reportlab.platypus.tables import TableStyle

from briefing.document import Cover, Masthead
from briefing.render.pdf.context import Ctx
from briefing.render.pdf.fonts import clean
from briefing.render.pdf.styles import GREY, TextSpec, color
from briefing.render.pdf.tables import TaggedTable, base_commands, cell
from briefing.render.pdf.tags import marked
from briefing.render.pdf.textbox import TextBox

FIELD_GAP = 6.0
"""Vertical gap between cover fields, in points."""


def cover_flowables(ctx: Ctx, cover: Cover, marking: str) -> list[Flowable]:
    """Return the flowables of the cover page, spread over the page height."""
    env = ctx.env
    styles = env.styles
    width = styles.frame_width
    height = styles.frame_height
    kicker_spec = styles.heading(1).but(align="center", space_before=0.0, space_after=18.0)
    title_spec = styles.cover_title.but(align="center", space_before=0.0, space_after=12.0)
    sub_spec = styles.heading(2).but(align="center", bold=False, space_before=0.0)
    body = styles.body.but(size=styles.body.size + 1, leading=styles.body.leading + 1)
    head: list[Flowable] = []
    if marking := clean(marking or cover.marking):
        head.append(_marking(ctx, marking))
    lead: list[Flowable] = []
    if cover.kicker:
        lead.append(TextBox(env, clean(cover.kicker), kicker_spec, tag=ctx.add_tag("P")))
    lead.append(TextBox(env, clean(cover.title), title_spec, tag=ctx.add_tag("P")))
    if cover.subtitle:
        lead.append(TextBox(env, clean(cover.subtitle), sub_spec, tag=ctx.add_tag("P")))
    if cover.addressee:
        spec = body.but(align="center", space_before=12.0)
        lead.append(TextBox(env, clean(cover.addressee), spec, tag=ctx.add_tag("P")))
    tail: list[Flowable] = [_fields(ctx, cover, body, width)] if cover.fields else []

    def measure(items: list[Flowable]) -> float:
        total = 0.0
        for f in items:
            total += f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
        return total

    free = max(height - measure(head) - measure(lead) - measure(tail), 0.0)
    # Title block a little above the optical centre; fields in the lower part.
    return [
        *head,
        Spacer(width, free * 0.28),
        *lead,
        Spacer(width, free * 0.42),
        *tail,
    ]


def _fields(ctx: Ctx, cover: Cover, spec: TextSpec, width: float) -> Flowable:
    """Return the labelled fields as a two-column block centred on the page (a layout
    table: each field is one paragraph, label then value)."""
    env = ctx.env
    faces = env.faces
    value_spec = spec.but(align="left", space_before=0.0, space_after=0.0)
    label_spec = value_spec.but(bold=True)
    labels = [clean(f.label) for f in cover.fields]  # each ends with the locale's separator
    label_w = max(faces.width(t, spec.size, True) for t in labels) + 2.0
    value_lines = [line for f in cover.fields for line in clean(f.value).split("\n")]
    value_w = max((faces.width(t, spec.size) for t in value_lines), default=0.0) + 2.0
    value_w = min(max(value_w, width * 0.35), width - label_w)
    rows = []
    for label, f in zip(labels, cover.fields, strict=True):
        tag = ctx.add_tag("P")
        rows.append([TextBox(env, label, label_spec, tag=tag), cell(env, f.value, value_spec, tag)])
    table = TaggedTable(
        rows,
        colWidths=[label_w, value_w],
        style=TableStyle(
            [
                *base_commands(env),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0.0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0.0),
                ("TOPPADDING", (0, 0), (-1, -1), FIELD_GAP / 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), FIELD_GAP / 2),
            ]
        ),
        hAlign="CENTER",
    )
    return table


class _Marking(Flowable):
    """A boxed marking such as 內部參考, at the top right of the cover."""

    def __init__(self, box: TextBox, box_width: float, accent: str) -> None:
        """Frame `box` (already set) in a `box_width` wide rectangle."""
        super().__init__()
        self.box = box
        self.box_width = box_width
        self.accent = accent

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        """Return full width and the box's height plus padding."""
        _, h = self.box.wrap(self.box_width, ah)
        self.width = aw
        self.height = h + 6.0
        return aw, self.height

    def draw(self) -> None:
        """Draw the frame and the text, right-aligned."""
        x = self.width - self.box_width
        with marked(self.canv, None):
            self.canv.setStrokeColor(color(self.accent))
            self.canv.setLineWidth(1.0)
            self.canv.rect(x, 0, self.box_width, self.height)
        self.box.drawOn(self.canv, x, 3.0)


def _marking(ctx: Ctx, text: str) -> Flowable:
    """Return the cover's marking flowable."""
    env = ctx.env
    spec = env.styles.heading(2).but(align="center", color=env.styles.accent, space_before=0.0)
    box_width = env.faces.width(text, spec.size, spec.bold) + spec.size * 1.5
    box = TextBox(env, text, spec.but(space_after=0.0), tag=ctx.add_tag("P"))
    return _Marking(box, box_width, env.styles.accent)


def masthead_flowables(ctx: Ctx, masthead: Masthead, marking: str) -> list[Flowable]:
    """Return a short briefing's title block: marking, kicker, title, subtitle, date line."""
    env = ctx.env
    styles = env.styles
    accent = styles.accent
    out: list[Flowable] = []
    if text := clean(marking or masthead.marking):
        out.append(_marking(ctx, text))
    small = styles.body.but(align="left", space_before=0.0, space_after=2.0)
    if masthead.kicker:
        kicker = small.but(color=accent, bold=True)
        out.append(TextBox(env, clean(masthead.kicker), kicker, tag=ctx.add_tag("P")))
    title = styles.cover_title
    size = min(title.size, styles.heading(1).size * 1.25)
    title_spec = title.but(size=size, leading=size * 1.35, align="left", space_after=2.0)
    out.append(TextBox(env, clean(masthead.title), title_spec, tag=ctx.add_tag("P")))
    if masthead.subtitle:
        out.append(
            TextBox(
                env,
                clean(masthead.subtitle),
                styles.heading(2).but(align="left", bold=False, space_before=0.0, space_after=2.0),
                tag=ctx.add_tag("P"),
            )
        )
    for line in (masthead.addressee, masthead.date_line):
        if line:
            out.append(TextBox(env, clean(line), small.but(color=GREY), tag=ctx.add_tag("P")))
    out.append(Rule(accent, styles.body.size))
    return out


class Rule(Flowable):
    """A full-width accent rule under the masthead."""

    def __init__(self, accent: str, space: float) -> None:
        """Draw a rule in `accent` with `space` points below."""
        super().__init__()
        self.accent = accent
        self.spaceBefore = space / 2
        self.spaceAfter = space

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        """Return the width and the rule's thickness."""
        self.width = aw
        self.height = 1.5
        return aw, self.height

    def draw(self) -> None:
        """Draw the rule."""
        with marked(self.canv, None):
            self.canv.setFillColor(color(self.accent))
            self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
