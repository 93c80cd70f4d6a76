"""Commands import only what they need (startup time is most of a small command's time)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import CONTENT, ROOT

LOADED = (
    "import sys\n"
    "from briefing.cli import main\n"
    "main(sys.argv[1:])\n"
    "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
)


def modules_loaded_by(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return set(done.stderr.splitlines()[-1].split())


def test_check_imports_no_composer_renderer_watcher_or_worker_pool() -> None:
    loaded = modules_loaded_by("check", str(CONTENT))
    assert "briefing.checks" in loaded  # the probe sees what was imported
    for module in (
        "briefing.compose",
        "briefing.document",
        "briefing.watch",
        "reportlab",
        "docx",
        "watchfiles",
        "multiprocessing",
        "concurrent.futures",
    ):
        assert module not in loaded, module
