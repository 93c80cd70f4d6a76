"""Hostile and broken input (issue #7): clear errors, nothing lost, nothing leaked.

Whatever content contains, `briefing` answers with a diagnostic or a correct document:
never a traceback, never a half-written file, never a file read or address fetched that the
content did not legitimately name. Small broken files live in tests/fixtures/broken/; the
cases here are too large, binary, or need a build.
"""

from __future__ import annotations

import errno
import io
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import tracemalloc
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader
from reportlab.platypus.flowables import Spacer
from reportlab.platypus.tables import Table as RLTable

from briefing.checks.lengths import LIMITS, limited_texts
from briefing.cli import main
from briefing.document import Paragraph, Table, TableColumn
from briefing.fonts import cache_root
from briefing.load.yaml_source import read_yaml
from briefing.model.base import anchor
from briefing.model.content import text_roots
from briefing.pipeline import check_folder
from briefing.render.pdf import render_pdf
from briefing.render.pdf.stack import Stack
from tests.conftest import CONTENT, ROOT, STYLES
from tests.test_images import png, with_image
from tests.test_render_pdf import _document, _texts

FIXTURES = Path(__file__).parent / "fixtures" / "broken"
POINTER = "# yaml-language-server: $schema=../../../schemas/visit.schema.json\n"
NOTE = '"湖北省科學技術廳的主要職責略以："'
"""The first note of the first visit, which the full report prints."""
CELL = "name: 南京高新技術產業開發區}"
"""A cell of the national-zones table, which the full report prints."""
SECONDS = 30.0
"""Longest a build of one audience in both formats may take, however odd its content."""


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def copy_content(tmp_path: Path) -> Path:
    copy = tmp_path / CONTENT.name
    shutil.copytree(CONTENT, copy)
    return copy


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(*args: str) -> tuple[int, str]:
    """Run the command line; (exit status, everything it printed)."""
    printed = io.StringIO()
    with redirect_stderr(printed), redirect_stdout(printed):
        code = main(list(args))
    return code, printed.getvalue()


def build(copy: Path, out: Path, *audiences: str) -> tuple[int, str, float]:
    """Build the audiences (default: full) in both formats; (exit, stderr, seconds)."""
    chosen = [arg for name in audiences or ("full",) for arg in ("--audience", name)]
    started = time.perf_counter()
    code, err = run("build", str(copy), *chosen, "--styles", str(STYLES), "--out", str(out))
    return code, err, time.perf_counter() - started


def error_codes(err: str) -> set[str]:
    return set(re.findall(r": error: \[([A-Z_]+)\]", err))


FURNITURE = re.compile(r"第\d+頁／共\d+頁")


def pdf_text(path: Path) -> str:
    """The PDF's text, squeezed, without running headers and page numbers (so that text
    running over a page break reads on)."""
    reader = PdfReader(path)
    header = squeeze(str(reader.metadata.title or "")) if reader.metadata else ""
    kept = []
    for page in reader.pages:
        lines = [squeeze(line) for line in (page.extract_text() or "").splitlines()]
        if lines and header and lines[0].startswith(header[:12]):
            lines = lines[1:]
        kept.extend(line for line in lines if not FURNITURE.fullmatch(line))
    return "".join(kept)


def docx_texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return [p.text for p in document.paragraphs] + cells


# ------------------------------------------------------- broken files too big or binary


VISIT = "visits/16-extra.yaml"
DATASETS = "datasets/extra.yaml"


def _visit(body: str) -> bytes:
    return (POINTER + body).encode("utf-8")


def _figure(value: str) -> bytes:
    return (
        "# yaml-language-server: $schema=../../../schemas/datasets.schema.json\n"
        "datasets:\n  - id: odd\n    title: 數字\n    as_of: 2010\n"
        "    source: {citation: 測試資料}\n    kind: figures\n    figures:\n"
        "      - {id: plain, label: 一般, value: 1, unit: 件}\n"
        f"      - {{id: odd, label: 數字, value: {value}, unit: 件}}\n"
    ).encode()


GENERATED: dict[str, tuple[str, bytes, set[tuple[int, str]]]] = {
    "a 300,000-character scalar": (
        VISIT,
        _visit("id: extra-visit\nname: " + "長" * 300_000 + "\n"),
        {(3, "YAML_TOO_LARGE")},
    ),
    "UTF-16 with a byte-order mark": (
        VISIT,
        (POINTER + "id: extra-visit\nname: 湖北\n").encode("utf-16"),
        {(1, "ENCODING")},
    ),
    "UTF-16 without a byte-order mark": (
        VISIT,
        (POINTER + "id: extra-visit\nname: hubei\n").encode("utf-16-le"),
        {(1, "ENCODING")},
    ),
    "Big5": (
        VISIT,
        (POINTER + "id: extra-visit\nname: 湖北省科技廳\n").encode("big5"),
        {(3, "ENCODING")},
    ),
    "a raw escape byte": (
        VISIT,
        _visit("id: extra-visit\nname: \x1b[31m紅\n"),
        {(3, "CONTROL_CHAR")},
    ),
    "a raw DEL byte": (VISIT, _visit("id: extra-visit\n\nname: 某\x7f\n"), {(4, "CONTROL_CHAR")}),
    "a raw line separator": (
        VISIT,
        _visit("id: extra-visit\nname: 甲\u2028乙\n"),
        {(3, "CONTROL_CHAR")},
    ),
    "an alias repeating a long text": (
        VISIT,
        _visit(
            'id: extra-visit\nname: &n "'
            + "長" * 150_000
            + '"\nnotes: ['
            + ", ".join(["{text: *n}"] * 60)
            + "]\n"
        ),
        {(4, "YAML_TOO_LARGE")},
    ),
    "an alias inside its own anchor": (
        VISIT,
        _visit("id: extra-visit\nnotes: &n [{text: 一, points: *n}]\n"),
        {(3, "YAML_TOO_DEEP")},
    ),
    "a number of 5,000 digits": (DATASETS, _figure("7" * 5000), {(10, "NUMBER_RANGE")}),
    "a claim stating a number of 5,000 digits": (
        "claims.yaml",
        (
            "# yaml-language-server: $schema=../../schemas/claims.schema.json\nclaims:\n"
            f"  - quote: 拜訪{'7' * 5000}個機構\n    counts: visits\n"
        ).encode(),
        {(3, "CLAIM_VALUE")},
    ),
}


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_generated_broken_file_is_reported_at_its_line(case: str, tmp_path: Path) -> None:
    relative, raw, expected = GENERATED[case]
    copy = copy_content(tmp_path)
    target = copy / relative
    target.write_bytes(raw)
    started = time.perf_counter()
    checked = check_folder(copy, STYLES)
    assert time.perf_counter() - started < 5
    found = {
        (d.location.line, d.code)
        for d in checked.diagnostics.items
        if d.location.file == str(target)
    }
    assert found == expected
    assert not checked.ok


