"""Captions: prefix, a SEQ field counting the sequence (cached number), suffix, text."""

from __future__ import annotations

from lxml.etree import _Element

from briefing.document import Caption
from briefing.render.docx import ooxml
from briefing.render.docx.context import Context, Sink


def caption_paragraph(
    sink: Sink, caption: Caption, ctx: Context, *, break_before: bool = False
) -> _Element:
    """A Caption paragraph; numbered captions count themselves with a SEQ field."""
    p = sink.paragraph(ctx.ids.caption, break_before=break_before)
    instruction = ctx.numbering.captions.get(ctx.block)
    if instruction is None:  # unnumbered, or a sequence Word cannot name: the text as is
        if caption.printed:
            p.append(ooxml.text_run(caption.printed))
        return p
    if caption.prefix:
        p.append(ooxml.text_run(caption.prefix))
    p.extend(ooxml.field(instruction, str(caption.number)))
    if caption.suffix + caption.text:
        p.append(ooxml.text_run(caption.suffix + caption.text))
    return p
