"""`briefing watch`: rounds rebuild what changed, write what a fresh build writes, stop cleanly."""

from __future__ import annotations

import gc
import io
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest

from briefing.cache import FileCache
from briefing.load.yaml_source import read_yaml
from briefing.render_pool import FULL_SWEEP_ROUNDS, RenderPool
from briefing.watch import FolderBuild, Watcher, WatchOptions
from briefing.watch_worker import same_reading
from tests.conftest import CONTENT, ROOT, STYLES, build

NOTE = "湖北省科學技術廳的主要職責略以："
"""A note of the first visit; doubled, it changes the text but adds no new character."""
VISIT = "visits/01-hubei-dost.yaml"
WAIT = 180.0
"""Seconds any wait may last before the test fails (a cold font cache is slow)."""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def trip(tmp_path: Path) -> Path:
    copy = tmp_path / CONTENT.name
    shutil.copytree(CONTENT, copy)
    return copy


class Lines:
    """The lines a process prints, read by a thread so that waits can be bounded."""

    def __init__(self, stream: IO[str]) -> None:
        self.queue: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self.thread.start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            self.queue.put(line)

    def wait_for(self, wanted: Callable[[str], bool]) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.queue.get(timeout=0.2)
            except queue.Empty:
                continue
            self.seen.append(line)
            if wanted(line):
                return line
        raise AssertionError("waited in vain; printed:\n" + "".join(self.seen))


def wait_until(ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not ready():
        assert time.monotonic() < deadline, "waited in vain"
        time.sleep(0.05)


@pytest.fixture
def start_watch(tmp_path: Path) -> Iterator[Callable[..., tuple[subprocess.Popen[str], Lines]]]:
    started: list[tuple[subprocess.Popen[str], Lines]] = []

    def start(*args: str) -> tuple[subprocess.Popen[str], Lines]:
        process = subprocess.Popen(
            [sys.executable, "-m", "briefing", "watch", *args, "--styles", str(STYLES)],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        )
        assert process.stdout is not None
        started.append((process, Lines(process.stdout)))
        return started[-1]

    yield start
    for process, lines in started:  # a failed test must not leave a watcher running
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        lines.thread.join(timeout=30)  # the pipe is at its end once the process is gone
        assert process.stdout is not None
        process.stdout.close()


def test_watch_rebuilds_an_edit_as_a_fresh_build_would_and_keeps_good_files_on_errors(
    trip: Path, tmp_path: Path, start_watch: Callable[..., tuple[subprocess.Popen[str], Lines]]
) -> None:
    out = tmp_path / "out"
    full = out / trip.name / "full.pdf"
    process, lines = start_watch(
        str(trip), "--audience", "full", "--format", "pdf", "--out", str(out)
    )
    lines.wait_for(lambda line: "built in" in line)
    first = full.read_bytes()

    edit(trip / VISIT, NOTE, NOTE * 2)
    wait_until(lambda: full.read_bytes() != first)
    lines.wait_for(lambda line: "wrote full.pdf" in line)
    edited = full.read_bytes()
    fresh = tmp_path / "fresh"
    assert build(fresh, "--audience", "full", "--format", "pdf", content=trip) == 0
    assert edited == (fresh / trip.name / "full.pdf").read_bytes()

    edit(trip / VISIT, "kind: government", "kind: govrnment")
    line = lines.wait_for(lambda line: "not built" in line)
    assert "1 error" in line and "the last good files are kept" in line
    assert any("[UNKNOWN_TERM]" in seen for seen in lines.seen)
    assert full.read_bytes() == edited

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=WAIT) == 0
    assert sorted(os.listdir(out / trip.name)) == ["full.pdf"]  # no temporary file left


def test_sigterm_ends_watch_cleanly(
    tmp_path: Path, start_watch: Callable[..., tuple[subprocess.Popen[str], Lines]]
) -> None:
    trip = tmp_path / "minimal"
    shutil.copytree(ROOT / "content" / "example-minimal-trip", trip)
    out = tmp_path / "out"
    process, lines = start_watch(str(trip), "--format", "pdf", "--out", str(out))
    lines.wait_for(lambda line: "built in" in line)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=WAIT) == 0
    assert all(not name.endswith(".tmp") for name in os.listdir(out / trip.name))


