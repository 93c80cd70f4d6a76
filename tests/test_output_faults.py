"""Output faults: a full disk or a read-only folder gives a clear error and loses nothing."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CONTENT, build


def _mount(target: Path, options: str) -> bool:
    target.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
        capture_output=True,
        check=False,
    )
    return result.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 200 KB tmpfs: too small for the full report (permission bits do not stop root)."""
    target = tmp_path / "disk"
    if os.geteuid() != 0 or not _mount(target, "size=200k"):
        pytest.skip("needs root and tmpfs to make a really full disk")
    try:
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=False)


def test_a_full_disk_keeps_the_previous_output_and_leaves_no_temporary_file(
    small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = small_disk / CONTENT.name
    folder.mkdir()
    previous = folder / "full.pdf"
    previous.write_bytes(b"%PDF-1.4 previous good output\n")
    code = build(small_disk, "--audience", "full", "--format", "pdf")
    assert code == 1
    err = capsys.readouterr().err
    assert "cannot write" in err and "No space left on device" in err
    assert "Traceback" not in err
    assert previous.read_bytes() == b"%PDF-1.4 previous good output\n"
    assert sorted(p.name for p in folder.iterdir()) == ["full.pdf"]


def test_a_read_only_output_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "ro"
    if os.geteuid() != 0 or not _mount(target, "ro,size=64k"):
        pytest.skip("needs root and tmpfs for a read-only folder")
    try:
        code = build(target, "--audience", "full", "--format", "pdf")
        assert code == 1
        err = capsys.readouterr().err
        assert "cannot write" in err and "Read-only file system" in err
    finally:
        subprocess.run(["umount", str(target)], check=False)


def test_an_output_path_that_is_a_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("not a folder", encoding="utf-8")
    code = build(blocker, "--audience", "full", "--format", "pdf")
    assert code == 1
    assert "cannot write" in capsys.readouterr().err
