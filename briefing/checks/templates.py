"""Checks that need the audience templates: short forms they show, figures they quote."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from briefing.diagnostics import Diagnostic, Severity
from briefing.model.base import anchor
from briefing.model.content import Content
from briefing.model.stats import FiguresDataset
from briefing.style.model import AudienceSpec, PartSpec


def _short_form(audience: str, part: str) -> str:
    return f"the {audience} template shows {part} in short form"


def short_forms(content: Content, specs: Iterable[AudienceSpec]) -> Iterator[Diagnostic]:
    """Each short form a template shows exists, and says which field to fill."""
    conclusions = content.conclusions
    at = anchor(conclusions)
    for spec in specs:
        for entry in spec.parts:
            part = entry if isinstance(entry, PartSpec) else PartSpec(part=entry)
            if part.part == "summary" and content.report.editorial.summary is None:
                yield Diagnostic(
                    Severity.WARNING,
                    "SHORT_FORM_MISSING",
                    f"the {spec.name} template shows why the trip was made in short "
                    "form; the full purpose is used instead",
                    anchor(content.report).key("editorial"),
                    "fill editorial.summary in report.yaml",
                )
            if part.depth != "summary":
                continue
            groups = {
                "findings": ("findings",),
                "recommendations": ("recommendations",),
                "conclusions": ("findings", "recommendations"),
            }.get(part.part, ())
            for group in groups:
                for i, item in enumerate(getattr(conclusions, group)):
                    if item.editorial.summary is None:
                        yield Diagnostic(
                            Severity.WARNING,
                            "SHORT_FORM_MISSING",
                            f"{_short_form(spec.name, group)}; this one has none "
                            "and is shown in full",
                            at.at(group, i, "text"),
                            f"fill {group}[{i}].editorial.summary",
                        )
            if part.part == "visits":
                for visit in content.visits:
                    if visit.editorial.summary is None:
                        yield Diagnostic(
                            Severity.WARNING,
                            "SHORT_FORM_MISSING",
                            f"{_short_form(spec.name, 'visits')}; {visit.id} has none",
                            anchor(visit).at("id"),
                            "fill editorial.summary",
                        )


def key_figures(content: Content, specs: Iterable[AudienceSpec]) -> Iterator[Diagnostic]:
    """Every figure a template quotes exists in the data."""
    for spec in specs:
        for i, ref in enumerate(spec.key_figures):
            dataset_id, _, figure_id = ref.partition("/")
            dataset = content.dataset(dataset_id)
            figures = set()
            if isinstance(dataset, FiguresDataset):
                figures = {f.id for f in dataset.figures}
            if figure_id in figures:
                continue
            what = "dataset" if dataset is None else "figure"
            yield Diagnostic(
                Severity.ERROR,
                "KEY_FIGURE_REF",
                f"{spec.name} quotes {ref!r}, but no {what} of that id exists",
                anchor(spec).at("key_figures", i),
                "use dataset-id/figure-id of a figures dataset",
            )


def template_charts(content: Content, specs: Iterable[AudienceSpec]) -> Iterator[Diagnostic]:
    """Every chart a template names exists in the content."""
    known = {chart.id for chart in content.charts}
    for spec in specs:
        for i, ref in enumerate(spec.charts):
            if ref not in known:
                yield Diagnostic(
                    Severity.ERROR,
                    "UNKNOWN_REF",
                    f"{spec.name} shows chart {ref!r}, which the content lacks",
                    anchor(spec).at("charts", i),
                )
