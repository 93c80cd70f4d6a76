"""The canvas of a render: fixed date and ID, structure keys per page, and at save the
structure tree, PDF/A output intent and metadata."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from reportlab.pdfbase.pdfdoc import LinkAnnotation, PDFDictionary, PDFName
from reportlab.pdfgen.canvas import Canvas

from briefing.document import Document
from briefing.render.pdf.archive import add_catalog_entry, fix_stream_endings, make_archival
from briefing.render.pdf.context import PassState
from briefing.render.pdf.tags import Elem, Tagger


class _TaggedLink(LinkAnnotation):
    """A link annotation that may name its place in the structure tree."""

    permitted = (*LinkAnnotation.permitted, "StructParent")


class BriefingCanvas(Canvas):
    """A reportlab canvas that writes a tagged PDF/A-2 file."""

    tags: Tagger | None
    """The structure tree being drawn (None in the measuring pass)."""

    def __init__(self, *args: Any, document: Document, state: PassState, **kwargs: Any) -> None:
        """Open the canvas for `document`; tag only when `state` is the drawing pass."""
        super().__init__(*args, **kwargs)
        created = document.metadata.created
        self._stamp = f"D:{created:%Y%m%d}000000+00'00'"
        # Invariant mode fixes reportlab's clock to 2000-01-01; we stamp metadata.created.
        self.setDateFormatter(lambda *_: self._stamp)
        digest = hashlib.md5(repr(document).encode("utf-8"), usedforsecurity=False).hexdigest()
        self._doc._ID = f"\n[<{digest}><{digest}>]\n".encode("ascii")
        self.showOutline()
        self._lang = document.metadata.language
        self.tags = state.tags if state.drawing else None

    def showPage(self) -> None:
        """Finish the page, giving it its structure key and tab order."""
        key = self.tags.page_done() if self.tags is not None else None
        super().showPage()
        if key is not None:
            page = self._doc.Pages.pages[-1]
            add_catalog_entry(page, "StructParents", key)
            add_catalog_entry(page, "Tabs", PDFName("S"))

    def tagged_link(
        self, elem: Elem, text: str, anchor: str, rect: tuple[float, float, float, float]
    ) -> None:
        """Link `rect` (relative to the current transform) to `anchor`, described by `text`,
        flagged for printing and owned by `elem` in the structure tree."""
        extra: dict[str, object] = {}
        name = None
        if self.tags is not None:
            name, key = self.tags.link_name(elem, self._doc.thisPageName())
            extra["StructParent"] = key
        annotation = _TaggedLink(
            Rect=self._absRect(rect, 1),
            Contents=text,
            Destination=self._bookmarkReference(anchor),
            Border="[0 0 0]",
            F=4,
            **extra,
        )
        self._addAnnotation(annotation, name)

    def save(self) -> None:
        """Write the structure tree and the PDF/A parts, then the file."""
        if self._code:
            self.showPage()
        doc = self._doc
        catalog = doc.Catalog
        if self.tags is not None:
            catalog.StructTreeRoot = self.tags.write(doc)
            catalog.MarkInfo = PDFDictionary({"Marked": "true"})
            catalog.ViewerPreferences = PDFDictionary({"DisplayDocTitle": "true"})
        make_archival(doc, self._stamp, self._lang, tagged=self.tags is not None)
        super().save()


def canvas_maker(document: Document, state: PassState) -> Callable[..., Canvas]:
    """Return a factory of canvases for one layout pass of `document`."""
    fix_stream_endings()

    def make(*args: Any, **kwargs: Any) -> Canvas:
        return BriefingCanvas(*args, document=document, state=state, **kwargs)

    return make
