"""Compose: validated content + an audience template → the format-neutral Document.

Imports neither reportlab nor python-docx.
"""

from __future__ import annotations

from datetime import date

from briefing.compose.blocks import Composer
from briefing.compose.layout import layout_for
from briefing.document import Document, Metadata
from briefing.model.content import Content
from briefing.style.model import AudienceSpec


def document_date(content: Content) -> date:
    """The date stamped into outputs: the report date, else the trip's last day."""
    return content.report.report_date or content.report.end


def compose(content: Content, spec: AudienceSpec, created: date | None = None) -> Document:
    """Build the document tree for one audience."""
    report = content.report
    metadata = Metadata(
        title=report.title,
        author=" ".join(p for p in (report.organisation, report.unit or "") if p),
        subject=f"{spec.wording.kicker.format(category=report.category)}：{spec.description}",
        keywords=report.keywords or report.editorial.keywords,
        language="zh-TW",
        created=created or document_date(content),
    )
    composer = Composer(content, spec)
    blocks = composer.compose_parts()
    return Document(metadata=metadata, layout=layout_for(spec, report.title), blocks=blocks)
