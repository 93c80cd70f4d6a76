"""PDF/A-2: every PDF passes a real validator; metadata, output intent, links and stream
endings read back as the standard wants them."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from tests.conftest import CONTENT, build

PREFLIGHT_JARS = (
    "preflight.jar",
    "pdfbox2.jar",
    "fontbox2.jar",
    "xmpbox.jar",
    "commons-logging.jar",
    "javax.activation.jar",
    "jaxb-api.jar",
)
JAVA_DIR = Path("/usr/share/java")
PDFA1_ONLY = (
    # PDFBox's preflight checks PDF/A-1b; these two rules are PDF/A-1's alone.
    re.compile(r"^2\.1\.6 : .*Invalid version of the ICCProfile"),
    # ICC v4 profiles are PDF 1.7's (PDF/A-2); PDF 1.4 knew v2 only.
    re.compile(r"^7\.1\.1 : .*No type defined for \{http://ns\.adobe\.com/pdf/1\.3/\}Trapped"),
    # pdf:Trapped is a predefined XMP property for PDF/A-2; PDF/A-1's list lacks it.
)
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Every audience's PDF, built once."""
    out = tmp_path_factory.mktemp("pdfa")
    assert build(out, "--format", "pdf") == 0
    files = sorted((out / CONTENT.name).glob("*.pdf"))
    assert len(files) == 5
    return files


def _preflight_classpath() -> str | None:
    """Return the class path of PDFBox preflight, or None when it is not installed."""
    if shutil.which("java") is None:
        return None
    jars = [JAVA_DIR / jar for jar in PREFLIGHT_JARS]
    if not all(jar.is_file() for jar in jars):
        return None
    return ":".join(str(jar) for jar in jars)


def test_every_pdf_passes_pdfbox_preflight(built: list[Path]) -> None:
    classpath = _preflight_classpath()
    if classpath is None:
        pytest.skip("PDFBox preflight (apt: libpdfbox2-java, java) is not installed")
    cmd = ["java", "-cp", classpath, "org.apache.pdfbox.preflight.Validator_A1b"]
    for path in built:
        result = subprocess.run([*cmd, str(path)], capture_output=True, text=True, check=False)
        # The validator ran (it names the file, valid or not).
        assert path.name in result.stdout, result.stdout + result.stderr
        errors = [
            line
            for line in result.stdout.splitlines()
            if re.match(r"^\d+(\.\d+)* : ", line) and not any(p.match(line) for p in PDFA1_ONLY)
        ]
        assert not errors, path.name + "\n" + "\n".join(errors[:20])


def test_the_validator_sees_what_the_issue_found_in_an_old_pdf(tmp_path: Path) -> None:
    classpath = _preflight_classpath()
    if classpath is None:
        pytest.skip("PDFBox preflight (apt: libpdfbox2-java, java) is not installed")
    # A stream ending without EOL must fail: the check above can fail.
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"3 0 obj<</Length 2>>stream\nabendstream\nendobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )
    cmd = ["java", "-cp", classpath, "org.apache.pdfbox.preflight.Validator_A1b", str(bad)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert "not a valid PDF/A" in result.stdout


def test_xmp_metadata_mirrors_the_document_information(built: list[Path]) -> None:
    for path in built:
        reader = PdfReader(path)
        info = reader.metadata
        assert info is not None
        stream = reader.trailer["/Root"]["/Metadata"].get_object()
        assert "/Filter" not in stream
        root = ET.fromstring(stream.get_data())
        desc = root.find(".//rdf:Description", NS)
        assert desc is not None

        def one(path: str, desc: ET.Element = desc) -> str:
            found = desc.find(path, NS)
            assert found is not None, path
            return found.text or ""

        assert one("dc:title/rdf:Alt/rdf:li") == info["/Title"]
        assert one("dc:creator/rdf:Seq/rdf:li") == info["/Author"]
        assert one("dc:description/rdf:Alt/rdf:li") == info["/Subject"]
        assert one("pdf:Keywords") == info["/Keywords"]
        assert one("pdf:Producer") == info["/Producer"]
        assert one("xmp:CreatorTool") == info["/Creator"]
        created = info["/CreationDate"]  # D:YYYYMMDDHHmmSS+00'00'
        stamp = f"{created[2:6]}-{created[6:8]}-{created[8:10]}T{created[10:12]}:"
        assert one("xmp:CreateDate").startswith(stamp)
        assert one("xmp:ModifyDate") == one("xmp:CreateDate")
        assert info["/ModDate"] == created
        assert one("pdfaid:part") == "2"
        assert one("pdfaid:conformance") == "A"
        assert one("pdfuaid:part") == "1"


def test_output_intent_carries_an_srgb_icc_profile(built: list[Path]) -> None:
    reader = PdfReader(built[0])
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert len(intents) == 1
    intent = intents[0].get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3
    icc = profile.get_data()
    assert icc[36:40] == b"acsp"
    assert icc[16:20] == b"RGB "
    assert int.from_bytes(icc[:4], "big") == len(icc)


def test_links_are_printed_described_and_in_the_structure(built: list[Path]) -> None:
    reader = PdfReader(next(p for p in built if p.name == "full.pdf"))
    links = [
        a.get_object()
        for page in reader.pages
        for a in page.get("/Annots", [])
        if a.get_object()["/Subtype"] == "/Link"
    ]
    assert len(links) > 20
    for link in links:
        assert int(link["/F"]) & 4
        assert str(link["/Contents"]).strip()
        assert "/StructParent" in link


def test_every_stream_ends_with_an_end_of_line(built: list[Path]) -> None:
    for path in built:
        data = path.read_bytes()
        ends = [m.start() for m in re.finditer(rb"endstream", data)]
        assert ends
        assert all(data[i - 1 : i] in (b"\n", b"\r") for i in ends), path.name


def test_document_id_is_fixed_and_differs_between_documents(built: list[Path]) -> None:
    ids = []
    for path in built:
        trailer_id = PdfReader(path).trailer["/ID"]
        first = trailer_id[0]
        if isinstance(first, IndirectObject):
            first = first.get_object()
        ids.append(bytes(first.original_bytes))
    assert len(set(ids)) == len(ids)


def test_pages_and_catalog_say_the_file_is_tagged(built: list[Path]) -> None:
    reader = PdfReader(io.BytesIO(built[0].read_bytes()))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert str(root["/Lang"]) == "zh-TW"
    assert "/StructTreeRoot" in root
    keys = [page["/StructParents"] for page in reader.pages]
    assert len(set(keys)) == len(keys)
    assert all(page["/Tabs"] == "/S" for page in reader.pages)
