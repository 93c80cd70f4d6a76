"""Stream compression that remembers: a warm process compresses each unchanged stream once.

A render compresses every stream it writes: the embedded font subsets (the largest, tens
of kilobytes each), the colour profile and each page's contents. Between two renders of
a `briefing watch` session most of them are byte for byte what they were, so their
compressed form is kept, keyed by the data itself. zlib's output is a function of its
input, so what is found is what compressing again would give.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict

from reportlab.pdfbase import pdfdoc

KEPT_STREAMS = 96
"""Compressed streams kept (a few renders' fonts and pages; a few megabytes at most)."""
SMALLEST_KEPT = 4096
"""Streams shorter than this (bytes) are compressed afresh: cheaper than remembering."""

_COMPRESSED: OrderedDict[bytes, bytes] = OrderedDict()


def _encode(self: pdfdoc.PDFStreamFilterZCompress, text: str | bytes) -> bytes:
    """Compress `text` (UTF-8 if a string) as reportlab does, from memory when seen."""
    data = text.encode("utf8") if isinstance(text, str) else text
    if len(data) < SMALLEST_KEPT:
        return zlib.compress(data)
    found = _COMPRESSED.get(data)
    if found is None:
        found = zlib.compress(data)
        _COMPRESSED[data] = found
        while len(_COMPRESSED) > KEPT_STREAMS:
            _COMPRESSED.popitem(last=False)
    else:
        _COMPRESSED.move_to_end(data)
    return found


def remember_compression() -> None:
    """Route reportlab's one Flate encoder through the memory above. Idempotent."""
    pdfdoc.PDFStreamFilterZCompress.encode = _encode  # type: ignore[method-assign]
