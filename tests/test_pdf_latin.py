"""Latin typesetting in the PDF: justification by word spaces, dictionary hyphenation,
no word split without a hyphen, and the optional space between CJK and Latin runs."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.cli import main
from briefing.document import Document, Paragraph
from briefing.pipeline import Checked, check_folder
from briefing.render.pdf import render_pdf
from briefing.render.pdf.fonts import load_faces
from briefing.render.pdf.hyphens import dictionary_name, hyphenator
from briefing.render.pdf.text import Hyphenation, break_lines
from briefing.render.texts import document_texts
from tests import test_pdf_tags as tags
from tests.conftest import CONTENT, ROOT, STYLES, audience_of, composed
from tests.test_pdf_tags import _expected, _squeeze, _struct_text, needs_poppler
from tests.test_render_pdf import _document

ENGLISH = ROOT / "content" / "example-english-delegation"
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
MM = 72 / 25.4


@pytest.fixture(scope="module")
def english() -> Checked:
    """The English example content, checked."""
    return check_folder(ENGLISH, STYLES)


@pytest.fixture(scope="module")
def english_full(english: Checked) -> Document:
    """The English example's full report."""
    return composed(english, "full")


@pytest.fixture(scope="module")
def english_pdf(english_full: Document) -> bytes:
    """The English example's full report, rendered."""
    return render_pdf(english_full)


def _lines(data: bytes) -> list[str]:
    """Return every extracted line of every page."""
    pages = PdfReader(io.BytesIO(data)).pages
    return [line.strip() for page in pages for line in page.extract_text().splitlines()]


