"""The ODT renderer: read the package back, validate it against the OASIS ODF schema, and
let LibreOffice lay it out to compare with our own PDF."""

from __future__ import annotations

import functools
import importlib.resources
import io
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from briefing.document import (
    Block,
    Chart,
    Contents,
    Cover,
    Document,
    Figure,
    Heading,
    NumberedList,
    NumberFormat,
    PageBreak,
    Paragraph,
    Table,
    TableColumn,
)
from briefing.pipeline import Checked
from briefing.render.odt import render_odt
from briefing.render.pdf import render_pdf
from tests.conftest import CONTENT, build, composed
from tests.libreoffice import convert, packaged_fonts_config
from tests.test_render_docx import _png, make_document

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
}
AUDIENCES = ("full", "executive", "hsp", "ctsp", "stsp")
SOFFICE = shutil.which("soffice")


def a(name: str) -> str:
    """An attribute's Clark name from its prefixed name."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


@functools.cache
def schemas() -> tuple[etree.RelaxNG, etree.RelaxNG]:
    """The OASIS ODF 1.3 RelaxNG schemas (document and manifest) shipped by openxml-audit."""
    base = importlib.resources.files("openxml_audit") / "odf" / "schemas" / "odf-1.3"
    document = etree.RelaxNG(etree.parse(str(base / "OpenDocument-v1.3-schema.rng")))
    manifest = etree.RelaxNG(etree.parse(str(base / "OpenDocument-v1.3-manifest-schema.rng")))
    return document, manifest


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every audience built once as ODT (and PDF, to compare with)."""
    folder = tmp_path_factory.mktemp("out")
    assert build(folder, "--format", "odt", "--format", "pdf") == 0
    return folder / CONTENT.name


def part(data: bytes, name: str) -> etree._Element:
    """One XML part of an ODT, parsed."""
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


@pytest.fixture(scope="module")
def full(out: Path) -> bytes:
    return (out / "full.odt").read_bytes()


def test_every_odt_validates_against_the_odf_1_3_schema(out: Path) -> None:
    document_schema, manifest_schema = schemas()
    hand_built = render_odt(make_document())
    for name, data in [
        *((n, (out / f"{n}.odt").read_bytes()) for n in AUDIENCES),
        ("hand", hand_built),
    ]:
        for part_name in ("content.xml", "styles.xml", "meta.xml"):
            ok = document_schema.validate(part(data, part_name))
            assert ok, f"{name} {part_name}: {document_schema.error_log}"
        assert manifest_schema.validate(part(data, "META-INF/manifest.xml")), name


EDGE_CASES: dict[str, tuple[Block, ...]] = {
    "nothing": (),
    "a table with a header only": (
        Table(columns=(TableColumn(1), TableColumn(2)), header=(("甲", "乙"),), rows=()),
    ),
    "a table with no rows at all": (Table(columns=(TableColumn(1),), header=(), rows=()),),
    "a table with no columns": (Table(columns=(), header=(), rows=(("甲",),)),),
    "a heading deeper than ODF's ten levels": (Heading(12, "", "深", "deep"), Contents("目次", 3)),
    "contents without headings": (Contents("目次"),),
    "a list without items": (NumberedList(()),),
    "a layout table": (
        Table(
            columns=(TableColumn(1), TableColumn(1)),
            header=(("標籤", "值"),),
            rows=(("甲", "乙"),),
            layout_only=True,
        ),
    ),
    "a group that starts empty": (
        Table(
            columns=(TableColumn(1), TableColumn(1)),
            header=(("甲", "乙"),),
            rows=(("", "1"), ("", "2"), ("丙", "3")),
            grouped_columns=(0,),
        ),
    ),
    "a cover alone": (Cover("出國報告", "標題"),),
    "page breaks around a paragraph": (PageBreak(), PageBreak(), Paragraph("甲"), PageBreak()),
}


