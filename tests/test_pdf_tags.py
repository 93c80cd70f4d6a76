"""Tagged PDF: every piece of text is tagged content or an artifact, the tag tree reads in
the document tree's order, and a paragraph split across pages is one element."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject

from briefing.document import (
    Block,
    Chart,
    Contents,
    Cover,
    Document,
    Figure,
    Heading,
    KeyFigures,
    ListItem,
    Masthead,
    NumberedList,
    PageBreak,
    Paragraph,
    Table,
)
from briefing.pipeline import Checked
from briefing.render.pdf import render_pdf
from tests.conftest import composed

TEXT_OPS = {b"Tj", b"TJ", b"'", b'"'}


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _expected(document: Document) -> str:
    """Return a regular expression for the tagged text of `document`, in tree order."""
    parts: list[str] = []

    def lit(text: str) -> None:
        parts.append(re.escape(_squeeze(text)))

    def items(entries: tuple[ListItem, ...]) -> None:
        for item in entries:
            lit(item.label)
            lit(item.text)
            for text in item.paragraphs:
                lit(text)
            items(item.children)

    def block(b: Block) -> None:
        match b:
            case Cover():
                lit(document.layout.marking or b.marking)
                for text in (b.kicker, b.title, b.subtitle, b.addressee):
                    lit(text)
                for f in b.fields:
                    lit(f.label + f.value)
            case Masthead():
                lit(document.layout.marking or b.marking)
                for text in (b.kicker, b.title, b.subtitle, b.addressee, b.date_line):
                    lit(text)
            case Contents():
                lit(b.title)
                for h in document.headings():
                    if h.in_contents and h.level <= b.depth:
                        lit(h.label)
                        parts.append(r"\d+")
            case Heading():
                lit(b.label)
            case Paragraph():
                lit(b.text)
            case NumberedList():
                items(b.items)
            case Table():
                if b.caption:
                    lit(b.caption.printed)
                for row in (*b.header, *b.rows):
                    for text in row:
                        lit(text)
                lit(b.source)
            case Figure():
                lit(b.caption.printed)
            case Chart():
                parts.append(".*?")  # the chart's own labels, inside its Figure
                lit(b.caption.printed)
                lit(b.source)
            case KeyFigures():
                lit(b.title)
                for kf in b.items:
                    for text in (kf.value, kf.label, kf.source):
                        lit(text)
            case PageBreak():
                pass

    for b in document.blocks:
        block(b)
    return "".join(parts)


def _struct_text(data: bytes, tmp_path: Path) -> str:
    """Return the text of the tag tree in order, as poppler reads it."""
    path = tmp_path / "tagged.pdf"
    path.write_bytes(data)
    out = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return "".join(line.strip()[1:-1] for line in out.splitlines() if line.strip().startswith('"'))


needs_poppler = pytest.mark.skipif(
    shutil.which("pdfinfo") is None, reason="poppler-utils (pdfinfo) is not installed"
)


@pytest.fixture(scope="module")
def documents(checked: Checked) -> dict[str, Document]:
    """Every audience's document tree."""
    return {name: composed(checked, name) for name in ("full", "executive", "hsp")}


@pytest.fixture(scope="module")
def rendered(documents: dict[str, Document]) -> dict[str, bytes]:
    """Every audience's PDF."""
    return {name: render_pdf(doc) for name, doc in documents.items()}


def test_every_text_operator_is_tagged_content_or_an_artifact(
    rendered: dict[str, bytes],
) -> None:
    for name, data in rendered.items():
        reader = PdfReader(io.BytesIO(data))
        for number, page in enumerate(reader.pages, 1):
            content = ContentStream(page.get_contents(), reader)
            stack: list[str] = []
            shown = 0
            for operands, op in content.operations:
                if op == b"BDC":
                    tag = str(operands[0])
                    props = operands[1]
                    if tag != "/Artifact" and "/Artifact" not in stack:  # a span in furniture
                        assert isinstance(props, DictionaryObject) and "/MCID" in props
                    stack.append(tag)
                elif op == b"BMC":
                    stack.append(str(operands[0]))
                elif op == b"EMC":
                    assert stack, f"{name} p{number}: EMC without BDC"
                    stack.pop()
                elif op in TEXT_OPS:
                    shown += 1
                    assert stack, f"{name} p{number}: text outside marked content"
                    assert stack[0] == "/Artifact" or "/Artifact" not in stack
            assert not stack, f"{name} p{number}: unclosed marked content"
            assert shown