def test_the_billion_laughs_are_refused_in_milliseconds_and_little_memory() -> None:
    path = FIXTURES / "billion-laughs" / "visits" / "16-extra.yaml"
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(Exception, match="YAML_TOO_LARGE"):
            read_yaml(path, "laughs.yaml")
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert elapsed < 2  # a guard against blow-up, generous for slow machines
    assert peak < 4 * 1024 * 1024


# ------------------------------------------------ what the build opens, fetches, runs

_NETWORK = frozenset(
    {
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "urllib.Request",
        "http.client.connect",
        "ftplib.connect",
    }
)
_PROCESS = frozenset({"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn"})
_WATCHED = _NETWORK | _PROCESS | {"open"}
_LOG: list[int] = []
"""The file descriptor the audit hook appends to while recording (empty: not recording).
A descriptor, not a list, so that forked render workers report too."""


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event not in _WATCHED or not _LOG:
        return
    if event == "open":
        path, flags = args[0], args[2]
        if isinstance(path, int) or path is None:
            return
        name = os.path.abspath(os.fsdecode(path))  # type: ignore[arg-type]
        reading = isinstance(flags, int) and flags & os.O_ACCMODE == os.O_RDONLY
        line = f"{'read' if reading else 'write'}\t{name}\n"
    else:
        line = f"{event}\t{args[:2]!r}\n"
    os.write(_LOG[0], line.encode("utf-8", "backslashreplace"))


sys.addaudithook(_audit)


@pytest.fixture
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], list[str]]]:
    """Record every file opened and every address or program used, in this process and
    its forked workers; yields a function returning the records so far."""
    log = tmp_path_factory.mktemp("audit") / "log.txt"
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    _LOG.append(fd)
    try:
        yield lambda: log.read_text(encoding="utf-8").splitlines()
    finally:
        _LOG.clear()
        os.close(fd)


def _allowed_roots() -> list[Path]:
    roots = {
        ROOT,
        Path(sys.prefix),
        Path(sys.base_prefix),
        Path(sys.exec_prefix),
        Path(tempfile.gettempdir()),
        cache_root(),
    }
    return sorted({root.resolve() for root in roots})


def _unexpected(records: list[str]) -> list[str]:
    """Records of reads outside the allowed folders, and of any fetch or program run."""
    roots = _allowed_roots()
    bad = []
    for record in records:
        kind, _, what = record.partition("\t")
        if kind == "write":
            continue
        if kind == "read":
            path = Path(what).resolve()
            if what in ("/dev/null", "/dev/urandom") or any(path.is_relative_to(r) for r in roots):
                continue
        bad.append(record)
    return bad


MARKUP = (
    "R&D",
    "x<y>z",
    '<font color="red">紅</font>',
    '<img src="/etc/passwd"/>',
    '<link href="javascript:alert(1)">x</link>',
    "&amp;",
    "]]>",
    "&#x41;",
    "<br/>",
)
NASTY = "標記 " + " ".join(MARKUP)


def test_markup_in_a_note_and_a_cell_prints_literally_in_both_formats_and_fetches_nothing(
    tmp_path: Path, recorded: Callable[[], list[str]]
) -> None:
    copy = copy_content(tmp_path)
    replace_in(copy / "visits" / "01-hubei-dost.yaml", NOTE, json.dumps(NASTY, ensure_ascii=False))
    cell = "表" + NASTY  # long enough to make the table just overfill its page (a LayoutError)
    replace_in(
        copy / "datasets" / "zones.yaml", CELL, f"name: {json.dumps(cell, ensure_ascii=False)}}}"
    )
    code, err, _ = build(copy, tmp_path / "out")
    assert code == 0, err
    out = tmp_path / "out" / CONTENT.name
    pdf = pdf_text(out / "full.pdf")
    assert squeeze(NASTY) in pdf and squeeze(cell) in pdf
    texts = docx_texts(out / "full.docx")
    assert any(text.endswith(NASTY) for text in texts)  # after the point's number
    assert cell in texts
    records = recorded()
    assert any(r.endswith("01-hubei-dost.yaml") for r in records)  # the hook does record
    assert _unexpected(records) == []


