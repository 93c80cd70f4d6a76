"""Reading the data files of a styles folder: each a YAML mapping validated by a model."""

from __future__ import annotations

import os
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
    try:
        names = os.listdir(folder)  # what glob("*.yaml") lists, without its cost
    except OSError:  # no such folder (or not a folder)
        return []
    return sorted(Path(name).stem for name in names if name.endswith(".yaml"))


def stays_inside(path: Path, folder: Path) -> bool:
    """Whether a path, links followed, stays inside a folder (styles never read out)."""
    try:
        return path.resolve(strict=True).is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # RuntimeError: a loop of links
        return False


def load_model(
    path: Path, model: type[M], extra: dict[str, Any], what: str, diagnostics: Diagnostics
) -> M | None:
    """Read one YAML mapping, add `extra` (e.g. its name), validate it and anchor it."""
    if not stays_inside(path, path.parent):
        diagnostics.error(
            "LINK_OUTSIDE",
            f"{path.name} is a link out of the styles folder; it is not read",
            Location(display_path(path)),
            "copy the file into the styles folder instead",
        )
        return None
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
