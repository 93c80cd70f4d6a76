"""Entries of a content folder that are not what they look like: odd files are reported."""

from __future__ import annotations

import stat
from pathlib import Path

from briefing.diagnostics import Diagnostic, Location, Severity, display_path

YAML_SUFFIXES = (".yaml", ".yml")

_KINDS = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}


def entry_problem(path: Path, folder: Path) -> Diagnostic | None:
    """Why a folder entry is skipped although it looks like content, if it is.

    Never opens the entry: a named pipe would block the reader forever.
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:  # a link to nothing, or a loop of links
        if not path.is_symlink():
            return None
        rel, yaml_like, where = _described(path, folder)
        return Diagnostic(
            Severity.ERROR if yaml_like else Severity.WARNING,
            "NOT_A_FILE",
            f"{rel} is a link that leads nowhere ({exc.strerror or exc}); it is ignored",
            where,
            "replace the link by the file itself",
        )
    kind = stat.S_IFMT(mode)
    yaml_like = path.suffix.lower() in YAML_SUFFIXES
    if kind == stat.S_IFREG and (path.suffix in YAML_SUFFIXES or not yaml_like):
        return None  # a content file, or another file (an image): nothing to say
    if kind == stat.S_IFDIR and not yaml_like:
        return None
    rel, _, where = _described(path, folder)
    if kind == stat.S_IFREG:
        return Diagnostic(
            Severity.WARNING,
            "FILE_EXTENSION",
            f"{rel} is ignored: content files end in .yaml, in lower case",
            where,
            f"rename it to {path.stem}.yaml",
        )
    return Diagnostic(
        Severity.ERROR if yaml_like else Severity.WARNING,
        "NOT_A_FILE",
        f"{rel} is {_KINDS.get(kind, 'not a regular file')}, not a file; it is ignored",
        where,
        "content folders hold only regular files and folders",
    )


def _described(path: Path, folder: Path) -> tuple[str, bool, Location]:
    """An entry as a diagnostic names it: its path in the folder, whether it looks like
    a content file, and where it is."""
    yaml_like = path.suffix.lower() in YAML_SUFFIXES
    return path.relative_to(folder).as_posix(), yaml_like, Location(display_path(path))
