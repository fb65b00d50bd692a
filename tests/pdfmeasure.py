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