@pytest.mark.parametrize("numbered", [False, True], ids=["labels", "number formats"])
@pytest.mark.parametrize("case", EDGE_CASES)
def test_unusual_trees_still_give_valid_odt(case: str, numbered: bool) -> None:
    document = make_document()
    numbering = (NumberFormat("cjk-formal", suffix="、"), NumberFormat("decimal", levels=2))
    layout = replace(document.layout, numbering=numbering if numbered else ())
    data = render_odt(replace(document, blocks=EDGE_CASES[case], layout=layout))
    document_schema, _ = schemas()
    for part_name in ("content.xml", "styles.xml"):
        assert document_schema.validate(part(data, part_name)), document_schema.error_log


def test_the_schema_check_can_fail(full: bytes) -> None:
    document_schema, _ = schemas()
    content = part(full, "content.xml")
    h = content.find(".//text:h", NS)
    assert h is not None
    h.set(a("text:outline-level"), "first")
    assert not document_schema.validate(content)


def test_the_zip_has_mimetype_first_and_stored_then_sorted_fixed_entries(full: bytes) -> None:
    archive = zipfile.ZipFile(io.BytesIO(full))
    infos = archive.infolist()
    assert infos[0].filename == "mimetype"
    assert infos[0].compress_type == zipfile.ZIP_STORED and not infos[0].extra
    assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    names = [i.filename for i in infos[1:]]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    listed = {
        e.get("{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}full-path")
        for e in part(full, "META-INF/manifest.xml")
    }
    assert set(names) - {"META-INF/manifest.xml"} <= listed


def test_rendering_twice_gives_the_same_bytes() -> None:
    assert render_odt(make_document()) == render_odt(make_document())


def test_headings_carry_outline_levels_and_chinese_outline_numbering(full: bytes) -> None:
    content = part(full, "content.xml")
    headings = content.findall(".//text:h", NS)
    levels = {h.get(a("text:outline-level")) for h in headings}
    assert levels == {"1", "2"}
    first = next(h for h in headings if h.get(a("text:is-list-header")) != "true")
    assert first.text == "參訪目的及人員"  # the number comes from the outline style
    styles = part(full, "styles.xml")
    outline = styles.find(".//text:outline-style", NS)
    assert outline is not None
    level1, level2, level3 = outline.findall("text:outline-level-style", NS)[:3]
    assert level1.get(a("style:num-format")) == "壹, 貳, 參, ..."
    assert level1.get(a("style:num-suffix")) == "、"
    assert level2.get(a("style:num-format")) == "一, 二, 三, ..."
    assert (level3.get(a("style:num-prefix")), level3.get(a("style:num-suffix"))) == ("（", "）")
    heading1 = styles.find(".//style:style[@style:name='Heading_20_1']", NS)
    assert heading1 is not None and heading1.get(a("style:default-outline-level")) == "1"


def test_lists_count_in_list_styles_from_their_outline_level(full: bytes) -> None:
    content = part(full, "content.xml")
    lists = content.findall(".//office:text/text:list", NS)
    assert lists
    style = content.find(
        f".//text:list-style[@style:name='{lists[0].get(a('text:style-name'))}']", NS
    )
    assert style is not None
    first = style.find("text:list-level-style-number", NS)
    assert first is not None
    assert first.get(a("style:num-prefix")) == "（" and first.get(a("style:num-suffix")) == "）"
    # a list interrupted by a photo goes on counting
    assert content.findall(".//text:list-item[@text:start-value]", NS)


def test_styles_name_east_asian_fonts_and_languages(full: bytes) -> None:
    styles = part(full, "styles.xml")
    default = styles.find(
        ".//style:default-style[@style:family='paragraph']/style:text-properties", NS
    )
    assert default is not None
    assert default.get(a("style:language-asian")) == "zh"
    assert default.get(a("style:country-asian")) == "TW"
    assert default.get(a("fo:language")) == "en"
    assert default.get(a("style:font-name-asian")) == "標楷體"
    assert default.get(a("style:font-name")) == "Times New Roman"
    faces = {f.get(a("style:name")) for f in styles.findall(".//style:font-face", NS)}
    assert {"標楷體", "Times New Roman"} <= faces
    assert not any(n.startswith("Fonts/") for n in zipfile.ZipFile(io.BytesIO(full)).namelist())


