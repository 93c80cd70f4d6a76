"""The DOCX renderer: read the output back with python-docx and check what Word relies on."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.document import (
    Caption,
    Chart,
    ChartItem,
    Contents,
    Cover,
    CoverField,
    Document,
    Figure,
    FontSpec,
    Heading,
    KeyFigure,
    KeyFigures,
    Layout,
    ListItem,
    Masthead,
    Metadata,
    NumberedList,
    PageBreak,
    Paragraph,
    Table,
    TableColumn,
    TextStyle,
)
from briefing.render.docx import render_docx
from tests.libreoffice import convert

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TRICKY = "研發 <b>R&D</b> 與 &amp; 不是標記"


def make_layout() -> Layout:
    """An A4 layout like the official report's."""
    return Layout(
        page_width_mm=210,
        page_height_mm=297,
        margin_top_mm=25,
        margin_bottom_mm=25,
        margin_left_mm=25,
        margin_right_mm=25,
        pdf_fonts=FontSpec("Noto Sans TC", ("Noto Sans JP",), "Source Sans Pro"),
        docx_fonts=FontSpec("標楷體", ("DFKai-SB",), "Times New Roman"),
        body=TextStyle(12, 20, space_after=6),
        headings=(
            TextStyle(16, 24, space_before=12, space_after=12, bold=True, align="left"),
            TextStyle(14, 22, space_before=10, space_after=6, bold=True, align="left"),
            TextStyle(12, 20, space_before=6, space_after=3, bold=True, align="left"),
        ),
        table=TextStyle(10.5, 15, align="left"),
        caption=TextStyle(10.5, 16, space_before=6, space_after=3, bold=True, align="center"),
        note=TextStyle(9, 13, space_after=6, align="left"),
        cover_title=TextStyle(24, 36, bold=True, align="center"),
        accent="#1F3864",
        header_text="赴中國大陸考察高新技術產業開發區出國報告",
        footer_format="第 {page} 頁／共 {pages} 頁",
        marking="內部參考",
    )


def make_document() -> Document:
    """A small report with every kind of block."""
    visits = tuple(
        Heading(2, f"（{n}）", f"{place}", f"visit-{i}")
        for i, (n, place) in enumerate(
            [("一", "武漢東湖新技術開發區"), ("二", "包頭稀土高新區"), ("三", "北京中關村")]
        )
    )
    zones = tuple(
        (str(i), f"第{i}號國家高新區", "1991" if i < 27 else "1992", f"{i * 37 % 900 + 100:,}")
        for i in range(1, 61)
    )
    items = (
        ListItem(
            "一、",
            "強化園區產業聚落，引進關鍵零組件廠商，以完善上下游供應鏈。",
            paragraphs=("此項建議請竹科、中科及南科管理局研議辦理。",),
            children=(
                ListItem(
                    "（一）",
                    "檢討現行招商策略與租金優惠。",
                    children=(
                        ListItem("1.", "建立廠商需求資料庫。"),
                        ListItem("2.", "定期召開產學合作座談會，邀請大學及研究機構參與。"),
                    ),
                ),
                ListItem("（二）", "推動園區智慧化管理。"),
            ),
        ),
        ListItem("二、", "擴大兩岸園區交流，建立常態性互訪機制。"),
    )
    blocks = (
        Cover(
            kicker="出國報告（出國類別：考察）",
            title="赴中國大陸考察高新技術產業開發區",
            subtitle="武漢、包頭、呼和浩特及北京",
            fields=(
                CoverField("服務機關：", "行政院國家科學委員會"),
                CoverField("姓名職稱：", "王大明 處長、李小華 科長"),
                CoverField("派赴國家/地區：", "中國大陸"),
                CoverField("出國期間：", "100年9月19日至9月27日"),
                CoverField("報告日期：", "100年12月20日"),
            ),
            marking="內部參考",
        ),
        Contents("目次", depth=2),
        PageBreak(),
        Heading(1, "壹、", "參訪目的及人員", "purpose"),
        Paragraph("為瞭解中國大陸國家高新技術產業開發區之發展現況，" * 6),
        Paragraph(TRICKY, first_line_indent=False),
        Heading(2, "一、", "參訪目的", "purpose-aim"),
        Paragraph("本次參訪共計9天，走訪15個機關。" * 4),
        Heading(3, "（一）", "背景說明", "purpose-aim-bg"),
        Paragraph("資料來源：科技部統計資料。", role="note"),
        PageBreak(),
        Heading(1, "貳、", "參訪過程", "process"),
        *visits,
        Table(
            columns=(
                TableColumn(0.6, "center"),
                TableColumn(3),
                TableColumn(1, "center"),
                TableColumn(1.2, "right"),
            ),
            header=(("序號", "名稱", "核定年", "面積（公頃）"),),
            rows=zones,
            caption=Caption("表1　中國大陸國家高新區一覽"),
            source="資料來源：中國科技部火炬中心。",
            compact=True,
        ),
        Figure(Caption("圖1　中關村展示中心外觀（照片從缺）")),
        KeyFigures(
            (
                KeyFigure("88", "國家高新區", "科技部，2011"),
                KeyFigure("1.2萬", "入區企業家數", "火炬統計年鑑"),
                KeyFigure("15%", "占全國工業增加值"),
            ),
            title="關鍵數字",
        ),
        Chart(
            "column",
            (
                ChartItem("1988", 1, "1個"),
                ChartItem("1991", 26, "26個"),
                ChartItem("1992", 25, "25個"),
            ),
            Caption("圖2　國家高新區歷次批准設立數量"),
            source="資料來源：科技部。",
            alt="柱狀圖：1988年1個、1991年26個、1992年25個。",
        ),
        PageBreak(),
        Heading(1, "參、", "心得及建議", "advice"),
        NumberedList(items),
        Heading(1, "附錄", "", "appendix", in_contents=False),
    )
    return Document(
        Metadata(
            title="赴中國大陸考察高新技術產業開發區",
            author="行政院國家科學委員會",
            subject="公務出國報告",
            keywords=("高新區", "科學園區"),
            language="zh-TW",
            created=date(2011, 12, 20),
        ),
        make_layout(),
        blocks,
    )


