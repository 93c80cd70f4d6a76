"""Font preparation: PyPI-packaged fonts subset and weight-instanced for embedding."""

from __future__ import annotations

from briefing.fonts.build import FORMAT_VERSION
from briefing.fonts.cache import ENV_VAR as CACHE_ENV_VAR
from briefing.fonts.cache import cache_root, fonts_dir
from briefing.fonts.chars import is_ignorable, is_latin
from briefing.fonts.coverage import codepoints, missing_characters, resolve_face
from briefing.fonts.errors import FontError
from briefing.fonts.fontset import (
    FontSet,
    PreparedFont,
    plan_subsets,
    prepare_fonts,
    shared_subsets,
)
from briefing.fonts.registry import REGISTRY, FontSource, get_source, known_names

__all__ = [
    "CACHE_ENV_VAR",
    "FORMAT_VERSION",
    "REGISTRY",
    "FontError",
    "FontSet",
    "FontSource",
    "PreparedFont",
    "cache_root",
    "codepoints",
    "fonts_dir",
    "get_source",
    "is_ignorable",
    "is_latin",
    "known_names",
    "missing_characters",
    "plan_subsets",
    "prepare_fonts",
    "resolve_face",
    "shared_subsets",
]
