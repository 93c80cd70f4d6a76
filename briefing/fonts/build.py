"""Build one embedded-ready TTF face: subset, instance the wght axis, rename."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.fonts.cache import atomic_write

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont

# Bump whenever the produced bytes change for the same inputs (options, naming, ...).
FORMAT_VERSION = 2

# head.created / head.modified of every produced font (2020-01-01T00:00:00Z, 1904 epoch).
FIXED_TIMESTAMP = 3660681600

# Tables reportlab never reads; dropping them keeps subsetting/instancing fast and small.
DROP_TABLES = (
    "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "STAT",
    "vhea", "vmtx", "VVAR", "VORG", "gasp", "DSIG", "meta",
)  # fmt: skip

# Name IDs copied from the source (copyright, version, trademark, licence); 1-4/6 are rewritten.
KEEP_NAME_IDS = (0, 5, 7, 13, 14)


@dataclass(frozen=True)
class FaceJob:
    """Everything needed to build one face; picklable for worker processes."""

    source_path: str
    out_path: str
    codepoints: tuple[int, ...]
    weight: int
    instance: bool
    family: str
    style: str
    ps_name: str


def build_face(job: FaceJob) -> str:
    """Build the face described by `job`, write it atomically, return its path."""
    font = _subset(job.source_path, job.codepoints)
    if job.instance:
        from fontTools.varLib.instancer import instantiateVariableFont

        font = instantiateVariableFont(font, {"wght": job.weight}, inplace=True)
    _set_names(font, job.family, job.style, job.ps_name)
    _set_style_bits(font, job.weight, job.style)
    font.recalcTimestamp = False
    font["head"].created = FIXED_TIMESTAMP
    font["head"].modified = FIXED_TIMESTAMP
    buf = io.BytesIO()
    font.save(buf)
    font.close()
    atomic_write(Path(job.out_path), buf.getvalue())
    return job.out_path


def _subset(path: str, codepoints: tuple[int, ...]) -> TTFont:
    """Load `path` lazily and subset it to `codepoints` without hinting or layout."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = []
    options.drop_tables = [*options.drop_tables, *DROP_TABLES]
    options.hinting = False
    options.notdef_outline = True
    options.glyph_names = False
    options.name_IDs = [*KEEP_NAME_IDS, 1, 2, 3, 4, 6]
    options.name_languages = [0x0409]
    options.recalc_timestamp = False
    font = TTFont(path, lazy=True, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    return font


def _set_names(font: TTFont, family: str, style: str, ps_name: str) -> None:
    """Rewrite the name table: RIBBI family/style, full name and PostScript name."""
    name = font["name"]
    version = name.getDebugName(5) or "Version 1.000"
    name.names = [rec for rec in name.names if rec.nameID in KEEP_NAME_IDS]
    ribbi = style in ("Regular", "Bold")
    records = {
        1: family if ribbi else f"{family} {style}",
        2: style if ribbi else "Regular",
        3: f"{version.removeprefix('Version ')};{ps_name};briefing-subset",
        4: family if style == "Regular" else f"{family} {style}",
        6: ps_name,
    }
    if not ribbi:
        records[16] = family
        records[17] = style
    for name_id, text in records.items():
        name.setName(text, name_id, 3, 1, 0x0409)
    name.names.sort(key=lambda rec: (rec.platformID, rec.platEncID, rec.langID, rec.nameID))


def _set_style_bits(font: TTFont, weight: int, style: str) -> None:
    """Set usWeightClass, fsSelection/macStyle bold bits and installable embedding."""
    os2 = font["OS/2"]
    os2.usWeightClass = weight
    os2.fsType = 0
    bold = style == "Bold"
    selection = os2.fsSelection & ~((1 << 0) | (1 << 5) | (1 << 6))
    os2.fsSelection = selection | (1 << 5 if bold else 1 << 6)
    head = font["head"]
    head.macStyle = (head.macStyle & ~0b11) | (1 if bold else 0)
