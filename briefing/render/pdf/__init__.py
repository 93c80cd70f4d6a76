"""PDF renderer: Document -> bytes, with reportlab.

One layout pass: flowables draw as they are placed. What depends on pages not laid out
yet (the contents' page numbers, the footer's total) leaves a place in its page and is
set when the file is saved (briefing.render.pdf.canvas). Page numbers never change the
layout: the contents keep a fixed column for them, and the footer is centred in its own
band, so the one pass gives what any number of passes would.
"""

from __future__ import annotations

import gc
import io

from reportlab import rl_config

from briefing.document import Cover, Document
from briefing.render.pdf.canvas import canvas_maker
from briefing.render.pdf.context import Env, LayoutState
from briefing.render.pdf.flowables import build_story
from briefing.render.pdf.fonts import load_faces
from briefing.render.pdf.hyphens import hyphenator
from briefing.render.pdf.page import BriefingDocTemplate
from briefing.render.pdf.styles import make_styles
from briefing.render.pdf.tags import Tagger

__all__ = ["render_pdf"]


def _lock_down_reportlab() -> None:
    """Make reportlab fetch nothing by URL, whatever reaches it; write binary streams."""
    rl_config.trustedSchemes = []
    rl_config.trustedHosts = None
    # ASCII85 makes embedded fonts 25 % larger and costs a sixth of the render time.
    rl_config.useA85 = 0


_lock_down_reportlab()


def render_pdf(document: Document) -> bytes:
    """Render `document` to PDF bytes (reproducible: same document, same bytes)."""
    # The objects alive now (the document, its content, fonts) outlive the render:
    # keeping the collector from walking them again at every full collection the render's
    # many small objects trigger saves a quarter of the time on long reports. Left alone
    # if the caller froze objects itself.
    freeze = gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    try:
        return _render(document)
    finally:
        if freeze:
            gc.unfreeze()


def _render(document: Document) -> bytes:
    """Lay `document` out once, drawing as it goes; page numbers are filled in at save."""
    _lock_down_reportlab()
    meta = document.metadata
    # /Lang on an element only where it differs from the document's.
    latin = meta.latin_language if meta.latin_language != meta.language else ""
    state = LayoutState(tags=Tagger(latin))
    env = Env(
        load_faces(document),
        make_styles(document.layout),
        state,
        hyphenate=hyphenator(document.metadata.latin_language),
        cjk_latin_space=document.layout.cjk_latin_space,
    )
    has_cover = bool(document.blocks) and isinstance(document.blocks[0], Cover)
    out = io.BytesIO()
    doc = BriefingDocTemplate(out, env, document, has_cover)
    doc.build(build_story(env, document), canvasmaker=canvas_maker(document, state))
    return out.getvalue()