@pytest.fixture(scope="module")
def report() -> Document:
    """The hand-built report tree."""
    return make_document()


@pytest.fixture(scope="module")
def output(report: Document) -> bytes:
    """The report rendered once."""
    return render_docx(report)


@pytest.fixture(scope="module")
def parsed(output: bytes) -> docx.document.Document:
    """The rendered report read back by python-docx."""
    return docx.Document(io.BytesIO(output))


def part_xml(output: bytes, name: str) -> str:
    """One part of the package as text."""
    return zipfile.ZipFile(io.BytesIO(output)).read(name).decode("utf-8")


def test_headings_use_word_heading_styles_in_tree_order(
    report: Document, parsed: docx.document.Document
) -> None:
    found = [
        (p.style.name, p.text) for p in parsed.paragraphs if p.style.name.startswith("Heading")
    ]
    expected = [(f"Heading {h.level}", h.label) for h in report.headings()]
    assert found == expected


def test_heading_outside_contents_has_body_outline_level(parsed: docx.document.Document) -> None:
    appendix = next(p for p in parsed.paragraphs if p.text == "附錄")
    assert appendix.style.name == "Heading 1"
    assert appendix._p.pPr.find(f"{W}outlineLvl").get(f"{W}val") == "9"


def test_east_asian_fonts_and_language_on_defaults_and_styles(output: bytes) -> None:
    styles = part_xml(output, "word/styles.xml")
    defaults = styles[styles.index("<w:docDefaults>") : styles.index("</w:docDefaults>")]
    assert 'w:eastAsia="標楷體"' in defaults
    assert 'w:ascii="Times New Roman"' in defaults
    # Latin words are English (spell-checked as such), CJK runs zh-TW.
    assert 'w:lang w:val="en" w:eastAsia="zh-TW"' in defaults
    assert "Theme=" not in styles  # no asciiTheme / eastAsiaTheme / themeColor left
    parsed = docx.Document(io.BytesIO(output))
    for name in ("Normal", "Body Text", "Heading 1", "Heading 2", "Caption", "Table Text"):
        fonts = parsed.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == "標楷體", name


def test_page_setup_comes_from_layout(parsed: docx.document.Document) -> None:
    for section in parsed.sections:
        assert round(section.page_width.mm) == 210
        assert round(section.page_height.mm) == 297
        assert round(section.left_margin.mm) == 25
        assert round(section.top_margin.mm) == 25