def test_files_the_content_points_out_of_its_folder_are_never_opened(
    tmp_path: Path, recorded: Callable[[], list[str]]
) -> None:
    copy = copy_content(tmp_path)
    (copy / "photos").mkdir()
    (copy / "photos" / "linked.png").symlink_to("/etc/passwd")
    (copy / "visits" / "16-linked.yaml").symlink_to("/etc/passwd")
    photos = "\n".join(
        f"  - {{caption: 圖{i}, image: {json.dumps(name)}}}"
        for i, name in enumerate(
            [
                "/etc/passwd",
                "../../../../../../etc/passwd",
                "photos/../../../etc/passwd",
                "C:\\Windows\\win.ini",
                "photos/linked.png",
                "file:///etc/passwd",
                "http://example.org/x.png",
            ]
        )
    )
    visit = copy / "visits" / "15-ctex.yaml"
    visit.write_text(visit.read_text(encoding="utf-8") + f"photos:\n{photos}\n", encoding="utf-8")
    code, err = run("check", str(copy), "--styles", str(STYLES))
    assert code == 1
    assert "16-linked.yaml" in err and error_codes(err) == {"LINK_OUTSIDE"}
    (copy / "visits" / "16-linked.yaml").unlink()
    code, err = run("check", str(copy), "--styles", str(STYLES))
    assert code == 1
    assert error_codes(err) == {"IMAGE"} and len(re.findall(r"\[IMAGE\]", err)) == 7
    assert "root:" not in err
    assert _unexpected(recorded()) == []


# ---------------------------------------------------------------- layout extremes


def _note(text: str) -> Callable[[Path], None]:
    def edit(copy: Path) -> None:
        replace_in(
            copy / "visits" / "01-hubei-dost.yaml", NOTE, json.dumps(text, ensure_ascii=False)
        )

    return edit


def _table(rows: int, columns: int = 3) -> Callable[[Path], None]:
    def edit(copy: Path) -> None:
        keys = [f"c{i}" for i in range(columns)]
        cols = "\n".join(f"      - {{key: {k}, label: 欄{k}, type: integer}}" for k in keys)
        body = "\n".join(
            "      - {" + ", ".join(f"{k}: {r * 7 + i}" for i, k in enumerate(keys)) + "}"
            for r in range(rows)
        )
        (copy / "datasets" / "extra.yaml").write_text(
            "# yaml-language-server: $schema=../../../schemas/datasets.schema.json\n"
            "datasets:\n  - id: big-table\n    kind: table\n    title: 大表\n    as_of: 2011\n"
            f"    source: {{citation: 測試資料}}\n    columns:\n{cols}\n    rows:\n{body}\n",
            encoding="utf-8",
        )
        background = copy / "background.yaml"
        background.write_text(
            background.read_text(encoding="utf-8")
            + "\n  - title: 大表\n    datasets: [big-table]\n",
            encoding="utf-8",
        )

    return edit


def _nested_points(depth: int) -> Callable[[Path], None]:
    def edit(copy: Path) -> None:
        lines = []
        for level in range(depth):
            indent = "  " * (2 * level + 1)
            lines.append(f"{indent}- text: 第{level + 1}層要點")
            if level < depth - 1:
                lines.append(f"{indent}  points:")
        replace_in(
            copy / "visits" / "01-hubei-dost.yaml", "notes:\n", "notes:\n" + "\n".join(lines) + "\n"
        )

    return edit


def _empty_section(copy: Path) -> None:
    background = copy / "background.yaml"
    background.write_text(
        background.read_text(encoding="utf-8") + "\n  - title: 僅有標題的一節\n", encoding="utf-8"
    )


def _bare_visit(copy: Path) -> None:
    visit = copy / "visits" / "15-ctex.yaml"
    text = visit.read_text(encoding="utf-8")
    visit.write_text(re.sub(r"contacts:\n(?:  .*\n)+", "", text), encoding="utf-8")
    assert "contacts" not in visit.read_text(encoding="utf-8")


URL = "https://example.org/" + "abcdefghij/" * 16 + "index.html?a=1&b=2"
LAYOUTS: dict[str, tuple[Callable[[Path], None], str | None]] = {
    "5,000 Latin letters without a space": (_note("a" * 5000), "a" * 5000),
    "5,000 digits": (_note("7" * 5000), "7" * 5000),
    "a 200-character URL": (_note(f"參見{URL}之說明"), f"參見{URL}之說明"),
    "points nested ten levels deep": (_nested_points(10), "第10層要點"),
    "points nested 25 levels deep": (_nested_points(25), "第25層要點"),
    "an empty section": (_empty_section, "僅有標題的一節"),
    "a visit with no notes, photos or contacts": (_bare_visit, "中國技術交易所"),
    "a table of 1,500 rows": (_table(1500), "10,495"),
}


@pytest.mark.parametrize("case", list(LAYOUTS))
def test_layout_extremes_build_in_reasonable_time(case: str, tmp_path: Path) -> None:
    edit, expected = LAYOUTS[case]
    copy = copy_content(tmp_path)
    edit(copy)
    code, err, seconds = build(copy, tmp_path / "out")
    assert code == 0, err
    assert seconds < SECONDS
    out = tmp_path / "out" / CONTENT.name
    if expected is not None:
        assert squeeze(expected) in pdf_text(out / "full.pdf")
        assert squeeze(expected) in squeeze("".join(docx_texts(out / "full.docx")))


