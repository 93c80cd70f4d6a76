"""Benchmark whole-process build time and peak memory (not a test).

    python bench/bench.py [--runs N] [--audience full] [--format pdf] [--scales 1,10,50] [--all]

Measures `briefing build` as a user runs it: a cold build (empty font cache), warm builds,
and synthetic content 10× and 50× the bundled report (visits and zone rows repeated).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from briefing.load.yaml_source import parse_yaml

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content" / "2011-china-high-tech-zones"


def run_build(content: Path, out: Path, env: dict[str, str], args: list[str]) -> tuple[float, int]:
    """Run one build in a fresh process; return (seconds, peak RSS in MB).

    The peak is the largest of any child so far (getrusage), so run small builds first.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "briefing",
            "build",
            str(content),
            "--out",
            str(out),
            "--styles",
            str(ROOT / "styles"),
            *args,
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) // 1024


def synthetic(scale: int, target: Path) -> Path:
    """A copy of the bundled content with its visits and zone rows repeated `scale` times."""
    folder = target / f"synthetic-{scale}x"
    shutil.copytree(CONTENT, folder)
    visits = sorted((folder / "visits").glob("*.yaml"))
    itinerary = (folder / "itinerary.yaml").read_text(encoding="utf-8")
    for k in range(1, scale):
        for path in visits:
            text = path.read_text(encoding="utf-8")
            vid = re.search(r"^id: (\S+)", text, re.M).group(1)  # type: ignore[union-attr]
            copy = text.replace(f"id: {vid}", f"id: {vid}-{k}", 1)
            (folder / "visits" / f"{path.stem}-{k}.yaml").write_text(copy, encoding="utf-8")
    # Put the copies on the same days as their originals.
    for k in range(1, scale):
        for path in visits:
            vid = re.search(r"^id: (\S+)", path.read_text(encoding="utf-8"), re.M).group(1)  # type: ignore[union-attr]
            itinerary = re.sub(rf"(visits: \[[^\]]*\b{vid})(?=[,\]])", rf"\1, {vid}-{k}", itinerary)
    (folder / "itinerary.yaml").write_text(itinerary, encoding="utf-8")
    # The zone list is repeated as further tables (one long table would hit the
    # TABLE_TOO_LONG limit, which exists because table layout grows with its square).
    # Read with briefing's own loader: PyYAML's YAML 1.1 rules would turn `key: no` into false.
    zones_file = folder / "datasets" / "zones.yaml"
    zones = parse_yaml(zones_file.read_text(encoding="utf-8"), str(zones_file)).data
    table = next(d for d in zones["datasets"] if d["id"] == "national-zones")
    copies = [dict(table, id=f"national-zones-{k}") for k in range(1, scale)]
    header = "# yaml-language-server: $schema=../../../schemas/datasets.schema.json\n"
    (folder / "datasets" / "zones-copies.yaml").write_text(
        header + yaml.safe_dump({"datasets": copies}, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    background = folder / "background.yaml"
    ids = ", ".join(["national-zones", *(c["id"] for c in copies)])
    text = background.read_text(encoding="utf-8")
    background.write_text(
        text.replace("datasets: [national-zones]", f"datasets: [{ids}]", 1), encoding="utf-8"
    )
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--audience", action="append")
    parser.add_argument("--format", action="append")
    parser.add_argument("--scales", default="1,10,50")
    parser.add_argument(
        "--all",
        action="store_true",
        help="build every audience in every format (the default build)",
    )
    options = parser.parse_args()
    args = [a for name in options.audience or ["full"] for a in ("--audience", name)]
    args += [a for fmt in options.format or ["pdf"] for a in ("--format", fmt)]
    if options.all:
        args = []
    with tempfile.TemporaryDirectory() as tmp:
        temp = Path(tmp)
        env = dict(os.environ, BRIEFING_CACHE_DIR=str(temp / "cache"))
        what = " ".join(args) or "(every audience, pdf, docx and odt)"
        print(f"build {what}  (python {sys.version.split()[0]}, {os.cpu_count()} cores)")
        seconds, peak = run_build(CONTENT, temp / "out", env, args)
        print(f"cold (empty font cache): {seconds:6.2f} s  peak {peak} MB")
        for scale in [int(s) for s in options.scales.split(",")]:
            content = CONTENT if scale == 1 else synthetic(scale, temp)
            run_build(content, temp / "out", env, args)  # warm the font cache for this text
            times, peaks = [], []
            for _ in range(options.runs if scale == 1 else max(1, options.runs // 2)):
                seconds, peak = run_build(content, temp / "out", env, args)
                times.append(seconds)
                peaks.append(peak)
            print(
                f"warm {scale:>3}×: median {statistics.median(times):6.2f} s  "
                f"min {min(times):6.2f} s  peak {max(peaks)} MB  ({len(times)} runs)"
            )


if __name__ == "__main__":
    main()