def test_table_header_rows_repeat_and_rows_do_not_split(parsed: docx.document.Document) -> None:
    table = next(t for t in parsed.tables if len(t.rows) > 10)
    assert len(table.rows) == 61
    header, *rows = table.rows
    assert header._tr.trPr.find(f"{W}tblHeader") is not None
    assert all(r._tr.trPr.find(f"{W}cantSplit") is not None for r in table.rows)
    assert all(r._tr.trPr.find(f"{W}tblHeader") is None for r in rows)
    assert [c.text for c in header.cells] == ["序號", "名稱", "核定年", "面積（公頃）"]
    widths = [c.width for c in header.cells]
    assert widths[1] == max(widths)
    assert table._tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"


def test_table_caption_precedes_and_source_follows(parsed: docx.document.Document) -> None:
    body = parsed.element.body
    table = next(t for t in parsed.tables if len(t.rows) > 10)._tbl
    caption, source = table.getprevious(), table.getnext()
    assert DocxParagraph(caption, None).text == "表1　中國大陸國家高新區一覽"
    assert caption.pPr.keepNext is not None
    assert DocxParagraph(source, None).text == "資料來源：中國科技部火炬中心。"
    assert table.getparent() is body


def test_footer_total_counts_the_body_and_nothing_asks_to_update_fields(output: bytes) -> None:
    document = part_xml(output, "word/document.xml")
    assert "TOC \\o" not in document  # LibreOffice would freeze a TOC field's entries
    assert document.count("PAGEREF _Toc") == 7  # headings of levels 1 and 2
    # The end bookmark sits on the last paragraph: its page is the body's last page.
    body = docx.Document(io.BytesIO(output)).element.body
    last = body.xpath("./w:p")[-1]
    assert "_End" in last.xpath("./w:bookmarkStart/@w:name")
    footers = [n for n in zipfile.ZipFile(io.BytesIO(output)).namelist() if "footer" in n]
    footer_text = "".join(part_xml(output, n) for n in footers if n.endswith(".xml"))
    assert " PAGE " in footer_text
    assert " PAGEREF _End " in footer_text  # NUMPAGES would count the cover
    assert "NUMPAGES" not in footer_text
    assert "第 " in footer_text
    settings = part_xml(output, "word/settings.xml")
    assert "updateFields" not in settings
    assert "proofState" not in settings
    assert re.search(r'w:name="compatibilityMode"[^>]*w:val="15"', settings)


def test_toc_is_prefilled_with_headings_up_to_depth(
    report: Document, parsed: docx.document.Document
) -> None:
    entries = [p.text.split("\t")[0] for p in parsed.paragraphs if p.style.name.startswith("toc")]
    expected = [h.label for h in report.headings() if h.in_contents and h.level <= 2]
    assert entries == expected


def test_cover_section_has_no_page_number_and_body_restarts_at_one(
    parsed: docx.document.Document,
) -> None:
    cover, body = parsed.sections
    assert "".join(p.text for p in cover.footer.paragraphs) == ""
    assert "".join(p.text for p in cover.header.paragraphs) == ""
    assert body._sectPr.find(f"{W}pgNumType").get(f"{W}start") == "1"
    header = "".join(p.text for p in body.header.paragraphs)
    assert header == "赴中國大陸考察高新技術產業開發區出國報告\t內部參考"


def test_core_properties_come_from_metadata(parsed: docx.document.Document) -> None:
    props = parsed.core_properties
    stamp = datetime(2011, 12, 20, tzinfo=UTC)
    assert props.title == "赴中國大陸考察高新技術產業開發區"
    assert props.author == props.last_modified_by == "行政院國家科學委員會"
    assert props.subject == "公務出國報告"
    assert props.keywords == "高新區, 科學園區"
    assert props.language == "zh-TW"
    assert props.created == props.modified == stamp
    assert props.revision == 1


def test_two_renders_are_byte_identical(report: Document, output: bytes) -> None:
    assert render_docx(report) == output
    names = zipfile.ZipFile(io.BytesIO(output)).namelist()
    assert names[0] == "[Content_Types].xml"
    assert all(
        i.date_time == (1980, 1, 1, 0, 0, 0) for i in zipfile.ZipFile(io.BytesIO(output)).infolist()
    )
    assert not any("thumbnail" in n for n in names)


def test_markup_like_text_round_trips_literally(parsed: docx.document.Document) -> None:
    assert TRICKY in [p.text for p in parsed.paragraphs]


