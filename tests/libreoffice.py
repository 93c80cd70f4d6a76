"""LibreOffice as the tests use it: our PyPI fonts, a private profile, a PDF back."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from briefing.fonts.registry import get_source, known_names


def packaged_fonts_config(folder: Path) -> Path:
    """A fontconfig file giving LibreOffice our PyPI fonts, so that no machine needs CJK
    system fonts for it to lay out the Chinese text."""
    dirs = sorted({str(get_source(name).path(400).parent) for name in known_names()})
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        + "".join(f"  <dir>{d}</dir>\n" for d in dirs)
        + '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        + f"  <cachedir>{folder / 'fc-cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return config


def convert(source: Path, folder: Path) -> Path:
    """`soffice --convert-to pdf` with the PyPI fonts; the PDF's path."""
    env = dict(os.environ, FONTCONFIG_FILE=str(packaged_fonts_config(folder)))
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{folder}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env=env,
    )
    return folder / f"{source.stem}.pdf"
