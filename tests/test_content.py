"""The bundled 2011 content: complete, clean, and faithful to the source."""

from __future__ import annotations

import re
from collections import Counter

from briefing.model.content import text_roots
from briefing.model.stats import TableDataset
from briefing.model.walk import iter_texts
from briefing.pipeline import Checked
from tests.conftest import SEED

EXPECTED_WARNINGS = Counter(
    {
        "ABSTRACT_LENGTH": 1,  # the source's abstract runs past the format's 300 characters
        "REPORT_DATE_MISSING": 1,  # the source carries no report date
        "COUNT_MISMATCH": 1,  # 包頭 says 83 zones where the rest says 88
        "SOURCE_EDITORIAL": 4,  # one per datasets file whose citations the editors supplied
    }
)


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def appendix_blocks() -> list[str]:
    """The source appendix, one block of text per institution."""
    appendix = seed_text().split("附錄：拜訪機構主要洽談人", 1)[1]
    return [b for b in appendix.split("拜訪機構名稱：")[1:]]


def test_bundled_content_has_no_errors_and_only_the_expected_warnings(checked: Checked) -> None:
    assert checked.content is not None
    assert [d.render() for d in checked.diagnostics.errors] == []
    assert Counter(d.code for d in checked.diagnostics.warnings) == EXPECTED_WARNINGS


def test_the_83_zones_contradiction_is_reported_in_the_baotou_visit(checked: Checked) -> None:
    (mismatch,) = [d for d in checked.diagnostics.warnings if d.code == "COUNT_MISMATCH"]
    assert mismatch.location.file.endswith("visits/06-baotou-zone.yaml")
    assert "83" in mismatch.message and "88" in mismatch.message


def test_there_are_15_visits_in_the_source_order(checked: Checked) -> None:
    assert checked.content is not None
    visits = checked.content.visits_in_itinerary_order()
    assert len(visits) == 15
    names = [re.sub(r"\s+", "", b.split("\n", 1)[0]) for b in appendix_blocks()]
    assert [v.name for v in visits] == names


def test_every_appendix_contact_is_present(checked: Checked) -> None:
    assert checked.content is not None
    by_name = {v.name: v for v in checked.content.visits}
    total = 0
    for block in appendix_blocks():
        name = re.sub(r"\s+", "", block.split("\n", 1)[0])
        people = block.split("主要洽談人／職務：", 1)[1].split("時間：", 1)[0]
        lines = [line.strip() for line in people.splitlines() if line.strip()]
        contacts = by_name[name].contacts
        assert len(contacts) == len(lines), name
        for line, contact in zip(lines, contacts, strict=True):
            flat = re.sub(r"\s+", "", line)
            assert re.sub(r"\s+", "", contact.position) in flat
            if contact.name:
                assert flat.startswith(contact.name)
        total += len(lines)
    assert total == 73
    assert sum(len(v.contacts) for v in checked.content.visits) == total


def test_the_88_zones_are_all_there_in_order(checked: Checked) -> None:
    assert checked.content is not None
    zones = checked.content.dataset("national-zones")
    assert isinstance(zones, TableDataset)
    assert [row["no"] for row in zones.rows] == list(range(1, 89))
    source = seed_text()
    for row in zones.rows:
        assert f"\t{row['name']}\n" in source


def test_the_approval_batches_add_up_to_88(checked: Checked) -> None:
    assert checked.content is not None
    approvals = checked.content.dataset("zone-approvals")
    assert isinstance(approvals, TableDataset)
    assert sum(int(row["count"] or 0) for row in approvals.rows) == 88  # type: ignore[arg-type]
    assert approvals.corrections, "the 36 → 35 correction must say why"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


NUMBERING = re.compile(
    r"^(?:[壹貳參肆伍陸柒捌玖拾]、|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|"
    r"[0-9]+\.|（[0-9]+）|10(?=目前))"
)


STRUCTURED = re.compile(
    # members (name, title, organisation are fields) and itinerary regions (name, dates)
    r"^(國科會|南部科學工業園區|中部科學工業園區|工研院|科政中心)[:：]"
    r"|\([0-9]+/[0-9]+~[0-9]+/[0-9]+\)$"
)


def test_every_sentence_of_the_source_is_in_the_content(checked: Checked) -> None:
    """Each sentence of the source's prose appears verbatim in some text of the content."""
    assert checked.content is not None
    corpus = "\n".join(
        _normalise(text) for root in text_roots(checked.content) for _, text in iter_texts(root)
    )
    body = seed_text().split("附錄：拜訪機構主要洽談人", 1)[0]
    missing = []
    for line in body.splitlines():
        line = NUMBERING.sub("", line.strip())
        for sentence in re.split(r"(?<=[。；！？])", line):
            flat = _normalise(sentence)
            if len(flat) < 12:  # headings and table cells are structure, checked elsewhere
                continue
            if STRUCTURED.search(flat) or flat.rstrip("：:") in corpus:
                continue
            missing.append(sentence.strip())
    assert missing == []


def test_the_delegation_is_the_sources_twelve_members(checked: Checked) -> None:
    assert checked.content is not None
    members = checked.content.report.members
    section = seed_text().split("二、參訪人員：", 1)[1].split("貳、參訪行程", 1)[0]
    assert len(members) == 12
    for member in members:
        surname, given = member.name[0], member.name[1:]
        assert surname in section and given in section and member.title in section
    assert {m.organisation_id for m in members if m.organisation_id} == {"stsp", "ctsp"}
