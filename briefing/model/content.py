"""The validated content of one trip, built from its parsed files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from briefing.cache import active_cache
from briefing.diagnostics import Diagnostics
from briefing.load.folder import ContentFile, FileKind, RawContent
from briefing.model.background import Background
from briefing.model.base import Anchor, Model, set_anchor
from briefing.model.claims import Claim, Claims
from briefing.model.conclusions import Conclusions
from briefing.model.errors import schema_diagnostics
from briefing.model.itinerary import Itinerary
from briefing.model.report import Report
from briefing.model.stats import ChartSpec, Dataset
from briefing.model.visit import Visit

T = TypeVar("T", bound=BaseModel)


class DatasetFile(Model):
    """A file under datasets/: one or more datasets."""

    datasets: tuple[Dataset, ...] = ()
    charts: tuple[ChartSpec, ...] = ()
    """Charts drawn from the datasets (of this file or another)."""


FILE_MODELS: dict[FileKind, type[Model]] = {
    FileKind.REPORT: Report,
    FileKind.ITINERARY: Itinerary,
    FileKind.BACKGROUND: Background,
    FileKind.CONCLUSIONS: Conclusions,
    FileKind.CLAIMS: Claims,
    FileKind.VISIT: Visit,
    FileKind.DATASETS: DatasetFile,
}


@dataclass(frozen=True)
class Content:
    """Everything a briefing can say about one trip, validated."""

    name: str
    """The content folder's name, used for the output folder."""
    folder: Path
    """The content folder (images are resolved inside it)."""
    report: Report
    itinerary: Itinerary
    conclusions: Conclusions
    visits: tuple[Visit, ...]
    datasets: tuple[Dataset, ...]
    background: Background | None = None
    claims: tuple[Claim, ...] = ()
    charts: tuple[ChartSpec, ...] = ()

    def visit(self, visit_id: str) -> Visit | None:
        """The visit with this id, if any."""
        return next((v for v in self.visits if v.id == visit_id), None)

    def dataset(self, dataset_id: str) -> Dataset | None:
        """The dataset with this id, if any."""
        return next((d for d in self.datasets if d.id == dataset_id), None)

    def chart(self, chart_id: str) -> ChartSpec | None:
        """The chart with this id, if any."""
        return next((c for c in self.charts if c.id == chart_id), None)

    def visits_in_itinerary_order(self) -> tuple[Visit, ...]:
        """Visits in the order the itinerary names them, then any it does not name."""
        order = [
            vid for region in self.itinerary.regions for day in region.days for vid in day.visits
        ]
        rank = {vid: i for i, vid in enumerate(dict.fromkeys(order))}
        return tuple(sorted(self.visits, key=lambda v: (rank.get(v.id, len(rank)), v.date)))


def validate_file(file: ContentFile, diagnostics: Diagnostics) -> Model | None:
    """Validate one file against its kind's schema; anchor the result to its source."""
    cache = active_cache()
    if cache is not None:  # a warm process validates each parsed document once
        model: Model | None = cache.validate(
            file.document, file.kind.value, lambda: _validate_file(file, diagnostics)
        )
        return model
    return _validate_file(file, diagnostics)


def _validate_file(file: ContentFile, diagnostics: Diagnostics) -> Model | None:
    """Validate one file (validate_file without the cache)."""
    model_type = FILE_MODELS[file.kind]
    document = file.document
    data: Any = document.data
    try:
        model = model_type.model_validate(data if data is not None else {})
    except ValidationError as exc:
        diagnostics.extend(schema_diagnostics(exc, data, document.source, model_type))
        return None
    set_anchor(model, Anchor(document.source))
    if isinstance(model, DatasetFile):
        for i, dataset in enumerate(model.datasets):
            set_anchor(dataset, Anchor(document.source, ("datasets", i)))
        for i, chart in enumerate(model.charts):
            set_anchor(chart, Anchor(document.source, ("charts", i)))
    return model


def validate_content(raw: RawContent, diagnostics: Diagnostics) -> Content | None:
    """Validate every file; the Content exists only if every file is valid."""
    models: dict[FileKind, list[Model]] = {kind: [] for kind in FileKind}
    failed = False
    for file in raw.files:
        model = validate_file(file, diagnostics)
        if model is None:
            failed = True
        else:
            models[file.kind].append(model)
    if failed or diagnostics.has_errors:
        return None
    datasets: list[Dataset] = []
    charts: list[ChartSpec] = []
    for dataset_file in models[FileKind.DATASETS]:
        assert isinstance(dataset_file, DatasetFile)
        datasets.extend(dataset_file.datasets)
        charts.extend(dataset_file.charts)
    claims_files = [m for m in models[FileKind.CLAIMS] if isinstance(m, Claims)]
    claims = tuple(c for f in claims_files for c in f.claims)
    for f in claims_files:
        for i, claim in enumerate(f.claims):
            set_anchor(claim, Anchor(_anchor_source(f), ("claims", i)))
    return Content(
        name=raw.folder.name,
        folder=raw.folder,
        report=_single(models, FileKind.REPORT, Report),
        itinerary=_single(models, FileKind.ITINERARY, Itinerary),
        conclusions=_single(models, FileKind.CONCLUSIONS, Conclusions),
        background=_optional(models, FileKind.BACKGROUND, Background),
        visits=tuple(m for m in models[FileKind.VISIT] if isinstance(m, Visit)),
        datasets=tuple(datasets),
        claims=claims,
        charts=tuple(charts),
    )


def _anchor_source(model: Model) -> Any:
    assert model._anchor is not None
    return model._anchor.source


def _single(models: dict[FileKind, list[Model]], kind: FileKind, cls: type[T]) -> T:
    found = _optional(models, kind, cls)
    assert found is not None, f"{kind} is required and was checked when loading"
    return found


def _optional(models: dict[FileKind, list[Model]], kind: FileKind, cls: type[T]) -> T | None:
    for model in models[kind]:
        if isinstance(model, cls):
            return model
    return None


def text_roots(content: Content) -> tuple[Model, ...]:
    """The loaded models whose text a reader sees, each anchored to its file."""
    roots: list[Model] = [content.report, content.itinerary, content.conclusions]
    if content.background is not None:
        roots.append(content.background)
    roots.extend(content.visits)
    roots.extend(content.datasets)
    roots.extend(content.charts)  # titles and labels print in charts
    return tuple(roots)
