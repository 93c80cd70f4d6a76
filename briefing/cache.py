"""What a warm process (`briefing watch`) keeps between builds: parsed and validated files.

A cache is active only inside `FileCache.active()`; outside it every read is fresh, so
`check` and `build` behave exactly as before. Entries are keyed by what the file is on
disk (path, modification time in ns, size), and the watcher also forgets the paths it was
told changed, since two saves within one clock tick can share an mtime and a size.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.load.yaml_source import YamlDocument

Stamp = tuple[int, int]
"""A file's modification time (ns) and size: when either changes, it is read again."""


@dataclass
class _Parsed:
    stamp: Stamp
    file: str
    document: YamlDocument | None
    error: Exception | None


@dataclass
class FileCache:
    """Parsed YAML files and the models validated from them, reused while unchanged."""

    parsed: dict[Path, _Parsed] = field(default_factory=dict)
    validated: dict[tuple[tuple[int, ...], str], tuple[tuple[YamlDocument, ...], Any]] = field(
        default_factory=dict
    )
    reads: int = 0
    """Files parsed (not served from the cache) since the cache was made."""
    forgotten: list[Path] = field(default_factory=list)
    """Paths forgotten since `take_forgotten` (a copy of this cache in a worker forgets
    them too: two saves within one clock tick can leave the same stamp)."""
    _seen: dict[Path, Stamp] | None = field(default=None, repr=False)

    @contextmanager
    def active(self) -> Iterator[FileCache]:
        """Within the block, reads and validations go through this cache."""
        token = _ACTIVE.set(self)
        try:
            yield self
        finally:
            _ACTIVE.reset(token)

    def forget(self, paths: Iterable[Path]) -> None:
        """Drop what was read from these paths (or from anything under them)."""
        gone = {Path(os.path.abspath(p)) for p in paths}
        self.forgotten.extend(sorted(gone))
        for path in list(self.parsed):
            if path in gone or any(parent in gone for parent in path.parents):
                entry = self.parsed.pop(path)
                if entry.document is not None:
                    self._drop_validated(entry.document)

    def take_forgotten(self) -> tuple[Path, ...]:
        """The paths forgotten since the last call (each once, in order)."""
        taken, self.forgotten = self.forgotten, []
        return tuple(dict.fromkeys(taken))

    @contextmanager
    def recording(self) -> Iterator[dict[Path, Stamp]]:
        """Within the block, the stamp of every file read is noted in the dict yielded
        (a missing file as (-1, -1)): what a build read, to compare with another's."""
        seen: dict[Path, Stamp] = {}
        previous, self._seen = self._seen, seen
        try:
            yield seen
        finally:
            self._seen = previous

    def read(
        self, path: Path, file: str, load: Callable[[Path, str], YamlDocument]
    ) -> YamlDocument:
        """The parsed file, from the cache when its stamp is unchanged (errors re-raised)."""
        key = Path(os.path.abspath(path))
        try:
            info = path.stat()
        except OSError:
            if self._seen is not None:
                self._seen[key] = (-1, -1)
            return load(path, file)  # let the loader report it the usual way
        stamp = (info.st_mtime_ns, info.st_size)
        if self._seen is not None:
            self._seen[key] = stamp
        entry = self.parsed.get(key)
        if entry is None or entry.stamp != stamp or entry.file != file:
            if entry is not None and entry.document is not None:
                self._drop_validated(entry.document)
            self.reads += 1
            try:
                entry = _Parsed(stamp, file, load(path, file), None)
            except Exception as exc:  # a YamlLoadError: remembered, raised on every read
                entry = _Parsed(stamp, file, None, exc)
            self.parsed[key] = entry
        if entry.error is not None:
            raise entry.error
        assert entry.document is not None
        return entry.document

    def validate(self, document: YamlDocument, kind: str, make: Callable[[], Any]) -> Any:
        """The model validated from `document` as `kind`, made once per parsed document."""
        return self.derive((document,), kind, make)

    def derive(
        self, documents: tuple[YamlDocument, ...], kind: str, make: Callable[[], Any]
    ) -> Any:
        """What `make` derives from these parsed documents as `kind`, made once while none
        of them is read again (None, a failure, is never kept)."""
        key = (tuple(id(document) for document in documents), kind)
        found = self.validated.get(key)
        if found is not None and all(a is b for a, b in zip(found[0], documents, strict=True)):
            return found[1]
        model = make()
        if model is not None:
            self.validated[key] = (documents, model)
        return model

    def _drop_validated(self, document: YamlDocument) -> None:
        for key in [k for k, (docs, _) in self.validated.items() if document in docs]:
            del self.validated[key]


_ACTIVE: ContextVar[FileCache | None] = ContextVar("briefing_file_cache", default=None)


def active_cache() -> FileCache | None:
    """The cache in use in this context, if a warm process opened one."""
    return _ACTIVE.get()
