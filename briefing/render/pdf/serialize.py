"""Writing the file's objects: the same bytes as reportlab's writer, with less work.

A tagged report is mostly small objects (a structure element per paragraph, cell and
label): reportlab wraps each in an indirect-object formatter whose generic dispatch cost
a tenth of a render. Here the loop over objects formats our own raw objects directly and
hands every other object to reportlab as before. Font dictionaries (256 widths each) are
formatted once per distinct content in a warm process: their bytes are a function of
their entries and of the object numbers they refer to, both part of the key.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MethodType
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc

from briefing.render.pdf.tags import RawObject

KEPT_FONTS = 256
"""Formatted font dictionaries kept (a few renders' subsets)."""

_FONTS: dict[tuple[object, ...], bytes] = {}
_ORIGINAL_FONT_FORMAT: Callable[[Any, pdfdoc.PDFDocument], bytes] = pdfdoc.PDFType1Font.format


def write_document(doc: pdfdoc.PDFDocument) -> None:
    """Let `doc` format its objects through the loop below (its bytes are unchanged)."""
    doc.format = MethodType(_format, doc)  # type: ignore[method-assign]


def _format(self: pdfdoc.PDFDocument) -> bytes:
    """reportlab's PDFDocument.format, with raw objects written without the wrapping."""
    encrypt = self.encrypt
    encrypt.prepare(self)
    if encrypt.info() or (not rl_config.invariant and rl_config.pdfComments):
        return pdfdoc.PDFDocument.format(self)  # encrypted or commented: reportlab's way
    catalog, info = self.Catalog, self.info
    self.Reference(catalog)
    self.Reference(info)
    numbers, objects = self.numberToId, self.idToObject
    versions, offsets = self.idToObjectNumberAndVersion, self.idToOffset
    self.__accum__ = out = pdfdoc.PDFFile(self._pdfVersion)  # type: ignore[attr-defined]
    ids: list[str] = []
    counter = 1
    # Objects may be registered while others are formatted: the table grows as we go.
    while counter in numbers:
        oid = numbers[counter]
        obj = objects[oid]
        if type(obj) is RawObject:
            number, version = versions[oid]
            encrypt.register(number, version)
            body = obj.writer(self)
            end = b"" if body.endswith(b"\n") else b"\n"
            offsets[oid] = out.add(b"%d %d obj\n%s%sendobj\n" % (number, version, body, end))
        else:
            offsets[oid] = out.add(pdfdoc.PDFIndirectObject(oid, obj).format(self))
        ids.append(oid)
        counter += 1
    del self.__accum__  # type: ignore[attr-defined]
    start = out.add(_xref(ids, versions, offsets))
    trailer = pdfdoc.PDFTrailer(
        startxref=start,
        Size=len(numbers) + 1,
        Root=self.Reference(catalog),
        Info=self.Reference(info),
        ID=self.ID(),
    )
    out.add(trailer.format(self))
    return out.format(self)  # type: ignore[no-any-return]


def _xref(ids: list[str], versions: dict[str, tuple[int, int]], offsets: dict[str, int]) -> bytes:
    """The cross-reference table of objects 1…n, numbered in the order of `ids` (what
    reportlab's one-section table writes)."""
    lines = [f"0 {len(ids) + 1}", "0000000000 65535 f "]
    for expected, oid in enumerate(ids, start=1):
        number, version = versions[oid]
        if number != expected:
            raise ValueError(f"object {oid!r} is numbered {number}, not {expected}")
        lines.append(f"{offsets[oid]:010d} {version:05d} n ")
    lines.append("")
    return b"xref\n" + "\n".join(lines).encode("ascii")


def _font_format(self: pdfdoc.PDFType1Font, document: pdfdoc.PDFDocument) -> bytes:
    """A font dictionary's bytes, formatted once per distinct content and references."""
    key = _font_key(self, document)
    if key is None:
        return _ORIGINAL_FONT_FORMAT(self, document)
    found = _FONTS.get(key)
    if found is None:
        if len(_FONTS) >= KEPT_FONTS:
            _FONTS.clear()
        found = _FONTS[key] = _ORIGINAL_FONT_FORMAT(self, document)
    return found


def _font_key(font: pdfdoc.PDFType1Font, document: pdfdoc.PDFDocument) -> tuple[object, ...] | None:
    """What the font's bytes depend on, or None when an entry is of an unexpected kind."""
    key: list[object] = [type(font)]
    for name in (*font.name_attributes, *font.local_attributes):
        value = getattr(font, name, None)
        part = _value_key(value, document)
        if part is None and value is not None:
            return None
        key.append((name, part))
    return tuple(key)


def _value_key(value: object, document: pdfdoc.PDFDocument) -> object:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | str):
        return (type(value), value)
    # Exact classes only: a subclass may format itself otherwise.
    if isinstance(value, pdfdoc.PDFObjectReference) and type(value) is pdfdoc.PDFObjectReference:
        number = document.idToObjectNumberAndVersion.get(value.name)
        return None if number is None else ("ref", number)
    if isinstance(value, pdfdoc.PDFArray) and type(value) is pdfdoc.PDFArray:
        parts = tuple(_value_key(item, document) for item in value.sequence)
        return None if None in parts else ("array", parts)
    return None


def remember_fonts() -> None:
    """Route reportlab's font dictionaries through the memory above. Idempotent."""
    pdfdoc.PDFType1Font.format = _font_format  # type: ignore[method-assign]
