"""PDF renderer: read the output back (text, contents pages, fonts, outline, metadata),
check reproducibility, escaping, and the Chinese line-breaking rules."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab import rl_config

from briefing.document import (
    Caption,
    Chart,
    ChartItem,
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
from briefing.model.stats import TableDataset
from briefing.pipeline import Checked
from briefing.render.pdf import render_pdf
from briefing.render.pdf.context import Env, LayoutState
from briefing.render.pdf.fonts import load_faces
from briefing.render.pdf.styles import make_styles
from briefing.render.pdf.text import CANNOT_END, CANNOT_START, Line, break_lines, is_wide
from briefing.render.pdf.textbox import TextBox
from tests.conftest import composed

CLOSING = "，。、；：？！）」"
FOOTER = re.compile(r"第\s*(\d+)\s*頁／共\s*(\d+)\s*頁")
ENTRY = re.compile(r"^(?P<label>.+?)\s*\.{3,}\s*(?P<page>\d+)$")


# ------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def full_document(checked: Checked) -> Document:
    """The full official report of the bundled content."""
    return composed(checked, "full")


@pytest.fixture(scope="session")
def full_pdf(full_document: Document) -> bytes:
    """The full report, rendered once for the session."""
    return render_pdf(full_document)


@pytest.fixture(scope="session")
def reader(full_pdf: bytes) -> PdfReader:
    """The rendered full report, read back."""
    return PdfReader(io.BytesIO(full_pdf))


@pytest.fixture(scope="session")
def pages(reader: PdfReader) -> list[str]:
    """The extracted text of every page."""
    return [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="session")
def squeezed(pages: list[str]) -> str:
    """All text without whitespace (table cells and wrapped lines join up)."""
    return "".join("".join(pages).split())


def _layout(**changes: object) -> Layout:
    """A small A5 layout for hand-built documents."""
    body = TextStyle(size=11, leading=18, space_after=4)
    values: dict[str, object] = {
        "page_width_mm": 148,
        "page_height_mm": 210,
        "margin_top_mm": 20,
        "margin_bottom_mm": 20,
        "margin_left_mm": 18,
        "margin_right_mm": 18,
        "pdf_fonts": FontSpec("Noto Sans TC", ("Noto Sans JP", "Noto Sans SC"), "Source Sans Pro"),
        "docx_fonts": FontSpec("標楷體", (), "Times New Roman"),
        "body": body,
        "headings": (
            TextStyle(size=15, leading=22, space_before=6, space_after=6, bold=True, align="left"),
            TextStyle(size=13, leading=19, space_before=6, space_after=4, bold=True, align="left"),
        ),
        "table": TextStyle(size=9.5, leading=13, align="left"),
        "caption": TextStyle(size=9.5, leading=13, space_after=4, bold=True, align="center"),
        "note": TextStyle(size=8.5, leading=12, space_after=4, align="left"),
        "cover_title": TextStyle(size=22, leading=32, bold=True, align="center"),
        "header_text": "測試簡報",
        "footer_format": "第 {page} 頁／共 {pages} 頁",
    }
    values.update(changes)
    return Layout(**values)  # type: ignore[arg-type]


def _document(*blocks: object, **layout: object) -> Document:
    """A hand-built document with the given blocks."""
    meta = Metadata("測試", "國科會", "測試文件", ("測試",), "zh-TW", date(2024, 1, 2))
    return Document(meta, _layout(**layout), tuple(blocks))  # type: ignore[arg-type]


def _texts(data: bytes) -> list[str]:
    """Return the extracted text of every page of a PDF."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


# ----------------------------------------------------------------- the full report


def test_every_zone_visit_and_contact_name_is_in_the_text(checked: Checked, squeezed: str) -> None:
    assert checked.content is not None
    zones = checked.content.dataset("national-zones")
    assert isinstance(zones, TableDataset)
    names = [str(row["name"]) for row in zones.rows]
    assert len(names) == 88
    assert [n for n in names if n not in squeezed] == []
    visits = checked.content.visits
    assert [v.name for v in visits if v.name not in squeezed] == []
    contacts = [c.name for v in visits for c in v.contacts if c.name]
    assert contacts
    assert [n for n in contacts if n not in squeezed] == []