def test_the_contents_is_an_index_prefilled_with_the_listed_headings(full: bytes) -> None:
    content = part(full, "content.xml")
    index = content.find(".//text:table-of-content", NS)
    assert index is not None
    entries = index.findall("text:index-body/text:p", NS)
    texts = ["".join(p.itertext()) for p in entries]
    assert texts[0].startswith("壹、參訪目的及人員")
    assert all(re.search(r"\d+$", t) for t in texts)
    assert not any("附錄" in t and "湖北省" in t for t in texts)  # unlisted headings stay out
    sources = index.findall(".//text:index-source-style", NS)
    assert [s.get(a("text:style-name")) for s in sources] == ["Heading_20_1", "Heading_20_2"]


def test_body_pages_are_numbered_from_one_after_an_unnumbered_cover(full: bytes) -> None:
    styles = part(full, "styles.xml")
    cover = styles.find(".//style:master-page[@style:name='Cover']", NS)
    assert cover is not None and cover.find("style:footer", NS) is None
    footer = styles.find(".//style:master-page[@style:name='Standard']/style:footer/text:p", NS)
    assert footer is not None
    assert "".join(footer.itertext()).startswith("第 ")
    assert footer.find("text:page-number", NS) is not None
    # the total is the page number of a bookmark at the end: the body's pages, not the cover
    total = footer.find("text:bookmark-ref", NS)
    assert total is not None and total.get(a("text:reference-format")) == "page"
    name = total.get(a("text:ref-name"))
    marks = part(full, "content.xml").findall(".//text:bookmark", NS)
    assert [m.get(a("text:name")) for m in marks] == [name]
    first = part(full, "content.xml").find(".//office:text/text:p", NS)
    assert first is not None
    auto = part(full, "content.xml").find(
        f".//style:style[@style:name='{first.get(a('text:style-name'))}']", NS
    )
    assert auto is not None and auto.get(a("style:master-page-name")) == "Cover"
    props = auto.find("style:paragraph-properties", NS)
    assert props is not None and props.get(a("style:page-number")) == "0"  # the body starts at 1


def test_tables_repeat_header_rows_merge_groups_and_use_named_cell_styles(full: bytes) -> None:
    content = part(full, "content.xml")
    tables = content.findall(".//table:table", NS)
    assert all(t.find("table:table-header-rows", NS) is not None for t in tables)
    itinerary = tables[0]
    spans = [
        c.get(a("table:number-rows-spanned"))
        for c in itinerary.iter(f"{{{NS['table']}}}table-cell")
    ]
    assert spans.count("3") == 3  # 武漢, 內蒙古, 北京 each over three days
    assert len(itinerary.findall(".//table:covered-table-cell", NS)) == 6
    cell_styles = {
        c.get(a("table:style-name")) for c in content.iter(f"{{{NS['table']}}}table-cell")
    }
    # one shared style per kind of cell, never one per cell
    kinds = {"TableCell", "TableHeadCell", "TableCellCompact", "TableHeadCellCompact"}
    assert {"TableCell", "TableHeadCell"} <= cell_styles <= kinds | {"KeyFigureCell"}
    automatic = content.findall(".//style:style[@style:family='table-cell']", NS)
    assert len(automatic) == 5


def test_charts_are_pictures_with_alternative_text(out: Path, checked: Checked) -> None:
    data = (out / "full.odt").read_bytes()
    frames = part(data, "content.xml").findall(".//draw:frame", NS)
    document = composed(checked, "full")
    charts = [b for b in document.blocks if isinstance(b, Chart)]
    assert len(frames) == len(charts) > 0
    for frame, chart in zip(frames, charts, strict=True):
        assert frame.findtext("svg:title", namespaces=NS) == chart.caption.printed
        assert frame.findtext("svg:desc", namespaces=NS) == chart.alt != ""
        href = frame.find("draw:image", NS).get(a("xlink:href"))  # type: ignore[union-attr]
        assert zipfile.ZipFile(io.BytesIO(data)).read(href).startswith(b"\x89PNG")


