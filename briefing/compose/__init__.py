"""Compose: validated content + an audience template → the format-neutral Document.

Imports neither reportlab nor python-docx.
"""

from __future__ import annotations

from datetime import date

from briefing.compose import brief, official
from briefing.compose.composer import Composer, PartBuilder
from briefing.compose.layout import layout_for
from briefing.document import Document, Metadata
from briefing.model.content import Content
from briefing.style.fields import render
from briefing.style.model import AudienceSpec, PartName

BUILDERS: dict[PartName, PartBuilder] = {
    "cover": official.cover,
    "masthead": brief.masthead,
    "abstract": official.abstract,
    "contents": official.contents,
    "summary": brief.summary,
    "glance": brief.glance,
    "key-figures": brief.key_figures,
    "purpose": official.purpose,
    "itinerary": official.itinerary,
    "background": official.background,
    "visits": official.visits,
    "figures": brief.figures,
    "charts": brief.charts,
    "conclusions": official.conclusions,
    "findings": official.findings,
    "recommendations": official.recommendations,
    "appendix": official.appendix,
}


def document_date(content: Content) -> date:
    """The date stamped into outputs: the report date, else the trip's last day."""
    return content.report.report_date or content.report.end


def compose(content: Content, spec: AudienceSpec, created: date | None = None) -> Document:
    """Build the document tree for one audience."""
    report = content.report
    title = render(spec.title, title=report.title)
    metadata = Metadata(
        title=title,
        author=" ".join(p for p in (report.organisation, report.unit or "") if p),
        subject=f"{render(spec.wording.kicker, category=report.category)}：{spec.description}",
        keywords=report.keywords or report.editorial.keywords,
        language="zh-TW",
        created=created or document_date(content),
    )
    blocks = Composer(content, spec).compose_parts(BUILDERS)
    return Document(metadata=metadata, layout=layout_for(spec, title), blocks=blocks)
