"""Prepare subset, weight-instanced faces for a text and resolve faces per character."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from briefing.fonts.build import FORMAT_VERSION, FaceJob
from briefing.fonts.cache import digest, fonts_dir, is_cached
from briefing.fonts.chars import BASE_CODEPOINTS, char_set, is_ignorable
from briefing.fonts.coverage import codepoints, resolve_face
from briefing.fonts.errors import FontError
from briefing.fonts.jobs import run_jobs
from briefing.fonts.registry import get_source, style_name


@dataclass(frozen=True)
class PreparedFont:
    """One embedded-ready face: a cached, subset, weight-instanced TTF."""

    logical_name: str
    weight: int
    ps_name: str
    path: Path

    @property
    def register_name(self) -> str:
        """Return a name unique per file, safe for reportlab's global font registry."""
        return self.path.stem


@dataclass(frozen=True)
class FontSet:
    """The prepared faces of one build plus per-character face resolution."""

    chain: tuple[str, ...]
    latin: str | None
    weights: tuple[int, ...]
    faces: Mapping[tuple[str, int], PreparedFont]

    @property
    def main(self) -> str:
        """Return the main (first) font of the fallback chain."""
        return self.chain[0]

    @property
    def used(self) -> tuple[str, ...]:
        """Return the logical names that have prepared faces, main first."""
        return tuple(dict.fromkeys(name for name, _ in self.faces))

    def font(self, logical_name: str, weight: int) -> PreparedFont:
        """Return the prepared face for (logical name, weight) or raise FontError."""
        try:
            return self.faces[(logical_name, weight)]
        except KeyError:
            have = ", ".join(f"{n} {w}" for n, w in self.faces)
            raise FontError(f"no prepared face {logical_name} {weight}; have {have}") from None

    def face_for(self, char: str) -> str:
        """Return the logical font that draws `char` (main font when none can)."""
        face = resolve_face(char, self.chain, self.latin)
        if face is None or (face, self.weights[0]) not in self.faces:
            return self.main
        return face

    def missing(self, chars: str | Iterable[str]) -> set[str]:
        """Return the non-whitespace characters no font of this set can draw."""
        return {
            ch
            for ch in char_set(chars)
            if not is_ignorable(ch) and resolve_face(ch, self.chain, self.latin) is None
        }

    def runs(self, text: str) -> list[tuple[str, str]]:
        """Split `text` into (logical name, substring) runs; whitespace joins the run."""
        runs: list[tuple[str, str]] = []
        for ch in text:
            face = self.face_for(ch)
            if runs and (face == runs[-1][0] or _joins(ch, runs[-1][0])):
                runs[-1] = (runs[-1][0], runs[-1][1] + ch)
            else:
                runs.append((face, ch))
        return runs


_SHARED_CHARS: frozenset[str] = frozenset()

_PREPARED: dict[tuple[object, ...], FontSet] = {}
"""Font sets prepared in this process, by what they were prepared for: a warm process
renders document after document from one subset, and planning it again (every
character's face, the subsets' digests) cost a few milliseconds each time."""
KEPT_FONT_SETS = 16


@contextmanager
def shared_subsets(chars: Iterable[str]) -> Iterator[None]:
    """Within the block, subset every preparation to at least these characters.

    A build of several documents opens this with all their characters, so they share
    one subset per face: one instancing instead of one per document. Renderers embed
    only the glyphs a document uses, so a wider subset costs nothing in output.
    Worker processes forked inside the block inherit it.
    """
    global _SHARED_CHARS
    previous = _SHARED_CHARS
    _SHARED_CHARS = frozenset(char_set(chars))
    try:
        yield
    finally:
        _SHARED_CHARS = previous


def prepare_fonts(
    chars: str | Iterable[str],
    chain: Sequence[str],
    latin: str | None = None,
    weights: Sequence[int] = (400, 700),
    *,
    parallel: bool = True,
) -> FontSet:
    """Subset and instance every used font of `chain` (+ Latin face) for `chars`."""
    chain = tuple(chain)
    weights = tuple(dict.fromkeys(weights))
    if not chain:
        raise FontError("font chain is empty")
    if not weights:
        raise FontError("no weights requested")
    for name in (*chain, *([latin] if latin else [])):
        get_source(name)
    wanted = char_set(chars) | _SHARED_CHARS
    out_dir = fonts_dir()
    prepared_for = (wanted, chain, latin, weights, out_dir)
    known = _PREPARED.get(prepared_for)
    if known is not None and all(is_cached(face.path) for face in known.faces.values()):
        return known
    plan = plan_subsets(wanted, chain, latin)
    faces: dict[tuple[str, int], PreparedFont] = {}
    jobs: list[FaceJob] = []
    for name, cps in plan.items():
        source = get_source(name)
        for weight in weights:
            src_path = source.path(weight)
            style = style_name(weight)
            key = digest(FORMAT_VERSION, source.fingerprint(src_path), weight, cps)
            # A subset's PostScript name carries its key: PDF libraries (reportlab among
            # them) cache faces by that name, and two subsets must never be mistaken.
            ps_name = f"{source.ps_family}-{style}-{key[:8]}"
            path = out_dir / f"{ps_name}-{key[8:20]}.ttf"
            faces[(name, weight)] = PreparedFont(name, weight, ps_name, path)
            if not is_cached(path):
                jobs.append(
                    FaceJob(
                        source_path=str(src_path),
                        out_path=str(path),
                        codepoints=cps,
                        weight=weight,
                        instance=source.is_variable,
                        family=source.logical_name,
                        style=style,
                        ps_name=ps_name,
                    )
                )
    run_jobs(jobs, parallel=parallel)
    prepared = FontSet(chain, latin, weights, faces)
    if len(_PREPARED) >= KEPT_FONT_SETS:
        _PREPARED.clear()
    _PREPARED[prepared_for] = prepared
    return prepared


def plan_subsets(
    chars: Iterable[str], chain: tuple[str, ...], latin: str | None
) -> dict[str, tuple[int, ...]]:
    """Return sorted codepoints per used font: main gets all it covers, others the rest."""
    main = chain[0]
    main_cover = codepoints(main)
    plan: dict[str, set[int]] = {main: set(BASE_CODEPOINTS & main_cover)}
    if latin is not None:
        plan[latin] = set(BASE_CODEPOINTS & codepoints(latin))
    for ch in chars:
        cp = ord(ch)
        if cp in main_cover:
            plan[main].add(cp)
        face = resolve_face(ch, chain, latin)
        if face is not None and face != main:
            plan.setdefault(face, set()).add(cp)
    order = [*chain, *([latin] if latin else [])]
    return {
        name: tuple(sorted(plan[name] | ({0x20} & codepoints(name))))
        for name in dict.fromkeys(order)
        if name in plan
    }


def _joins(ch: str, face: str) -> bool:
    """Return True when whitespace `ch` can stay in the current run's `face`."""
    return ch.isspace() and ord(ch) in codepoints(face)
