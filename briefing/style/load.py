"""Load audience templates from styles/, following `extends:` chains."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from briefing.cache import active_cache
from briefing.checks.template_strings import template_characters, template_lengths
from briefing.diagnostics import Diagnostic, Diagnostics, Location, Severity, display_path
from briefing.load.yaml_source import SourceMap, YamlDocument, YamlLoadError, read_yaml
from briefing.model.base import Anchor, set_anchor
from briefing.model.errors import schema_diagnostics
from briefing.style.files import names_in, stays_inside
from briefing.style.model import AudienceSpec

MAX_EXTENDS = 8
_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
"""A template's name: a plain file name in styles/, never a path."""


def available(styles_dir: Path) -> list[str]:
    """Names of the templates in a styles folder."""
    return names_in(styles_dir)


def audiences(styles_dir: Path, diagnostics: Diagnostics) -> list[AudienceSpec]:
    """Every template that is an audience of its own (base templates left out)."""
    specs = [load_style(name, styles_dir, diagnostics) for name in available(styles_dir)]
    return [spec for spec in specs if spec is not None and not spec.base]


def deep_merge(base: Any, over: Any) -> Any:
    """Mappings merge key by key; anything else in `over` replaces the base."""
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = deep_merge(base.get(key), value) if key in base else value
        return merged
    return over


def _read(
    name: str, styles_dir: Path, diagnostics: Diagnostics, named_at: Location | None
) -> YamlDocument | None:
    """Read a template by name; `named_at` is the `extends:` naming it (None: the user)."""
    code = "STYLE_EXTENDS" if named_at else "UNKNOWN_AUDIENCE"
    where = named_at or Location(display_path(styles_dir))
    # Resolved inside styles/ before anything is opened: a name is never a path.
    if not _NAME.fullmatch(name):
        diagnostics.error(
            code,
            f"{name!r} is not a template name",
            where,
            "name a template in the styles folder (lower-case letters, digits, hyphens), "
            "available: " + ", ".join(available(styles_dir)),
        )
        return None
    path = styles_dir / f"{name}.yaml"
    if not stays_inside(path, styles_dir) or not path.is_file():
        diagnostics.error(
            code,
            f"no template named {name!r}"
            + (" (a link out of the styles folder)" if path.is_symlink() else ""),
            where,
            "available: " + ", ".join(available(styles_dir)),
        )
        return None
    try:
        return read_yaml(path, display_path(path))
    except YamlLoadError as exc:
        diagnostics.add(exc.diagnostic)
        return None


def load_style(name: str, styles_dir: Path, diagnostics: Diagnostics) -> AudienceSpec | None:
    """Load and validate one template, merged over the templates it extends."""
    chain: list[YamlDocument] = []
    current: str | None = name
    while current is not None:
        if len(chain) > MAX_EXTENDS or current in {d.path.stem for d in chain}:
            diagnostics.error(
                "STYLE_EXTENDS",
                f"templates extend each other in a loop at {current!r}",
                chain[-1].source.locate(("extends",)),
            )
            return None
        named_at = chain[-1].source.locate(("extends",)) if chain else None
        document = _read(current, styles_dir, diagnostics, named_at)
        if document is None:
            return None
        if not isinstance(document.data, dict):
            diagnostics.error(
                "SCHEMA_TYPE",
                "a template is a mapping of settings",
                Location(document.source.file, 1, 1),
            )
            return None
        chain.append(document)
        parent = document.data.get("extends")
        current = parent if isinstance(parent, str) else None
    documents = tuple(reversed(chain))  # the root template first, `name` last
    cache = active_cache()
    made: _Made = (
        _validate(name, documents)
        if cache is None
        else cache.derive(documents, f"template {name}", lambda: _validate(name, documents))
    )
    spec, problems = made
    diagnostics.extend(problems)
    return spec


_Made = tuple[AudienceSpec | None, tuple[Diagnostic, ...]]


def _validate(name: str, documents: tuple[YamlDocument, ...]) -> _Made:
    """The template merged from its chain of files, validated, and what is wrong with it
    (kept by a warm process while none of the files changes)."""
    data: Any = {}
    source: SourceMap | None = None
    for document in documents:
        data = deep_merge(data, document.data)
        source = document.source if source is None else document.source.layered_over(source)
    assert source is not None
    data["name"] = name  # a template is named by its file
    data["base"] = documents[0].data.get("base", False)  # being a base is not inherited
    try:
        spec = AudienceSpec.model_validate(data)
    except ValidationError as exc:
        return None, tuple(schema_diagnostics(exc, data, source, AudienceSpec))
    set_anchor(spec, Anchor(source))
    problems = (*template_characters(spec), *template_lengths(spec))
    return (None if any(p.severity is Severity.ERROR for p in problems) else spec), problems
