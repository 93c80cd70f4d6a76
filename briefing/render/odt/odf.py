"""Raw ODF XML: namespaces, element construction, text with spaces, tabs and line breaks."""

from __future__ import annotations

import re

from lxml import etree
from lxml.etree import _Element

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
VERSION = "1.3"
"""The ODF version written (and validated against)."""

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_RUN = re.compile(r"(\n|\t| {2,})")


def qn(name: str) -> str:
    """Clark notation of a prefixed name: text:p → {urn:…:text:1.0}p."""
    prefix, local = name.split(":", 1)
    return f"{{{NS[prefix]}}}{local}"


def el(tag: str, attrs: dict[str, str] | None = None, *children: _Element) -> _Element:
    """A new element with prefixed attribute names and the given children."""
    attrib = {qn(k): v for k, v in (attrs or {}).items()}
    node = etree.Element(qn(tag), attrib)
    node.extend(children)
    return node


def sub(parent: _Element, tag: str, attrs: dict[str, str] | None = None) -> _Element:
    """Append a new child element to `parent` and return it."""
    child = etree.SubElement(parent, qn(tag), {qn(k): v for k, v in (attrs or {}).items()})
    return child


def root(tag: str) -> _Element:
    """The root element of a part, declaring every namespace, at our ODF version."""
    node = etree.Element(qn(tag), {qn("office:version"): VERSION}, nsmap=NS)
    return node


def clean(text: str) -> str:
    """Drop code points that XML 1.0 cannot carry."""
    return _FORBIDDEN.sub("", text)


def add_text(parent: _Element, text: str) -> _Element:
    """Append `text` to a paragraph: newlines, tabs and runs of spaces become elements."""
    # ODF collapses white space as HTML does, so what must survive is marked up.
    last: _Element | None = parent[-1] if len(parent) else None
    for index, piece in enumerate(_RUN.split(clean(text))):
        if index % 2 == 0:
            if not piece:
                continue
            if piece.startswith(" ") and last is None and not parent.text:
                # a leading space would be dropped too
                last = sub(parent, "text:s")
                piece = piece[1:]
            if last is None:
                parent.text = (parent.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
            continue
        match piece:
            case "\n":
                last = sub(parent, "text:line-break")
            case "\t":
                last = sub(parent, "text:tab")
            case _:  # keep the first space as text, mark the others
                if last is None:
                    parent.text = (parent.text or "") + " "
                else:
                    last.tail = (last.tail or "") + " "
                last = sub(parent, "text:s", {"text:c": str(len(piece) - 1)})
    return parent


def length(value: float, unit: str = "pt") -> str:
    """A length with at most three decimals and no trailing zeros, e.g. 12.5pt."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return f"{'0' if text in ('', '-0') else text}{unit}"


def serialise(node: _Element) -> bytes:
    """A part's bytes: UTF-8 with an XML declaration."""
    return etree.tostring(node, xml_declaration=True, encoding="UTF-8")
