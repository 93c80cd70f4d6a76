"""Image files named by content: found inside the content folder, sized from their header."""

from __future__ import annotations

import struct
import warnings
from pathlib import Path, PurePosixPath


def image_size(data: bytes) -> tuple[str, int, int] | None:
    """(type, width, height) of a PNG or JPEG from its header, without decoding it."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return "png", width, height
    if data.startswith(b"\xff\xd8"):
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                return None
            marker = data[i + 1]
            length = struct.unpack(">H", data[i + 2 : i + 4])[0]
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", data[i + 5 : i + 9])
                return "jpeg", width, height
            i += 2 + length
    return None


def resolve_image(folder: Path, name: str) -> Path | str:
    """The image's path inside the content folder, or why it is refused."""
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or name.startswith(("/", "\\")) or ":" in pure.parts[0]:
        return "image paths are relative to the content folder"
    if ".." in pure.parts:
        return "image paths may not leave the content folder (no '..')"
    path = folder.joinpath(*pure.parts)
    try:
        resolved = path.resolve(strict=True)
        resolved.relative_to(folder.resolve())
    except FileNotFoundError:
        return "no such file"
    except RuntimeError:  # pathlib's word for a loop of symbolic links
        return "the path is a loop of symbolic links"
    except ValueError:
        return "the path leads out of the content folder (a symbolic link?)"
    except OSError as exc:
        return f"cannot read it: {exc.strerror or exc}"
    return resolved


def decode_problem(path: Path, max_pixels: int) -> str | None:
    """Why an image whose header looked right cannot be drawn, found by decoding it whole.

    Headers lie: a valid PNG header can front a corrupt body, a JPEG can stop halfway.
    Decoding is bounded by `max_pixels`, which the caller checked against the header.
    """
    from PIL import Image, ImageFile  # Pillow comes with reportlab; only images need it

    ImageFile.LOAD_TRUNCATED_IMAGES = False  # a truncated image is an error, not grey
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.load()
    except MemoryError:
        return "too large to decode"
    except Exception as exc:  # Pillow raises many kinds for a broken file
        return f"the image data is damaged ({exc})"
    return None
