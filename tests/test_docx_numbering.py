"""DOCX numbering: headings, lists and captions numbered by Word, read back as Word would."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree
from lxml.etree import _Element
from openxml_audit import FileFormat, OpenXmlValidator

from briefing.document import (
    Caption,
    Document,
    Figure,
    Heading,
    ListItem,
    NumberedList,
    NumberFormat,
    Paragraph,
    Table,
    TableColumn,
)
from briefing.render.docx import render_docx
from briefing.render.docx.numbering import counter_value
from tests.libreoffice import convert
from tests.test_render_docx import make_document

OFFICIAL = (
    NumberFormat("cjk-formal", suffix="、"),
    NumberFormat("cjk", suffix="、"),
    NumberFormat("cjk", prefix="（", suffix="）"),
    NumberFormat("decimal", suffix="."),
    NumberFormat("decimal", prefix="（", suffix="）"),
)


def _items(labels: list[str], children: tuple[ListItem, ...] = ()) -> tuple[ListItem, ...]:
    return tuple(ListItem(label, f"第{label}點的內容。", children=children) for label in labels)


def make_numbered() -> Document:
    """A report whose layout carries the official number formats."""
    base = make_document()
    notes = _items(["（一）", "（二）"], children=_items(["1.", "2."]))
    blocks = (
        Heading(1, "", "摘要", "abstract", in_contents=False),
        Paragraph("摘要內文。"),
        Heading(1, "壹、", "參訪目的", "h1"),
        Heading(2, "一、", "目的", "h1-1"),
        NumberedList(notes),
        Figure(Caption("座談會", "figure", 1, "圖", "　")),
        NumberedList(_items(["（三）", "（四）"])),  # the notes go on after the photo
        Heading(2, "二、", "人員", "h1-2"),
        NumberedList(_items(["（一）"])),
        Heading(1, "貳、", "行程", "h2"),
        Heading(2, "一、", "武漢", "h2-1"),
        Table(
            (TableColumn(1), TableColumn(2)),
            (("地區", "日期"),),
            (("武漢", "9月19日"), ("", "9月20日"), ("包頭", "9月22日")),
            caption=Caption("參訪行程", "table", 1, "表", "　"),
            grouped_columns=(0,),
        ),
        Table(
            (TableColumn(1), TableColumn(1)),
            (("期間", "9天"),),
            (("城市", "武漢"),),
            layout_only=True,
        ),
        Table(
            (TableColumn(1),),
            (("名稱",),),
            (("甲",),),
            caption=Caption("名單", "table", 2, "表", "　"),
        ),
        Heading(1, "", "附錄", "appendix", in_contents=False),
        Heading(2, "一、", "洽談人", "appendix-1", in_contents=False),
        Heading(2, "二、", "名片", "appendix-2", in_contents=False),
    )
    layout = replace(base.layout, numbering=OFFICIAL)
    return Document(base.metadata, layout, blocks)


@pytest.fixture(scope="module")
def numbered() -> Document:
    return make_numbered()


@pytest.fixture(scope="module")
def output(numbered: Document) -> bytes:
    return render_docx(numbered)


@pytest.fixture(scope="module")
def parsed(output: bytes) -> Any:
    return docx.Document(io.BytesIO(output))


def _numbering(parsed: Any) -> _Element:
    return parsed.part.numbering_part.element


def _num_pr(p: DocxParagraph) -> tuple[int, int] | None:
    """(numId, ilvl) written on the paragraph itself."""
    pr = p._p.pPr
    found = None if pr is None else pr.find(qn("w:numPr"))
    if found is None:
        return None
    ilvl = found.find(qn("w:ilvl"))
    num = int(found.find(qn("w:numId")).get(qn("w:val")))
    return num, 0 if ilvl is None else int(ilvl.get(qn("w:val")))


def _levels(numbering: _Element, num_id: int) -> list[_Element]:
    """The w:lvl elements of the abstract numbering behind a list instance."""
    abstract = numbering.xpath(f"./w:num[@w:numId='{num_id}']/w:abstractNumId/@w:val")[0]
    return numbering.xpath(f"./w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl")


def _val(el: _Element, tag: str) -> str:
    return el.find(qn(tag)).get(qn("w:val"))


def test_labels_read_back_into_counters() -> None:
    assert counter_value("cjk-formal", "參") == 3
    assert counter_value("cjk", "十一") == 11
    assert counter_value("cjk", "一百零五") == 105
    assert counter_value("upper-roman", "XIV") == 14
    assert counter_value("upper-latin", "AB") == 28
    assert counter_value("decimal", "１") is None  # a full-width digit is not Word's decimal
    assert counter_value("cjk", "甲") is None


def test_heading_styles_carry_the_outline_numbering(parsed: Any) -> None:
    numbering = _numbering(parsed)
    style = parsed.styles["Heading 1"].element
    num_id = int(style.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val")))
    levels = _levels(numbering, num_id)
    assert len(levels) == 9
    first, second, third = levels[:3]
    assert (_val(first, "w:numFmt"), _val(first, "w:lvlText")) == (
        "ideographLegalTraditional",
        "%1、",
    )
    assert (_val(second, "w:numFmt"), _val(second, "w:lvlText")) == (
        "taiwaneseCountingThousand",
        "%2、",
    )
    assert _val(third, "w:lvlText") == "（%3）"
    assert [_val(lvl, "w:pStyle") for lvl in (first, second)] == ["Heading1", "Heading2"]
    assert _val(first, "w:suff") == "nothing"  # 壹、 runs straight into the text


def test_headings_hold_their_text_and_word_writes_the_numbers(parsed: Any) -> None:
    headings = {p.text: p for p in parsed.paragraphs if p.style.name.startswith("Heading")}
    assert "參訪目的" in headings and "壹、參訪目的" not in headings
    assert _num_pr(headings["參訪目的"]) is None  # numbered by its style
    numbering = _numbering(parsed)
    for unnumbered in ("摘要", "附錄"):
        ref = _num_pr(headings[unnumbered])
        assert ref is not None
        assert {_val(lvl, "w:numFmt") for lvl in _levels(numbering, ref[0])} == {"none"}
    # The appendix's 一、 restarts: Word would count on from 貳's 一、.
    first, second = (_num_pr(headings[t]) for t in ("洽談人", "名片"))
    assert first == second and first is not None and first[1] == 1
    override = numbering.xpath(
        f"./w:num[@w:numId='{first[0]}']/w:lvlOverride[@w:ilvl='1']/w:startOverride/@w:val"
    )
    assert override == ["1"]


def test_lists_are_word_lists_that_restart_and_carry_on(parsed: Any) -> None:
    items = [p for p in parsed.paragraphs if p.style.name.startswith("List Number")]
    refs: dict[str, tuple[int, int] | None] = {}
    for p in items:  # the first paragraph of each text
        refs.setdefault(p.text[:4], _num_pr(p))
    numbering = _numbering(parsed)
    first = refs["第（一）"]
    assert first is not None and first[1] == 0
    assert refs["第1.點"] == (first[0], 1)  # children one level deeper in the same list
    assert refs["第（三）"] == first  # the notes after the photo carry on counting
    other = next(
        _num_pr(p) for p in items if p.text == "第（一）點的內容。" and _num_pr(p) != first
    )
    assert other is not None and other[0] != first[0]  # the next list starts afresh
    restart = f"./w:num[@w:numId='{other[0]}']/w:lvlOverride/w:startOverride/@w:val"
    assert numbering.xpath(restart) == ["1"]
    levels = _levels(numbering, first[0])
    assert _val(levels[0], "w:lvlText") == "（%1）"
    assert _val(levels[1], "w:lvlText") == "%2."
    assert _val(levels[1], "w:suff") == "tab"  # a narrow label tabs to the text
    assert not any(p.text.startswith("（") for p in items)  # no typed labels


def test_captions_count_with_seq_fields(parsed: Any, output: bytes) -> None:
    captions = [p for p in parsed.paragraphs if p.style.name == "Caption"]
    assert [p.text for p in captions] == ["圖1　座談會", "表1　參訪行程", "表2　名單"]
    instructions = [
        "".join(captions[i]._p.xpath(".//w:instrText/text()")).strip() for i in range(3)
    ]
    assert instructions == [
        "SEQ figure \\* ARABIC",
        "SEQ table \\* ARABIC",
        "SEQ table \\* ARABIC",
    ]


def test_a_caption_that_does_not_follow_on_restarts_its_sequence(numbered: Document) -> None:
    figure = Figure(Caption("照片", "figure", 5, "圖", "　"))
    parsed = docx.Document(
        io.BytesIO(render_docx(Document(numbered.metadata, numbered.layout, (figure,))))
    )
    (caption,) = [p for p in parsed.paragraphs if p.style.name == "Caption"]
    assert "".join(caption._p.xpath(".//w:instrText/text()")).strip().endswith("\\r 5")
    assert caption.text == "圖5　照片"


def test_labels_word_would_write_differently_stay_text(numbered: Document) -> None:
    # Word writes ten in ideographLegalTraditional as 壹拾; the tree says 拾.
    blocks = (
        Heading(1, "拾、", "第十章", "ten"),
        NumberedList(_items(["（甲）", "（乙）"])),  # not the level's counting system
    )
    parsed = docx.Document(
        io.BytesIO(render_docx(Document(numbered.metadata, numbered.layout, blocks)))
    )
    texts = [p.text for p in parsed.paragraphs]
    assert "拾、第十章" in texts
    assert "（甲）\t第（甲）點的內容。" in texts or "（甲）第（甲）點的內容。" in texts
    assert parsed.styles["Heading 1"].element.pPr.find(qn("w:numPr")) is None


def test_grouped_columns_merge_vertically_and_layout_tables_have_no_header(parsed: Any) -> None:
    grouped, layout, _ = parsed.tables
    rows = grouped._tbl.tr_lst
    merges = [tr.tc_lst[0].tcPr.find(qn("w:vMerge")) for tr in rows[1:]]
    assert merges[0].get(qn("w:val")) == "restart"
    assert merges[1] is not None and merges[1].get(qn("w:val")) is None  # continue
    assert merges[2] is None  # 包頭 starts its own cell
    assert grouped.cell(2, 0).text == "武漢"  # python-docx sees one merged cell
    look = layout._tbl.tblPr.find(qn("w:tblLook"))
    assert look.get(qn("w:firstRow")) == "0"
    assert look.get(qn("w:val")) == "0600"
    assert not layout._tbl.xpath(".//w:tblHeader")
    data_look = grouped._tbl.tblPr.find(qn("w:tblLook"))
    assert (data_look.get(qn("w:val")), data_look.get(qn("w:noHBand"))) == ("0620", "1")


def test_tables_take_rules_padding_and_shading_from_one_table_style(parsed: Any) -> None:
    for table in parsed.tables:
        tbl = table._tbl
        assert tbl.tblPr.find(qn("w:tblStyle")) is not None
        assert not tbl.xpath("./w:tr/w:tc/w:tcPr/w:shd | ./w:tr/w:tc/w:tcPr/w:vAlign")
        assert not tbl.xpath("./w:tblPr/w:tblBorders | ./w:tblPr/w:tblCellMar")
        assert not tbl.xpath(".//w:p/w:pPr/w:jc")

    def xpath(el: _Element, path: str) -> Any:
        return etree.XPath(path, namespaces={"w": qn("w:p")[1:].split("}")[0]})(el)

    style = xpath(parsed.styles.element, "./w:style[@w:styleId='ReportTable']")[0]
    assert xpath(style, "./w:tblPr/w:tblBorders/w:insideH")
    header = xpath(style, "./w:tblStylePr[@w:type='firstRow']")[0]
    assert xpath(header, "./w:tcPr/w:shd/@w:fill") == ["1F3864"]
    assert xpath(header, "./w:pPr/w:jc/@w:val") == ["center"]


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_lists_back_as_lists(output: bytes, tmp_path: Path) -> None:
    source = tmp_path / "report.docx"
    source.write_bytes(output)
    ast = json.loads(
        subprocess.run(
            ["pandoc", "-f", "docx", "-t", "json", str(source)],
            check=True,
            capture_output=True,
            timeout=120,
        ).stdout
    )
    # Headings that restart their numbering carry it on the paragraph, which pandoc reads
    # as a list around the heading; the lists of points are those of paragraphs.
    lists = [
        block
        for block in _walk(ast["blocks"])
        if block.get("t") == "OrderedList" and block["c"][1][0][0]["t"] == "Para"
    ]
    tops = [len(block["c"][1]) for block in lists]
    # The two parts of the notes, the second list, and the children of (一) and (二).
    assert sorted(tops) == [1, 2, 2, 2, 2]
    starts = sorted(block["c"][0][0] for block in lists)
    assert starts == [1, 1, 1, 1, 3]
    headers = [block for block in _walk(ast["blocks"]) if block.get("t") == "Header"]
    assert len(headers) == 9  # headings stay headings


def _walk(blocks: Any) -> Any:
    """Every JSON object in a pandoc AST, depth first."""
    if isinstance(blocks, dict):
        yield blocks
        for value in blocks.values():
            yield from _walk(value)
    elif isinstance(blocks, list):
        for value in blocks:
            yield from _walk(value)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_heading_inserted_in_word_renumbers_the_following_ones(
    output: bytes, tmp_path: Path
) -> None:
    pypdf = pytest.importorskip("pypdf")
    edited = docx.Document(io.BytesIO(output))
    second_chapter = next(p for p in edited.paragraphs if p.text == "行程")
    second_chapter.insert_paragraph_before("新增章節", style="Heading 1")
    one_more = next(p for p in edited.paragraphs if p.text == "武漢")
    one_more.insert_paragraph_before("新增一節", style="Heading 2")
    source = tmp_path / "edited.docx"
    edited.save(str(source))
    convert(source, tmp_path)
    text = re.sub(
        r"\s+",
        "",
        "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "edited.pdf").pages),
    )
    for heading in ("壹、參訪目的", "貳、新增章節", "參、行程", "一、新增一節", "二、武漢"):
        assert heading in text
    assert "貳、行程" not in text
    assert "一、洽談人" in text and "二、名片" in text  # the appendix still restarts
    assert "（三）第（三）點" in text  # the notes after the photo still carry on


@pytest.mark.parametrize("kind", ["numbered", "labels as text", "empty"])
def test_hand_built_documents_pass_the_open_xml_validator(kind: str, tmp_path: Path) -> None:
    plain = make_document()
    tree = {
        "numbered": make_numbered(),
        "labels as text": plain,
        "empty": Document(plain.metadata, plain.layout),
    }[kind]
    path = tmp_path / "report.docx"
    path.write_bytes(render_docx(tree))
    result = OpenXmlValidator(file_format=FileFormat.OFFICE_2019).validate(str(path))
    assert [str(e) for e in result.errors] == []