def test_fallback_latin_and_digits_copy_out_right(squeezed: str) -> None:
    assert "産" in squeezed  # drawn by Noto Sans JP, not in Noto Sans TC
    assert "R&D" in squeezed
    assert "http://www.most.gov.cn//gxjscykfq/index.htm" in squeezed
    assert "31703.4億元" in squeezed


def test_cover_has_no_furniture_and_footer_counts_pages_after_it(pages: list[str]) -> None:
    assert not FOOTER.search(pages[0])
    assert "姓名職稱：" in pages[0]
    total = len(pages) - 1
    for number, text in enumerate(pages[1:], start=1):
        found = FOOTER.search(text)
        assert found, f"page {number} has no footer"
        assert (int(found.group(1)), int(found.group(2))) == (number, total)
        assert "考察中國大陸國家級自主創新示範園區與戰略特色園區" in text.splitlines()[0]


def test_contents_page_numbers_match_where_headings_land(
    full_document: Document, pages: list[str]
) -> None:
    entries: dict[str, int] = {}
    contents_pages = [i for i, text in enumerate(pages) if "目次" in text.split()[:8]]
    assert contents_pages
    for i in contents_pages:
        for line in pages[i].splitlines():
            if m := ENTRY.match(line.strip()):
                entries[m.group("label").strip()] = int(m.group("page"))
    # Walk the pages in order: each heading is a line of its own on its page (contents
    # lines carry leaders and numbers, so they never equal a heading's label).
    landed: dict[str, int] = {}
    page = 1
    for heading in full_document.headings():
        while heading.label not in [line.strip() for line in pages[page].splitlines()]:
            page += 1
        footer = FOOTER.search(pages[page])
        assert footer is not None
        landed[heading.anchor] = int(footer.group(1))
    expected = [h for h in full_document.headings() if h.in_contents and h.level <= 2]
    assert len(entries) == len(expected)
    for heading in expected:
        assert entries[heading.label] == landed[heading.anchor], heading.label


def test_every_place_left_for_page_numbers_is_filled(reader: PdfReader) -> None:
    # The one layout pass leaves a NUL-delimited place for each contents number, leader
    # and footer; every one must be replaced by operators before the file is written.
    for number, page in enumerate(reader.pages, start=1):
        stream = page.get_contents()
        assert stream is not None
        assert b"\x00" not in stream.get_data(), f"page {number} keeps a place"


def test_contents_entries_link_to_their_headings(reader: PdfReader, pages: list[str]) -> None:
    page = next(p for p, text in zip(reader.pages, pages, strict=True) if "目次" in text)
    links = [a.get_object() for a in page.get("/Annots", [])]
    dests = {str(a["/Dest"]) for a in links if "/Dest" in a}
    assert len(dests) >= 20


def test_fonts_are_embedded_subsets(reader: PdfReader) -> None:
    seen = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            assert re.match(r"^/[A-Z]{6}\+", name), name
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), name
            seen.add(name.split("+", 1)[1].rsplit("-", 1)[0])  # drop the subset's key
    assert {"NotoSansTC-Regular", "NotoSansTC-Bold", "NotoSansJP-Regular"} <= seen
    assert {"SourceSansPro-Regular", "SourceSansPro-Bold"} <= seen
    assert not [n for n in seen if "Thin" in n or "Light" in n]


def test_outline_has_every_heading_nested_by_level(
    full_document: Document, reader: PdfReader
) -> None:
    flat: list[tuple[str, int]] = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                flat.append((item.title, depth))  # type: ignore[attr-defined]

    walk(reader.outline, 0)
    assert flat == [(h.label, h.level - 1) for h in full_document.headings()]


def test_metadata_language_and_dates_come_from_the_document(reader: PdfReader) -> None:
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "考察中國大陸國家級自主創新示範園區與戰略特色園區"
    assert meta.author == "行政院國家科學委員會"
    assert "稀土" in str(meta.get("/Keywords"))
    assert meta.get("/Creator") == "briefing"
    assert str(meta.get("/CreationDate")).startswith("D:20110927")
    assert str(meta.get("/ModDate")).startswith("D:20110927")
    assert reader.trailer["/Root"]["/Lang"] == "zh-TW"


def test_two_renders_are_byte_identical(full_document: Document, full_pdf: bytes) -> None:
    assert render_pdf(full_document) == full_pdf


