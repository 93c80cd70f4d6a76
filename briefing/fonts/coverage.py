"""Which characters each font draws, with an in-process and on-disk cmap cache."""

from __future__ import annotations

import contextlib
import sys
from array import array
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from pathlib import Path

from briefing.fonts.cache import atomic_write, digest, fonts_dir
from briefing.fonts.chars import char_set, is_ignorable, is_latin
from briefing.fonts.registry import get_source

CMAP_FORMAT = 1


@cache
def codepoints(logical_name: str) -> frozenset[int]:
    """Return the codepoints mapped by the cmap of font `logical_name`."""
    source = get_source(logical_name)
    path = source.coverage_path
    key = digest("cmap", CMAP_FORMAT, source.fingerprint(path))
    cached = fonts_dir() / f"cmap-{source.ps_family}-{key[:20]}.u32"
    loaded = _read_u32(cached)
    if loaded is not None:
        return frozenset(loaded)
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        cps = sorted(font.getBestCmap())
    _write_u32(cached, cps)
    return frozenset(cps)


def resolve_face(ch: str, chain: Sequence[str], latin: str | None) -> str | None:
    """Return the font that draws `ch`: Latin face for Latin chars, else first in chain."""
    cp = ord(ch)
    if latin is not None and is_latin(ch) and cp in codepoints(latin):
        return latin
    for name in chain:
        if cp in codepoints(name):
            return name
    return None


def missing_characters(
    text_chars: str | Iterable[str], chain: Sequence[str], latin: str | None = None
) -> set[str]:
    """Return the non-whitespace characters that no font of the chain can draw."""
    return set(_missing(frozenset(char_set(text_chars)), tuple(chain), latin))


@lru_cache(maxsize=64)
def _missing(chars: frozenset[str], chain: tuple[str, ...], latin: str | None) -> frozenset[str]:
    """The characters of `chars` the chain lacks; a warm process asks again each round."""
    for name in (*chain, *([latin] if latin else [])):
        get_source(name)
    return frozenset(
        ch for ch in chars if not is_ignorable(ch) and resolve_face(ch, chain, latin) is None
    )


def _read_u32(path: Path) -> array[int] | None:
    """Return the little-endian uint32 array stored at `path`, or None."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data or len(data) % 4:
        return None
    arr = array("I")
    arr.frombytes(data)
    if sys.byteorder == "big":
        arr.byteswap()
    return arr


def _write_u32(path: Path, values: Sequence[int]) -> None:
    """Store `values` as little-endian uint32 at `path`; failures are not fatal."""
    arr = array("I", values)
    if sys.byteorder == "big":
        arr.byteswap()
    with contextlib.suppress(OSError):
        atomic_write(path, arr.tobytes())
