"""Shared fixtures: the repository's folders and the bundled content, checked once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from briefing.compose import compose
from briefing.document import Document
from briefing.pipeline import Checked, check_folder
from briefing.style.audience import Audience

# CI replays the same examples on every run, so a landing never hinges on a lucky draw;
# local runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content" / "2011-china-high-tech-zones"
GALLERY = (
    "2011-china-high-tech-zones",
    "example-minimal-trip",
    "example-conference",
    "example-english-delegation",
)
"""The example content folders the tests build (users' own folders under content/ are not)."""
STYLES = ROOT / "styles"
SEED = ROOT / "tests" / "fixtures" / "source" / "2011-report.txt"
"""The 2011 report the bundled content was transcribed from (a copy of shared/seed)."""


def build(out: Path | str, *options: str, content: Path = CONTENT) -> int:
    """Run `briefing build` on content with the repository's templates; the exit status."""
    from briefing.cli import main

    return main(["build", str(content), "--styles", str(STYLES), "--out", str(out), *options])


@pytest.fixture(scope="session")
def checked() -> Checked:
    """The bundled content, loaded, validated and checked."""
    return check_folder(CONTENT, STYLES)


def audience_of(checked: Checked, name: str) -> Audience:
    """One of the audiences resolved for checked content."""
    return next(a for a in checked.audiences if a.name == name)


def composed(checked: Checked, name: str) -> Document:
    """The document tree of one audience of checked content."""
    assert checked.content is not None
    return compose(checked.content, audience_of(checked, name))
