"""Tests for briefing.fonts: subsetting, instancing, caching, coverage and embedding."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fontTools.pens.areaPen import AreaPen
from fontTools.ttLib import TTFont

from briefing import fonts
from briefing.fonts import FontError, codepoints, get_source, missing_characters, prepare_fonts
from briefing.fonts.build import FIXED_TIMESTAMP

CHAIN = ("Noto Sans TC", "Noto Sans JP", "Noto Sans SC")
LATIN = "Source Sans Pro"
TEXT = "國家政策簡報：台灣產業與能源轉型，2024 年 Taiwan Café 報告。"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the font cache at a fresh temporary directory for every test."""
    path = tmp_path / "cache"
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(path))
    codepoints.cache_clear()
    yield path
    codepoints.cache_clear()


def _glyph_area(font: TTFont, char: str) -> float:
    """Return the absolute outline area of the glyph for `char`."""
    glyph_set = font.getGlyphSet()
    pen = AreaPen(glyph_set)
    glyph_set[font.getBestCmap()[ord(char)]].draw(pen)
    return abs(pen.value)


def _cjk_sample(count: int) -> str:
    """Return `count` CJK ideographs that Noto Sans TC covers, deterministically."""
    cover = codepoints("Noto Sans TC")
    return "".join(chr(cp) for cp in range(0x4E00, 0x9FFF) if cp in cover)[:count]


def test_unknown_font_lists_known_names() -> None:
    with pytest.raises(FontError, match="Noto Sans TC") as info:
        get_source("Comic Sans")
    assert "Source Sans Pro" in str(info.value)
    with pytest.raises(FontError):
        prepare_fonts("國", ["Comic Sans"], None)


def test_weight_outside_axis_range_is_rejected() -> None:
    with pytest.raises(FontError, match="weight"):
        prepare_fonts("國", ["Noto Sans TC"], None, weights=(1000,))


def test_bold_and_regular_are_real_weights() -> None:
    fs = prepare_fonts(TEXT, CHAIN, LATIN)
    regular = TTFont(fs.font("Noto Sans TC", 400).path)
    bold = TTFont(fs.font("Noto Sans TC", 700).path)
    assert "glyf" in regular and "fvar" not in regular and "gvar" not in regular
    assert regular["OS/2"].usWeightClass == 400
    assert bold["OS/2"].usWeightClass == 700
    assert regular["OS/2"].fsType == bold["OS/2"].fsType == 0
    bold_name = fs.font("Noto Sans TC", 700).ps_name
    assert bold_name.startswith("NotoSansTC-Bold-")  # the subset's key keeps names apart
    assert bold["name"].getDebugName(6) == bold_name
    assert regular["name"].getDebugName(6) == fs.font("Noto Sans TC", 400).ps_name
    with TTFont(get_source("Noto Sans TC").path(400), lazy=True) as source:
        thin_area = _glyph_area(source, "國")  # default instance of the variable font
    regular_area = _glyph_area(regular, "國")
    bold_area = _glyph_area(bold, "國")
    assert regular_area > 1.5 * thin_area
    assert bold_area > 1.3 * regular_area


def test_latin_face_is_static_subset() -> None:
    fs = prepare_fonts(TEXT, CHAIN, LATIN)
    assert fs.face_for("T") == LATIN
    assert fs.face_for("é") == LATIN
    assert fs.face_for("國") == "Noto Sans TC"
    assert fs.face_for("：") == "Noto Sans TC"
    bold = TTFont(fs.font(LATIN, 700).path)
    assert bold["OS/2"].usWeightClass == 700
    assert ord("é") in bold.getBestCmap()
    assert bold["name"].getDebugName(6) == fs.font(LATIN, 700).ps_name
    assert fs.font(LATIN, 700).ps_name.startswith("SourceSansPro-Bold-")


def test_missing_glyph_resolves_to_fallback() -> None:
    assert 0x7523 not in codepoints("Noto Sans TC")
    fs = prepare_fonts(TEXT + "産", CHAIN, LATIN)
    assert fs.face_for("産") == "Noto Sans JP"
    assert fs.used == ("Noto Sans TC", "Noto Sans JP", LATIN)
    jp = TTFont(fs.font("Noto Sans JP", 700).path)
    assert set(jp.getBestCmap()) == {0x20, 0x7523}
    assert jp["OS/2"].usWeightClass == 700
    tc = TTFont(fs.font("Noto Sans TC", 400).path)
    assert 0x7523 not in tc.getBestCmap()
    assert fs.runs("國 産") == [("Noto Sans TC", "國 "), ("Noto Sans JP", "産")]


