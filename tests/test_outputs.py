"""Every briefing built end to end: both formats say the same, each audience gets its own."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from pypdf import PdfReader

from tests.conftest import CONTENT, build

AUDIENCES = ("full", "executive", "hsp", "ctsp", "stsp")
FURNITURE = re.compile(r"第\d+頁／共\d+頁")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every audience built once, both formats."""
    folder = tmp_path_factory.mktemp("out")
    assert build(folder) == 0
    return folder / CONTENT.name


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def pdf_body(path: Path) -> str:
    """The PDF's text without running headers and footers, squeezed."""
    reader = PdfReader(path)
    header = str(reader.metadata.title or "") if reader.metadata else ""
    kept = []
    for page in pdf_pages(path):
        lines = page.splitlines()
        if lines and header and lines[0].strip().startswith(header[:12]):
            lines = lines[1:]  # the running header is drawn first on every page but the cover
        kept.append("".join(line for line in lines if not FURNITURE.fullmatch(squeeze(line))))
    return squeeze("".join(kept))


def docx_chunks(document: DocxDocument) -> Iterator[str]:
    """Body paragraphs and table cells in reading order, table of contents left out."""
    body = document.element.body
    in_toc = False
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = DocxParagraph(child, document)
            xml = child.xml
            if 'w:instr="' in xml or "<w:instrText" in xml:
                in_toc = "TOC" in xml or in_toc
            style = paragraph.style.name if paragraph.style is not None else ""
            if style.lower().startswith("toc") or in_toc:
                if 'fldCharType="end"' in xml:
                    in_toc = False
                continue
            if paragraph.text.strip():
                yield paragraph.text
        elif tag == "tbl":
            seen: list[object] = []  # merged cells (across columns or rows) appear once
            for row in DocxTable(child, document).rows:
                for cell in row.cells:
                    if any(cell._tc is tc for tc in seen):
                        continue
                    seen.append(cell._tc)
                    if cell.text.strip():
                        yield cell.text


@pytest.mark.parametrize("audience", AUDIENCES)
def test_docx_and_pdf_carry_the_same_words_in_the_same_order(out: Path, audience: str) -> None:
    pdf = pdf_body(out / f"{audience}.pdf")
    word = docx.Document(str(out / f"{audience}.docx"))
    position = 0
    missing = []
    for chunk in docx_chunks(word):
        flat = squeeze(chunk)
        found = pdf.find(flat, position)
        if found < 0:
            missing.append(chunk)
            continue
        position = found + len(flat)
    assert missing == []


def test_the_executive_summary_fits_two_pages_and_names_its_sources(out: Path) -> None:
    pages = pdf_pages(out / "executive.pdf")
    assert len(pages) <= 2
    text = squeeze("".join(pages))
    for value in ("960.4萬人", "8.0%", "35.0%", "18.5%"):
        assert value in text
    assert text.count("資料來源") >= 4
    assert "建議事項" in text


@pytest.mark.parametrize(
    ("bureau", "addressee"),
    [
        ("hsp", "新竹科學工業園區管理局"),
        ("ctsp", "中部科學工業園區管理局"),
        ("stsp", "南部科學工業園區管理局"),
    ],
)
def test_each_bureau_briefing_is_addressed_and_leads_with_its_recommendations(
    out: Path, bureau: str, addressee: str
) -> None:
    text = squeeze("".join(pdf_pages(out / f"{bureau}.pdf")))
    assert f"致：{addressee}" in text
    first_heading = text.index("壹、")
    assert text[first_heading:].startswith("壹、與本園區相關之建議")
    assert text.index("與本園區相關之建議") < text.index("與本園區產業相關之參訪")


def test_the_bureau_briefings_differ_where_their_interests_do(out: Path) -> None:
    def visit_order(bureau: str) -> list[str]:
        word = docx.Document(str(out / f"{bureau}.docx"))
        headings = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
        return headings[:4]

    orders = {bureau: visit_order(bureau) for bureau in ("hsp", "ctsp", "stsp")}
    assert len({tuple(order) for order in orders.values()}) == 3, orders


@pytest.mark.parametrize("audience", AUDIENCES)
def test_outputs_are_reproducible(out: Path, audience: str, tmp_path: Path) -> None:
    assert build(tmp_path, "--audience", audience) == 0
    for fmt in ("pdf", "docx", "odt"):
        again = (tmp_path / CONTENT.name / f"{audience}.{fmt}").read_bytes()
        assert again == (out / f"{audience}.{fmt}").read_bytes(), f"{audience}.{fmt}"


def test_docx_charts_are_pictures_with_alternative_text(out: Path) -> None:
    word = docx.Document(io.BytesIO((out / "full.docx").read_bytes()))
    descriptions = [shape._inline.docPr.get("descr") or "" for shape in word.inline_shapes]
    assert any(d.startswith("國家高新區主要指標占中國大陸比重") for d in descriptions)
    assert len(descriptions) == 3


def test_statistics_print_as_the_source_writes_them_with_charts_and_sources(out: Path) -> None:
    text = pdf_body(out / "full.pdf")
    for printed in ("31,703.4億元", "960.4萬人", "24,606件", "35.0%", "約5.5萬家"):
        assert printed in text, printed
    assert "918.2萬人" in text  # the rest of the workforce, computed from the whole and parts
    for caption in (
        "國家高新區歷次批准設立數量",
        "國家高新區主要指標占中國大陸比重",
        "國家高新區從業人員學歷結構",
    ):
        assert caption in text
    assert text.count("資料來源") >= 6
    word = docx.Document(str(out / "full.docx"))
    cells = {cell.text for table in word.tables for row in table.rows for cell in row.cells}
    assert {"31,703.4億元", "960.4萬人", "24,606件"} <= cells
