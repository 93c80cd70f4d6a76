"""PDF/A-2: the sRGB output intent, XMP metadata mirroring the document information, and
stream endings as the standard wants them."""

from __future__ import annotations

import re
from functools import cache
from xml.sax.saxutils import escape

from PIL import ImageCms
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString

PDFA_PART = 2
ICC_CREATED = bytes.fromhex("07db0001000100000000 0000".replace(" ", ""))
"""A fixed ICC header date (2011-01-01): littleCMS stamps the clock there."""

_CATALOG_EXTRA = ("OutputIntents",)


@cache
def srgb_profile() -> bytes:
    """Return an sRGB ICC profile, byte-identical on every call and machine.

    littleCMS (through Pillow, which reportlab already needs) builds the standard sRGB
    profile; shipping a copied .icc file would add a binary of unclear licence instead.
    The header's creation date is the only varying field (the profile ID is left zero,
    "not computed", so nothing else depends on it).
    """
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = ICC_CREATED
    return bytes(data)


def _xmp_date(pdf_date: str) -> str:
    """Return the XMP form of a PDF date D:YYYYMMDDHHmmSS+HH'mm'."""
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-Z])(\d\d)?'?(\d\d)?'?", pdf_date)
    if m is None:
        raise ValueError(f"not a PDF date: {pdf_date!r}")
    y, mo, d, h, mi, s, sign, oh, om = m.groups()
    zone = "Z" if sign == "Z" else f"{sign}{oh or '00'}:{om or '00'}"
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{zone}"


def xmp_packet(info: pdfdoc.PDFInfo, date: str, lang: str, conformance: str, ua: bool) -> bytes:
    """Return an XMP packet saying what the document information says, plus the PDF/A
    (and, when tagged, PDF/UA) identification."""

    def text(value: str) -> str:
        return escape(value, {'"': "&quot;"})

    when = _xmp_date(date)
    keywords = text(info.keywords)
    ua_schema = ""
    ua_id = ""
    if ua:
        # PDF/A allows only predefined schemas unless the file describes the others.
        ua_schema = """
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Part of ISO 14289 followed</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>"""
        ua_id = "\n   <pdfuaid:part>1</pdfuaid:part>"
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(info.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{text(info.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="x-default">{text(info.subject)}</rdf:li>
   </rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{text(lang)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Producer>{text(info.producer)}</pdf:Producer>
   <pdf:Trapped>{text(info.trapped)}</pdf:Trapped>
   <xmp:CreatorTool>{text(info.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
   <pdfaid:part>{PDFA_PART}</pdfaid:part>
   <pdfaid:conformance>{conformance}</pdfaid:conformance>{ua_id}{ua_schema}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return packet.encode("utf-8")


def add_catalog_entry(catalog: pdfdoc.PDFCatalog, key: str, value: object) -> None:
    """Set a catalog key reportlab's PDFCatalog does not know (it writes only listed keys)."""
    if key not in catalog.__NoDefault__:
        catalog.__NoDefault__ = [*catalog.__NoDefault__, key]
    setattr(catalog, key, value)


def make_archival(doc: pdfdoc.PDFDocument, date: str, lang: str, tagged: bool) -> None:
    """Give `doc` the output intent and XMP metadata that PDF/A-2 requires."""
    catalog = doc.Catalog
    profile = PDFStream(
        PDFDictionary({"N": 3}), content=srgb_profile(), filters=[pdfdoc.PDFZCompress]
    )
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString("sRGB IEC61966-2.1"),
            "Info": PDFString("sRGB IEC61966-2.1"),
            "DestOutputProfile": profile,
        }
    )
    add_catalog_entry(catalog, "OutputIntents", PDFArray([intent]))
    conformance = "A" if tagged else "U"
    packet = xmp_packet(doc.info, date, lang, conformance, ua=tagged)
    # Unfiltered, so that tools that do not parse PDF can still find it.
    catalog.Metadata = PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), content=packet
    )


_ORIGINAL_STREAM_FORMAT = PDFStream.format


def _stream_format(self: PDFStream, document: pdfdoc.PDFDocument) -> bytes:
    """Format a stream with an end-of-line before `endstream` (outside /Length)."""
    out: bytes = _ORIGINAL_STREAM_FORMAT(self, document)
    # Always added, even after data ending in a newline: that one is counted in /Length.
    return out[: -len(b"endstream\n")] + b"\nendstream\n"


def fix_stream_endings() -> None:
    """Make reportlab end every stream's data with an EOL, as PDF/A demands.

    reportlab writes `…data endstream` for every stream it makes (page contents, fonts,
    images) and offers no option; patching its one stream formatter is the only place
    that reaches them all. Idempotent.
    """
    PDFStream.format = _stream_format  # type: ignore[method-assign]
