"""Reading YAML: marks for every value, YAML 1.1 surprises avoided, hostile files refused."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from briefing.load.yaml_source import YamlLoadError, parse_yaml, read_yaml


def test_plain_scalars_follow_yaml_1_2_core_rules() -> None:
    doc = parse_yaml("a: no\nb: 12:30\nc: 010\nd: 2011-09-19\ne: true\nf: 1.5\ng: ~\nh: on\n", "t")
    assert doc.data == {
        "a": "no",
        "b": "12:30",
        "c": 10,
        "d": date(2011, 9, 19),
        "e": True,
        "f": 1.5,
        "g": None,
        "h": "on",
    }


def test_quoted_scalars_stay_text() -> None:
    assert parse_yaml("a: \"010\"\nb: '2011-09-19'\n", "t").data == {"a": "010", "b": "2011-09-19"}


def test_every_value_and_key_has_its_line_and_column() -> None:
    doc = parse_yaml("top:\n  items:\n    - name: 甲\n    - name: 乙\n", "t")
    assert doc.source.values[("top", "items", 1, "name")].line == 4
    assert doc.source.values[("top", "items", 1, "name")].column == 13
    assert doc.source.keys[("top", "items")].line == 2
    location = doc.source.locate(("top", "items", 1, "missing"))
    assert (location.line, location.field) == (4, "top.items[1].missing")


def _error(text: str) -> str:
    with pytest.raises(YamlLoadError) as info:
        parse_yaml(text, "t.yaml")
    return info.value.diagnostic.render()


def test_duplicate_keys_are_errors_at_the_second_key() -> None:
    assert _error("a: 1\nb: 2\na: 3\n").startswith("t.yaml:3:1: error: [DUPLICATE_KEY]")


def test_tags_are_refused() -> None:
    assert "[YAML_TAG]" in _error("a: !!python/object/apply:os.system ['true']\n")
    assert "[YAML_TAG]" in _error("a: !custom 1\n")


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    started = time.perf_counter()
    assert "[YAML_TOO_LARGE]" in _error("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 2


def test_deep_nesting_is_refused_with_a_message() -> None:
    assert "[YAML_TOO_DEEP]" in _error("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "[YAML_TOO_DEEP]" in _error("a: " + "[" * 100 + "]" * 100 + "\n")


def test_syntax_errors_carry_their_line() -> None:
    assert _error("a:\n  - x\n - y\n").startswith("t.yaml:3:")


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: \xe7\x94\xb2\n")
    assert read_yaml(path, "bom.yaml").data == {"name": "甲"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("name: 湖北\n".encode("big5"), "bad.yaml:1:7: error: [ENCODING] file is not valid UTF-8"),
        ("name: 湖北\n".encode("utf-16"), "bad.yaml:1:1: error: [ENCODING] file is UTF-16"),
    ],
)
def test_other_encodings_get_a_clear_error(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(raw)
    with pytest.raises(YamlLoadError) as info:
        read_yaml(path, "bad.yaml")
    assert info.value.diagnostic.render().startswith(expected)
