"""Running headers are shortened to fit beside the marking, in every editable format."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import docx

from briefing.pipeline import Checked
from briefing.render.docx import render_docx
from briefing.render.furniture import ELLIPSIS, estimated_width, running_title, shorten
from briefing.render.odt import render_odt
from tests.conftest import composed

LONG = "考察中國大陸國家級自主創新示範園區與戰略特色園區" * 4


def test_a_title_that_fits_is_left_whole() -> None:
    assert shorten("短標題", 100, lambda t: estimated_width(t, 9)) == "短標題"


def test_a_long_title_is_cut_with_an_ellipsis_and_latin_text_at_a_space() -> None:
    chinese = shorten(LONG, 200, lambda t: estimated_width(t, 9))
    assert chinese.endswith(ELLIPSIS) and estimated_width(chinese, 9) <= 200
    assert LONG.startswith(chinese[:-1])
    latin = shorten(
        "Delegation to the Forum on Science and Innovation", 120, lambda t: len(t) * 5.0
    )
    assert latin.endswith(ELLIPSIS) and not latin[:-1].endswith(" ")
    assert "Delegation to the Forum on Science and Innovation".startswith(latin[:-1] + " ")


def test_docx_and_odt_headers_are_shortened_and_keep_the_marking(checked: Checked) -> None:
    document = composed(checked, "hsp")
    long = replace(document, layout=replace(document.layout, header_text=LONG))
    expected = running_title(long.layout)
    assert expected.endswith(ELLIPSIS) and len(expected) < len(LONG)
    word = docx.Document(io.BytesIO(render_docx(long)))
    header = word.sections[-1].header.paragraphs[0].text
    assert header == f"{expected}\t{long.layout.marking}"
    with zipfile.ZipFile(io.BytesIO(render_odt(long))) as odt:
        styles = odt.read("styles.xml").decode("utf-8")
    assert expected in styles and LONG not in styles
    assert re.search(re.escape(expected) + r".*" + long.layout.marking, styles)


def test_the_pdf_header_is_shortened_the_same_way_and_keeps_the_marking(checked: Checked) -> None:
    from pypdf import PdfReader

    from briefing.fonts import shared_subsets
    from briefing.render.pdf import render_pdf
    from briefing.render.texts import document_texts

    document = composed(checked, "hsp")
    long = replace(document, layout=replace(document.layout, header_text=LONG))
    with shared_subsets(document_texts(long)):
        pdf = render_pdf(long)
    first = PdfReader(io.BytesIO(pdf)).pages[0].extract_text() or ""
    assert running_title(long.layout) in first and LONG not in first
    assert long.layout.marking in first


def test_a_cut_never_leaves_a_separator_hanging_before_the_ellipsis() -> None:
    title = "Delegation to the Forum in Paris | Executive summary"
    cut = shorten(
        title,
        estimated_width("Delegation to the Forum in Paris |…", 9),
        lambda t: estimated_width(t, 9),
    )
    assert cut == "Delegation to the Forum in Paris…"
