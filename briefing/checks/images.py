"""Images: only files inside the content folder, of a known type and a sane size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from briefing.diagnostics import Diagnostic, Location, Severity
from briefing.load.images import decode_problem, image_size, resolve_image
from briefing.model.base import anchor
from briefing.model.content import Content

MAX_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 40_000_000
"""A decompression bomb is a small file that decodes to hundreds of megapixels."""


def _problem(path: Path) -> str | None:
    if path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        return "only PNG and JPEG images are accepted"
    if not path.is_file():
        return "not a file"
    size = path.stat().st_size
    if size > MAX_BYTES:
        return f"the file has {size:,} bytes; the limit is {MAX_BYTES:,}"
    with path.open("rb") as stream:
        head = stream.read(64 * 1024)
    found = image_size(head)
    if found is None:
        return "not a PNG or JPEG file (its contents do not match)"
    _, width, height = found
    if width * height > MAX_PIXELS or width == 0 or height == 0:
        return f"{width}×{height} pixels; the limit is {MAX_PIXELS // 1_000_000} megapixels"
    return decode_problem(path, MAX_PIXELS)


def images(content: Content) -> Iterator[Diagnostic]:
    """Every photo's image is a readable PNG or JPEG inside the content folder."""
    for visit in content.visits:
        for i, photo in enumerate(visit.photos):
            if photo.image is None:
                continue
            where: Location = anchor(visit).at("photos", i, "image")
            found = resolve_image(content.folder, photo.image)
            problem = found if isinstance(found, str) else _problem(found)
            if problem:
                yield Diagnostic(Severity.ERROR, "IMAGE", f"{photo.image}: {problem}", where)