@pytest.mark.parametrize(
    ("edit", "code"),
    [(_table(20_000), "TABLE_TOO_LONG"), (_table(3, columns=60), "TABLE_TOO_WIDE")],
)
def test_tables_too_long_or_wide_to_print_are_refused_quickly(
    tmp_path: Path, edit: Callable[[Path], None], code: str
) -> None:
    copy = copy_content(tmp_path)
    edit(copy)
    status, err, seconds = build(copy, tmp_path / "out")
    assert status == 1
    assert error_codes(err) == {code}
    assert seconds < SECONDS
    assert not (tmp_path / "out").exists()


def test_a_table_with_more_columns_than_the_page_holds_still_renders() -> None:
    table = Table(
        columns=tuple(TableColumn(1.0 if i else 0.0) for i in range(80)),
        header=(tuple(f"欄{i}" for i in range(80)),),
        rows=(("甲",) * 80,),
    )
    assert "欄0" in squeeze("".join(_texts(render_pdf(_document(table)))))
    assert render_pdf(_document(Table(columns=(), header=(), rows=())))  # no columns at all


def test_unicode_spaces_separators_and_variation_selectors_never_print_as_boxes() -> None:
    odd = [chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) in ("Zs", "Zl", "Zp")] + [
        "\ufe0f",
        "\U000e0100",
    ]
    text = "".join(_texts(render_pdf(_document(Paragraph("甲" + "|".join(odd) + "乙")))))
    assert "\x00" not in text  # what pypdf extracts for a .notdef glyph
    assert squeeze(text).endswith("甲" + "|" * (len(odd) - 1) + "乙")


def test_a_table_that_fits_a_page_but_not_with_its_source_line_splits() -> None:
    table = RLTable([["head"]] + [[str(i)] for i in range(40)], repeatRows=1)
    _, height = table.wrap(400, 10_000)
    stack = Stack([Spacer(1, 10)], table, [Spacer(1, 20)])
    parts = stack.split_into(400, 10 + height + 5, strict=False)
    assert len(parts) == 2
    assert all(part.wrap(400, 10 + height + 5)[1] <= 10 + height + 5 for part in parts)


# ---------------------------------------------------------------- interrupted writes


def test_a_write_failing_midway_keeps_every_previous_output_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    folder = out / CONTENT.name
    folder.mkdir(parents=True)
    previous = {
        name: f"previous {name}\n".encode()
        for name in ("full.pdf", "full.docx", "executive.pdf", "executive.docx")
    }
    for name, data in previous.items():
        (folder / name).write_bytes(data)
    real_fsync = os.fsync
    written: list[str] = []

    def failing_fsync(fd: int) -> None:
        target = os.readlink(f"/proc/self/fd/{fd}")
        if Path(target).parent == folder:
            written.append(target)
            if len(written) == 2:
                raise OSError(errno.ENOSPC, "No space left on device", target)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    code, err, _ = build(CONTENT, out, "full", "executive")
    assert code == 1
    assert "cannot write" in err and "No space left on device" in err
    assert len(written) == 2
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == previous


# ------------------------------------------------ template strings and names (issue #16)


def copy_styles(tmp_path: Path, **extra: str) -> Path:
    """The bundled templates plus `name: text` files, in a folder of their own."""
    styles = tmp_path / "styles"
    shutil.copytree(STYLES, styles)
    for name, text in extra.items():
        (styles / f"{name}.yaml").write_text(text, encoding="utf-8")
    return styles


def build_with(styles: Path, out: Path, *audiences: str) -> tuple[int, str]:
    chosen = [arg for name in audiences for arg in ("--audience", name)]
    return run(
        "build",
        str(CONTENT),
        *chosen,
        "--format",
        "pdf",
        "--styles",
        str(styles),
        "--out",
        str(out),
    )


TEMPLATE_STRINGS = {
    "an index": ('title: "{0}"', "{0}"),
    "an empty field": ('title: "報告{}"', "{}"),
    "an attribute walk": ('title: "{title.__class__.__init__.__globals__}"', "{"),
    "an item": ('header: "{title[0]}"', "{"),
    "padding": ('title: "{title:>30000000}"', "{"),
    "a conversion": ('title: "{title!r}"', "{"),
    "an unknown field": ('title: "{titel}"', "{"),
    "a lone closing brace": ('title: "報告}"', "}"),
    "an unclosed brace": ('header: "{title"', "{"),
    "a kicker with an unknown field": ('wording: {kicker: "類別：{pagez}"}', "{pagez}"),
}
"""A template setting (line 3 of a template) and the text its diagnostic points at."""
# (The diagnostic points at the start of the setting's value.)


@pytest.mark.parametrize("case", sorted(TEMPLATE_STRINGS))
def test_a_template_string_that_is_not_named_fields_is_refused_at_its_column(
    case: str, tmp_path: Path
) -> None:
    setting, _ = TEMPLATE_STRINGS[case]
    column = setting.index('"') + 1
    styles = copy_styles(tmp_path, odd=f"extends: executive\ndescription: 測試\n{setting}\n")
    code, err = run("check", str(CONTENT), "--styles", str(styles))
    assert code == 1
    found = re.findall(r"odd\.yaml:(\d+):(\d+): error: \[([A-Z_]+)\]", err)
    assert found == [("3", str(column), "TEMPLATE_FIELD")], err
    code, err = build_with(styles, tmp_path / "out", "odd")
    assert code == 1 and "TEMPLATE_FIELD" in err and "internal error" not in err
    # A broken template breaks no other audience's build.
    code, err = build_with(styles, tmp_path / "out", "executive")
    assert code == 0, err
    assert (tmp_path / "out" / CONTENT.name / "executive.pdf").exists()


