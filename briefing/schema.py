"""JSON Schema for each kind of content and styles file, for editors' completion and linting."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from briefing.load.folder import FileKind
from briefing.model.base import Model
from briefing.model.content import FILE_MODELS
from briefing.style.locale import Locale
from briefing.style.model import AudienceSpec, Organisation

STYLE_MODELS: dict[str, tuple[type[Model], str]] = {
    "template": (AudienceSpec, "name"),
    "organisation": (Organisation, "id"),
    "locale": (Locale, "name"),
}
"""Styles files, each with the field its loader fills from the file name."""


def schema_text(kind: FileKind) -> str:
    """The JSON Schema of one kind of content file, as stable, readable JSON."""
    return _dumped(FILE_MODELS[kind].model_json_schema(), f"briefing {kind.value} file")


def style_schema_text(name: str) -> str:
    """The JSON Schema of a styles file (template, organisation, locale)."""
    model, from_file_name = STYLE_MODELS[name]
    schema = model.model_json_schema()
    schema["properties"].pop(from_file_name, None)  # the file's name says it
    if from_file_name in schema.get("required", []):
        schema["required"].remove(from_file_name)
    return _dumped(schema, f"briefing {name} (styles/)")


def _dumped(schema: dict[str, Any], title: str) -> str:
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write `<kind>.schema.json` for every kind of content file; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    texts = {f"{kind.value}.schema.json": schema_text(kind) for kind in FileKind}
    texts.update({f"{name}.schema.json": style_schema_text(name) for name in STYLE_MODELS})
    for file_name, text in texts.items():
        path = folder / file_name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
