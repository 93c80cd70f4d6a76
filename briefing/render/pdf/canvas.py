"""The canvas of a render: fixed date and ID, structure keys per page, text set once
every page is laid out, and at save the structure tree, PDF/A output intent and metadata."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from reportlab.pdfbase.pdfdoc import LinkAnnotation, PDFDictionary, PDFName
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from briefing.document import Document
from briefing.render.pdf.archive import add_catalog_entry, fix_stream_endings, make_archival
from briefing.render.pdf.context import LayoutState
from briefing.render.pdf.serialize import remember_fonts, write_document
from briefing.render.pdf.streams import remember_compression
from briefing.render.pdf.tags import Elem, Tagger


class _TaggedLink(LinkAnnotation):
    """A link annotation that may name its place in the structure tree."""

    permitted = (*LinkAnnotation.permitted, "StructParent")


DrawLater = Callable[[PDFTextObject], None]
"""Sets text on a fresh text object once every page is laid out."""

_PLACE = re.compile("\x00([0-9]+)\x00")
"""A place left in a page's operators. NUL never occurs in reportlab's own output
(strings escape every control character), so a place cannot be mistaken for text."""


class BriefingCanvas(Canvas):
    """A reportlab canvas that writes a tagged PDF/A-2 file."""

    tags: Tagger
    """The structure tree being drawn."""

    def __init__(self, *args: Any, document: Document, state: LayoutState, **kwargs: Any) -> None:
        """Open the canvas for `document`, tagging into `state`'s structure tree."""
        super().__init__(*args, **kwargs)
        created = document.metadata.created
        self._stamp = f"D:{created:%Y%m%d}000000+00'00'"
        # Invariant mode fixes reportlab's clock to 2000-01-01; we stamp metadata.created.
        self.setDateFormatter(lambda *_: self._stamp)
        digest = hashlib.md5(repr(document).encode("utf-8"), usedforsecurity=False).hexdigest()
        self._doc._ID = f"\n[<{digest}><{digest}>]\n".encode("ascii")
        self.showOutline()
        self._lang = document.metadata.language
        self.tags = state.tags
        self._later: list[DrawLater] = []

    def draw_later(self, draw: DrawLater) -> None:
        """Leave a place here for text that depends on pages not laid out yet (the
        contents' page numbers, the page total); `draw` sets it when the file is saved,
        in a text object of its own, from the graphics state of this place."""
        self._code.append(f"\x00{len(self._later)}\x00")
        self._later.append(draw)

    def _fill_places(self) -> None:
        """Replace every place left by `draw_later` with its text, pages in order."""

        def text(match: re.Match[str]) -> str:
            tx = self.beginText()
            self._later[int(match.group(1))](tx)
            return str(tx.getCode())

        for page in self._doc.Pages.pages:
            if "\x00" in page.stream:
                page.stream = _PLACE.sub(text, page.stream)

    def showPage(self) -> None:
        """Finish the page, giving it its structure key and tab order."""
        key = self.tags.page_done()
        super().showPage()
        page = self._doc.Pages.pages[-1]
        add_catalog_entry(page, "StructParents", key)
        add_catalog_entry(page, "Tabs", PDFName("S"))

    def tagged_link(
        self, elem: Elem, text: str, anchor: str, rect: tuple[float, float, float, float]
    ) -> None:
        """Link `rect` (relative to the current transform) to `anchor`, described by `text`,
        flagged for printing and owned by `elem` in the structure tree."""
        name, key = self.tags.link_name(elem, self._doc.thisPageName())
        annotation = _TaggedLink(
            Rect=self._absRect(rect, 1),
            Contents=text,
            Destination=self._bookmarkReference(anchor),
            Border="[0 0 0]",
            F=4,
            StructParent=key,
        )
        self._addAnnotation(annotation, name)

    def save(self) -> None:
        """Write the structure tree and the PDF/A parts, then the file."""
        if self._code:
            self.showPage()
        self._fill_places()
        doc = self._doc
        catalog = doc.Catalog
        catalog.StructTreeRoot = self.tags.write(doc)
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})
        catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})
        make_archival(doc, self._stamp, self._lang, tagged=True)
        write_document(doc)
        super().save()


def canvas_maker(document: Document, state: LayoutState) -> Callable[..., Canvas]:
    """Return a factory of canvases for the layout of `document`."""
    fix_stream_endings()
    remember_compression()
    remember_fonts()

    def make(*args: Any, **kwargs: Any) -> Canvas:
        return BriefingCanvas(*args, document=document, state=state, **kwargs)

    return make