_OPEN: list[Watcher] = []
"""Watchers a test made: their render workers are stopped after it."""


@pytest.fixture(autouse=True)
def _close_watchers() -> Iterator[None]:
    yield
    while _OPEN:
        _OPEN.pop().close()


def watcher(trip: Path, out: Path, *names: str) -> Watcher:
    options = WatchOptions((trip,), STYLES, names or None, ("pdf",), out)
    _OPEN.append(Watcher(options, io.StringIO()))
    return _OPEN[-1]


def test_a_round_without_changes_renders_and_writes_nothing(trip: Path, tmp_path: Path) -> None:
    watch = watcher(trip, tmp_path / "out", "full", "executive")
    (first,) = watch.rebuild([trip])
    assert {p.name for p in first.written} == {"full.pdf", "executive.pdf"}
    reads = watch.cache.reads
    (second,) = watch.rebuild([trip])
    assert second.written == () and second.unchanged == 2 and not second.failure
    assert watch.cache.reads == reads  # nothing parsed again


def test_an_edited_note_is_read_again_and_rewrites_only_the_documents_that_show_it(
    trip: Path, tmp_path: Path
) -> None:
    watch = watcher(trip, tmp_path / "out", "full", "executive")
    watch.rebuild([trip])
    reads = watch.cache.reads
    edit(trip / VISIT, NOTE, NOTE * 2)
    watch.cache.forget([trip / VISIT])
    (found,) = watch.rebuild([trip])
    assert watch.cache.reads == reads + 1
    assert [p.name for p in found.written] == ["full.pdf"]  # the executive briefing has no notes
    assert found.unchanged == 1


