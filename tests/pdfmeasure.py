"""Measure a rendered PDF with poppler's pdftotext -bbox-layout: text lines with their positions."""
from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass
class Line:
    top: float
    bottom: float
    left: float
    right: float
    text: str

    @property
    def height(self) -> float:
        return self.bottom - self.top


def soffice(*args: str, **run) -> subprocess.CompletedProcess:
    """soffice --headless with a profile of its own, as gwplan runs it: a LibreOffice the user
    (or another test process) has open never blocks it or shares its settings."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="gwplan-test-lo-") as profile:
        command = ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", *map(str, args)]
        return subprocess.run(command, **run)


def have_tools() -> bool:
    return shutil.which("pdftotext") is not None and (shutil.which("soffice") or shutil.which("libreoffice")) is not None


def pages(pdf: Path) -> list[list[Line]]:
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(out)
    found = []
    for page in root.iter(XHTML + "page"):
        lines = []
        for line in page.iter(XHTML + "line"):
            text = "".join(w.text or "" for w in line.iter(XHTML + "word"))
            lines.append(
                Line(float(line.get("yMin")), float(line.get("yMax")), float(line.get("xMin")), float(line.get("xMax")), text)
            )
        found.append(sorted(lines, key=lambda l: l.top))
    return found


CALIBRATION = "0123456789.%-/:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def libreoffice_measure(folder: Path, profile):
    """gwplan's page Measure as LibreOffice sets type with the free preview fonts: measured, not assumed.

    One left-aligned body paragraph per Latin character, 汉 + ten of it + 汉, is rendered; a
    character's advance and the space LibreOffice adds where Chinese meets it come from the PDF.
    """
    import pdfplumber

    from generator.writers.pagination import Measure
    from generator.writers.pdf import docx_to_pdf
    from generator.writers.package import Body, package_bytes

    paragraphs = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="Normal"/><w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="left"/></w:pPr>'
        f'<w:r><w:t>汉{char * 10}汉</w:t></w:r></w:p>'
        for char in CALIBRATION
    )
    source, pdf = folder / "calibration.docx", folder / "calibration.pdf"
    source.write_bytes(package_bytes(Body(paragraphs), profile, "calibration", "gwplan"))
    docx_to_pdf(source, pdf, profile)
    advances, gaps = {}, []
    han = profile.body_size + profile.char_spacing / 20
    with pdfplumber.open(str(pdf)) as document:
        rows: dict[tuple, list] = {}
        for number, page in enumerate(document.pages):
            for char in page.chars:
                rows.setdefault((number, round(char["top"])), []).append(char)
    for line in (sorted(chars, key=lambda c: c["x0"]) for _, chars in sorted(rows.items())):
        text = "".join(c["text"] for c in line)
        if len(line) != 12 or len(text) != 12 or text[0] != "汉" or text[-1] != "汉" or len(set(text[1:11])) != 1:
            continue
        advances[text[1]] = (line[10]["x0"] - line[1]["x0"]) / 9
        gaps.append(line[1]["x0"] - line[0]["x0"] - han)
    assert set("0123456789") <= set(advances), sorted(set(CALIBRATION) - set(advances))
    default = sum(advances.values()) / len(advances)
    return Measure(profile, hanging=False, ascii_points=lambda c: advances.get(c, default), latin_gap=sum(gaps) / len(gaps))
