"""The pipeline's front half: load → model → checks, as one call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from briefing.checks import run_checks
from briefing.checks.glyphs import missing_glyphs, template_glyphs
from briefing.checks.templates import key_figures, short_forms, template_charts
from briefing.diagnostics import Diagnostics
from briefing.load.folder import load_folder
from briefing.model.content import Content, validate_content
from briefing.style.model import AudienceSpec, Fonts, FormatFonts

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


def check_folder(folder: Path, specs: Sequence[AudienceSpec] = ()) -> Checked:
    """Load, validate and check one content folder, and what the templates need of it."""
    diagnostics = Diagnostics()
    raw = load_folder(folder, diagnostics)
    content = validate_content(raw, diagnostics)
    if content is not None:
        diagnostics.extend(run_checks(content))
        fonts = tuple(dict.fromkeys(spec.fonts.pdf for spec in specs)) or DEFAULT_FONTS
        diagnostics.extend(missing_glyphs(content, fonts))
        diagnostics.extend(short_forms(content, specs))
        diagnostics.extend(key_figures(content, specs))
        diagnostics.extend(template_charts(content, specs))
    diagnostics.extend(template_glyphs(specs))
    return Checked(content, diagnostics)
