"""Cache directory lookup, cache keys and atomic file writes."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

ENV_VAR = "BRIEFING_CACHE_DIR"


def cache_root() -> Path:
    """Return the briefing cache root ($BRIEFING_CACHE_DIR or the user cache dir)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("briefing"))


def fonts_dir() -> Path:
    """Return (and create) the directory holding prepared fonts and cmap caches."""
    path = cache_root() / "fonts"
    path.mkdir(parents=True, exist_ok=True)
    return path


def digest(*parts: object) -> str:
    """Return a sha256 hex digest over JSON-serialisable `parts`."""
    blob = json.dumps(parts, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode("ascii")).hexdigest()


def is_cached(path: Path) -> bool:
    """Return True when `path` is a complete (non-empty) cache entry."""
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so readers see either no file or the whole file."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
