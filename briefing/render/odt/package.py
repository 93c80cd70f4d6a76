"""The package: meta.xml, the manifest, and a zip that is the same bytes for the same tree."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

from lxml.etree import _Element

from briefing.document import Metadata
from briefing.render.odt.context import Picture
from briefing.render.odt.odf import VERSION, clean, el, root, serialise, sub

MIMETYPE = b"application/vnd.oasis.opendocument.text"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def meta_part(metadata: Metadata) -> _Element:
    """meta.xml: title, subject, keywords, author, language and the content's date."""
    doc = root("office:document-meta")
    meta = sub(doc, "office:meta")
    stamp = f"{metadata.created.isoformat()}T00:00:00"
    sub(meta, "meta:generator").text = "briefing"
    sub(meta, "dc:title").text = clean(metadata.title)
    sub(meta, "dc:subject").text = clean(metadata.subject)
    for keyword in metadata.keywords:
        sub(meta, "meta:keyword").text = clean(keyword)
    sub(meta, "meta:initial-creator").text = clean(metadata.author)
    sub(meta, "dc:creator").text = clean(metadata.author)
    sub(meta, "meta:creation-date").text = stamp
    sub(meta, "dc:date").text = stamp
    sub(meta, "dc:language").text = metadata.language or "zh-TW"
    return doc


def manifest(pictures: Mapping[str, Picture]) -> bytes:
    """META-INF/manifest.xml listing every part and picture."""
    doc = el("manifest:manifest", {"manifest:version": VERSION})
    entries = [("/", MIMETYPE.decode())]
    entries += [(name, "text/xml") for name in ("content.xml", "meta.xml", "styles.xml")]
    entries += [(path, picture.media_type) for path, picture in sorted(pictures.items())]
    for path, media in entries:
        attrs = {"manifest:full-path": path, "manifest:media-type": media}
        if path == "/":
            attrs["manifest:version"] = VERSION
        sub(doc, "manifest:file-entry", attrs)
    return serialise(doc)


def odt_zip(parts: Mapping[str, bytes]) -> bytes:
    """The zip: `mimetype` first and stored, then every part sorted, all dated 1980-01-01."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in ["mimetype", *sorted(p for p in parts if p != "mimetype")]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            stored = name == "mimetype" or name.endswith((".png", ".jpg", ".gif"))
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # "Unix", whatever system renders
            target.writestr(info, parts[name], compresslevel=None if stored else 6)
    return out.getvalue()