def _words(data: bytes) -> list[tuple[str, float, float, float]]:
    """Return (text, xMin, xMax, yMin) of every word pdftotext finds."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    out = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    found = re.findall(
        r'<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>',
        out,
    )
    words: list[tuple[str, float, float, float]] = []
    page = 0
    for x0, y0, x1, text in found:
        if not x0:  # a new page: keep lines of different pages apart
            page += 1
            continue
        words.append((text, float(x0), float(x1), float(y0) + 1000 * page))
    return words


def _source_words(document: Document) -> set[str]:
    """Return every word of every text the document may print."""
    return {w for text in document_texts(document) for w in WORD.findall(text)}


# ------------------------------------------------------------------ justification


def test_justified_english_lines_widen_word_gaps_not_letters() -> None:
    body = "The delegation attended plenary sessions on the evaluation of research funding "
    doc = _document(Paragraph(body * 6), header_text="", footer_format="")
    data = render_pdf(doc)
    faces = load_faces(doc)
    size = doc.layout.body.size
    right = (doc.layout.page_width_mm - doc.layout.margin_right_mm) * MM
    rows: dict[float, list[tuple[str, float, float]]] = defaultdict(list)
    for text, x0, x1, y in _words(data):
        rows[round(y, 1)].append((text, x0, x1))
    lines = [sorted(row, key=lambda w: w[1]) for _, row in sorted(rows.items())]
    justified = lines[:-1]  # the last line of the paragraph is never justified
    assert len(justified) >= 3
    space = faces.width(" ", size)
    for line in justified:
        assert line[-1][2] == pytest.approx(right, abs=0.05)
        gaps = [b[1] - a[2] for a, b in itertools.pairwise(line)]
        # Equal word gaps, each wider than a plain space (the slack went there) …
        assert max(gaps) - min(gaps) < 0.02, gaps
        assert min(gaps) > space
        # … and every word exactly its natural width: no letter spacing.
        for text, x0, x1 in line:
            assert x1 - x0 == pytest.approx(faces.width(text, size), abs=0.02), text
    last = lines[-1]
    gaps = [b[1] - a[2] for a, b in itertools.pairwise(last)]
    assert max(gaps) == pytest.approx(space, abs=0.02)  # the last line is set as written


def test_a_very_loose_latin_line_is_set_ragged() -> None:
    # Each line holds a short word and a long one; justified, its one gap would be huge.
    text = "Go incomprehensibilities " * 4
    doc = _unhyphenated(
        _document(Paragraph(text), header_text="", footer_format="", page_width_mm=90)
    )
    words = _words(render_pdf(doc))
    right = (doc.layout.page_width_mm - doc.layout.margin_right_mm) * MM
    rows: dict[float, list[tuple[str, float, float]]] = defaultdict(list)
    for text, x0, x1, y in words:
        rows[round(y, 1)].append((text, x0, x1))
    assert len(rows) >= 3
    faces = load_faces(doc)
    size = doc.layout.body.size
    for i, row in enumerate(rows.values()):
        if i:  # the first line, indented, is full: "Go incomprehensibilities Go"
            assert max(x1 for *_, x1 in row) < right - 5
        for word, x0, x1 in row:  # not letter-spaced either
            assert x1 - x0 == pytest.approx(faces.width(word, size), abs=0.02), word


def _unhyphenated(document: Document) -> Document:
    """Return `document` with a Latin language pyphen has no dictionary for."""
    meta = replace(document.metadata, latin_language="xx")
    return replace(document, metadata=meta)


def test_mixed_lines_widen_spaces_and_cjk_gaps_but_not_latin_words() -> None:
    text = "本園區與 Venture Capital 業者合作，共同投資新創公司並分享研究設施。" * 6
    doc = _document(Paragraph(text), header_text="", footer_format="")
    faces = load_faces(doc)
    size = doc.layout.body.size
    right = (doc.layout.page_width_mm - doc.layout.margin_right_mm) * MM
    words = _words(render_pdf(doc))
    ends: dict[float, float] = defaultdict(float)
    for _, _, x1, y in words:
        ends[y] = max(ends[y], x1)
    justified = {y for y, end in ends.items() if end == pytest.approx(right, abs=0.05)}
    latin = [w for w in words if w[0] in ("Venture", "Capital") and w[3] in justified]
    assert len(latin) >= 2
    for word, x0, x1, _ in latin:
        assert x1 - x0 == pytest.approx(faces.width(word, size), abs=0.02), word


def test_pure_chinese_lines_are_still_letter_spaced() -> None:
    doc = _document(Paragraph("這是一段用來填滿版面的文字，內容並不重要。" * 8))
    words = _words(render_pdf(doc))
    right = (doc.layout.page_width_mm - doc.layout.margin_right_mm) * MM
    full_lines = [w for w in words if w[2] == pytest.approx(right, abs=0.05)]
    assert len(full_lines) >= 2


# --------------------------------------------------------------------- hyphenation


def test_hyphenated_breaks_in_the_english_example_come_from_the_dictionary(
    english_full: Document, english_pdf: bytes
) -> None:
    points = hyphenator(english_full.metadata.latin_language)
    source = _source_words(english_full)
    lines = _lines(english_pdf)
    found = 0
    for line, following in itertools.pairwise(lines):
        end = re.search(r"([A-Za-z]+)-$", line)
        start = re.match(r"[a-z]+", following)
        if not (end and start):
            continue
        head, tail = end.group(1), start.group(0)
        if f"{head}-{tail}" in " ".join(document_texts(english_full)):
            continue  # a hyphen of the text (Mei-hua), not one the breaker added
        word = head + tail
        assert word in source or word.capitalize() in source, word
        assert len(head) in points(word), (head, tail)
        assert len(head) >= 2 and len(tail) >= 3
        found += 1
    assert found >= 1


def test_no_word_of_the_english_example_is_split_without_a_hyphen(
    english: Checked, tmp_path: Path
) -> None:
    assert main(["build", str(ENGLISH), "--styles", str(STYLES), "--out", str(tmp_path)]) == 0
    for audience in english.audiences:
        assert english.content is not None
        document = composed(english, audience.name)
        source = _source_words(document)
        data = (tmp_path / ENGLISH.name / f"{audience.name}.pdf").read_bytes()
        text = "\n".join(_lines(data))
        # Join words the breaker hyphenated; a text's own hyphen (Mei-hua) splits anyway.
        text = re.sub(r"([A-Za-z])-\n([a-z])", r"\1\2", text)
        stray = {w for w in WORD.findall(text) if w not in source}
        assert not stray, (audience.name, sorted(stray))


@needs_poppler
def test_the_tag_tree_of_the_english_example_still_reads_whole(
    english_full: Document, english_pdf: bytes, tmp_path: Path
) -> None:
    # The same checks as the Chinese reports' (tests/test_pdf_tags.py), hyphens set aside:
    # the hyphens the breaker draws are tagged text of their paragraph.
    tags.test_every_text_operator_is_tagged_content_or_an_artifact({"full": english_pdf})
    text = _squeeze(_struct_text(english_pdf, tmp_path))
    assert "Inter-national" in text  # the breaker did hyphenate here
    pattern = _expected(english_full).replace("\\-", "")
    assert re.fullmatch(pattern, text.replace("-", ""), re.DOTALL)


def test_breaks_keep_two_letters_before_and_three_after_the_hyphen() -> None:
    points = hyphenator("en-GB")
    text = "aa internationalisation"
    widths = [1.0] * len(text)
    hyphenation = Hyphenation(points, 1.0)
    for width in range(8, 23):
        lines = break_lines(text, widths, width, width, hyphenation=hyphenation)
        for line in lines:
            assert line.width <= width + 1e-6
            if line.hyphen:
                word = text[3:]
                cut = line.end - 3
                assert 2 <= cut <= len(word) - 3
                assert cut in points(word)


def test_latin_words_inside_chinese_text_break_before_rather_than_hyphenate() -> None:
    points = hyphenator("en")
    text = "我們參觀了Research中心"
    lines = break_lines(text, [1.0] * len(text), 12, 12, hyphenation=Hyphenation(points, 1.0))
    assert not any(line.hyphen for line in lines)
    assert text[lines[0].start : lines[0].end] == "我們參觀了"


def test_no_cjk_latin_space_is_counted_at_a_line_end() -> None:
    text = "中文AB中文"
    kerns = [0.0, 1.0, 0.0, 1.0, 0.0, 0.0]
    lines = break_lines(text, [1.0] * 6, 2, 2, kerns=kerns)
    assert [text[line.start : line.end] for line in lines] == ["中文", "AB", "中文"]
    assert [line.width for line in lines] == [2.0, 2.0, 2.0]
    assert break_lines(text, [1.0] * 6, 9, 9, kerns=kerns)[0].width == 8.0


def test_a_word_longer_than_the_line_is_still_cut() -> None:
    text = "x" * 40
    lines = break_lines(text, [1.0] * 40, 10, 10, hyphenation=Hyphenation(lambda w: (), 1.0))
    assert "".join(text[line.start : line.end] for line in lines) == text
    assert all(line.width <= 10 for line in lines)


def test_hyphenation_follows_the_documents_latin_language() -> None:
    assert dictionary_name("en-GB") == "en_GB"
    assert dictionary_name("en") == "en_US"
    assert dictionary_name("zh-TW") is None
    assert hyphenator("xx")("internationalisation") == ()
    assert hyphenator("en-GB")("internationalisation")
    text = "The delegation discussed internationalisation with its counterparts " * 4
    hyphenated = _document(Paragraph(text), page_width_mm=100)
    meta = hyphenated.metadata.__class__(**{**hyphenated.metadata.__dict__, "latin_language": "xx"})
    plain = Document(meta, hyphenated.layout, hyphenated.blocks)
    ends = ["\n".join(_lines(render_pdf(d))) for d in (hyphenated, plain)]
    assert re.search(r"[a-z]-\n", ends[0])
    assert not re.search(r"[a-z]-\n", ends[1])


# ------------------------------------------------------------------------ Chinese


@pytest.mark.parametrize(
    ("audience", "pages"), [("full", 24), ("ctsp", 8), ("hsp", 8), ("stsp", 7), ("executive", 2)]
)
def test_the_chinese_outputs_keep_their_page_counts(
    checked: Checked, audience: str, pages: int
) -> None:
    data = render_pdf(composed(checked, audience))
    assert len(PdfReader(io.BytesIO(data)).pages) == pages


# ---------------------------------------------------------------- CJK-Latin spacing

MIXED = "本園區與IBM及Google合作研發AI晶片"
"""Six switches between CJK and Latin letters."""


def _width_of_line(data: bytes) -> float:
    words = _words(data)
    top = min(y for *_, y in words)
    line = [w for w in words if w[3] == top]
    return max(w[2] for w in line) - min(w[1] for w in line)


def test_the_cjk_latin_space_widens_mixed_lines() -> None:
    plain = _document(Paragraph(MIXED), header_text="", footer_format="")
    spaced = _document(Paragraph(MIXED), header_text="", footer_format="", cjk_latin_space=0.25)
    size = plain.layout.body.size
    widths = [_width_of_line(render_pdf(d)) for d in (plain, spaced)]
    assert widths[1] - widths[0] == pytest.approx(6 * 0.25 * size, abs=0.1)


def test_spaced_mixed_lines_still_fit_their_width() -> None:
    doc = _document(Paragraph(MIXED * 12), header_text="", footer_format="", cjk_latin_space=0.25)
    right = (doc.layout.page_width_mm - doc.layout.margin_right_mm) * MM
    assert max(x1 for _, _, x1, _ in _words(render_pdf(doc))) <= right + 0.05


def test_a_template_sets_the_cjk_latin_space(tmp_path: Path) -> None:
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    (styles / "spaced.yaml").write_text(
        "extends: full\ntypography:\n  cjk_latin_space: 0.25\n", encoding="utf-8"
    )
    checked = check_folder(CONTENT, styles, ["spaced", "full"])
    assert checked.content is not None
    assert composed(checked, "spaced").layout.cjk_latin_space == 0.25
    # Off by default: the bundled templates leave the Chinese outputs as they were.
    assert composed(checked, "full").layout.cjk_latin_space == 0
    assert audience_of(checked, "spaced").spec.typography.cjk_latin_space == 0.25


def test_a_template_cannot_ask_for_more_than_a_quarter_em(tmp_path: Path) -> None:
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    (styles / "spaced.yaml").write_text(
        "extends: full\ntypography:\n  cjk_latin_space: 0.5\n", encoding="utf-8"
    )
    checked = check_folder(CONTENT, styles, ["spaced"])
    assert any("cjk_latin_space" in str(d) for d in checked.diagnostics.items)
