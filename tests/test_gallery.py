"""The example gallery: content of other shapes checks clean and builds without debris."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from briefing.cli import main
from briefing.pipeline import check_folder
from tests.conftest import GALLERY, ROOT, STYLES, build

EXAMPLES = [folder for folder in GALLERY if folder.startswith("example-")]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example's audiences, built once in both formats."""
    out = tmp_path_factory.mktemp("gallery")
    for folder in EXAMPLES:
        assert build(out, content=ROOT / "content" / folder) == 0, folder
    return out


def audiences_of(folder: str) -> list[str]:
    checked = check_folder(ROOT / "content" / folder, STYLES)
    return [a.name for a in checked.audiences]


@pytest.mark.parametrize("folder", EXAMPLES)
def test_every_audience_of_an_example_is_built_in_both_formats(built: Path, folder: str) -> None:
    names = audiences_of(folder)
    assert names
    for name in names:
        pdf = PdfReader(built / folder / f"{name}.pdf")
        text = squeeze("".join(page.extract_text() or "" for page in pdf.pages))
        word = docx.Document(str(built / folder / f"{name}.docx"))
        words = squeeze("".join(p.text for p in word.paragraphs))
        for debris in ("0個", "（）", "：。", "None", "率團，共1人"):
            assert debris not in text and debris not in words, (folder, name, debris)


def test_the_minimal_trip_has_no_empty_part(built: Path) -> None:
    full = built / "example-minimal-trip" / "full.pdf"
    text = squeeze("".join(page.extract_text() or "" for page in PdfReader(full).pages))
    for absent in ("訪談紀要", "附錄", "一、參訪目的", "參訪城市", "關鍵數字"):
        assert absent not in text, absent
    headings = [
        p.text
        for p in docx.Document(str(built / "example-minimal-trip" / "full.docx")).paragraphs
        if p.style.name.startswith("Heading 1")
    ]
    assert headings == ["摘要", "參訪目的及人員", "參訪行程", "心得及建議事項"]  # Word numbers them
    executive = built / "example-minimal-trip" / "executive.pdf"
    summary = squeeze("".join(page.extract_text() or "" for page in PdfReader(executive).pages))
    assert "出國人員" in summary and "代表團" not in summary and "參訪機構" not in summary


def test_the_conference_briefs_a_museum_division_no_science_park(built: Path) -> None:
    assert audiences_of("example-conference") == ["full", "executive", "exhibitions"]
    pdf = built / "example-conference" / "exhibitions.pdf"
    text = squeeze("".join(page.extract_text() or "" for page in PdfReader(pdf).pages))
    assert "致：國立自然科學博物館展示組" in text
    full = built / "example-conference" / "full.pdf"
    report = squeeze("".join(page.extract_text() or "" for page in PdfReader(full).pages))
    assert "附錄" not in report  # nobody to list: no appendix of people met
    assert "園區" not in text
    assert text.index("與本單位相關之建議") < text.index("其他建議")


def test_a_new_folder_goes_from_skeleton_to_a_clean_check_and_a_build(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "2026-test-trip"
    assert main(["new", str(folder)]) == 0
    first = check_folder(folder, STYLES)
    codes = {d.code for d in first.diagnostics.items}
    assert first.diagnostics.has_errors and "SCHEMA_TYPE" in codes  # dates still YYYY-MM-DD
    for path in folder.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("YYYY-MM-DD", "2026-05-04")
        text = re.sub(r"TODO[^\n#]*", "示例文字", text)
        path.write_text(text, encoding="utf-8")
    report = folder / "report.yaml"
    report.write_text(
        report.read_text(encoding="utf-8").replace(
            "report_date: 2026-05-04", "report_date: 2026-05-20"
        ),
        encoding="utf-8",
    )
    second = check_folder(folder, STYLES)
    problems = [d.render() for d in second.diagnostics.items if d.code != "ABSTRACT_LENGTH"]
    assert not problems, problems  # filled in, the skeleton is clean
    assert main(["build", str(folder), "--styles", str(STYLES), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "2026-test-trip" / "full.pdf").is_file()


def test_placeholders_in_a_new_folder_are_flagged_at_their_lines(tmp_path: Path) -> None:
    folder = tmp_path / "trip"
    assert main(["new", str(folder)]) == 0
    for path in folder.rglob("*.yaml"):
        path.write_text(
            path.read_text(encoding="utf-8").replace("YYYY-MM-DD", "2026-05-04"), encoding="utf-8"
        )
    checked = check_folder(folder, STYLES)
    placeholders = [d for d in checked.diagnostics.items if d.code == "PLACEHOLDER"]
    files = {Path(d.location.file).name for d in placeholders}
    assert {"report.yaml", "itinerary.yaml", "conclusions.yaml", "01-first-visit.yaml"} <= files
    assert all(d.location.line > 1 for d in placeholders)


def test_users_folders_under_content_never_reach_the_tests(tmp_path: Path) -> None:
    assert set(GALLERY) <= {p.name for p in (ROOT / "content").iterdir()}
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "example-minimal-trip", copy / "example-minimal-trip")
    (copy / "my-own-trip").mkdir()  # a user's unfinished folder
    assert check_folder(copy / "example-minimal-trip", STYLES).ok


CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def test_the_english_delegation_adds_no_chinese_character(built: Path) -> None:
    folder = "example-english-delegation"
    assert audiences_of(folder) == ["full", "executive", "intl-cooperation"]
    for name in audiences_of(folder):
        reader = PdfReader(built / folder / f"{name}.pdf")
        text = "".join(page.extract_text() or "" for page in reader.pages)
        word = docx.Document(str(built / folder / f"{name}.docx"))
        texts = [p.text for p in word.paragraphs] + [
            cell.text for table in word.tables for row in table.rows for cell in row.cells
        ]
        for section in word.sections:
            texts.extend(p.text for p in section.footer.paragraphs)
            texts.extend(p.text for p in section.header.paragraphs)
        assert not CJK.search(text), (name, CJK.findall(text)[:5])
        assert not CJK.search("".join(texts)), (name, CJK.findall("".join(texts))[:5])
        assert reader.trailer["/Root"]["/Lang"] == "en"
    full = squeeze(
        "".join(p.extract_text() or "" for p in PdfReader(built / folder / "full.pdf").pages)
    )
    for expected in (
        "1Purposeanddelegation",
        "1.1Aims",
        "(a)Follow",
        "Table1.Itinerary",
        "Page1of",
    ):
        assert expected in full, expected