def test_no_extracted_line_starts_with_closing_punctuation(pages: list[str]) -> None:
    bad = [
        line
        for text in pages
        for line in text.splitlines()
        if line.strip() and line.strip()[0] in CLOSING
    ]
    assert bad == []


def test_reportlab_fetches_nothing() -> None:
    assert list(rl_config.trustedSchemes) == []
    assert not rl_config.trustedHosts


# ------------------------------------------------------------- hand-built documents


def test_markup_in_text_prints_literally() -> None:
    nasty = '<b>R&D</b> x<y>z <font color="red">紅</font> <img src="/etc/passwd"/> &amp;'
    doc = _document(
        Heading(1, "壹、", "<i>標題</i>", "h1"),
        Paragraph(nasty),
        Table(
            columns=(TableColumn(1), TableColumn(1)),
            header=(("<b>欄</b>", "A&B"),),
            rows=(("<br/>", "1 < 2"),),
            caption=Caption("表1　<u>表</u>"),
        ),
    )
    text = "".join(_texts(render_pdf(doc)))
    squeezed = "".join(text.split())
    for literal in (nasty, "<i>標題</i>", "<b>欄</b>", "A&B", "<br/>", "1 < 2", "<u>表</u>"):
        assert "".join(literal.split()) in squeezed


def test_long_table_repeats_its_header_and_keeps_caption_and_source(tmp_path: Path) -> None:
    rows = tuple(
        (str(i), f"第{i}列的內容，較長的文字會在欄內換行以測試列高") for i in range(1, 121)
    )
    doc = _document(
        Paragraph("前言。"),
        Table(
            columns=(TableColumn(1, "center"), TableColumn(5)),
            header=(("編號", "內容說明"),),
            rows=rows,
            caption=Caption("表1　長表"),
            source="資料來源：測試",
        ),
    )
    texts = _texts(render_pdf(doc))
    table_pages = [t for t in texts if "第1列" in t or "第120列" in t or "列的內容" in t]
    assert len(table_pages) >= 3
    assert all("編號" in t and "內容說明" in t for t in table_pages)
    assert "表1" in table_pages[0]
    assert "資料來源：測試" in table_pages[-1]


