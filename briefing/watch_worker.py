"""The render worker's half of a `briefing watch` round, and what both halves share.

On two cores a round is split: the watcher reads the content and renders the first file
(the full report) straight away, from the characters of the last round's subset, while
the worker checks the whole folder and composes every audience; the other files are then
shared out between the two. The worker was forked from the watcher, so its file cache
starts as the watcher's; each round it forgets what the watcher forgot and reports the
stamp of every file it read, so the watcher can tell that both halves read the same
content before it writes anything. A file is written only when the worker's checks
passed and the subset the first file was rendered from is the one the round needs.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from briefing.build import BuildError, Job, longest_first, render_file
from briefing.cache import FileCache, Stamp
from briefing.compose import compose
from briefing.diagnostics import Diagnostic, Diagnostics
from briefing.document import Document
from briefing.fonts import shared_subsets
from briefing.fonts.chars import char_set
from briefing.pipeline import Checked, check_folder
from briefing.style.audience import Audience, resolve_audiences


@dataclass(frozen=True)
class Prepared:
    """A checked content folder, the documents to build, and every document's characters."""

    checked: Checked
    documents: dict[str, Document]
    chars: frozenset[str]


def prepare(
    cache: FileCache,
    folder: Path,
    styles: Path,
    names: tuple[str, ...] | None,
    created: date | None,
) -> Prepared:
    """Check the folder and compose its audiences; the characters cover every audience
    the content has, not only those asked for (a fresh build's subset does too)."""
    with cache.active():
        checked = check_folder(folder, styles, names)
        if not checked.ok:
            return Prepared(checked, {}, frozenset())
        assert checked.content is not None
        content = checked.content
        scope = list(checked.audiences)
        if names:
            scope = list(resolve_audiences(content, styles, Diagnostics()))
    documents = {a.name: compose(content, a, created=created) for a in checked.audiences}
    others = [compose(content, a, created=created) for a in scope if a.name not in documents]
    return Prepared(checked, documents, document_chars((*documents.values(), *others)))


def document_chars(documents: Iterable[Document]) -> frozenset[str]:
    """Every character the documents draw (what the shared font subset must hold)."""
    from briefing.render.texts import document_texts  # imports reportlab

    return char_set(text for doc in documents for text in document_texts(doc))


@dataclass(frozen=True)
class Source:
    """What one file is rendered from: the same source always renders the same bytes."""

    document: Document
    chars: frozenset[str]
    """The characters of the round's shared font subset."""
    max_pages: int | None
    formats: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """A file's bytes, or why it was refused; `fresh` when rendered now, not reused."""

    data: bytes | BuildError
    fresh: bool


class Renders:
    """Files this process rendered, reused while what they were rendered from is unchanged."""

    def __init__(self) -> None:
        """Start with nothing rendered."""
        self._made: dict[tuple[Path, Job], tuple[Source, bytes]] = {}

    def reuse(self, folder: Path, job: Job, source: Source) -> bytes | None:
        """The bytes rendered before from the same source."""
        made = self._made.get((folder, job))
        return made[1] if made is not None and made[0] == source else None

    def keep(self, folder: Path, job: Job, source: Source, data: bytes) -> None:
        """Remember what a source rendered to."""
        self._made[(folder, job)] = (source, data)

    def render(self, folder: Path, job: Job, source: Source) -> Outcome:
        """The file, rendered now or again from what it was rendered from before."""
        data = self.reuse(folder, job, source)
        if data is not None:
            return Outcome(data, fresh=False)
        try:
            with shared_subsets(source.chars):
                data = render_file(
                    source.document, job.audience, source.max_pages, job.fmt, source.formats
                )
        except BuildError as exc:
            return Outcome(exc, fresh=True)
        self.keep(folder, job, source, data)
        return Outcome(data, fresh=True)

    def forget(self, folder: Path) -> None:
        """Render every file of this folder again (a file the documents name changed)."""
        for key in [key for key in self._made if key[0] == folder]:
            del self._made[key]


