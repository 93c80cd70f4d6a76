"""Space between CJK and Latin runs: the editable formats follow the template, as the PDF does."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest

from briefing.pipeline import Checked
from briefing.render.docx import render_docx
from briefing.render.odt import render_odt
from tests.conftest import composed


@pytest.mark.parametrize(
    ("space", "word", "odf"), [(0.0, "0", "none"), (0.25, "1", "ideograph-alpha")]
)
def test_word_and_libreoffice_add_script_spacing_only_when_the_template_does(
    checked: Checked, space: float, word: str, odf: str
) -> None:
    document = composed(checked, "executive")
    document = replace(document, layout=replace(document.layout, cjk_latin_space=space))
    with zipfile.ZipFile(io.BytesIO(render_docx(document))) as docx:
        styles = docx.read("word/styles.xml").decode("utf-8")
    defaults = styles.split("<w:docDefaults>", 1)[1].split("</w:docDefaults>", 1)[0]
    assert f'<w:autoSpaceDE w:val="{word}"/>' in defaults
    assert f'<w:autoSpaceDN w:val="{word}"/>' in defaults
    with zipfile.ZipFile(io.BytesIO(render_odt(document))) as odt:
        assert f'style:text-autospace="{odf}"' in odt.read("styles.xml").decode("utf-8")
