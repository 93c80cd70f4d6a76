"""Turn the Document's blocks into reportlab flowables: one `match` over the block types."""

from __future__ import annotations

from pathlib import Path
from typing import assert_never

from reportlab.platypus.doctemplate import ActionFlowable, NextPageTemplate
from reportlab.platypus.flowables import Flowable, Image, PageBreakIfNotEmpty, Spacer

from briefing.document import (
    MAX_INDENT_LEVELS,
    Block,
    Chart,
    Contents,
    Cover,
    Document,
    Figure,
    Heading,
    KeyFigures,
    ListItem,
    Masthead,
    NumberedList,
    PageBreak,
    Paragraph,
    Table,
)
from briefing.render.pdf.charts import chart_flowable
from briefing.render.pdf.contents import contents_flowables
from briefing.render.pdf.context import Ctx, Env
from briefing.render.pdf.cover import cover_flowables, masthead_flowables
from briefing.render.pdf.fonts import clean
from briefing.render.pdf.outline import HeadingBox
from briefing.render.pdf.stack import Stack
from briefing.render.pdf.tables import key_figures_flowable, table_flowable
from briefing.render.pdf.tags import Elem, marked
from briefing.render.pdf.textbox import TextBox, label_width

FIGURE_MAX_PAGE_SHARE = 0.4
"""Largest image height as a share of the page height."""
KEEP_ITEM_LINES = 3
"""Longest list item (in lines) kept with its first sub-item."""
BODY_TEMPLATE = "body"
COVER_TEMPLATE = "cover"


def build_story(env: Env, document: Document) -> list[Flowable]:
    """Return every flowable of `document`, in reading order."""
    ctx = Ctx(env, width=env.styles.frame_width)
    story: list[Flowable] = []
    for block in document.blocks:
        for flowable in block_flowables(ctx, block, document):
            # A page break at the start or right after another would leave a blank page.
            if isinstance(flowable, PageBreakIfNotEmpty) and (
                not story or isinstance(story[-1], PageBreakIfNotEmpty)
            ):
                continue
            story.append(flowable)
    return _keep_headings(story, ctx.width) or [Spacer(ctx.width, 0)]


def _keep_headings(story: list[Flowable], width: float) -> list[Flowable]:
    """Group each run of headings (and a short line such as 時間：… under them) with the
    start of what follows, so no heading is left at the bottom of a page."""
    out: list[Flowable] = []
    i = 0
    while i < len(story):
        j = i
        while j < len(story) and isinstance(story[j], HeadingBox):
            j += 1
        if j == i:
            out.append(story[i])
            i += 1
            continue
        if j + 1 < len(story) and _short(story[j], width) and _content(story[j + 1]):
            j += 1
        if j < len(story) and _content(story[j]):
            out.append(Stack(story[i:j], story[j]))
            i = j + 1
        else:
            out.extend(story[i:j])
            i = j
    return out


def _short(flowable: Flowable, width: float) -> bool:
    """Return True for a text box of at most two lines (it cannot split anyway)."""
    return (
        isinstance(flowable, TextBox)
        and not isinstance(flowable, HeadingBox)
        and len(flowable.lines_for(width)) <= 2
    )


def _content(flowable: Flowable) -> bool:
    """Return True for flowables that draw content (not page breaks or template actions)."""
    return not isinstance(flowable, ActionFlowable | PageBreakIfNotEmpty | HeadingBox)


def block_flowables(ctx: Ctx, block: Block, document: Document) -> list[Flowable]:
    """Return the flowables of one block."""
    env = ctx.env
    styles = env.styles
    match block:
        case Cover():
            marking = document.layout.marking
            return [*cover_flowables(ctx, block, marking), NextPageTemplate(BODY_TEMPLATE)]
        case Masthead():
            return masthead_flowables(ctx, block, document.layout.marking)
        case Contents():
            return contents_flowables(ctx, block, document)
        case Heading():
            tag = ctx.add_tag(f"H{min(max(block.level, 1), 6)}")
            return [HeadingBox(env, block, styles.heading(block.level), tag)]
        case Paragraph():
            return [_paragraph(ctx, block)]
        case NumberedList():
            return _items(ctx.nested(block.level * styles.list_indent), block.items)
        case Table():
            return [table_flowable(ctx, block)]
        case Figure():
            return [_figure(ctx, block)]
        case Chart():
            return [chart_flowable(ctx, block)]
        case KeyFigures():
            return [key_figures_flowable(ctx, block)]
        case PageBreak():
            return [PageBreakIfNotEmpty()]
        case _:
            assert_never(block)


