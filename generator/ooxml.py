"""Office Open XML names and units, for every stage that reads or writes a .docx."""
from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

TWIPS_PER_MM = 1440 / 25.4
POINTS_PER_MM = 72 / 25.4


def mm_to_twip(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def escape(text: str) -> str:
    """Text made safe inside an XML element: &, < and > as entities (as xml.sax.saxutils.escape,
    whose import pulls in urllib and email, a fifth of a second)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
