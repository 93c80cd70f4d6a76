"""Open a document in LibreOffice, update its indexes as a user would, save it as PDF.

    python3 lo_update_indexes.py SOURCE TARGET.pdf PROFILE_DIR

Runs under the Python that LibreOffice's UNO bridge belongs to (the system python3), not
the project's virtual environment; the ODT tests call it where `import uno` works.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name: str, value: object) -> PropertyValue:
    """A UNO property value."""
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(source: str, target: str, profile: str) -> None:
    """Update every index of `source` and export it to `target` as PDF."""
    pipe = f"briefing_{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={Path(profile).as_uri()}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(120):  # LibreOffice takes a while to start on a busy machine
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        else:
            raise SystemExit("LibreOffice did not answer")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = Path(source).resolve().as_uri()
        document = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        indexes = document.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        out = Path(target).resolve().as_uri()
        document.storeToURL(out, (prop("FilterName", "writer_pdf_Export"),))
        document.close(True)
        with contextlib.suppress(Exception):  # the bridge closes as LibreOffice quits
            desktop.terminate()
        office.wait(timeout=60)
    finally:
        if office.poll() is None:
            office.kill()


if __name__ == "__main__":
    main(*sys.argv[1:4])