def test_photos_are_embedded_scaled_and_described(tmp_path: Path) -> None:
    photo = tmp_path / "photo.png"
    photo.write_bytes(_png(4000, 1000))
    document = make_document()
    blocks = tuple(
        replace(b, image=str(photo), alt="團員合影") if isinstance(b, Figure) else b
        for b in document.blocks
    )
    data = render_odt(replace(document, blocks=blocks))
    frame = part(data, "content.xml").find(".//draw:frame", NS)
    assert frame is not None and frame.findtext("svg:desc", namespaces=NS) == "團員合影"
    width = float(frame.get(a("svg:width"), "0").removesuffix("pt"))
    assert width == pytest.approx((210 - 50) * 72 / 25.4, rel=1e-3)  # fitted to the text width


def test_metadata_comes_from_the_tree_with_its_date(full: bytes) -> None:
    meta = part(full, "meta.xml")
    assert (
        meta.findtext(".//dc:title", namespaces=NS)
        == "考察中國大陸國家級自主創新示範園區與戰略特色園區"
    )
    assert meta.findtext(".//meta:creation-date", namespaces=NS) == "2011-09-27T00:00:00"
    assert meta.findtext(".//dc:language", namespaces=NS) == "zh-TW"


def test_trees_without_number_formats_print_their_labels() -> None:
    content = part(render_odt(make_document()), "content.xml")
    texts = ["".join(h.itertext()) for h in content.findall(".//text:h", NS)]
    assert "壹、參訪目的及人員" in texts
    item = next(
        p
        for p in content.findall(".//text:p", NS)
        if "".join(p.itertext()).startswith("（一）檢討")
    )
    assert item.text == "（一）" and item[0].tag == f"{{{NS['text']}}}tab"  # label, tab, text


# ----------------------------------------------------------------------- LibreOffice


def reading_text(pdf: Path, document: Document) -> str:
    """A PDF's text in content order, without page furniture, repeated table headers and
    contents leaders and page numbers (which depend on where pages break), squeezed."""
    from pypdf import PdfReader

    # pypdf reads in drawing order: cell by cell in both PDFs, where pdftotext interleaves
    # the lines of neighbouring cells.
    text = "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    layout = document.layout
    footer = (
        re.escape(layout.footer_format).replace(r"\{page\}", r"\d+").replace(r"\{pages\}", r"\d+")
    )
    footer = re.sub(r"(\\ )+", r"\\s*", footer)
    kept = []
    for line in text.splitlines():
        if re.fullmatch(footer, line.strip()):
            continue
        kept.append(
            line.replace(layout.header_text, "").replace(layout.marking, "")
            if layout.header_text
            else line
        )
    squeezed = re.sub(r"\s+", "", "".join(kept))
    for block in document.blocks:
        if isinstance(block, Table):
            for row in block.header:
                squeezed = squeezed.replace(re.sub(r"\s+", "", "".join(row)), "")
    return re.sub(r"\.{3,}\d*", "", squeezed)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("audience", ["full", "executive", "hsp"])
def test_libreoffice_lays_out_the_same_text_as_our_pdf(
    checked: Checked, tmp_path: Path, audience: str
) -> None:
    document = composed(checked, audience)
    # Charts are vectors with their words in our PDF and pictures in the ODT: left out here.
    document = replace(
        document, blocks=tuple(b for b in document.blocks if not isinstance(b, Chart))
    )
    ours = tmp_path / "ours.pdf"
    ours.write_bytes(render_pdf(document))
    odt = tmp_path / "report.odt"
    odt.write_bytes(render_odt(document))
    theirs = convert(odt, tmp_path)
    expected, actual = reading_text(ours, document), reading_text(theirs, document)
    assert "壹、" in actual and "（一）" in actual  # numbers LibreOffice counted itself
    assert tables_sorted(actual, document) == tables_sorted(expected, document)


def _opening(block: object) -> str:
    """The first words a block prints, squeezed ('' for blocks without text of their own)."""
    match block:
        case Heading():
            text = block.label
        case Paragraph():
            text = block.text
        case NumberedList():
            text = block.items[0].label + block.items[0].text if block.items else ""
        case Table() | Figure() | Chart():
            text = block.caption.printed if block.caption else ""
        case _:
            text = ""
    return re.sub(r"\s+", "", text)[:12]


