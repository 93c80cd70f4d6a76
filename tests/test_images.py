"""Images named by content: only inside the content folder, only real PNG/JPEG, bounded size."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest

from briefing.document import Figure
from briefing.pipeline import check_folder
from tests.conftest import CONTENT, STYLES, composed


def png(width: int, height: int, *, pixels: bool = True) -> bytes:
    """A PNG of grey pixels (or only its header, claiming the size)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    head = b"\x89PNG\r\n\x1a\n" + chunk(
        b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    )
    if not pixels:
        return head + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b"")
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return head + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def with_image(tmp_path: Path, image: str) -> Path:
    copy = tmp_path / CONTENT.name
    if not copy.exists():
        shutil.copytree(CONTENT, copy)
    visit = copy / "visits" / "03-yofc.yaml"
    text = visit.read_text(encoding="utf-8")
    caption = text.index("  - caption:")
    end = text.index("\n", caption)
    visit.write_text(
        text[: end + 1] + f"    image: {image!r}\n" + text[end + 1 :], encoding="utf-8"
    )
    return copy


def image_errors(copy: Path) -> list[str]:
    return [d.message for d in check_folder(copy, STYLES).diagnostics.errors if d.code == "IMAGE"]


def test_an_image_inside_the_folder_is_used(tmp_path: Path) -> None:
    copy = with_image(tmp_path, "photos/yofc.png")
    (copy / "photos").mkdir()
    (copy / "photos" / "yofc.png").write_bytes(png(40, 30))
    checked = check_folder(copy, STYLES)
    assert checked.ok, [d.render() for d in checked.diagnostics.errors]
    figures = [b for b in composed(checked, "full").blocks if isinstance(b, Figure) and b.image]
    assert [Path(f.image or "").name for f in figures] == ["yofc.png"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../../etc/passwd", "may not leave the content folder"),
        ("/etc/passwd", "relative to the content folder"),
        ("photos/missing.png", "no such file"),
    ],
)
def test_paths_outside_or_missing_are_refused(tmp_path: Path, name: str, expected: str) -> None:
    (message,) = image_errors(with_image(tmp_path, name))
    assert expected in message


def test_a_symlink_leading_out_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.png"
    outside.write_bytes(png(4, 4))
    copy = with_image(tmp_path, "photos/link.png")
    (copy / "photos").mkdir()
    (copy / "photos" / "link.png").symlink_to(outside)
    (message,) = image_errors(copy)
    assert "leads out of the content folder" in message


def test_a_decompression_bomb_is_refused_from_its_header(tmp_path: Path) -> None:
    copy = with_image(tmp_path, "bomb.png")
    (copy / "bomb.png").write_bytes(png(100_000, 100_000, pixels=False))
    (message,) = image_errors(copy)
    assert "100000×100000 pixels" in message


def test_a_file_that_is_not_an_image_is_refused(tmp_path: Path) -> None:
    copy = with_image(tmp_path, "fake.png")
    (copy / "fake.png").write_text("<svg onload=alert(1)>", encoding="utf-8")
    (message,) = image_errors(copy)
    assert "not a PNG or JPEG" in message
