"""Benchmark what a command costs before it does any work: imports, and whole runs (not a test).

    python bench/startup.py [--runs 9]

For `briefing check` and `briefing build --audience full --format pdf` on the bundled
report: the median time of the whole process, and the median import time of the modules
the command loads (`python -X importtime`, summed over top-level imports).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content" / "2011-china-high-tech-zones"


def commands(out: Path) -> dict[str, list[str]]:
    """The commands measured, by name."""
    return {
        "check": ["check", str(CONTENT)],
        "build full.pdf": ["build", str(CONTENT), "--audience", "full", "--format", "pdf",
                           "--out", str(out)],
    }  # fmt: skip


def imported(args: list[str]) -> float:
    """Seconds spent importing modules during one run (top-level imports summed)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "briefing", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    total = 0
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit() and not name.startswith("  "):
                total += int(cumulative)
    return total / 1e6


def whole(args: list[str]) -> float:
    """Seconds of one whole run."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    options = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {options.runs} runs")
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in commands(Path(tmp)).items():
            whole(args)  # warm the font cache and the file system
            imports = statistics.median(imported(args) for _ in range(options.runs))
            runs = statistics.median(whole(args) for _ in range(options.runs))
            print(f"{name:<16} whole run {runs:.3f} s, of which imports {imports:.3f} s")


if __name__ == "__main__":
    main()
