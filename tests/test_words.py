"""Words are data: no label in any language is a literal of the compiler's code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.conftest import ROOT

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")

TYPOGRAPHIC_DATA = {
    "compose/numbering.py": "Chinese counting digits, a numbering system",
    "render/docx/numbering.py": "Chinese counting digits, to read labels back into counters",
    "render/odt/numbering.py": "ODF's names of the Chinese counting formats",
    "render/pdf/text.py": "CJK punctuation classes of the line breaker (clreq)",
    "render/charts/text.py": "CJK punctuation classes of the chart label breaker",
    "render/furniture.py": "separators a shortened header must not end with",
    "render/pdf/fonts.py": "the ideographic space among the space characters",
    "render/texts.py": "glyphs the page furniture needs in every font subset",
    "render/charts/scale.py": "the full-width percent sign is a percent unit",
    "compose/numbers.py": "the full-width percent sign is a percent unit",
    "checks/statistics.py": "number scales (萬, 億) and the full-width percent sign",
    "model/stats.py": "number scales (萬, 億) content may use",
    "checks/text.py": "placeholders writers type in Chinese (待填)",
    "render/docx/ooxml.py": "font names and their other names",
    "style/model.py": "the default DOCX font's name",
}
"""Files whose CJK literals are typographic data, not words; each says why."""


def _literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and CJK.search(node.value)
    ]


def test_no_chinese_literal_outside_comments_docstrings_and_typographic_data() -> None:
    package = ROOT / "briefing"
    found = []
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        if name in TYPOGRAPHIC_DATA:
            continue
        found.extend(f"{name}:{line}: {text!r}" for line, text in _literals(path))
    assert not found, "words belong in styles/locales/:\n" + "\n".join(found)


def test_every_typographic_exception_still_holds_cjk_data() -> None:
    package = ROOT / "briefing"
    for name in TYPOGRAPHIC_DATA:
        assert _literals(package / name), f"{name} no longer needs its exception"


def test_locales_define_the_same_words() -> None:
    import yaml

    locales = sorted((ROOT / "styles" / "locales").glob("*.yaml"))
    assert len(locales) >= 2
    keys = [set(yaml.safe_load(p.read_text(encoding="utf-8"))["words"]) for p in locales]
    assert all(k == keys[0] for k in keys)