def _paragraph(ctx: Ctx, block: Paragraph) -> Flowable:
    """Return a body, lead or note paragraph."""
    styles = ctx.env.styles
    spec = {"body": styles.body, "note": styles.note, "lead": styles.lead}[block.role]
    if block.first_line_indent:
        spec = spec.but(first_indent=2 * spec.size)
    left = ctx.indent + min(block.indent_level, MAX_INDENT_LEVELS) * styles.list_indent
    return TextBox(ctx.env, clean(block.text), spec, left=left, tag=ctx.add_tag("P"))


def _items(ctx: Ctx, items: tuple[ListItem, ...]) -> list[Flowable]:
    """Return list items: label hanging, text (and further paragraphs) aligned after it."""
    env = ctx.env
    styles = env.styles
    spec = styles.body
    # One hanging width per list so every sibling's text starts at the same place.
    hang = max(label_width(env, clean(item.label), spec) for item in items)
    out: list[Flowable] = []
    tags = ctx.add_tag("L")
    for item in items:
        li = ctx.env.state.tags.add(tags, "LI")
        label = env.state.tags.add(li, "Lbl")
        body = env.state.tags.add(li, "LBody")
        inner = ctx.under(body)
        # Its own P, made now: content tagged at drawing time would follow the sub-list.
        text_tag = inner.add_tag("P")
        out.append(
            TextBox(
                env,
                clean(item.text),
                spec,
                left=ctx.indent,
                label=clean(item.label),
                hang=hang,
                tag=text_tag,
                label_tag=label,
            )
        )
        more = spec.but(first_indent=2 * spec.size)
        for text in item.paragraphs:
            tag = inner.add_tag("P")
            out.append(TextBox(env, clean(text), more, left=ctx.indent + hang, tag=tag))
        if item.children:
            kids = _items(inner.nested(styles.list_indent), item.children)
            # An item that introduces sub-items ("2. 面臨的問題：") goes with the first
            # (only a short one: a long item is split like any paragraph).
            last = out[-1]
            if isinstance(last, TextBox) and len(last.lines_for(ctx.width)) <= KEEP_ITEM_LINES:
                out[-1] = Stack([last], kids[0])
                kids = kids[1:]
            out.extend(kids)
    return out


class TaggedImage(Image):
    """An image drawn as the content of its Figure element."""

    def __init__(self, path: str, tag: Elem) -> None:
        """Show the image at `path`, tagged as `tag`."""
        super().__init__(path)
        self.tag = tag

    def draw(self) -> None:
        """Draw the image inside the figure's marked content."""
        with marked(self.canv, self.tag):
            super().draw()


def _figure(ctx: Ctx, block: Figure) -> Flowable:
    """Return an image scaled to the text width and 40 % of the page, caption below."""
    env = ctx.env
    text = clean(block.caption.printed)
    if block.image is None or not Path(block.image).is_file():
        return TextBox(env, text, env.styles.caption, tag=ctx.add_tag("Caption"))
    figure = ctx.add_tag("Figure", alt=clean(block.alt or block.caption.printed))
    caption = TextBox(env, text, env.styles.caption, tag=ctx.add_tag("Caption"))
    image = TaggedImage(block.image, figure)
    width = ctx.width - ctx.indent
    page_height = env.styles.layout.page_height_mm * 72 / 25.4
    scale = min(width / image.imageWidth, FIGURE_MAX_PAGE_SHARE * page_height / image.imageHeight)
    image.drawWidth = image.imageWidth * scale
    image.drawHeight = image.imageHeight * scale
    image.hAlign = "CENTER"
    image.spaceBefore = env.styles.caption.space_before
    return Stack((), image, [caption])
