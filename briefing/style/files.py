"""Reading the data files of a styles folder: each a YAML mapping validated by a model."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from briefing.diagnostics import Diagnostics, Location, display_path
from briefing.load.yaml_source import YamlLoadError, read_yaml
from briefing.model.base import Anchor, Model, set_anchor
from briefing.model.errors import schema_diagnostics

M = TypeVar("M", bound=Model)


def names_in(folder: Path) -> list[str]:
    """The names (without .yaml) of the files in a folder of the styles folder."""
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def load_model(
    path: Path, model: type[M], extra: dict[str, Any], what: str, diagnostics: Diagnostics
) -> M | None:
    """Read one YAML mapping, add `extra` (e.g. its name), validate it and anchor it."""
    try:
        document = read_yaml(path, display_path(path))
    except YamlLoadError as exc:
        diagnostics.add(exc.diagnostic)
        return None
    if not isinstance(document.data, dict):
        diagnostics.error("SCHEMA_TYPE", f"{what} is a mapping", Location(document.source.file))
        return None
    data = {**document.data, **extra}
    try:
        value = model.model_validate(data)
    except ValidationError as exc:
        diagnostics.extend(schema_diagnostics(exc, data, document.source, model))
        return None
    set_anchor(value, Anchor(document.source))
    return value
