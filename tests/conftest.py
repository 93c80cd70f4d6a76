"""Shared fixtures: the repository's folders and the bundled content, checked once."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.pipeline import Checked, check_folder

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content" / "2011-china-high-tech-zones"
STYLES = ROOT / "styles"
SEED = ROOT.parent / "shared" / "seed" / "000_cb3b66e135cf9280.txt"


@pytest.fixture(scope="session")
def checked() -> Checked:
    """The bundled content, loaded, validated and checked."""
    return check_folder(CONTENT)