def test_briefing_blocks_render(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader  # noqa: F401  (pillow is a reportlab dependency)

    image = tmp_path / "photo.png"
    Image.new("RGB", (400, 300), (30, 60, 120)).save(image)
    doc = _document(
        Masthead(
            "出國報告", "考察簡報", "首長摘要", "致：主任委員", "出國期間：100年9月", "內部參考"
        ),
        KeyFigures(
            (KeyFigure("960.4萬人", "從業人員", "資料來源：甲"), KeyFigure("8.0%", "占GDP")),
            title="關鍵數字",
        ),
        Chart(
            "bar",
            (ChartItem("甲", 8.0, "8.0%"), ChartItem("乙", 35.0, "35.0%")),
            Caption("圖1　長條"),
            unit="%",
            maximum=100.0,
            source="資料來源：乙",
        ),
        Chart(
            "column",
            (ChartItem("1988", 1, "1個"), ChartItem("省級升級", 35, "35個")),
            Caption("圖2　直條"),
        ),
        Chart(
            "pie",
            (ChartItem("博士", 4.5, "4.5萬人"), ChartItem("其他", 95.5, "95.5萬人")),
            Caption("圖3　圓餅"),
        ),
        Figure(Caption("圖4　有圖的照片"), image=str(image)),
        Figure(Caption("圖5　沒有圖的照片")),
        NumberedList(
            (
                ListItem(
                    "（一）",
                    "第一點",
                    paragraphs=("補充段落。",),
                    children=(ListItem("1.", "子點"),),
                ),
            )
        ),
        marking="內部參考",
    )
    texts = _texts(render_pdf(doc))
    squeezed = "".join("".join(texts).split())
    for literal in (
        "考察簡報",
        "960.4萬人",
        "從業人員",
        "35.0%",
        "35個",
        "博士",
        "圖4有圖的照片",
        "圖5沒有圖的照片",
        "（一）第一點",
        "補充段落。",
        "1.子點",
        "內部參考",
    ):
        assert literal in squeezed
    assert FOOTER.search(texts[0])  # no cover: numbering starts on the first page


def test_cover_fields_keep_their_lines() -> None:
    members = "甲君　主任委員\n乙君　科長\n丙君　局長"
    doc = _document(
        Cover(
            "出國報告（出國類別：考察）",
            "測試報告",
            fields=(CoverField("姓名職稱：", members), CoverField("報告日期：", "")),
        ),
        PageBreak(),
        Heading(1, "壹、", "目的", "h1"),
        Paragraph("內容。"),
    )
    texts = _texts(render_pdf(doc))
    lines = [line.strip() for line in texts[0].splitlines()]
    assert "姓名職稱：" in texts[0]
    assert [ln for ln in lines if ln.endswith(("主任委員", "科長", "局長"))] == members.split("\n")
    assert "報告日期：" in texts[0]
    assert FOOTER.search(texts[1]).groups() == ("1", "1")  # type: ignore[union-attr]


# ------------------------------------------------------------------ line breaking


SAMPLES = (
    "科技創新之思維，隨著全球科技產業的變化，不斷進行動態調整，尤其引領台灣科技產業發展的科學工業"
    "園區，更須與時並進，才能隨時接受時代的挑戰（立於頂峰引領風騷）。「創造經濟榮景」！",
    "中國大陸於1988年成立第一個國家高新技術產業開發區(簡稱高新區)，目前已有88個；園區生產總值"
    "31703.4億元，約占中國大陸GDP的8.0%；企業R&D經費占35.0%。",
    "資料來源：http://www.most.gov.cn//gxjscykfq/index.htm；本報告整理……——完。",
    "《中共中央、國務院關於科技體制改革的決定》並明確指出要在有條件的城市試辦新技術園區。",
)


def _widths(text: str) -> list[float]:
    """Advance widths in em: CJK one, narrow characters half."""
    return [1.0 if is_wide(ch) else 0.5 for ch in text]


def _check_rules(text: str, lines: list[Line], width: float) -> None:
    """Assert the break rules on every line of `text`."""
    assert lines[0].start == 0
    words = {m.span() for m in re.finditer(r"[^\s\u2010-\u206f\u2e80-\U0010ffff]+", text)}
    for line in lines:
        shown = text[line.start : line.end]
        assert shown, "empty line"
        core = shown.rstrip("".join(CANNOT_START))  # closing punctuation may hang
        assert sum(_widths(core)) <= width + 1e-6 or len(core) == 1, shown
        if line.start > 0:
            assert shown[0] not in CANNOT_START, shown
        if not line.last:
            assert shown[-1] not in CANNOT_END, shown
        for a, b in words:
            if b - a <= width / 0.5:  # a word that fits a line is never cut
                assert not a < line.start < b, (text[a:b], shown)


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("width", [3.0, 4.0, 5.5, 7.0, 10.0, 13.0, 21.0])
def test_break_rules_hold_at_narrow_widths(text: str, width: float) -> None:
    lines = break_lines(text, _widths(text), width, width)
    _check_rules(text, lines, width)
    assert "".join(text[ln.start : ln.end] for ln in lines).replace(" ", "") == text.replace(
        " ", ""
    )


def test_opening_bracket_goes_down_with_the_next_character() -> None:
    text = "一二三四（五六"
    lines = break_lines(text, _widths(text), 5, 5)
    assert [text[ln.start : ln.end] for ln in lines] == ["一二三四", "（五六"]


def test_closing_punctuation_pulls_a_character_down_with_it() -> None:
    text = "一二三四五。六七"
    lines = break_lines(text, _widths(text), 5, 5)
    assert [text[ln.start : ln.end] for ln in lines] == ["一二三四", "五。六七"]


def test_numbers_and_words_stay_whole() -> None:
    text = "占中國大陸GDP的8.0%；園區31703.4億元"
    lines = break_lines(text, _widths(text), 6, 6)
    shown = [text[ln.start : ln.end] for ln in lines]
    assert any("GDP" in s for s in shown)
    assert any("31703.4" in s for s in shown)
    assert any("8.0%；" in s for s in shown)


def test_overlong_url_is_cut_after_a_slash() -> None:
    url = "http://www.most.gov.cn//gxjscykfq/index.htm"
    lines = break_lines(url, _widths(url), 8, 8)
    shown = [url[ln.start : ln.end] for ln in lines]
    assert "".join(shown) == url
    assert len(shown) > 1
    assert shown[0] == "http://www.most."
    assert all(s[-1] in "/-.?&=_#" for s in shown[:-1]), shown


def test_hard_breaks_end_lines() -> None:
    text = "甲君\n乙君\n\n丙君"
    lines = break_lines(text, _widths(text), 10, 10)
    assert [text[ln.start : ln.end] for ln in lines] == ["甲君", "乙君", "", "丙君"]
    assert all(ln.last for ln in lines)


def test_single_character_last_line_is_avoided() -> None:
    text = "一二三四五六七八九十甲"
    lines = break_lines(text, _widths(text), 10, 10)
    assert [ln.end - ln.start for ln in lines] == [9, 2]


def test_real_paragraphs_break_by_the_rules_with_real_fonts(full_document: Document) -> None:
    env = Env(load_faces(full_document), make_styles(full_document.layout), LayoutState())
    texts = [b.text for b in full_document.blocks if isinstance(b, Paragraph)]
    spec = env.styles.body
    for width in (90.0, 150.0, 260.0):
        for text in texts:
            box = TextBox(env, text, spec.but(first_indent=2 * spec.size))
            lines = box.lines_for(width)
            for line in lines[1:]:
                assert text[line.start] not in CANNOT_START, text[line.start : line.end]
            for line in lines[:-1]:
                assert text[line.end - 1] not in CANNOT_END, text[line.start : line.end]
            assert all(ln.width <= width + 1e-6 for ln in lines[1:])


def test_page_breaks_never_leave_blank_pages_and_empty_documents_have_a_page() -> None:
    doc = _document(PageBreak(), PageBreak(), Paragraph("甲"), PageBreak(), PageBreak())
    assert [t for t in _texts(render_pdf(doc)) if "甲" in t] and len(_texts(render_pdf(doc))) == 1
    assert len(_texts(render_pdf(_document()))) == 1


def test_a_cell_taller_than_a_page_still_renders() -> None:
    doc = _document(
        Heading(1, "", "標題", "h1"),
        Table(columns=(TableColumn(1),), header=(("欄",),), rows=(("字" * 4000,), ("尾",))),
    )
    text = "".join("".join(_texts(render_pdf(doc))).split())
    assert text.count("字") == 4000
    assert "尾" in text


def test_reportlab_formats_numbers_with_its_c_accelerators() -> None:
    # rl_accel is a dependency: without it reportlab formats every coordinate in Python.
    from reportlab.lib import rl_accel

    assert type(rl_accel.fp_str).__name__ == "builtin_function_or_method"


def test_warm_renders_replaying_kept_layouts_give_a_cold_render_s_bytes(
    checked: Checked, full_document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A warm process keeps line breaks, column widths and drawn text boxes per face set
    # (briefing.render.pdf.fonts) and replays them; what it writes must not depend on
    # what it rendered before. Cold: every render starts with no face set kept.
    from briefing.fonts import shared_subsets
    from briefing.render.pdf import fonts
    from briefing.render.texts import document_texts

    organisation = next(a.name for a in checked.audiences if a.spec.per_organisation)
    documents = [full_document, composed(checked, "executive"), composed(checked, organisation)]
    texts = [text for document in documents for text in document_texts(document)]
    with shared_subsets(texts):
        warm = [render_pdf(document) for document in (*documents, *documents)]
        cold = []
        for document in documents:
            monkeypatch.setattr(fonts, "_FACES", type(fonts._FACES)())
            cold.append(render_pdf(document))
    assert warm == cold + cold


def test_a_replayed_chart_codes_its_labels_characters_as_drawing_it_would() -> None:
    # Labels whose characters no other text has: replaying the chart's operators must
    # still give them their codes in the font subset (else later text takes those codes).
    from briefing.document import Caption, Chart, ChartItem
    from briefing.render.pdf import fonts

    chart = Chart(
        kind="bar",
        items=(ChartItem("貓熊", 3.0, "3"), ChartItem("鯨鯊", 5.0, "5")),
        caption=Caption("圖1　動物"),
    )
    doc = _document(Paragraph("甲乙"), chart, Paragraph("丙丁熊"))
    fonts._FACES.clear()
    cold = render_pdf(doc)
    warm = render_pdf(doc)  # the chart replayed from the first render
    assert warm == cold
    assert "鯨鯊" in "".join("".join(_texts(warm)).split())