def test_characters_xml_forbids_are_dropped_not_fatal(report: Document) -> None:
    bad = Document(report.metadata, report.layout, (Paragraph("控制\x00字元\x1b測試\ufffe"),))
    parsed = docx.Document(io.BytesIO(render_docx(bad)))
    assert "控制字元測試" in [p.text for p in parsed.paragraphs]


def test_nested_list_indents_grow_per_level(parsed: docx.document.Document) -> None:
    # Without number formats in the layout the labels stay text, indented by hand.
    items = [p for p in parsed.paragraphs if p.style.name.startswith("List Number")]
    first, sub, subsub = (
        next(p for p in items if p.text.startswith(label)) for label in ("一、", "（一）", "1.")
    )
    starts = [
        p.paragraph_format.left_indent + p.paragraph_format.first_line_indent
        for p in (first, sub, subsub)
    ]
    assert starts[0] == 0
    for outer, inner in ((starts[0], starts[1]), (starts[1], starts[2])):
        assert abs(inner - outer - Mm(7)) < Mm(0.05)  # list_indent_mm per level
    # Labels as wide as the hanging indent run straight into the text; narrow ones tab to it.
    assert sub.text == "（一）檢討現行招商策略與租金優惠。"
    assert subsub.text == "1.\t建立廠商需求資料庫。"
    assert -subsub.paragraph_format.first_line_indent == Pt(18)


def test_figure_without_image_renders_caption_only(parsed: docx.document.Document) -> None:
    captions = [p.text for p in parsed.paragraphs if p.style.name == "Caption"]
    assert "圖1　中關村展示中心外觀（照片從缺）" in captions
    pictures = [shape._inline.docPr.get("descr") for shape in parsed.inline_shapes]
    assert not any("中關村展示中心" in (descr or "") for descr in pictures)


def test_key_figures_render_value_label_and_source(parsed: docx.document.Document) -> None:
    boxes = next(t for t in parsed.tables if len(t.rows) == 1)
    texts = [[p.text for p in cell.paragraphs] for cell in boxes.rows[0].cells]
    assert texts == [
        ["88", "國家高新區", "科技部，2011"],
        ["1.2萬", "入區企業家數", "火炬統計年鑑"],
        ["15%", "占全國工業增加值"],
    ]


def test_figure_with_image_is_scaled_with_alt_text(report: Document, tmp_path: Path) -> None:
    png = tmp_path / "photo.png"
    png.write_bytes(_png(3000, 1000))
    figure = Figure(Caption("圖2　座談會"), image=str(png), alt="座談會現場照片")
    parsed = docx.Document(
        io.BytesIO(render_docx(Document(report.metadata, report.layout, (figure,))))
    )
    (shape,) = parsed.inline_shapes
    assert round(shape.width.mm) == 160
    assert shape._inline.docPr.get("descr") == "座談會現場照片"


def test_a_forty_page_report_renders_every_heading(report: Document) -> None:
    """Speed is measured by bench/bench.py, not here; this checks a long report is whole."""
    body = tuple(b for b in report.blocks if not isinstance(b, (Cover, Contents, Table)))
    zones = Table(
        columns=(TableColumn(1), TableColumn(4), TableColumn(1), TableColumn(1)),
        header=(("序號", "名稱", "核定年", "面積"),),
        rows=tuple((str(i), f"第{i}號國家高新技術產業開發區", "1991", "1,000") for i in range(88)),
        caption=Caption("表2　國家高新區名單"),
        compact=True,
    )
    copies = (
        replace(b, anchor=f"{b.anchor}-{n}") if isinstance(b, Heading) else b
        for n in range(14)
        for b in body
    )
    blocks = (*report.blocks[:2], *copies, zones)
    big = Document(report.metadata, report.layout, blocks)
    assert len(big.blocks) > 250
    parsed = docx.Document(io.BytesIO(render_docx(big)))
    headings = [p.text for p in parsed.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) == len(big.headings())


@given(text=st.text(max_size=40))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_renders_and_reads_back(text: str) -> None:
    document = make_document()
    blocks = (
        Heading(1, "壹、", text, "h"),
        Paragraph(text),
        Table((TableColumn(1), TableColumn(1)), (("欄", text),), ((text, "值"),)),
    )
    parsed = docx.Document(
        io.BytesIO(render_docx(Document(document.metadata, document.layout, blocks)))
    )
    expected = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]", "", text)
    expected = re.sub("[\u2028\u2029]", "\n", expected)  # line breaks (w:br) read back as \n
    texts = [p.text for p in parsed.paragraphs]
    assert "壹、" + expected in texts
    assert expected in texts
    assert parsed.tables[0].rows[1].cells[0].text == expected


