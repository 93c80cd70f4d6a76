"""Broken content is reported at the exact file, line and code written in the fixture."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from briefing.pipeline import check_folder
from tests.conftest import CONTENT, STYLES

FIXTURES = Path(__file__).parent / "fixtures" / "broken"
EXPECT = re.compile(rb"#\s*expect:\s*([A-Z_]+(?:\s*,\s*[A-Z_]+)*)")
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def expected_codes(case: Path, copy: Path) -> set[tuple[str, int, str]]:
    """(file, line, code) for every `# expect: CODE` comment in a case's files."""
    found = set()
    for path in sorted(case.rglob("*.yaml")):
        target = copy / path.relative_to(case)
        for number, line in enumerate(path.read_bytes().splitlines(), start=1):
            match = EXPECT.search(line)
            if match:
                for code in match.group(1).decode().split(","):
                    found.add((str(target), number, code.strip()))
    return found


@pytest.mark.parametrize("case", CASES)
def test_broken_fixture_is_reported_at_its_line(case: str, tmp_path: Path) -> None:
    copy = tmp_path / CONTENT.name
    shutil.copytree(CONTENT, copy)
    overlay = FIXTURES / case
    for path in overlay.rglob("*.yaml"):
        target = copy / path.relative_to(overlay)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    expected = expected_codes(overlay, copy)
    assert expected, f"fixture {case} declares no expected diagnostics"
    overlay_files = {file for file, _, _ in expected}
    checked = check_folder(copy, STYLES)
    actual = {
        (d.location.file, d.location.line, d.code)
        for d in checked.diagnostics.items
        if d.location.file in overlay_files
    }
    assert actual == expected
    assert not checked.ok