def tables_sorted(text: str, document: Document) -> str:
    """`text` with the characters of each table's body sorted: LibreOffice's PDF writes a
    wrapped cell's lines between those of its row's other cells, so only the order of
    everything around tables, and each table's characters, can be compared."""
    blocks = document.blocks
    position = 0
    for index, block in enumerate(blocks):
        if not isinstance(block, Table) or not block.caption:
            continue
        start = text.index(_opening(block), position) + len(_opening(block))
        after = next((o for b in blocks[index + 1 :] if (o := _opening(b))), "")
        end = text.index(after, start) if after else len(text)
        text = text[:start] + "".join(sorted(text[start:end])) + text[end:]
        position = end
    return text


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_gives_the_full_report_as_many_pages_as_our_pdf(
    out: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    theirs = convert(out / "full.odt", tmp_path)
    pages = len(PdfReader(theirs).pages)
    assert abs(pages - len(PdfReader(out / "full.pdf").pages)) <= 1
    texts = [re.sub(r"\s+", "", page.extract_text() or "") for page in PdfReader(theirs).pages]
    assert "第1頁" not in texts[0] and f"第1頁／共{pages - 1}頁" in texts[1]
    assert f"第{pages - 1}頁／共{pages - 1}頁" in texts[-1]  # the cover is not counted


def _system_uno() -> str | None:
    """The system python3, if it has LibreOffice's UNO bridge (the venv's python has not)."""
    python = shutil.which("python3", path="/usr/bin:/usr/local/bin")
    if SOFFICE is None or python is None:
        return None
    found = subprocess.run([python, "-c", "import uno"], capture_output=True, check=False)
    return python if found.returncode == 0 else None


UNO_PYTHON = _system_uno()


@pytest.mark.skipif(UNO_PYTHON is None, reason="LibreOffice's Python bridge is not installed")
def test_the_contents_updated_by_libreoffice_lists_the_headings_at_their_pages(
    out: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    script = Path(__file__).parent / "tools" / "lo_update_indexes.py"
    updated = tmp_path / "updated.pdf"
    env = dict(os.environ, FONTCONFIG_FILE=str(packaged_fonts_config(tmp_path)))
    subprocess.run(
        [
            str(UNO_PYTHON),
            str(script),
            str(out / "full.odt"),
            str(updated),
            str(tmp_path / "lo"),
        ],
        check=True,
        timeout=300,
        env=env,
    )
    # squeezed, which also drops the space LibreOffice writes after an entry's number
    pages = [re.sub(r"\s+", "", p.extract_text() or "") for p in PdfReader(updated).pages]
    footers = [int(m.group(1)) if (m := re.search(r"第(\d+)頁", p)) else 0 for p in pages]
    contents = next(i for i, p in enumerate(pages) if "目次" in p)
    index = part((out / "full.odt").read_bytes(), "content.xml").find(
        ".//text:table-of-content", NS
    )
    assert index is not None
    labels = [
        re.sub(r"\d+$", "", "".join(p.itertext()))  # pre-filled: label, tab, page
        for p in index.findall("text:index-body/text:p", NS)
    ]
    assert len(labels) > 20
    # no more entries than ours: headings kept out of the contents stay out
    assert len(re.findall(r"\.{4,}\d+", pages[contents])) == len(labels)
    for label in labels:
        found = re.search(re.escape(label) + r"\.+(\d+)", pages[contents])
        assert found, label  # LibreOffice made the same entry
        body = next(i for i in range(contents + 1, len(pages)) if label in pages[i])
        assert footers[body] == int(found.group(1)), label


def test_spaces_tabs_and_line_breaks_survive_as_odf_elements() -> None:
    from briefing.render.odt.odf import add_text, el

    p = add_text(el("text:p"), " 甲  乙\t丙\n丁\x01")
    assert [child.tag.split("}")[1] for child in p] == ["s", "s", "tab", "line-break"]
    assert p[1].get(a("text:c")) == "1"  # two spaces: one as text, one marked
    assert (p.text, p[0].tail, p[1].tail, p[2].tail, p[3].tail) == (None, "甲 ", "乙", "丙", "丁")
