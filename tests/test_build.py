"""`briefing build`: files written atomically, reproducibly, and only from valid content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CONTENT, build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full audience built once in every format."""
    out = tmp_path_factory.mktemp("out")
    assert build(out, "--audience", "full") == 0
    return out / CONTENT.name


def test_build_writes_every_format_and_no_temporary_files(built: Path) -> None:
    assert sorted(p.name for p in built.iterdir()) == ["full.docx", "full.odt", "full.pdf"]
    assert (built / "full.pdf").read_bytes().startswith(b"%PDF-")
    assert (built / "full.docx").read_bytes().startswith(b"PK")
    assert (built / "full.odt").read_bytes()[30:38] == b"mimetype"


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    assert build(tmp_path, "--audience", "full") == 0
    for name in ("full.pdf", "full.docx", "full.odt"):
        assert (tmp_path / CONTENT.name / name).read_bytes() == (built / name).read_bytes()


def test_source_date_epoch_sets_the_stamped_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1325376000")  # 2012-01-01
    assert build(tmp_path, "--audience", "full", "--format", "pdf") == 0
    assert b"D:20120101" in (tmp_path / CONTENT.name / "full.pdf").read_bytes()


def test_bad_content_stops_the_build_and_keeps_the_previous_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / CONTENT.name
    shutil.copytree(CONTENT, copy)
    out = tmp_path / "out"
    options = ("--audience", "full", "--format", "pdf")
    assert build(out, *options, content=copy) == 0
    before = (out / CONTENT.name / "full.pdf").read_bytes()
    visit = copy / "visits" / "01-hubei-dost.yaml"
    visit.write_text(
        visit.read_text(encoding="utf-8").replace("period: afternoon", "period: 下午"),
        encoding="utf-8",
    )
    assert build(out, *options, content=copy) == 1
    err = capsys.readouterr().err
    assert "visits/01-hubei-dost.yaml:" in err and "[SCHEMA_TYPE]" in err
    assert "Traceback" not in err
    assert (out / CONTENT.name / "full.pdf").read_bytes() == before
    assert [p.name for p in (out / CONTENT.name).iterdir()] == ["full.pdf"]


def test_unknown_audience_is_an_error_naming_the_choices(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert build(tmp_path, "--audience", "nobody") == 1
    assert "[UNKNOWN_AUDIENCE]" in capsys.readouterr().err
