"""JSON Schema for each kind of content file, for editors' completion and linting."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.load.folder import FileKind
from briefing.model.content import FILE_MODELS


def schema_text(kind: FileKind) -> str:
    """The JSON Schema of one kind of content file, as stable, readable JSON."""
    schema = FILE_MODELS[kind].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"briefing {kind.value} file"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write `<kind>.schema.json` for every kind of content file; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FileKind:
        path = folder / f"{kind.value}.schema.json"
        text = schema_text(kind)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