def test_named_fields_fill_in_every_template_string(tmp_path: Path) -> None:
    styles = copy_styles(
        tmp_path,
        odd="extends: executive\ndescription: 測試\ntitle: 《{title}》簡報\n"
        "header: 頁首｛{title}｝\nfooter: 頁 {page}/{pages}\n",
    )
    code, err = build_with(styles, tmp_path / "out", "odd")
    assert code == 0, err
    reader = PdfReader(tmp_path / "out" / CONTENT.name / "odd.pdf")
    text = squeeze(reader.pages[1].extract_text())
    assert str(reader.metadata.title).startswith("《") and str(reader.metadata.title).endswith(
        "》簡報"
    )
    assert "頁首｛" in text and "頁2/2" in text


@pytest.mark.parametrize(
    ("where", "name"),
    [
        ("extends", "../elsewhere/x"),
        ("extends", "/etc/passwd"),
        ("extends", "linked"),
        ("audience", "../../x"),
        ("audience", "/etc/passwd"),
        ("audience", "linked"),
        ("audience", "Full"),
    ],
)
def test_template_names_are_resolved_inside_styles_before_anything_is_opened(
    where: str, name: str, tmp_path: Path, recorded: Callable[[], list[str]]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.yaml").write_text("secret_key: 42\ndescription: 外\n", encoding="utf-8")
    styles = copy_styles(tmp_path)
    (styles / "linked.yaml").symlink_to(elsewhere / "x.yaml")
    audience = name
    if where == "extends":
        (styles / "odd.yaml").write_text(
            f"extends: {json.dumps(name)}\ndescription: 測試\n", encoding="utf-8"
        )
        audience = "odd"
    code, err = build_with(styles, tmp_path / "out", audience)
    assert code == 1
    assert error_codes(err) == {"STYLE_EXTENDS" if where == "extends" else "UNKNOWN_AUDIENCE"}
    assert "secret_key" not in err
    opened = [r.partition("\t")[2] for r in recorded() if r.startswith("read")]
    assert not any(Path(p).resolve().is_relative_to(elsewhere) for p in opened)
    assert not any(p.startswith("/etc") for p in opened)


# ---------------------------------------------------------------- killing a build (#16)


def _children(pid: int) -> set[int]:
    """Live child processes of a process (zombies count as dead)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def _until(condition: Callable[[], bool], limit: float = 20.0) -> bool:
    """Poll a condition until it holds or `limit` seconds pass (a bound, not a timing)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def _start_build(tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path]:
    """A build slow enough to be stopped while its two workers render (a 1,500-row table)."""
    copy = copy_content(tmp_path)
    _table(1500)(copy)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from briefing.cli import main; sys.exit(main())",
            "build",
            str(copy),
            "--styles",
            str(STYLES),
            "--out",
            str(out),
            "--audience",
            "full",
            "--audience",
            "executive",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert _until(lambda: len(_children(process.pid)) >= 2), "the workers never started"
    return process, out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sent", [signal.SIGKILL, signal.SIGTERM])
def test_killing_a_build_kills_its_workers_and_leaves_no_temporary_file(
    sent: signal.Signals, tmp_path: Path
) -> None:
    process, out = _start_build(tmp_path)
    workers = _children(process.pid)
    process.send_signal(sent)
    _, err = process.communicate(timeout=30)  # returns only once the workers closed the pipes
    assert process.returncode == (-sent if sent == signal.SIGKILL else 128 + sent)
    assert _until(lambda: not any(_alive(w) for w in workers)), "orphaned workers"
    if sent == signal.SIGTERM:
        assert err.decode().splitlines()[-1] == "briefing: stopped by SIGTERM"
        assert "Traceback" not in err.decode()
    leftovers = [p.name for p in out.rglob("*") if p.name.endswith(".tmp")] if out.exists() else []
    assert leftovers == []


def test_the_next_build_removes_temporary_files_a_killed_build_left(tmp_path: Path) -> None:
    folder = tmp_path / "out" / CONTENT.name
    folder.mkdir(parents=True)
    dead = ".full.pdf.999999999.k3j2h1g0.tmp"  # no process has such an id (pid_max ≤ 2²²)
    old = ".executive.docx.a8s7d6f5.tmp"  # named by a version that left out the process id
    live = ".full.pdf.1.q1w2e3r4.tmp"  # process 1 is alive: another build's file, kept
    theirs = ".notes.tmp"
    for name in (dead, old, live, theirs):
        (folder / name).write_bytes(b"partial")
    code, err = build_with(STYLES, tmp_path / "out", "executive")
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == sorted([live, theirs, "executive.pdf"])


# ---------------------------------------------------------------- output paths (#16)


@pytest.mark.parametrize("spelled", ["visits/..", ".", "./"])
def test_the_output_folder_is_named_after_the_resolved_content_folder(
    spelled: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = copy_content(tmp_path)
    monkeypatch.chdir(copy)
    out = tmp_path / "out"
    code, err = run(
        "build",
        spelled,
        "--audience",
        "executive",
        "--format",
        "pdf",
        "--styles",
        str(STYLES),
        "--out",
        str(out),
    )
    assert code == 0, err
    assert [p.relative_to(out).as_posix() for p in sorted(out.rglob("*"))] == [
        CONTENT.name,
        f"{CONTENT.name}/executive.pdf",
    ]


def test_a_folder_in_the_way_of_one_output_replaces_no_other_output(tmp_path: Path) -> None:
    folder = tmp_path / "out" / CONTENT.name
    folder.mkdir(parents=True)
    (folder / "executive.pdf").write_bytes(b"previous executive")
    (folder / "full.pdf").mkdir()
    code, err = build_with(STYLES, tmp_path / "out", "executive", "full")
    assert code == 1
    assert "full.pdf: a folder is in the way of the output file" in err
    assert (folder / "executive.pdf").read_bytes() == b"previous executive"
    assert sorted(p.name for p in folder.iterdir()) == ["executive.pdf", "full.pdf"]


# ---------------------------------------------------------------- environment and files (#16)


@pytest.mark.parametrize(
    "value", ["abc", "-5", "1e9", "1.5", "0x10", "99999999999999999999", "１２３", "12 34"]
)
def test_a_bad_source_date_epoch_is_one_clear_line(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    code, err = build_with(STYLES, tmp_path / "out", "executive")
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("briefing: SOURCE_DATE_EPOCH=")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("value", "year"), [("0", "1970"), (" 1325376000 ", "2012"), ("", "")])
def test_a_plain_source_date_epoch_is_stamped(
    value: str, year: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    code, err = build_with(STYLES, tmp_path / "out", "executive")
    assert code == 0, err
    created = PdfReader(tmp_path / "out" / CONTENT.name / "executive.pdf").metadata["/CreationDate"]
    assert created.startswith(f"D:{year or '2011'}")


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _loop(path: Path) -> None:
    path.symlink_to(path.with_name("other-" + path.name))
    path.with_name("other-" + path.name).symlink_to(path)


ODD_ENTRIES: dict[str, tuple[str, Callable[[Path], None], str, str]] = {
    "a visit with an upper-case extension": (
        "visits/16-extra.YAML",
        lambda p: p.write_text(POINTER + "id: extra-visit\nname: 某\n", encoding="utf-8"),
        "warning",
        "FILE_EXTENSION",
    ),
    "a dataset ending .Yml": (
        "datasets/extra.Yml",
        lambda p: p.write_bytes(_figure("2")),
        "warning",
        "FILE_EXTENSION",
    ),
    "a named pipe named like a visit": ("visits/16-extra.yaml", _fifo, "error", "NOT_A_FILE"),
    "a named pipe among notes": ("notes.txt", _fifo, "warning", "NOT_A_FILE"),
    "a folder named like a dataset file": (
        "datasets/more.yaml",
        lambda p: p.mkdir(),
        "error",
        "NOT_A_FILE",
    ),
    "a link to a device": (
        "photos.png",
        lambda p: p.symlink_to("/dev/zero"),
        "warning",
        "NOT_A_FILE",
    ),
    "a link to nothing named like a visit": (
        "visits/16-extra.yaml",
        lambda p: p.symlink_to(p.with_name("missing.yaml")),
        "error",
        "NOT_A_FILE",
    ),
    "a loop of links named like a visit": ("visits/16-extra.yaml", _loop, "error", "NOT_A_FILE"),
}


@pytest.mark.parametrize("case", sorted(ODD_ENTRIES))
def test_entries_of_the_content_folder_that_are_not_content_files_are_reported(
    case: str, tmp_path: Path
) -> None:
    relative, make, severity, code = ODD_ENTRIES[case]
    copy = copy_content(tmp_path)
    make(copy / relative)
    status, err = run("check", str(copy), "--styles", str(STYLES))
    shown = re.escape(str(copy / relative))
    assert re.search(rf"^{shown}: {severity}: \[{code}\]", err, re.MULTILINE), err
    assert status == (1 if severity == "error" else 0)


# ---------------------------------------------------------------- images that lie (#16)


def _jpeg(width: int = 64, height: int = 48) -> bytes:
    from PIL import Image

    stream = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(stream, "JPEG", quality=90)
    return stream.getvalue()


def _png_body(body: bytes, *, good_crc: bool = True) -> bytes:
    """A 40×30 PNG whose header is right and whose pixel data is `body`."""
    whole = png(40, 30)
    start = whole.index(b"IDAT") - 4
    crc = zlib.crc32(b"IDAT" + body) if good_crc else 0
    idat = struct.pack(">I", len(body)) + b"IDAT" + body + struct.pack(">I", crc)
    return whole[:start] + idat + whole[whole.index(b"IEND") - 4 :]


def _loop_of_links(photos: Path) -> None:
    (photos / "photo.png").symlink_to("again.png")
    (photos / "again.png").symlink_to("photo.png")


LYING_IMAGES: dict[str, Callable[[Path], None]] = {
    "a PNG with a corrupt body": lambda p: (p / "photo.png").write_bytes(
        _png_body(b"\x78\x9c" + b"\xde\xad\xbe\xef" * 50)
    ),
    "a PNG with a wrong checksum": lambda p: (p / "photo.png").write_bytes(
        _png_body(zlib.compress(b"\x00" * 31 * 30), good_crc=False)
    ),
    "a PNG cut after its header": lambda p: (p / "photo.png").write_bytes(png(40, 30)[:33]),
    "a JPEG cut in half": lambda p: (p / "photo.png").write_bytes(_jpeg()[: len(_jpeg()) // 2]),
    "a JPEG of only its headers": lambda p: (p / "photo.png").write_bytes(
        _jpeg()[: _jpeg().index(b"\xff\xda")]
    ),
    "a loop of symbolic links": _loop_of_links,
}


@pytest.mark.parametrize("case", sorted(LYING_IMAGES))
def test_an_image_whose_header_lies_is_reported_at_the_line_naming_it(
    case: str, tmp_path: Path
) -> None:
    copy = with_image(tmp_path, "photos/photo.png")
    (copy / "photos").mkdir()
    LYING_IMAGES[case](copy / "photos")
    visit = copy / "visits" / "03-yofc.yaml"
    line = visit.read_text(encoding="utf-8").splitlines().index("    image: 'photos/photo.png'")
    code, err = run("check", str(copy), "--styles", str(STYLES))
    assert code == 1
    found = re.findall(r"03-yofc\.yaml:(\d+):\d+: error: \[([A-Z_]+)\]", err)
    assert found == [(str(line + 1), "IMAGE")], err
    code, err, _ = build(copy, tmp_path / "out")
    assert code == 1 and "not built" in err and "internal error" not in err


@pytest.mark.parametrize("kind", ["png", "jpeg"])
def test_an_image_that_decodes_checks_clean_and_builds_in_both_formats(
    kind: str, tmp_path: Path
) -> None:
    copy = with_image(tmp_path, "photos/photo.png")
    (copy / "photos").mkdir()
    (copy / "photos" / "photo.png").write_bytes(png(40, 30) if kind == "png" else _jpeg())
    assert not [d for d in check_folder(copy, STYLES).diagnostics.errors]
    code, err, _ = build(copy, tmp_path / "out")
    assert code == 0, err
    document = docx.Document(str(tmp_path / "out" / CONTENT.name / "full.docx"))
    assert len(document.inline_shapes) >= 1


# ------------------------------------------- invisible characters in template strings (#16)

TEMPLATE_CHARACTERS = {
    "a zero-width space in the addressee": ('addressee: "致：\\u200b竹科"', 2, "INVISIBLE_CHAR"),
    "a left-to-right mark in the title": ('title: "{title}\\u200e"', 7, "BIDI_CHAR"),
    "an override in the header": ('header: "\\u202e{title}"', 0, "BIDI_CHAR"),
    "a tag character in the marking": ('marking: "內部\\U000e0041參考"', 2, "INVISIBLE_CHAR"),
    "a variation selector in a wording": (
        'wording: {findings: "心得\\ufe0f"}',
        2,
        "INVISIBLE_CHAR",
    ),
    "only invisible characters in the subtitle": ('subtitle: "\\u2060"', 0, "EMPTY_TEXT"),
    "an emoji in the marking": ('marking: "機密\\U0001F512"', 2, "MISSING_GLYPH"),
    "an emoji in the footer": ('footer: "第 {page} 頁 \\u2705"', 11, "MISSING_GLYPH"),
    "an addressee of 5,000 characters": ('addressee: "' + "長" * 5000 + '"', 200, "TEXT_TOO_LONG"),
    "a title of 600 characters": ('title: "{title}' + "長" * 593 + '"', 200, "TEXT_TOO_LONG"),
    "a marking of 21 characters": ('marking: "' + "密" * 21 + '"', 20, "TEXT_TOO_LONG"),
}
"""A template setting (line 3), the index in its text of the character meant, the code."""


@pytest.mark.parametrize("case", sorted(TEMPLATE_CHARACTERS))
def test_template_strings_follow_the_content_character_policy(case: str, tmp_path: Path) -> None:
    setting, index, code = TEMPLATE_CHARACTERS[case]
    styles = copy_styles(tmp_path, odd=f"extends: executive\ndescription: 測試\n{setting}\n")
    status, err = run("check", str(CONTENT), "--styles", str(styles))
    assert status == 1
    found = set(re.findall(r"odd\.yaml:(\d+):(\d+): error: \[([A-Z_]+)\]", err))
    column = setting.index('"') + 1 + index + 1  # after the quote; escapes are one character
    if code == "EMPTY_TEXT":
        assert found == {("3", str(column), "INVISIBLE_CHAR"), ("3", str(column), code)}
    else:
        assert found == {("3", str(column), code)}, err
    status, err = build_with(styles, tmp_path / "out", "odd")
    assert status == 1 and "internal error" not in err
    status, err = build_with(styles, tmp_path / "out", "executive")
    assert status == 0, err


# ------------------------------------------------ long values: check clean → build (#16)


def _first_place(folder: Path, model: str, field: str) -> tuple[Path, int, int, str, bool]:
    """Where content first sets a field of a model: file, line, column, raw text and
    whether it is written plain (unquoted)."""
    checked = check_folder(folder, STYLES)
    assert checked.content is not None
    for root in text_roots(checked.content):
        at = anchor(root)
        for path, _, _ in limited_texts(root):
            owner = root
            for step in path[:-1] if isinstance(path[-1], str) else path[:-2]:
                owner = owner[step] if isinstance(step, int) else getattr(owner, step)
            if (type(owner).__name__, next(p for p in reversed(path) if isinstance(p, str))) != (
                model,
                field,
            ):
                continue
            mark = at.source.values[(*at.prefix, *path)]
            return Path(at.source.file), mark.line, mark.column, mark.raw, mark.plain
    raise LookupError(f"the content sets no {model}.{field}")


def _set_first(copy: Path, model: str, field: str, text: str) -> tuple[Path, int]:
    """Give the first such field of a copy of the content `text`; (file, line) changed."""
    target, line, column, raw, plain = _first_place(copy, model, field)
    lines = target.read_text(encoding="utf-8").split("\n")
    width = len(raw) + (0 if plain else 2)
    before = lines[line - 1]
    assert before[column - 1 : column - 1 + width].strip("'\"") == raw
    lines[line - 1] = (
        before[: column - 1] + json.dumps(text, ensure_ascii=False) + before[column - 1 + width :]
    )
    target.write_text("\n".join(lines), encoding="utf-8")
    return target, line


@pytest.mark.parametrize(("model", "field"), sorted(LIMITS))
def test_a_field_that_prints_in_one_piece_is_refused_past_its_limit(
    model: str, field: str, tmp_path: Path
) -> None:
    limit = LIMITS[(model, field)]
    copy = copy_content(tmp_path)
    if (model, field) == ("Report", "unit"):  # optional, and the bundled report has none
        replace_in(copy / "report.yaml", "\ncategory:", "\nunit: 科技部\ncategory:")
        shutil.copytree(copy, tmp_path / "again" / CONTENT.name)
    target, line = _set_first(copy, model, field, "長" * (limit + 1))
    found = [
        (d.location.file, d.location.line, d.code)
        for d in check_folder(copy, STYLES).diagnostics.errors
    ]
    assert found == [(str(target), line, "TEXT_TOO_LONG")]
    again = tmp_path / "again" / CONTENT.name
    if not again.exists():
        shutil.copytree(CONTENT, again)  # the same line of a fresh copy
    _set_first(again, model, field, "長" * limit)
    assert check_folder(again, STYLES).diagnostics.errors == []


LONGEST_THAT_FAILED = [
    ("Report", "title"),
    ("Visit", "short_name"),
    ("Section", "title"),
    ("Member", "name"),
    ("Figure", "unit"),
    ("ChartEntry", "label"),
]
"""Fields whose long values checked clean and then failed the build (issue #16)."""


@pytest.mark.parametrize(("model", "field"), LONGEST_THAT_FAILED)
def test_a_field_at_its_limit_checks_clean_and_builds_in_both_formats(
    model: str, field: str, tmp_path: Path
) -> None:
    copy = copy_content(tmp_path)
    text = "長" * (LIMITS[(model, field)] - 1) + "尾"
    _set_first(copy, model, field, text)
    code, err, _ = build(copy, tmp_path / "out", "full", "hsp")
    assert code == 0, err
    out = tmp_path / "out" / CONTENT.name
    if (model, field) == ("ChartEntry", "label"):  # a drawing, wrapped: its ends show
        assert "尾" in pdf_text(out / "full.pdf")
        return
    assert text in squeeze("".join(docx_texts(out / "full.docx")))
    assert text in pdf_text(out / "full.pdf")


def test_a_long_running_header_is_cut_alike_in_the_pdf_and_the_docx(tmp_path: Path) -> None:
    copy = copy_content(tmp_path)
    title = "長" * 199 + "尾"
    _set_first(copy, "Report", "title", title)
    code, err, _ = build(copy, tmp_path / "out", "hsp")
    assert code == 0, err
    out = tmp_path / "out" / CONTENT.name
    headers = {s.header.paragraphs[0].text for s in docx.Document(str(out / "hsp.docx")).sections}
    (header,) = headers - {""}
    running = header.split("\t")[0]
    assert running.endswith("…") and running.startswith("長" * 20) and "尾" not in running
    first_lines = {
        (page.extract_text() or "").splitlines()[0] for page in PdfReader(out / "hsp.pdf").pages
    }
    assert any(squeeze(line).startswith(squeeze(running)) for line in first_lines), first_lines


@pytest.mark.parametrize("linked", ["organisations/hsp.yaml", "locales/zh-TW.yaml"])
def test_organisation_and_locale_files_linked_out_of_styles_are_never_read(
    linked: str, tmp_path: Path, recorded: Callable[[], list[str]]
) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("secret_key: 42\n", encoding="utf-8")
    styles = copy_styles(tmp_path)
    (styles / linked).unlink()
    (styles / linked).symlink_to(elsewhere)
    code, err = run("check", str(CONTENT), "--styles", str(styles))
    assert code == 1
    assert re.search(rf"{re.escape(Path(linked).name)}: error: \[LINK_OUTSIDE\]", err), err
    assert "secret_key" not in err
    opened = [r.partition("\t")[2] for r in recorded() if r.startswith("read")]
    assert str(elsewhere) not in opened


STYLES_TEXT = {
    "a zero-width space in an organisation's name": (
        "organisations/hsp.yaml",
        "name: 新竹科學工業園區管理局",
        "name: 新竹科學\u200b工業園區管理局",
        "INVISIBLE_CHAR",
    ),
    "a 300-character organisation description": (
        "organisations/hsp.yaml",
        "description: 積體電路、電腦周邊、通訊、光電、精密機械、生技",
        "description: " + "長" * 300,
        "TEXT_TOO_LONG",
    ),
    "an emoji in an organisation's short name": (
        "organisations/hsp.yaml",
        "short_name: 竹科",
        "short_name: 竹科\U0001f52c",
        "MISSING_GLYPH",
    ),
    "an emoji in a locale word": (
        "locales/zh-TW.yaml",
        "  period_line: 出國期間：{period}",
        "  period_line: 出國期間\u2708：{period}",
        "MISSING_GLYPH",
    ),
    "a right-to-left mark in a locale word": (
        "locales/zh-TW.yaml",
        "  period_line: 出國期間：{period}",
        "  period_line: 出國期間\u200f：{period}",
        "BIDI_CHAR",
    ),
}
"""A styles data file, a line of it, what it becomes, and the code then expected there."""


@pytest.mark.parametrize("case", sorted(STYLES_TEXT))
def test_organisations_and_locales_follow_the_character_policy_and_length_limit(
    case: str, tmp_path: Path
) -> None:
    relative, old, new, code = STYLES_TEXT[case]
    styles = copy_styles(tmp_path)
    path = styles / relative
    line = path.read_text(encoding="utf-8").splitlines().index(old) + 1
    replace_in(path, old, new)
    status, err = run("check", str(CONTENT), "--styles", str(styles))
    assert status == 1
    found = set(re.findall(rf"{re.escape(path.name)}:(\d+):\d+: error: \[([A-Z_]+)\]", err))
    assert found == {(str(line), code)}, err
