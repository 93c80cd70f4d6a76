"""Audience templates: validated like content, inherited with extends, added without code."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing.compose import compose
from briefing.diagnostics import Diagnostics
from briefing.document import Heading, Masthead, Paragraph
from briefing.pipeline import Checked, check_folder
from briefing.style.audience import organisation_ids
from briefing.style.load import audiences, load_style
from tests.conftest import CONTENT, STYLES, audience_of


def test_bundled_templates_are_listed_without_bases_and_organisations_are_declared() -> None:
    names = [spec.name for spec in audiences(STYLES, Diagnostics())]
    assert names == ["executive", "full", "organisation"]
    assert organisation_ids(STYLES) == ["ctsp", "exhibitions", "hsp", "intl-cooperation", "stsp"]


def test_the_content_gets_a_briefing_for_each_organisation_it_is_tagged_for(
    checked: Checked,
) -> None:
    assert [a.name for a in checked.audiences] == ["executive", "full", "ctsp", "hsp", "stsp"]
    hsp = audience_of(checked, "hsp")
    assert hsp.spec.name == "organisation" and hsp.organisation is not None
    assert hsp.words.related_recommendations == "與本園區相關之建議"  # the organisation's word


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


def test_a_new_organisation_is_one_file_and_no_code(tmp_path: Path, checked: Checked) -> None:
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    (styles / "organisations" / "rare-earth-desk.yaml").write_text(
        "name: 稀土材料專案小組\nshort_name: 稀土小組\n"
        "focus:\n  industries: [rare-earth, new-materials]\n  themes: [export-control]\n",
        encoding="utf-8",
    )
    again = check_folder(CONTENT, styles, ["rare-earth-desk"])
    assert again.content is not None and not again.diagnostics.has_errors
    (audience,) = again.audiences
    document = compose(again.content, audience)
    masthead = document.blocks[0]
    assert isinstance(masthead, Masthead) and masthead.addressee == "致：稀土材料專案小組"
    visit_headings = [b.text for b in document.blocks if isinstance(b, Heading) and b.level == 2]
    assert visit_headings[:3] == ["包頭稀土高新區管委會", "包鋼稀土公司", "包頭稀土研究院"]
    assert document.layout.header_text.endswith("｜稀土小組簡報")


def test_a_briefing_that_nothing_concerns_says_so_instead_of_relabelling(
    tmp_path: Path,
) -> None:
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    (styles / "organisations" / "itri.yaml").write_text(
        "name: 工業技術研究院\nshort_name: 工研院\n", encoding="utf-8"
    )
    again = check_folder(CONTENT, styles, ["itri"])
    (warning,) = [d for d in again.diagnostics.warnings if d.code == "NOTHING_CONCERNS"]
    assert "itri" in warning.message and warning.location.file.endswith("report.yaml")
    assert again.content is not None
    document = compose(again.content, again.audiences[0])
    notice = document.blocks[1]
    assert isinstance(notice, Paragraph) and "工研院" in notice.text
    chapters = [b.text for b in document.blocks if isinstance(b, Heading) and b.level == 1]
    assert "與本單位相關之建議" not in chapters and "其他建議" in chapters


def test_tags_name_declared_organisations_with_a_suggestion(tmp_path: Path) -> None:
    copy = tmp_path / CONTENT.name
    shutil.copytree(CONTENT, copy)
    path = copy / "visits" / "13-hanwang.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("organisations: [hsp]", "organisations: [hps]"),
        encoding="utf-8",
    )
    again = check_folder(copy, STYLES)
    (error,) = again.diagnostics.errors
    assert error.code == "UNKNOWN_ORGANISATION" and "did you mean 'hsp'?" in error.hint
    assert error.location.file.endswith("13-hanwang.yaml") and error.location.line == 19


def test_key_figures_are_the_contents_choice_and_checked_at_its_line(tmp_path: Path) -> None:
    copy = tmp_path / CONTENT.name
    shutil.copytree(CONTENT, copy)
    path = copy / "report.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    - zone-indicators-2010/gdp-share", "    - zone-indicators-2010/unicorns"),
        encoding="utf-8",
    )
    again = check_folder(copy, STYLES)
    (error,) = again.diagnostics.errors
    assert error.code == "KEY_FIGURE_REF" and error.location.file.endswith("report.yaml")
    line = text.splitlines().index("    - zone-indicators-2010/gdp-share") + 1
    assert error.location.line == line


def test_template_text_names_only_known_fields(tmp_path: Path) -> None:
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    (styles / "odd.yaml").write_text(
        "extends: full\ndescription: test\nsubtitle: '{title.__class__}'\nheader: '{titel}'\n",
        encoding="utf-8",
    )
    again = check_folder(CONTENT, styles, ["odd"])
    found = sorted((d.location.line, d.code) for d in again.diagnostics.errors)
    assert found == [(3, "TEMPLATE_FIELD"), (4, "TEMPLATE_FIELD")]


def test_missing_short_forms_name_the_field_and_the_audience(tmp_path: Path) -> None:
    copy = tmp_path / CONTENT.name
    shutil.copytree(CONTENT, copy)
    path = copy / "conclusions.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (first,) = [i for i, line in enumerate(lines) if line.strip().startswith("summary:")][:1]
    del lines[first]
    path.write_text("".join(lines), encoding="utf-8")
    checked = check_folder(copy, STYLES, ["executive"])
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


def test_a_broken_word_of_an_organisation_is_reported_at_its_line(tmp_path: Path) -> None:
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    path = styles / "organisations" / "hsp.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("與本園區產業相關之參訪", "與本園區{產業"),
        encoding="utf-8",
    )
    again = check_folder(CONTENT, styles)
    (error,) = again.diagnostics.errors
    assert error.code == "TEMPLATE_FIELD" and error.location.file.endswith("hsp.yaml")
    assert error.location.field == "wording.related_visits"
