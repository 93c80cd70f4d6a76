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
from briefing.style.audience import Audience
from briefing.style.model import PartName

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


def compose(content: Content, audience: Audience, created: date | None = None) -> Document:
    """Build the document tree for one audience."""
    report = content.report
    composer = Composer(content, audience)
    title = composer.text(audience.spec.title)
    subtitle = composer.text(audience.spec.subtitle)
    kicker = composer.text(audience.words.kicker)
    locale = audience.locale
    metadata = Metadata(
        title=title,
        author=" ".join(p for p in (report.organisation, report.unit or "") if p),
        subject=f"{kicker}{locale.words.label_separator}{subtitle}" if subtitle else kicker,
        keywords=report.keywords or report.editorial.keywords,
        language=locale.language,
        created=created or document_date(content),
        latin_language=locale.latin_language,
        east_asian_language=locale.east_asian_language,
    )
    blocks = composer.compose_parts(BUILDERS)
    layout = layout_for(
        audience.spec,
        header=composer.text(audience.spec.header),
        footer=composer.text(audience.spec.footer),
        marking=composer.text(audience.spec.marking),
        numbering=composer.scheme,
    )
    return Document(metadata=metadata, layout=layout, blocks=blocks)