def test_a_new_character_renders_every_pdf_with_the_subset_a_fresh_build_makes(
    trip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    watch = watcher(trip, out, "full", "executive")
    watch.rebuild([trip])
    edit(trip / VISIT, NOTE, NOTE + "。")
    (found,) = watch.rebuild([trip])
    assert found.rendered == ("full.pdf",)  # no new character: the executive one is reused
    # 貓 is in no bundled text: the shared subset grows, so every PDF is rendered again.
    edit(trip / VISIT, NOTE, NOTE + "貓")
    (found,) = watch.rebuild([trip])
    assert sorted(found.rendered) == ["executive.pdf", "full.pdf"]
    fresh = tmp_path / "fresh"
    assert build(fresh, "--audience", "full", "--audience", "executive", "--format", "pdf",
                 content=trip) == 0  # fmt: skip
    for name in ("full.pdf", "executive.pdf"):
        assert (out / trip.name / name).read_bytes() == (fresh / trip.name / name).read_bytes()


def test_content_with_errors_keeps_the_last_good_files(trip: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    watch = watcher(trip, out, "executive")
    watch.rebuild([trip])
    good = (out / trip.name / "executive.pdf").read_bytes()
    (trip / "itinerary.yaml").write_text("regions: [\n", encoding="utf-8")
    (found,) = watch.rebuild([trip])
    assert "not built" in found.failure and "last good files are kept" in found.failure
    assert any(d.code == "YAML_SYNTAX" for d in found.diagnostics)
    assert (out / trip.name / "executive.pdf").read_bytes() == good
    assert "not built" in watch.stream.getvalue()  # type: ignore[attr-defined]


def test_a_problem_in_an_unchanged_file_is_reported_in_every_round(
    trip: Path, tmp_path: Path
) -> None:
    # Checks of a file are kept while it is unchanged: kept, not forgotten.
    watch = watcher(trip, tmp_path / "out", "executive")
    edit(trip / VISIT, NOTE, NOTE + "TODO")
    (first,) = watch.rebuild([trip])
    assert [d.code for d in first.diagnostics if d.code == "PLACEHOLDER"] == ["PLACEHOLDER"]
    # No good round yet: there are no last good files to speak of.
    assert first.failure.endswith("not built; nothing is written until they are fixed")
    other = trip / "visits" / "03-yofc.yaml"
    edit(other, "kind:", "kind: ")
    watch.cache.forget([other])
    (second,) = watch.rebuild([trip])
    assert [d.location for d in second.diagnostics if d.code == "PLACEHOLDER"] == [
        d.location for d in first.diagnostics if d.code == "PLACEHOLDER"
    ]
    assert "not built" in second.failure


def test_changes_are_routed_to_the_folders_they_concern(trip: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    watch = Watcher(
        WatchOptions((trip, other), STYLES, None, ("pdf",), tmp_path / "out"), io.StringIO()
    )
    assert watch.affected([trip / VISIT]) == ([trip], False)
    assert watch.affected([STYLES / "full.yaml"]) == ([trip, other], False)
    assert watch.affected([trip / "images" / "photo.jpg"]) == ([trip], True)
    assert watch.affected([tmp_path / "elsewhere.yaml"]) == ([], False)


def test_the_file_cache_reads_a_file_again_when_it_changes_or_is_forgotten(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    cache = FileCache()
    with cache.active():
        first = read_yaml(path, "a.yaml")
        assert read_yaml(path, "a.yaml") is first
        path.write_text("a: 22\n", encoding="utf-8")
        assert read_yaml(path, "a.yaml").data == {"a": 22}
        again = read_yaml(path, "a.yaml")
        cache.forget([tmp_path])
        assert read_yaml(path, "a.yaml") is not again
    assert read_yaml(path, "a.yaml") is not read_yaml(path, "a.yaml")  # no cache outside
    assert cache.reads == 3


def test_an_output_folder_that_cannot_be_written_is_reported_not_crashed(
    trip: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.write_text("a file where the output folder should be", encoding="utf-8")
    watch = watcher(trip, out, "executive")
    (found,) = watch.rebuild([trip])
    assert found.failure.startswith("cannot write") and "internal error" not in found.failure
    assert found.written == ()


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_each_round_redraws_the_screen_with_every_folder_s_state(
    trip: Path, tmp_path: Path
) -> None:
    screen = Terminal()
    watch = Watcher(WatchOptions((trip,), STYLES, ("executive",), ("pdf",), tmp_path), screen)
    watch.rebuild([trip])
    watch.rebuild([trip])
    frames = screen.getvalue().split("\x1b[2J")
    assert len(frames) == 3 and frames[0] == ""
    last = frames[-1]
    assert "watching" in last and "Ctrl-C" in last
    assert last.count("built in") == 1 and "wrote nothing (no output changed)" in last


@pytest.fixture
def sharing(trip: Path, tmp_path: Path) -> Watcher:
    """A watcher past its first round (made alone: no subset known yet), so that its next
    rounds are shared with the worker."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("a round is shared with a worker only on two cores or more")
    watch = watcher(trip, tmp_path / "out", "full", "executive")
    watch.rebuild([trip])
    return watch


def test_a_round_shared_with_the_worker_writes_nothing_when_the_worker_s_checks_fail(
    trip: Path, tmp_path: Path, sharing: Watcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, watch = tmp_path / "out", sharing
    alone: list[Path] = []
    run_here = FolderBuild._run_here
    monkeypatch.setattr(
        FolderBuild,
        "_run_here",
        lambda build, *a: alone.append(build.folder) or run_here(build, *a),
    )
    good = (out / trip.name / "full.pdf").read_bytes()
    # Valid content (the watcher renders the full report from it) that fails a check.
    edit(trip / VISIT, NOTE, NOTE + "TODO")
    watch.cache.forget([trip / VISIT])
    (found,) = watch.rebuild([trip])
    assert alone == []
    assert "PLACEHOLDER" in [d.code for d in found.diagnostics]
    assert "not built" in found.failure and found.written == ()
    assert (out / trip.name / "full.pdf").read_bytes() == good


def test_two_halves_of_a_round_agree_only_on_the_same_files(tmp_path: Path) -> None:
    folder = tmp_path / "trip"
    visit, style = folder / "visits" / "a.yaml", tmp_path / "styles" / "full.yaml"
    mine = {visit: (1, 10), style: (1, 5)}
    assert same_reading(mine, dict(mine), folder)
    assert not same_reading(mine, {**mine, visit: (2, 10)}, folder)  # saved again meanwhile
    assert not same_reading(mine, {**mine, folder / "visits" / "b.yaml": (1, 3)}, folder)
    # A file only the worker's checks read (outside the content) does not count.
    assert same_reading(mine, {**mine, tmp_path / "styles" / "org.yaml": (1, 3)}, folder)


def test_rounds_shared_with_the_worker_write_every_format_as_a_fresh_build(
    trip: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    options = WatchOptions((trip,), STYLES, ("full", "executive"), ("pdf", "docx", "odt"), out)
    _OPEN.append(Watcher(options, io.StringIO()))
    watch = _OPEN[-1]
    watch.rebuild([trip])
    for extra in ("。", "。。"):  # the second round reuses what the first rendered
        edit(trip / VISIT, NOTE, NOTE + extra)
        watch.cache.forget([trip / VISIT])
        (found,) = watch.rebuild([trip])
        assert found.failure == ""
    assert len(found.rendered) == 3  # the full report in three formats; the other reused
    fresh = tmp_path / "fresh"
    assert build(fresh, "--audience", "full", "--audience", "executive", "--format", "pdf",
                 "--format", "docx", "--format", "odt", content=trip) == 0  # fmt: skip
    made = sorted(p.name for p in (fresh / trip.name).iterdir())
    assert len(made) == 6
    for name in made:
        assert (out / trip.name / name).read_bytes() == (fresh / trip.name / name).read_bytes()


def test_tidying_freezes_what_survives_and_sweeps_it_every_few_rounds() -> None:
    class Node:
        me: object

    pool = RenderPool()
    try:
        node = Node()
        node.me = node  # a cycle: only the collector frees it
        gone = weakref.ref(node)
        pool.tidy()
        assert gc.get_freeze_count() > 0  # what survived a round is left alone...
        del node
        for _ in range(FULL_SWEEP_ROUNDS - 2):
            pool.tidy()
        assert gone() is not None
        pool.tidy()  # ...until the whole heap is walked again
        assert gone() is None
    finally:
        pool.close()
    assert gc.get_freeze_count() == 0


def test_a_round_whose_halves_read_different_files_is_made_again_here(
    trip: Path, tmp_path: Path, sharing: Watcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, watch = tmp_path / "out", sharing
    # As if the file had been saved again between the two halves' readings.
    monkeypatch.setattr("briefing.watch.same_reading", lambda *args: False)
    edit(trip / VISIT, NOTE, NOTE * 2)
    watch.cache.forget([trip / VISIT])
    (found,) = watch.rebuild([trip])
    assert found.failure == "" and [p.name for p in found.written] == ["full.pdf"]
    fresh = tmp_path / "fresh"
    assert build(fresh, "--audience", "full", "--format", "pdf", content=trip) == 0
    assert (out / trip.name / "full.pdf").read_bytes() == (
        fresh / trip.name / "full.pdf"
    ).read_bytes()


def test_a_shared_round_with_no_audience_to_build_writes_nothing_and_fails_nothing(
    tmp_path: Path,
) -> None:
    trip = tmp_path / "trip"
    shutil.copytree(ROOT / "content" / "example-minimal-trip", trip)
    watch = watcher(trip, tmp_path / "out")
    watch.rebuild([trip])
    edit(trip / "report.yaml", "audiences: [full, executive]", "audiences: []")
    watch.cache.forget([trip / "report.yaml"])
    (found,) = watch.rebuild([trip])
    assert found.failure == "" and found.written == () and found.unchanged == 0
