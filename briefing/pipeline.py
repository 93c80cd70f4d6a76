"""The pipeline's front half: load → model → checks, and the audiences resolved for it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from briefing.checks import run_checks
from briefing.checks.glyphs import missing_glyphs, template_glyphs
from briefing.checks.template_words import styles_text, template_text, template_words
from briefing.checks.templates import (
    abstract_length,
    concerned,
    organisation_tags,
    short_forms,
    vocabulary_terms,
)
from briefing.diagnostics import Diagnostics
from briefing.load.folder import load_folder
from briefing.model.content import Content, validate_content
from briefing.style.audience import Audience, resolve_audiences
from briefing.style.model import Fonts, FormatFonts

DEFAULT_FONTS: tuple[FormatFonts, ...] = (Fonts().pdf,)
"""The PDF fonts every template starts from."""


@dataclass(frozen=True)
class Checked:
    """Validated content (None when it could not be built), its audiences, every diagnostic."""

    content: Content | None
    diagnostics: Diagnostics
    audiences: tuple[Audience, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """Whether the content can be built: it exists and has no errors."""
        return self.content is not None and not self.diagnostics.has_errors


def load_content(folder: Path, diagnostics: Diagnostics) -> Content | None:
    """Load and validate one content folder (None, with diagnostics, when it cannot be)."""
    return validate_content(load_folder(folder, diagnostics), diagnostics)


def check_folder(folder: Path, styles_dir: Path, names: Sequence[str] | None = None) -> Checked:
    """Load, validate and check one content folder, and what its audiences need of it."""
    diagnostics = Diagnostics()
    content = load_content(folder, diagnostics)
    if content is None:
        return Checked(None, diagnostics)
    diagnostics.extend(run_checks(content))
    audiences = resolve_audiences(content, styles_dir, diagnostics, names)
    fonts = tuple(dict.fromkeys(a.spec.fonts.pdf for a in audiences)) or DEFAULT_FONTS
    diagnostics.extend(missing_glyphs(content, fonts))
    diagnostics.extend(organisation_tags(content, styles_dir))
    diagnostics.extend(vocabulary_terms(content, audiences))
    diagnostics.extend(template_text(audiences))
    diagnostics.extend(template_words(audiences))
    diagnostics.extend(styles_text(audiences))
    diagnostics.extend(template_glyphs(audiences))
    diagnostics.extend(short_forms(content, audiences))
    diagnostics.extend(concerned(content, audiences))
    diagnostics.extend(abstract_length(content, audiences))
    return Checked(content, diagnostics, tuple(audiences))