RENDERS = Renders()
"""What the render worker rendered (the watcher keeps its own in each folder's build)."""


@dataclass(frozen=True)
class RoundRequest:
    """What the worker needs to check a folder as the watcher would."""

    folder: Path
    styles: Path
    names: tuple[str, ...] | None
    formats: tuple[str, ...]
    forgotten: tuple[Path, ...]
    force: bool
    created: date | None


@dataclass(frozen=True)
class RoundReport:
    """What the worker's checks found, and what its documents need."""

    diagnostics: tuple[Diagnostic, ...]
    summary: str
    ok: bool
    stamps: dict[Path, Stamp]
    """The stamp of every file the worker read for this round."""
    chars: frozenset[str]
    jobs: tuple[Job, ...]
    """The files of the round, in the order the watcher makes them."""


@dataclass
class _Round:
    documents: dict[str, Document]
    audiences: dict[str, Audience]
    chars: frozenset[str]
    formats: tuple[str, ...]


_CACHE: list[FileCache] = []
"""The watcher's file cache, set before the worker is forked (the fork inherits it)."""
_ROUNDS: dict[Path, _Round] = {}
"""Each folder's last good round in this worker."""


def adopt(cache: FileCache) -> None:
    """Let a worker forked from now on start from this cache."""
    _CACHE[:] = [cache]


def check_round(request: RoundRequest) -> RoundReport:
    """In the worker: check and compose the folder, keep the documents for `render_other`."""
    if not _CACHE:
        _CACHE.append(FileCache())
    cache = _CACHE[0]
    cache.forget(request.forgotten)
    cache.take_forgotten()
    folder = request.folder
    _ROUNDS.pop(folder, None)
    if request.force:
        RENDERS.forget(folder)
    with cache.recording() as stamps:
        prepared = prepare(cache, folder, request.styles, request.names, request.created)
    checked = prepared.checked
    diagnostics = tuple(checked.diagnostics.sorted())
    if not checked.ok:
        summary = checked.diagnostics.summary()
        return RoundReport(diagnostics, summary, False, stamps, frozenset(), ())
    audiences = {a.name: a for a in checked.audiences}
    _ROUNDS[folder] = _Round(prepared.documents, audiences, prepared.chars, request.formats)
    jobs = tuple(job for _, job in ordered_jobs(checked.audiences, request.formats))
    return RoundReport(diagnostics, "", True, stamps, prepared.chars, jobs)


def render_other(folder: Path, job: Job) -> Outcome | None:
    """In the worker: one file of the folder's last checked round (None: the round did not
    pass its checks, or has no such file)."""
    found = _ROUNDS.get(folder)
    if found is None or job.audience not in found.documents:
        return None
    max_pages = found.audiences[job.audience].spec.max_pages
    source = Source(found.documents[job.audience], found.chars, max_pages, found.formats)
    return RENDERS.render(folder, job, source)


def ordered_jobs(ready: Iterable[Audience], formats: Iterable[str]) -> list[tuple[Audience, Job]]:
    """Every file to make, PDFs first and the full report first among them (what a reader
    beside the editor looks at)."""
    formats = tuple(formats)
    jobs = [(a, Job(a.name, fmt)) for a in ready for fmt in formats]
    return sorted(jobs, key=lambda item: (item[1].fmt != "pdf", *longest_first(item[0])))


def same_reading(mine: dict[Path, Stamp], theirs: dict[Path, Stamp], folder: Path) -> bool:
    """Whether two halves of a round read the same files: every file this half read the
    other read as it was, and the other read no content file this half did not see."""
    if any(theirs.get(path) != stamp for path, stamp in mine.items()):
        return False
    root = Path(os.path.abspath(folder))
    return not any(root in path.parents for path in theirs.keys() - mine.keys())
