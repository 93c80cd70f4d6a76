"""The pipeline's front half: load → model → checks, as one call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.checks import run_checks
from briefing.checks.glyphs import missing_glyphs
from briefing.diagnostics import Diagnostics
from briefing.load.folder import load_folder
from briefing.model.content import Content, validate_content
from briefing.style.model import Fonts, FormatFonts

DEFAULT_FONTS: tuple[FormatFonts, ...] = (Fonts().pdf,)
"""The PDF fonts every template starts from."""


@dataclass(frozen=True)
class Checked:
    """Validated content (None when it could not be built) and every diagnostic found."""

    content: Content | None
    diagnostics: Diagnostics

    @property
    def ok(self) -> bool:
        """Whether the content can be built: it exists and has no errors."""
        return self.content is not None and not self.diagnostics.has_errors


def check_folder(folder: Path, fonts: Sequence[FormatFonts] = DEFAULT_FONTS) -> Checked:
    """Load, validate and check one content folder (glyphs against the given PDF fonts)."""
    diagnostics = Diagnostics()
    raw = load_folder(folder, diagnostics)
    content = validate_content(raw, diagnostics)
    if content is not None:
        diagnostics.extend(run_checks(content))
        diagnostics.extend(missing_glyphs(content, fonts))
    return Checked(content, diagnostics)
