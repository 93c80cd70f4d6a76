"""Build outputs: compose each audience, render each format, write files atomically."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import import_module
from pathlib import Path

from briefing.compose import compose
from briefing.document import Document
from briefing.model.content import Content
from briefing.style.model import AudienceSpec

FORMATS = ("pdf", "docx")
"""Output formats, in the order they are built; each maps to briefing.render.<format>."""

Renderer = Callable[[Document], bytes]


def renderer(fmt: str) -> Renderer:
    """The render function of a format (imported on first use: reportlab is slow to load)."""
    module = import_module(f"briefing.render.{fmt}")
    render: Renderer = getattr(module, f"render_{fmt}")
    return render


def build_date() -> date | None:
    """The date SOURCE_DATE_EPOCH asks for, if set (reproducible-builds convention)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), tz=UTC).date()


@dataclass(frozen=True)
class Output:
    """One file written: which audience and format, where, how many pages, how big."""

    audience: str
    fmt: str
    path: Path
    pages: int | None
    size: int


def pdf_pages(data: bytes) -> int:
    """Number of pages of a PDF we wrote (counts the page objects)."""
    return len(re.findall(rb"/Type /Page\b", data))


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file and a rename: never a half-written or lost file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class BuildError(Exception):
    """A build that must not produce files (e.g. a briefing over its page limit)."""


def render_audience(content: Content, spec: AudienceSpec, formats: list[str]) -> dict[str, bytes]:
    """Compose once and render each format; enforce the template's page limit."""
    document = compose(content, spec, created=build_date())
    rendered = {fmt: renderer(fmt)(document) for fmt in formats}
    if spec.max_pages is not None:
        pdf = rendered.get("pdf") or renderer("pdf")(document)  # the PDF's pages are the measure
        pages = pdf_pages(pdf)
        if pages > spec.max_pages:
            raise BuildError(
                f"{spec.name}: the briefing takes {pages} pages; its template allows at most "
                f"{spec.max_pages} (shorten the short forms or drop a part)"
            )
    return rendered


def write_outputs(spec: AudienceSpec, rendered: dict[str, bytes], out_dir: Path) -> list[Output]:
    """Write one audience's files atomically."""
    outputs = []
    for fmt, data in rendered.items():
        path = out_dir / f"{spec.name}.{fmt}"
        write_atomically(path, data)
        pages = pdf_pages(data) if fmt == "pdf" else None
        outputs.append(Output(spec.name, fmt, path, pages, len(data)))
    return outputs
