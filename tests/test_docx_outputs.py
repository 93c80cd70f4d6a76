"""The built DOCX files as a careful clerk would have made them in Word: valid, clean
style sheet, real numbering, and page furniture that LibreOffice renders as the PDF does."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from openxml_audit import FileFormat, OpenXmlValidator
from pypdf import PdfReader

from tests.conftest import CONTENT, build
from tests.libreoffice import convert

AUDIENCES = ("full", "executive", "hsp", "ctsp", "stsp")
TEMPLATE_LEFTOVERS = ("Title", "Subtitle", "Quote", "IntenseQuote", "ListParagraph", "TableGrid")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every audience built once, both formats."""
    folder = tmp_path_factory.mktemp("out")
    assert build(folder) == 0
    return folder / CONTENT.name


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def part(path: Path, name: str) -> str:
    return zipfile.ZipFile(path).read(name).decode("utf-8")


@pytest.mark.parametrize("audience", AUDIENCES)
def test_every_docx_passes_the_open_xml_validator(out: Path, audience: str) -> None:
    result = OpenXmlValidator(file_format=FileFormat.OFFICE_2019).validate(
        str(out / f"{audience}.docx")
    )
    assert [str(e) for e in result.errors] == []


def test_the_validator_catches_a_broken_file(out: Path, tmp_path: Path) -> None:
    """The validator can fail: a paragraph property out of schema order is an error."""
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(out / "hsp.docx") as source, zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                data = data.replace(b"<w:pPr><w:pStyle", b"<w:pPr><w:jc w:val='left'/><w:pStyle", 1)
            target.writestr(name, data)
    result = OpenXmlValidator(file_format=FileFormat.OFFICE_2019).validate(str(broken))
    assert not result.is_valid


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_pdfs_footer_total_and_its_own_contents_pages(
    out: Path, tmp_path: Path
) -> None:
    convert(out / "full.docx", tmp_path)
    footer = re.compile(r"第\d+頁／共\d+頁")
    ours = [squeeze(p.extract_text()) for p in PdfReader(out / "full.pdf").pages]
    theirs = [squeeze(p.extract_text()) for p in PdfReader(tmp_path / "full.pdf").pages]
    (expected,) = footer.findall(ours[-1])
    assert footer.findall(theirs[-1]) == [expected]  # 第 23 頁／共 23 頁: the cover is not counted
    leaders = re.compile(r"\.{3,}\d+")
    contents = "".join(t for t in theirs if leaders.search(t))
    body = [t for t in theirs if not leaders.search(t)]
    labels = [
        squeeze(p.text.split("\t")[0])
        for p in docx.Document(str(out / "full.docx")).paragraphs
        if p.style.name.startswith("toc")
    ]
    assert len(labels) == 28
    for label in labels:
        listed = re.search(re.escape(label) + r"\.{3,}(\d+)", contents)
        assert listed is not None, label
        printed = next((t for t in body if label in t), None)
        assert printed is not None, label
        assert f"第{listed.group(1)}頁" in printed, label


@pytest.mark.parametrize("audience", AUDIENCES)
def test_the_style_sheet_holds_only_what_is_used_or_expected(out: Path, audience: str) -> None:
    document = docx.Document(str(out / f"{audience}.docx"))
    styles = {s.get(qn("w:styleId")): s for s in document.styles.element.findall(qn("w:style"))}
    assert not set(TEMPLATE_LEFTOVERS) & set(styles)
    assert not any(i.startswith(("Light", "Medium", "Dark", "Colorful")) for i in styles)
    for style_id, style in styles.items():
        link = style.find(qn("w:link"))
        if link is None:
            continue
        other = styles[link.get(qn("w:val"))]
        assert other.find(qn("w:link")).get(qn("w:val")) == style_id
        if style.get(qn("w:type")) == "character":  # the same look as its paragraph style
            assert style.find(qn("w:rPr")).xml == other.find(qn("w:rPr")).xml  # type: ignore[attr-defined]
    for style_id in ("TOC1", "Heading1", "Caption", "Header", "Footer"):
        if style_id in styles:
            assert styles[style_id].get(qn("w:customStyle")) is None, style_id
    assert (
        styles.get("TOC1") is None or styles["TOC1"].find(qn("w:name")).get(qn("w:val")) == "toc 1"
    )
    settings = part(out / f"{audience}.docx", "word/settings.xml")
    assert re.search(r'w:name="compatibilityMode"[^>]*w:val="15"', settings)
    assert "proofState" not in settings and "updateFields" not in settings


def test_full_report_headings_and_points_are_numbered_by_word(out: Path) -> None:
    document = docx.Document(str(out / "full.docx"))
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) > 40
    assert not any(re.match(r"[壹貳參肆伍一二三四五六七八九十]+、", p.text) for p in headings)
    items = [p for p in document.paragraphs if p.style.name.startswith("List Number")]
    assert len(items) > 100
    assert all(p._p.pPr.find(qn("w:numPr")) is not None for p in items)
    assert not any(re.match(r"（[一二三四五六七八九十]+）|\d+\.", p.text) for p in items)
    # No list item carries its own indent or tab stops: the numbering level does.
    assert not any(p._p.pPr.find(qn("w:ind")) is not None for p in items)
    assert not any(p._p.pPr.find(qn("w:tabs")) is not None for p in items)
    captions = [p for p in document.paragraphs if p.style.name == "Caption"]
    seq = [p for p in captions if "SEQ" in "".join(p._p.xpath(".//w:instrText/text()"))]
    assert len(seq) == 19 + 3  # 表1–表19, 圖1–圖3


def test_executive_layout_tables_claim_no_header(out: Path) -> None:
    document = docx.Document(str(out / "executive.docx"))
    assert len(document.tables) >= 2
    for table in document.tables:
        assert not table._tbl.xpath(".//w:tblHeader")
        assert table._tbl.tblPr.find(qn("w:tblLook")).get(qn("w:firstRow")) == "0"


def test_latin_runs_are_english_and_the_font_table_knows_both_names(out: Path) -> None:
    styles = part(out / "full.docx", "word/styles.xml")
    defaults = styles[styles.index("<w:docDefaults>") : styles.index("</w:docDefaults>")]
    assert 'w:lang w:val="en" w:eastAsia="zh-TW"' in defaults
    table = part(out / "full.docx", "word/fontTable.xml")
    assert re.search(
        r'<w:font w:name="標楷體"><w:altName w:val="DFKai-SB"/><w:panose1 w:val="[0-9A-F]{20}"/>',
        table,
    )


def test_the_cover_labels_are_bold_in_one_column(out: Path) -> None:
    document = docx.Document(str(out / "full.docx"))
    fields = [p for p in document.paragraphs if p.style.name == "Cover Field"]
    assert len(fields) == 5
    indents = {p.paragraph_format.left_indent for p in fields}
    assert len(indents) == 1  # every value starts at the same place
    for p in fields:
        label, value = p.runs[0], p.runs[1]
        assert label.style.name == "Cover Label" and label.style.font.bold
        assert value.text.startswith("\t")