@needs_poppler
def test_tag_tree_reads_in_the_document_trees_order(
    documents: dict[str, Document], rendered: dict[str, bytes], tmp_path: Path
) -> None:
    for name, document in documents.items():
        text = _squeeze(_struct_text(rendered[name], tmp_path))
        assert re.fullmatch(_expected(document), text, re.DOTALL), name
        # Page furniture is not in the tree.
        assert "頁／共" not in text


@needs_poppler
def test_the_check_of_order_can_fail(documents: dict[str, Document]) -> None:
    document = documents["full"]
    blocks = list(document.blocks)
    i = next(k for k, b in enumerate(blocks) if isinstance(b, Paragraph))
    j = next(k for k, b in enumerate(blocks) if isinstance(b, Paragraph) and k > i + 1)
    blocks[i], blocks[j] = blocks[j], blocks[i]
    swapped = Document(document.metadata, document.layout, tuple(blocks))
    assert not re.fullmatch(_expected(swapped), _squeeze(_expected_text(document)), re.DOTALL)


def _expected_text(document: Document) -> str:
    """Return the literal text the pattern of `document` matches (charts left out)."""
    pattern = _expected(document).replace(".*?", "").replace(r"\d+", "1")
    return re.sub(r"\\(.)", r"\1", pattern)


def _split_paragraphs(data: bytes) -> list[DictionaryObject]:
    """Return the P elements whose content lies on more than one page."""
    reader = PdfReader(io.BytesIO(data))
    found = []
    todo = [reader.trailer["/Root"]["/StructTreeRoot"]["/K"].get_object()]
    while todo:
        elem = todo.pop()
        kids = elem.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        pages = set()
        if "/Pg" in elem:
            pages.add(elem.raw_get("/Pg").idnum)
        for kid in kids:
            obj = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/MCR":
                pages.add(obj.raw_get("/Pg").idnum)
            elif isinstance(obj, DictionaryObject) and "/S" in obj:
                todo.append(obj)
        if elem.get("/S") == "/P" and len(pages) > 1:
            found.append(elem)
    return found


@needs_poppler
def test_a_paragraph_across_pages_is_one_element_and_extracts_whole(
    documents: dict[str, Document], rendered: dict[str, bytes], tmp_path: Path
) -> None:
    data = rendered["full"]
    assert _split_paragraphs(data), "the full report has paragraphs across pages"
    text = _squeeze(_struct_text(data, tmp_path))
    for block in documents["full"].blocks:
        if isinstance(block, Paragraph):
            assert _squeeze(block.text) in text


def test_latin_only_elements_carry_the_latin_language() -> None:
    from tests.test_render_pdf import _document

    data = render_pdf(
        _document(
            Paragraph("Science parks and Venture Capital"), Paragraph("中文段落 with English")
        )
    )
    langs = re.findall(rb"/S /P /P [^>]*?/Lang \(([^)]*)\)", data)
    assert langs == [b"en"]


def test_layout_tables_are_paragraphs_not_tables() -> None:
    from briefing.document import TableColumn
    from tests.test_render_pdf import _document

    table = Table(
        (TableColumn(1), TableColumn(3)),
        (),
        (("出國期間", "九天"), ("參訪城市", "武漢")),
        layout_only=True,
    )
    data = render_pdf(_document(table))
    assert b"/S /Table" not in data and b"/S /TD" not in data
    assert len(re.findall(rb"/S /P\b", data)) == 2


@needs_poppler
def test_extracted_text_has_no_furniture_so_a_split_paragraph_comes_out_whole(
    rendered: dict[str, bytes], documents: dict[str, Document], tmp_path: Path
) -> None:
    path = tmp_path / "full.pdf"
    path.write_bytes(rendered["full"])
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    layout = documents["full"].layout
    pages = text.split("\f")[1:]  # after the cover
    firsts = [next((line for line in page.splitlines() if line.strip()), "") for page in pages]
    assert not [line for line in firsts if line.strip() == layout.header_text]
    assert not re.search(r"第\s*\d+\s*頁／共\s*\d+\s*頁", text)
    squeezed = re.sub(r"\s+", "", text)
    # a paragraph of the 2011 report that crosses from page 17 to 18
    assert "致力研發和擴散國際國內領先的科技成果，努力在前瞻領域" in squeezed
