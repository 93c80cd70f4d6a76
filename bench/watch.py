"""Benchmark `briefing watch`: from saving a visit's note to the new PDFs (not a test).

    python bench/watch.py [--edits 20] [--content content/2011-china-high-tech-zones]

Starts `briefing watch --format pdf` on a copy of the content, then edits one visit's
note `--edits` times (the text changes, its characters do not, as when an analyst
rewords a sentence) and times, for each edit, how long until a new full.pdf is renamed
into place (as inotify reports the rename: a viewer beside the editor learns of it so
too) and until the round's status line says every PDF is written. In the same run it
times Typst compiling the same text (every heading, paragraph, point and table of the
full report, with the same fonts) from scratch: the compile alone (the first in a fresh
process, through the `typst` package; later ones reuse memoised work) and the whole
process. One compile follows each edit's round, while the watcher waits: on a shared
virtual machine the speed of both drifts by a third within a minute, and interleaving
the two series lets both see the same drift.
"""

from __future__ import annotations

import argparse
import ctypes
import importlib.util
import os
import queue
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTE = "湖北省科學技術廳的主要職責略以："
VISIT = "visits/01-hubei-dost.yaml"
WAIT = 120.0


def _pump(stream: object, lines: queue.Queue[str]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        lines.put(line)


def _wait_line(lines: queue.Queue[str], wanted: str, deadline: float) -> float:
    """Wait for a line containing `wanted`; return when it was read."""
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            raise TimeoutError(f"no line with {wanted!r}")
        line = lines.get(timeout=left)
        if wanted in line:
            return time.perf_counter()


IN_MOVED_TO = 0x80
"""inotify's event for a file renamed into the watched folder (linux/inotify.h)."""


class Renames:
    """When files are renamed into a folder, as the kernel reports it (inotify): waiting
    takes no processor time, where polling every millisecond would compete with the
    watcher for the machine's two cores (and slowed its renders measurably)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.events: queue.Queue[tuple[float, str]] = queue.Queue()
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            self.fd = libc.inotify_init1(0)
            watched = (
                self.fd >= 0 and libc.inotify_add_watch(self.fd, bytes(folder), IN_MOVED_TO) >= 0
            )
        except (OSError, AttributeError):  # not Linux
            watched = False
        threading.Thread(target=self._read if watched else self._poll, daemon=True).start()

    def _poll(self) -> None:
        """Without inotify: look for new inodes every few milliseconds (costs the watcher
        some processor time, so the figures are a little worse than they should be)."""
        inodes: dict[str, int] = {}
        while True:
            for entry in os.scandir(self.folder):
                inode = entry.inode()
                if inodes.get(entry.name, inode) != inode:
                    self.events.put((time.perf_counter(), entry.name))
                inodes[entry.name] = inode
            time.sleep(0.005)

    def _read(self) -> None:
        while True:
            data = os.read(self.fd, 65536)
            now = time.perf_counter()
            at = 0
            while at < len(data):  # struct inotify_event: wd, mask, cookie, len, name
                _, _, _, size = struct.unpack_from("iIII", data, at)
                name = data[at + 16 : at + 16 + size].rstrip(b"\0").decode()
                self.events.put((now, name))
                at += 16 + size

    def wait(self, name: str, deadline: float) -> float:
        """When `name` is next renamed into the folder."""
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{name} was not rewritten")
            when, renamed = self.events.get(timeout=left)
            if renamed == name:
                return when


def watch_latency(
    content: Path, edits: int, temp: Path, between: Callable[[], None] = lambda: None
) -> tuple[list[float], list[float]]:
    """Seconds from each save to the new full.pdf, and to the end of the round; `between`
    runs after each round, while the watcher waits."""
    trip = temp / content.name
    shutil.copytree(content, trip)
    out = temp / "out"
    full = out / trip.name / "full.pdf"
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "watch", str(trip), "--format", "pdf",
         "--styles", str(ROOT / "styles"), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=_pump, args=(process.stdout, lines), daemon=True).start()
    to_full: list[float] = []
    to_all: list[float] = []
    try:
        _wait_line(lines, "built in", time.perf_counter() + WAIT)
        renames = Renames(full.parent)
        visit = trip / VISIT
        original = visit.read_text(encoding="utf-8")
        for k in range(edits):
            time.sleep(0.3)  # let the previous round settle, as between two saves
            text = original.replace(NOTE, NOTE * (2 + k % 2), 1)
            started = time.perf_counter()
            visit.write_text(text, encoding="utf-8")
            deadline = started + WAIT
            to_full.append(renames.wait(full.name, deadline) - started)
            to_all.append(_wait_line(lines, "built in", deadline) - started)
            between()
    finally:
        process.terminate()
        process.wait(timeout=30)
    return to_full, to_all


def typst_source(content: Path, fonts: Path) -> str:
    """The full report's text as Typst markup, and its fonts copied into `fonts`."""
    from briefing.compose import compose
    from briefing.document import Heading, NumberedList, Paragraph, Table
    from briefing.fonts import prepare_fonts, shared_subsets
    from briefing.pipeline import check_folder
    from briefing.render.texts import document_texts

    checked = check_folder(content, ROOT / "styles")
    assert checked.content is not None
    audience = next(a for a in checked.audiences if a.name == "full")
    document = compose(checked.content, audience)
    spec = document.layout.pdf_fonts
    with shared_subsets(document_texts(document)):
        fontset = prepare_fonts("", (spec.main, *spec.fallbacks), spec.latin)
    for face in fontset.faces.values():
        shutil.copy(face.path, fonts / face.path.name)

    def esc(text: str) -> str:
        return "".join("\\" + ch if ch in "\\#*_`$<>@[]=-+/~\"'" else ch for ch in text)

    out = [
        '#set page(paper: "a4", margin: 2.5cm, numbering: "1 / 1")',
        '#set text(font: ("Source Sans Pro", "Noto Sans TC", "Noto Sans JP"), size: 12pt, '
        'lang: "zh", region: "tw")',
        "#set par(justify: true, first-line-indent: 2em)",
        "#outline()",
    ]
    for block in document.blocks:
        if isinstance(block, Heading):
            out.append("=" * min(block.level, 6) + " " + esc(block.label))
        elif isinstance(block, Paragraph):
            out.append(esc(block.text) + "\n")
        elif isinstance(block, NumberedList):
            stack = [(item, 0) for item in reversed(block.items)]
            while stack:
                item, depth = stack.pop()
                out.append("  " * depth + "- " + esc(item.label + item.text))
                out.extend("  " * (depth + 1) + esc(p) for p in item.paragraphs)
                stack.extend((child, depth + 1) for child in reversed(item.children))
            out.append("")
        elif isinstance(block, Table):
            cells = [f"[{esc(cell)}]" for row in (*block.header, *block.rows) for cell in row]
            out.append(f"#table(columns: {len(block.columns)}, {', '.join(cells)})")
    return "\n".join(out) + "\n"


TYPST = (
    "import sys, time, typst; t = time.perf_counter(); "
    "typst.compile(sys.argv[1], output=sys.argv[1] + '.pdf', font_paths=[sys.argv[2]], "
    "ignore_system_fonts=True); print(time.perf_counter() - t)"
)


def typst_time(source: Path, fonts: Path, compile_: list[float], process: list[float]) -> None:
    """Time one Typst compile from scratch (a fresh process's first compile, timed inside
    it: Typst memoises across compiles in one process), and the whole process."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", TYPST, str(source), str(fonts)],
        check=True,
        capture_output=True,
        text=True,
    )
    process.append(time.perf_counter() - started)
    compile_.append(float(done.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--content", default=str(ROOT / "content" / "2011-china-high-tech-zones"))
    options = parser.parse_args()
    content = Path(options.content)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {options.edits} edits")
    inside: list[float] = []
    whole: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        temp = Path(tmp)
        fonts = temp / "fonts"
        fonts.mkdir()
        source = temp / "full.typ"
        source.write_text(typst_source(content, fonts), encoding="utf-8")
        with_typst = importlib.util.find_spec("typst") is not None  # Typst is optional

        def between() -> None:
            if with_typst:
                time.sleep(0.3)  # as before an edit: the watcher's tidying is done
                typst_time(source, fonts, inside, whole)

        to_full, to_all = watch_latency(content, options.edits, temp, between)
    print(f"watch: save → full.pdf renamed    median {statistics.median(to_full):.3f} s  "
          f"min {min(to_full):.3f}  max {max(to_full):.3f}")  # fmt: skip
    print(f"watch: save → every PDF written   median {statistics.median(to_all):.3f} s  "
          f"min {min(to_all):.3f}  max {max(to_all):.3f}")  # fmt: skip
    if not inside:
        print("typst: not installed (pip install typst)")
        return
    typst = statistics.median(inside)
    print(f"typst: compile from scratch        median {typst:.3f} s  min {min(inside):.3f}")
    print(f"typst: whole process               median {statistics.median(whole):.3f} s")
    print(
        f"ratio to typst's compile: full.pdf {statistics.median(to_full) / typst:.2f}×, "
        f"every PDF {statistics.median(to_all) / typst:.2f}×"
    )
    paired = statistics.median(ours / theirs for ours, theirs in zip(to_full, inside, strict=True))
    print(f"median of the paired ratios (each edit against the compile after it): {paired:.2f}×")


if __name__ == "__main__":
    main()
