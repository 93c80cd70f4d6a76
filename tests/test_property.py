"""Arbitrary text in a content field: a diagnostic from a known set, or both documents carry it.

The text goes into two fields at once: the report's editorial summary, which the executive
briefing prints, and the first note of a visit, which the full report prints. Either
`briefing build` refuses with diagnostics from ALLOWED and writes nothing, or it builds both
audiences in both formats and the text can be read back from the PDF (pypdf) and the DOCX
(python-docx). `main` must never return 3 (an internal error).

Comparison allowances, and why:
- whitespace is removed on both sides: line breaking, justification and the trimming of
  surrounding space (a content rule) change it, and extraction adds line ends;
- both sides are NFC-normalised: PDF extraction may return a base letter and a combining
  mark composed or not, depending on the font's cmap;
- nothing else: format characters (Unicode category Cf, e.g. U+200B ZERO WIDTH SPACE,
  U+FEFF, U+00AD SOFT HYPHEN) and variation selectors, which the PDF cannot print and the
  DOCX would keep, are refused by `briefing check` (INVISIBLE_CHAR, BIDI_CHAR), so a text
  that builds reads the same in both formats (issue #16).
"""

from __future__ import annotations

import io
import json
import re
import shutil
import unicodedata
import zipfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from lxml import etree
from pypdf import PdfReader

from tests.conftest import CONTENT, build

ALLOWED = {
    "CONTROL_CHAR",
    "BIDI_CHAR",
    "MISSING_GLYPH",
    "PLACEHOLDER",
    "REPLACEMENT_CHAR",
    "INVISIBLE_CHAR",
    "EMPTY_TEXT",
    "SCHEMA_TYPE",
    "SCHEMA_MISSING",
}
"""Error codes that arbitrary text in a text field may legitimately get."""

SUMMARY = "  summary: 中國大陸自1988年起設立國家高新技術產業開發區"
NOTE = '"湖北省科學技術廳的主要職責略以："'
CODE = re.compile(r": error: \[([A-Z_]+)\]")
UNREADABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""Characters YAML wants escaped even in a double-quoted scalar (JSON leaves them raw)."""

PRINTABLE = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK ideographs
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # ASCII
    st.characters(min_codepoint=0xA0, max_codepoint=0x24F),  # Latin-1 and Latin Extended
    st.sampled_from(list("　，。、；：「」『』（）！？…—％°±×÷€£¥©®™→←★☆♪①②ⅠⅡ㎡")),
    st.characters(categories=["Mn"], max_codepoint=0x36F),  # combining diacritics
    st.sampled_from(["\t", "\n", "\r", " ", "\u00a0", "\u3000"]),
)
"""Characters of text people write: most examples of these should build."""
HOSTILE = st.one_of(
    PRINTABLE,
    st.characters(categories=["Cc"]),  # control characters
    st.sampled_from(["\u2028", "\u2029", "\u202e", "\u2066", "\ufffd", "\ue000", "\U000f0001"]),
    st.sampled_from(["\u200b", "\ufeff", "\u200e", "\u061c", "\u00ad", "\ufe0f", "\U000e0041"]),
    st.characters(exclude_categories=["Cs"]),  # anything but a lone surrogate
)
"""Any character at all, with a bias to those known to cause trouble."""
TEXTS = st.one_of(
    st.text(PRINTABLE, min_size=1, max_size=24), st.text(HOSTILE, min_size=1, max_size=24)
)


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text`."""
    quoted = json.dumps(text, ensure_ascii=False)
    return UNREADABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def comparable(text: str) -> str:
    """Text as it can be compared across formats (see the module docstring)."""
    return "".join(ch for ch in unicodedata.normalize("NFC", text) if not ch.isspace())


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(path).pages)


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "".join([p.text for p in document.paragraphs] + cells)


def odt_text(path: Path) -> str:
    """The text of an ODT's body, read back from content.xml (spaces are elements there)."""
    with zipfile.ZipFile(path) as archive:
        content = etree.fromstring(archive.read("content.xml"))
    return "".join(content.itertext())


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled content whose two fields are found by text replacement."""
    folder = tmp_path_factory.mktemp("template") / CONTENT.name
    shutil.copytree(CONTENT, folder)
    assert SUMMARY in (folder / "report.yaml").read_text(encoding="utf-8")
    assert NOTE in (folder / "visits" / "01-hubei-dost.yaml").read_text(encoding="utf-8")
    return folder


def build_with(template: Path, work: Path, text: str) -> tuple[int, str, Path]:
    """Put `text` into both fields of a fresh copy and build; (exit, stderr, out folder)."""
    if work.exists():
        shutil.rmtree(work)
    copy = work / CONTENT.name
    shutil.copytree(template, copy)
    report = copy / "report.yaml"
    lines = report.read_text(encoding="utf-8").split("\n")
    lines = [
        f"  summary: {yaml_string(text)}" if line.startswith(SUMMARY) else line for line in lines
    ]
    report.write_text("\n".join(lines), encoding="utf-8")
    visit = copy / "visits" / "01-hubei-dost.yaml"
    visit.write_text(
        visit.read_text(encoding="utf-8").replace(NOTE, yaml_string(text)), encoding="utf-8"
    )
    out = work / "out"
    err = io.StringIO()
    with redirect_stderr(err), redirect_stdout(io.StringIO()):
        code = build(out, "--audience", "full", "--audience", "executive", content=copy)
    return code, err.getvalue(), out / CONTENT.name


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=TEXTS)
@example(text="R&D <b>x</b> &amp; ]]> 𠀀")
@example(text="e\u0301\u200b甲\ufeff乙")
@example(text="\u3000 \t")
@example(text="甲\u2028乙\u2009丙\u205f丁\u202f戊\ufe0f己")  # no .notdef boxes (regression)
def test_any_text_is_reported_or_printed_in_every_format(
    template: Path, tmp_path: Path, text: str
) -> None:
    code, err, out = build_with(template, tmp_path / "work", text)
    event(f"exit {code}")
    assert code in (0, 1), err
    assert "Traceback" not in err
    if code == 1:
        codes = set(CODE.findall(err))
        assert codes, err
        assert codes <= ALLOWED, err
        assert not out.exists() or not any(out.iterdir())
        return
    wanted = comparable(text)
    for audience in ("executive", "full"):
        assert wanted in comparable(pdf_text(out / f"{audience}.pdf")), audience
        assert wanted in comparable(docx_text(out / f"{audience}.docx")), audience
        assert wanted in comparable(odt_text(out / f"{audience}.odt")), audience
