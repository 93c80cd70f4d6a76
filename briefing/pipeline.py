"""The pipeline's front half: load → model → checks, as one call."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from briefing.checks import run_checks
from briefing.diagnostics import Diagnostics
from briefing.load.folder import load_folder
from briefing.model.content import Content, validate_content


@dataclass(frozen=True)
class Checked:
    """Validated content (None when it could not be built) and every diagnostic found."""

    content: Content | None
    diagnostics: Diagnostics

    @property
    def ok(self) -> bool:
        """Whether the content can be built: it exists and has no errors."""
        return self.content is not None and not self.diagnostics.has_errors


def check_folder(folder: Path) -> Checked:
    """Load, validate and check one content folder."""
    diagnostics = Diagnostics()
    raw = load_folder(folder, diagnostics)
    content = validate_content(raw, diagnostics)
    if content is not None:
        diagnostics.extend(run_checks(content))
    return Checked(content, diagnostics)
