"""Compose: the document tree per audience, compared with reviewed golden dumps."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from briefing.compose import compose
from briefing.compose.numbering import chinese_numeral, format_label, scheme_of
from briefing.document import Heading, NumberedList, Table
from briefing.dump import dump
from briefing.pipeline import Checked, check_folder
from tests.conftest import GALLERY, ROOT, STYLES, audience_of, composed

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("BRIEFING_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("folder", GALLERY)
def test_document_trees_match_their_golden_dumps(folder: str) -> None:
    """Set BRIEFING_UPDATE_GOLDEN=1 to rewrite the dumps, then review the diff."""
    checked = check_folder(ROOT / "content" / folder, STYLES)
    assert checked.content is not None and checked.audiences
    assert not checked.diagnostics.has_errors, checked.diagnostics.sorted()
    written = {a.name for a in checked.audiences}
    for audience in checked.audiences:
        text = dump(compose(checked.content, audience))
        golden = GOLDEN / folder / f"{audience.name}.txt"
        if UPDATE or not golden.exists():
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(text, encoding="utf-8")
        assert text == golden.read_text(encoding="utf-8"), f"{folder}/{audience.name}"
    stale = {p.stem for p in (GOLDEN / folder).glob("*.txt")} - written
    assert not stale, f"golden dumps of audiences no longer built: {stale}"


def test_official_numbering_is_generated(checked: Checked) -> None:
    scheme = scheme_of(audience_of(checked, "full").locale)

    def label(level: int, n: int) -> str:
        return format_label(scheme, level, [*[1] * (level - 1), n])

    assert [label(1, n) for n in (1, 2, 3, 4, 5)] == ["壹、", "貳、", "參、", "肆、", "伍、"]
    assert [label(level, 1) for level in (2, 3, 4, 5)] == ["一、", "（一）", "1.", "（1）"]
    assert [chinese_numeral(n) for n in (10, 11, 15, 20, 99)] == [
        "十",
        "十一",
        "十五",
        "二十",
        "九十九",
    ]


def test_full_report_has_the_official_structure(checked: Checked) -> None:
    document = composed(checked, "full")
    chapters = [h.label for h in document.headings() if h.level == 1]
    assert chapters == [
        "摘要",
        "壹、參訪目的及人員",
        "貳、參訪行程",
        "參、中國大陸國家級高新技術產業開發區",
        "肆、訪談紀要",
        "伍、心得及建議事項",
        "附錄：拜訪機構主要洽談人",
    ]
    anchors = [h.anchor for h in document.blocks if isinstance(h, Heading)]
    assert len(anchors) == len(set(anchors))
    zones = next(b for b in document.blocks if isinstance(b, Table) and "高新區名稱" in b.header[0])
    assert len(zones.rows) == 44 and len(zones.header[0]) == 4  # two panels, like the source
    lists = [b for b in document.blocks if isinstance(b, NumberedList)]
    depth = max(_depth(item) for block in lists for item in block.items)
    assert depth >= 3


def _depth(item: object) -> int:
    children = getattr(item, "children", ())
    return 1 + max((_depth(c) for c in children), default=0)


def test_compose_and_the_model_never_import_a_renderer() -> None:
    for folder in ("compose", "model", "load", "checks", "style"):
        for path in (ROOT / "briefing" / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [node.module or ""]
                for name in names:
                    assert not name.startswith(("reportlab", "docx", "briefing.render")), path