def test_unused_fallback_gets_no_faces() -> None:
    fs = prepare_fonts("國家", CHAIN, None)
    assert fs.used == ("Noto Sans TC",)
    assert set(fs.faces) == {("Noto Sans TC", 400), ("Noto Sans TC", 700)}


def test_missing_characters_ignores_whitespace() -> None:
    text = "國\U0010fffd \t\n\u3000\u200b\ufe0f"
    assert missing_characters(text, CHAIN, LATIN) == {"\U0010fffd"}
    assert missing_characters("産", ["Noto Sans TC"], None) == {"産"}
    assert missing_characters("産", CHAIN, None) == set()
    fs = prepare_fonts("國", CHAIN, LATIN)
    assert fs.missing(text) == {"\U0010fffd"}
    assert fs.face_for("\U0010fffd") == "Noto Sans TC"


def test_output_is_deterministic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = TEXT + "産" + _cjk_sample(400)  # big enough to use the worker pool
    first = prepare_fonts(text, CHAIN, LATIN, parallel=True)
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "other"))
    second = prepare_fonts(text, CHAIN, LATIN, parallel=False)
    assert set(first.faces) == set(second.faces)
    for key, face in first.faces.items():
        other = second.faces[key]
        assert face.path != other.path and face.path.name == other.path.name
        assert face.path.read_bytes() == other.path.read_bytes()
        head = TTFont(face.path)["head"]
        assert head.created == head.modified == FIXED_TIMESTAMP


def test_cache_hit_builds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    first = prepare_fonts(TEXT, CHAIN, LATIN)
    mtimes = {face.path: face.path.stat().st_mtime_ns for face in first.faces.values()}
    built: list[object] = []
    monkeypatch.setattr("briefing.fonts.jobs.build_face", built.append)
    codepoints.cache_clear()  # a new process: cmaps come from the persisted cache
    second = prepare_fonts(TEXT, CHAIN, LATIN)
    assert built == []
    assert second.faces == first.faces
    assert {face.path: face.path.stat().st_mtime_ns for face in second.faces.values()} == mtimes


def test_cmap_cache_is_persisted(cache_dir: Path) -> None:
    parsed = codepoints("Noto Sans JP")
    files = list((cache_dir / "fonts").glob("cmap-NotoSansJP-*.u32"))
    assert len(files) == 1
    codepoints.cache_clear()
    assert codepoints("Noto Sans JP") == parsed
    assert 0x7523 in parsed


def test_different_text_gives_different_file() -> None:
    one = prepare_fonts("國", ["Noto Sans TC"], None, weights=(400,))
    two = prepare_fonts("國家", ["Noto Sans TC"], None, weights=(400,))
    path_one = one.font("Noto Sans TC", 400).path
    path_two = two.font("Noto Sans TC", 400).path
    assert path_one != path_two
    assert path_one.name.startswith("NotoSansTC-Regular-")


def test_is_latin() -> None:
    assert fonts.is_latin("a") and fonts.is_latin("9") and fonts.is_latin("ü")
    assert not fonts.is_latin("國") and not fonts.is_latin("，") and not fonts.is_latin("·")


def test_reportlab_embeds_and_pypdf_extracts() -> None:
    from pypdf import PdfReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont
    from reportlab.pdfgen import canvas

    text = "國家政策簡報：台灣產業"
    fs = prepare_fonts(text, CHAIN, LATIN)
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    y = 700
    for weight in (400, 700):
        face = fs.font("Noto Sans TC", weight)
        pdfmetrics.registerFont(ReportlabTTFont(face.register_name, str(face.path)))
        pdf.setFont(face.register_name, 14)
        pdf.drawString(72, y, text)
        y -= 30
    pdf.save()
    data = buf.getvalue()
    assert b"NotoSansTC-Bold" in data and b"NotoSansTC-Regular" in data
    extracted = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert extracted.count(text) == 2


def test_different_subsets_have_different_postscript_names(cache_dir: Path) -> None:
    one = prepare_fonts("國科會", ["Noto Sans TC"], None, weights=(400,))
    two = prepare_fonts("科學園區", ["Noto Sans TC"], None, weights=(400,))
    assert one.font("Noto Sans TC", 400).ps_name != two.font("Noto Sans TC", 400).ps_name
