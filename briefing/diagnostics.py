"""Diagnostics: one channel for every problem found in content, styles or a build."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path


class Severity(StrEnum):
    """How bad a diagnostic is: errors stop a build, warnings are printed."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file: 1-based line and column, and the field path there."""

    file: str
    line: int = 0
    column: int = 0
    field: str = ""

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


@dataclass(frozen=True)
class Diagnostic:
    """One problem, with where it is, a stable code, and an optional hint."""

    severity: Severity
    code: str
    message: str
    location: Location
    hint: str = ""

    def render(self) -> str:
        """Format as `path:line:col: severity: [CODE] message (field) hint`."""
        text = f"{self.location}: {self.severity}: [{self.code}] {self.message}"
        if self.location.field:
            text += f" (at {self.location.field})"
        if self.hint:
            text += f" — {self.hint}"
        return text

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order diagnostics by file and position, then code."""
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code)


@dataclass
class Diagnostics:
    """An ordered collection of diagnostics with counts by severity."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        """Record one diagnostic."""
        self.items.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Record several diagnostics."""
        self.items.extend(diagnostics)

    def error(self, code: str, message: str, location: Location, hint: str = "") -> None:
        """Record an error."""
        self.add(Diagnostic(Severity.ERROR, code, message, location, hint))

    def warning(self, code: str, message: str, location: Location, hint: str = "") -> None:
        """Record a warning."""
        self.add(Diagnostic(Severity.WARNING, code, message, location, hint))

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that stop a build."""
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics that are only printed."""
        return [d for d in self.items if d.severity is Severity.WARNING]

    @property
    def has_errors(self) -> bool:
        """Whether any diagnostic is an error."""
        return any(d.severity is Severity.ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        """Diagnostics in file order, duplicates removed."""
        unique = dict.fromkeys(self.items)
        return sorted(unique, key=Diagnostic.sort_key)

    def summary(self) -> str:
        """One line: how many errors and warnings."""
        e, w = len(self.errors), len(self.warnings)
        return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"


def display_path(path: Path, base: Path | None = None) -> str:
    """Path as shown to the user: relative to base (default: the working directory)."""
    try:
        root = base.resolve() if base is not None else _resolved(os.getcwd())
        return str(path.resolve().relative_to(root))
    except (ValueError, OSError, RuntimeError):  # outside base, or a loop of links
        return str(path)


@lru_cache(maxsize=8)
def _resolved(folder: str) -> Path:
    """A working directory, links resolved (asked for every path shown, so kept)."""
    return Path(folder).resolve()
