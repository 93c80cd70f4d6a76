"""Find and read the YAML files of one content folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from briefing.diagnostics import Diagnostics, Location, display_path
from briefing.load.entries import YAML_SUFFIXES, entry_problem
from briefing.load.yaml_source import YamlDocument, YamlLoadError, read_yaml


class FileKind(StrEnum):
    """The kinds of content file, each with its own schema."""

    REPORT = "report"
    ITINERARY = "itinerary"
    BACKGROUND = "background"
    CONCLUSIONS = "conclusions"
    CLAIMS = "claims"
    VISIT = "visit"
    DATASETS = "datasets"


REPORT_FILE = "report.yaml"
"""The file that makes a folder a content folder."""

SINGLE_FILES: dict[str, FileKind] = {
    REPORT_FILE: FileKind.REPORT,
    "itinerary.yaml": FileKind.ITINERARY,
    "background.yaml": FileKind.BACKGROUND,
    "conclusions.yaml": FileKind.CONCLUSIONS,
    "claims.yaml": FileKind.CLAIMS,
}
FOLDERS: dict[str, FileKind] = {"visits": FileKind.VISIT, "datasets": FileKind.DATASETS}
REQUIRED = (FileKind.REPORT, FileKind.ITINERARY, FileKind.CONCLUSIONS)


@dataclass(frozen=True)
class ContentFile:
    """One parsed content file and its kind."""

    kind: FileKind
    document: YamlDocument


@dataclass
class RawContent:
    """Every parsed file of a content folder, in a stable order."""

    folder: Path
    files: list[ContentFile] = field(default_factory=list)


def load_folder(folder: Path, diagnostics: Diagnostics) -> RawContent:
    """Read every content file of a folder; unreadable files become diagnostics."""
    raw = RawContent(folder)
    found: set[FileKind] = set()
    root = folder.resolve()
    for path in sorted(folder.rglob("*")):
        odd = entry_problem(path, folder)
        if odd is not None:
            diagnostics.add(odd)
            continue
        if path.suffix not in YAML_SUFFIXES or not path.is_file():
            continue
        rel = path.relative_to(folder)
        kind = _kind_of(rel)
        shown = display_path(path)
        if kind is None:
            diagnostics.warning(
                "UNKNOWN_FILE",
                f"{rel.as_posix()} is not a known kind of content file; it is ignored",
                Location(shown),
                "known: " + ", ".join([*SINGLE_FILES, "visits/*.yaml", "datasets/*.yaml"]),
            )
            continue
        found.add(kind)
        if not _inside(path, root):
            diagnostics.error(
                "LINK_OUTSIDE",
                f"{rel.as_posix()} is a link to a file outside the content folder; it is not read",
                Location(shown),
                "copy the file into the content folder instead",
            )
            continue
        try:
            document = read_yaml(path, shown)
        except YamlLoadError as exc:
            diagnostics.add(exc.diagnostic)
            continue
        raw.files.append(ContentFile(kind, document))
        expected = schema_pointer(kind, rel)
        if document.first_line.strip() != expected:
            diagnostics.warning(
                "SCHEMA_POINTER",
                "the first line does not point editors at the file's JSON Schema",
                Location(shown, 1, 1),
                f"make the first line: {expected}",
            )
    for kind in REQUIRED:
        if kind not in found:
            diagnostics.error(
                "MISSING_FILE",
                f"the content folder has no {kind.value}.yaml",
                Location(display_path(folder)),
            )
    return raw


def schema_pointer(kind: FileKind, rel: Path) -> str:
    """The first line that lets YAML editors find a file's schema."""
    up = "../" * (len(rel.parts) + 1)
    return f"# yaml-language-server: $schema={up}schemas/{kind.value}.schema.json"


def _kind_of(rel: Path) -> FileKind | None:
    parts = rel.parts
    if len(parts) == 1:
        return SINGLE_FILES.get(rel.name.replace(".yml", ".yaml"))
    if len(parts) == 2:
        return FOLDERS.get(parts[0])
    return None


def _inside(path: Path, root: Path) -> bool:
    """Whether a path, links followed, stays inside the (resolved) folder: content never
    reads out."""
    try:
        path.resolve(strict=True).relative_to(root)
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a loop of links
        return False
    return True
