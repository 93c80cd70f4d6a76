"""Audience templates: validated like content, inherited with extends, added without code."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing.compose import compose
from briefing.diagnostics import Diagnostics
from briefing.document import Heading, Masthead
from briefing.pipeline import Checked, check_folder
from briefing.style.load import audiences, load_style
from tests.conftest import CONTENT, STYLES


def test_bundled_audiences_are_listed_without_the_base() -> None:
    names = [spec.name for spec in audiences(STYLES, Diagnostics())]
    assert names == ["ctsp", "executive", "full", "hsp", "stsp"]


def test_unknown_keys_in_a_template_are_reported_at_their_line(tmp_path: Path) -> None:
    shutil.copytree(STYLES, tmp_path, dirs_exist_ok=True)
    (tmp_path / "odd.yaml").write_text(
        "extends: full\ndescription: 測試\npage:\n  size: A4\n  margin: {top: 10}\n"
        "typography:\n  body: {size: 11, colour: red}\n",
        encoding="utf-8",
    )
    diagnostics = Diagnostics()
    assert load_style("odd", tmp_path, diagnostics) is None
    found = sorted(
        (d.location.file.rsplit("/", 1)[-1], d.location.line, d.code, d.hint)
        for d in diagnostics.items
    )
    assert found == [
        ("odd.yaml", 5, "SCHEMA_UNKNOWN", "did you mean 'margins'?"),
        (
            "odd.yaml",
            7,
            "SCHEMA_UNKNOWN",
            "allowed here: size, leading, space_before, space_after, bold, align",
        ),
    ]


def test_a_template_error_inherited_from_a_parent_points_at_the_parent(tmp_path: Path) -> None:
    (tmp_path / "parent.yaml").write_text("description: 父\nmax_pages: 0\n", encoding="utf-8")
    (tmp_path / "child.yaml").write_text("extends: parent\ndescription: 子\n", encoding="utf-8")
    diagnostics = Diagnostics()
    assert load_style("child", tmp_path, diagnostics) is None
    (error,) = diagnostics.items
    assert error.location.file.endswith("parent.yaml") and error.location.line == 2


def test_a_new_bureau_is_one_file_and_no_code(tmp_path: Path, checked: Checked) -> None:
    shutil.copytree(STYLES, tmp_path, dirs_exist_ok=True)
    (tmp_path / "rare-earth-desk.yaml").write_text(
        "extends: bureau\n"
        "description: 稀土材料專案小組簡報\n"
        "addressee: 致：稀土材料專案小組\n"
        "focus:\n  industries: [rare-earth, new-materials]\n  themes: [export-control]\n",
        encoding="utf-8",
    )
    spec = load_style("rare-earth-desk", tmp_path, Diagnostics())
    assert spec is not None and not spec.base
    assert checked.content is not None
    document = compose(checked.content, spec)
    masthead = document.blocks[0]
    assert isinstance(masthead, Masthead) and masthead.addressee == "致：稀土材料專案小組"
    visit_headings = [b.text for b in document.blocks if isinstance(b, Heading) and b.level == 2]
    assert visit_headings[:3] == ["包頭稀土高新區管委會", "包鋼稀土公司", "包頭稀土研究院"]


def test_key_figures_that_do_not_exist_are_errors_at_the_template_line(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(
        "description: 測試\nkey_figures:\n  - zone-indicators-2010/employees\n"
        "  - zone-indicators-2010/unicorns\n",
        encoding="utf-8",
    )
    spec = load_style("bad", tmp_path, Diagnostics())
    assert spec is not None
    checked = check_folder(CONTENT, [spec])
    (error,) = checked.diagnostics.errors
    assert error.code == "KEY_FIGURE_REF"
    assert error.location.file.endswith("bad.yaml") and error.location.line == 4


def test_missing_short_forms_name_the_field_and_the_audience(tmp_path: Path) -> None:
    copy = tmp_path / CONTENT.name
    shutil.copytree(CONTENT, copy)
    path = copy / "conclusions.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (first,) = [i for i, line in enumerate(lines) if line.strip().startswith("summary:")][:1]
    del lines[first]
    path.write_text("".join(lines), encoding="utf-8")
    spec = load_style("executive", STYLES, Diagnostics())
    assert spec is not None
    checked = check_folder(copy, [spec])
    (warning,) = [d for d in checked.diagnostics.warnings if d.code == "SHORT_FORM_MISSING"]
    assert "executive" in warning.message and "findings[0].editorial.summary" in warning.hint


def test_a_pdf_font_that_is_not_packaged_is_reported_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "odd.yaml").write_text(
        "description: 測試\nfonts:\n  pdf: {main: Comic Sans}\n", encoding="utf-8"
    )
    diagnostics = Diagnostics()
    assert load_style("odd", tmp_path, diagnostics) is None
    (error,) = diagnostics.items
    assert (error.location.line, error.code) == (3, "SCHEMA_TYPE")
    assert "no packaged font is named 'Comic Sans'" in error.message
