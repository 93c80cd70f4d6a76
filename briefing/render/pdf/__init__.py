"""PDF renderer: Document -> bytes, with reportlab.

Two layout passes: the first measures (draws nothing) and records the page of every
heading and the page count; the second draws, filling the contents' page numbers and
the footer's total. A further pass runs only if the second paginated differently.
"""

from __future__ import annotations

import gc
import io

from reportlab import rl_config

from briefing.document import Cover, Document
from briefing.render.pdf.canvas import canvas_maker
from briefing.render.pdf.context import Env, PassState
from briefing.render.pdf.flowables import build_story
from briefing.render.pdf.fonts import load_faces
from briefing.render.pdf.hyphens import hyphenator
from briefing.render.pdf.page import BriefingDocTemplate
from briefing.render.pdf.styles import make_styles
from briefing.render.pdf.tags import Tagger

__all__ = ["render_pdf"]

MAX_PASSES = 4


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
    """Render `document`: measure, then draw until the pages stop changing."""
    _lock_down_reportlab()
    env = Env(
        load_faces(document),
        make_styles(document.layout),
        PassState(drawing=False),
        hyphenate=hyphenator(document.metadata.latin_language),
        cjk_latin_space=document.layout.cjk_latin_space,
    )
    has_cover = bool(document.blocks) and isinstance(document.blocks[0], Cover)
    previous: PassState | None = None
    for _ in range(MAX_PASSES):
        state = PassState(drawing=previous is not None)
        meta = document.metadata
        # /Lang on an element only where it differs from the document's.
        latin = meta.latin_language if meta.latin_language != meta.language else ""
        state.tags = Tagger(latin, active=state.drawing)
        if previous is not None:
            state.known_pages = previous.heading_pages
            state.known_total = previous.numbered_pages
        env.state = state
        out = io.BytesIO()
        doc = BriefingDocTemplate(out, env, document, has_cover)
        doc.build(build_story(env, document), canvasmaker=canvas_maker(document, state))
        if previous is not None and _same_pages(previous, state):
            return out.getvalue()
        previous = state
    return out.getvalue()


def _same_pages(a: PassState, b: PassState) -> bool:
    """Return True when two passes put every heading on the same page."""
    return a.heading_pages == b.heading_pages and a.numbered_pages == b.numbered_pages