@pytest.mark.parametrize("kind", ["bar", "column", "pie"])
def test_charts_are_sharp_pictures_with_alternative_text(report: Document, kind: str) -> None:
    chart = Chart(
        kind,  # type: ignore[arg-type]
        (ChartItem("從業人員", 960.4, "960.4萬人"), ChartItem("碩士 <R&D>", 37.7, "37.7萬人")),
        Caption("圖3　從業人員學歷結構"),
        unit="萬人",
        source="資料來源：火炬統計。",
        alt="圓餅圖：從業人員960.4萬人，碩士37.7萬人。",
    )
    output = render_docx(Document(report.metadata, report.layout, (chart,)))
    assert render_docx(Document(report.metadata, report.layout, (chart,))) == output
    parsed = docx.Document(io.BytesIO(output))
    (frame,) = parsed.inline_shapes
    assert frame._inline.docPr.get("descr") == chart.alt
    (rel,) = [r for r in parsed.part.rels.values() if r.reltype.endswith("/image")]
    png = rel.target_part.blob
    assert png.startswith(b"\x89PNG")
    pixels_wide = int.from_bytes(png[16:20], "big")
    assert pixels_wide / (frame.width / 914400) >= 199  # at least 200 dpi as printed
    assert [p.text for p in parsed.paragraphs if p.text] == [chart.caption.printed, chart.source]


def test_masthead_opens_a_briefing_without_a_cover(report: Document) -> None:
    masthead = Masthead(
        kicker="出國報告（出國類別：考察）",
        title="考察中國大陸國家級自主創新示範園區",
        subtitle="考察重點簡報",
        addressee="致：中部科學工業園區管理局",
        date_line="出國期間：民國100年9月19日至9月27日",
        marking="內部參考",
    )
    blocks = (masthead, Heading(1, "壹、", "建議", "advice"), Paragraph("內文。"))
    parsed = docx.Document(
        io.BytesIO(render_docx(Document(report.metadata, report.layout, blocks)))  # type: ignore[arg-type]
    )
    styles = [(p.style.name, p.text) for p in parsed.paragraphs[:7]]
    assert styles[:3] == [
        ("Cover Marking", "內部參考"),
        ("Masthead Kicker", "出國報告（出國類別：考察）"),
        ("Masthead Title", "考察中國大陸國家級自主創新示範園區"),
    ]
    assert styles[6] == ("Heading 1", "壹、建議")
    (section,) = parsed.sections
    assert "NUMPAGES" in section.footer._element.xml


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_it_and_keeps_the_headings(
    report: Document, output: bytes, tmp_path: Path
) -> None:
    pypdf = pytest.importorskip("pypdf")
    source = tmp_path / "report.docx"
    source.write_bytes(output)
    convert(source, tmp_path)
    pages = pypdf.PdfReader(tmp_path / "report.pdf").pages
    squeezed = re.sub(r"\s+", "", "".join(page.extract_text() for page in pages))
    for heading in report.headings():
        assert re.sub(r"\s+", "", heading.label) in squeezed
    # The cover has no number; page 1 follows it, no blank page is slipped in to put page 1
    # on a right-hand page, and the total counts the body's pages, not the cover.
    texts = [re.sub(r"\s+", "", page.extract_text()) for page in pages]
    assert "第1頁" not in texts[0]
    assert f"第1頁／共{len(pages) - 1}頁" in texts[1]
    assert f"第{len(pages) - 1}頁／共{len(pages) - 1}頁" in texts[-1]
    # The contents' page numbers are LibreOffice's own: each entry names the page (as
    # numbered in the footer) where its heading is printed.
    leaders = re.compile(r"\.{3,}\d")
    contents = next(t for t in texts if "目次" in t and leaders.search(t))
    body = [t for t in texts[1:] if not leaders.search(t)]
    for heading in report.headings():
        if not heading.in_contents or heading.level > 2:
            continue
        label = re.sub(r"\s+", "", heading.label)
        listed = re.search(re.escape(label) + r"\.*(\d+)", contents)
        assert listed is not None, label
        printed = next(t for t in body if label in t)
        assert f"第{listed.group(1)}頁" in printed, label


def _png(width: int, height: int) -> bytes:
    """A tiny valid grey PNG of the given pixel size (no imaging library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
