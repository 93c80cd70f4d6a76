"""The command line: output format, exit codes, defaults, no tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.load.folder import FileKind
from briefing.schema import schema_text
from tests.conftest import CONTENT, GALLERY, ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_on_bundled_content_exits_0_with_a_summary() -> None:
    result = run("check", "content/2011-china-high-tech-zones")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == (
        "content/2011-china-high-tech-zones: 0 errors, 7 warnings "
        "(audiences: executive, full, ctsp, hsp, stsp)"
    )
    assert all(": warning: [" in line for line in lines[:-1])
    assert lines[0].startswith("content/2011-china-high-tech-zones/")


@pytest.mark.parametrize("folder", GALLERY)
def test_every_example_checks_clean(folder: str) -> None:
    result = run("check", f"content/{folder}")
    assert result.returncode == 0 and ": error: " not in result.stdout, result.stdout


def test_without_a_folder_every_folder_under_content_is_checked(tmp_path: Path) -> None:
    for folder in ("example-minimal-trip", "example-conference"):
        shutil.copytree(ROOT / "content" / folder, tmp_path / "content" / folder)
    shutil.copytree(ROOT / "styles", tmp_path / "styles")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    summaries = [line for line in result.stdout.splitlines() if "errors," in line]
    assert [line.split(":")[0] for line in summaries] == [
        "content/example-conference",
        "content/example-minimal-trip",
    ]


def test_a_folder_of_content_folders_checks_each_of_them(tmp_path: Path) -> None:
    # `briefing check content` means what `briefing check` does: each content folder in it.
    for folder in ("example-minimal-trip", "example-conference"):
        shutil.copytree(ROOT / "content" / folder, tmp_path / "trips" / folder)
    (tmp_path / "trips" / "notes").mkdir()  # a folder without report.yaml is no content
    result = run("check", str(tmp_path / "trips"))
    assert result.returncode == 0, result.stdout + result.stderr
    summaries = [line for line in result.stdout.splitlines() if "errors," in line]
    assert [Path(line.split(":")[0]).name for line in summaries] == [
        "example-conference",
        "example-minimal-trip",
    ]
    assert "[MISSING_FILE]" not in result.stdout


def test_check_with_errors_exits_1_and_prints_path_line_col(tmp_path: Path) -> None:
    copy = tmp_path / "trip"
    shutil.copytree(CONTENT, copy)
    visit = copy / "visits" / "03-yofc.yaml"
    visit.write_text(
        visit.read_text(encoding="utf-8").replace("kind: company", "kind: compnay"),
        encoding="utf-8",
    )
    result = run("check", str(copy))
    assert result.returncode == 1
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1
    assert errors[0].startswith(f"{copy}/visits/03-yofc.yaml:5:7:")
    assert "[UNKNOWN_TERM]" in errors[0] and "did you mean 'company'?" in errors[0]
    assert "Traceback" not in result.stdout + result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("check", str(tmp_path / "nowhere")).returncode == 2
    assert run("frobnicate").returncode == 2
    (tmp_path / "content").mkdir()
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "content/ has no folders" in result.stderr
    assert run("new", str(ROOT / "content" / "2011-china-high-tech-zones")).returncode == 2


def test_an_empty_folder_is_reported_not_crashed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "[MISSING_FILE]" in out


def test_committed_schemas_are_up_to_date() -> None:
    for kind in FileKind:
        committed = (ROOT / "schemas" / f"{kind.value}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(kind), f"run `briefing schema` ({kind.value})"
        assert json.loads(committed)["additionalProperties"] is False


def test_every_content_file_points_at_its_schema() -> None:
    for path in CONTENT.rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("# yaml-language-server: $schema=")
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), path


def test_committed_style_schemas_are_up_to_date_and_pointed_at() -> None:
    from briefing.schema import STYLE_MODELS, style_schema_text

    for name in STYLE_MODELS:
        committed = (ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
        assert committed == style_schema_text(name), f"run `briefing schema` ({name})"
    for folder, name in (
        ("", "template"),
        ("organisations", "organisation"),
        ("locales", "locale"),
    ):
        for path in sorted((ROOT / "styles" / folder).glob("*.yaml")):
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            assert first.endswith(f"schemas/{name}.schema.json"), path
            assert (path.parent / first.split("=", 1)[1]).resolve().is_file(), path
