"""A written plan read back as the paragraphs pagination sees (a .docx's document.xml, or a body
gwplan wrote), and the pages it fills: for documents whose paragraphs are no longer in memory
(a bundle of .docx files, check of a plan gwplan wrote).
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from generator.ooxml import W
from generator.profile import load_profile
from generator.text import patterns
from generator.writers.pagination import Measure, Paragraph, measure_of


def paragraphs_of(document_xml: bytes | str) -> list[Paragraph]:
    """Each body paragraph of a document.xml gwplan wrote (w:br is a newline), with its page
    breaks, keeps and character spacing; each unpacks as (style id, text)."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(document_xml)
    found = []
    new_page = False
    for paragraph in root.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        text = []
        for node in paragraph.iter():
            if node.tag == f"{W}t":
                text.append(node.text or "")
            elif node.tag == f"{W}br":
                text.append("\n")
        spacing = paragraph.find(f"{W}r/{W}rPr/{W}spacing")
        found.append(Paragraph(
            style.get(f"{W}val") if style is not None else "Normal", "".join(text),
            page_break=new_page or paragraph.find(f"{W}pPr/{W}pageBreakBefore") is not None,
            keep_next=paragraph.find(f"{W}pPr/{W}keepNext") is not None,
            widow=_on(paragraph.find(f"{W}pPr/{W}widowControl")),
            char_spacing=int(spacing.get(f"{W}val")) if spacing is not None else None,
        ))
        new_page = paragraph.find(f"{W}pPr/{W}sectPr") is not None
    return found


def _on(element) -> bool:
    return element is not None and element.get(f"{W}val", "1") not in ("0", "false", "off")


def body_paragraphs(body_xml: str) -> list[Paragraph]:
    """The paragraphs of a body fragment gwplan wrote (writers.package.Body.xml), as paragraphs_of
    reads them. gwplan's paragraphs are flat <w:p> elements whose style comes first and whose text
    is in <w:t> (escaped by ooxml.escape) and <w:br/>, so patterns read them (a batch reads one
    body per school; a parser took a tenth of its time)."""
    found = []
    for paragraph in _PARAGRAPH.finditer(body_xml):
        inner = paragraph.group(1)
        style = _STYLE.match(inner)
        text = "".join("\n" if run.group(1) is None else _unescape(run.group(1)) for run in _RUN_TEXT.finditer(inner))
        spacing = _RUN_SPACING.search(inner)
        found.append(Paragraph(
            style.group(1) if style else "Normal", text, page_break="<w:pageBreakBefore/>" in inner,
            keep_next="<w:keepNext/>" in inner, widow="<w:widowControl/>" in inner,
            char_spacing=int(spacing.group(1)) if spacing else None,
        ))
    return found


_PARAGRAPH = patterns.compile(r"<w:p>(.*?)</w:p>", re.DOTALL)
_STYLE = patterns.compile(r'<w:pPr><w:pStyle w:val="([^"]*)"/>')
_RUN_TEXT = patterns.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:br/>")
_RUN_SPACING = patterns.compile(r'<w:rPr><w:spacing w:val="(-?\d+)"/>')


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") if "&" in text else text


def estimate_pages(path: Path, measure: Measure | None = None) -> int:
    """Pages of a .docx gwplan wrote (one plan), as Word lays it out on the profile's grid."""
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml")
    return (measure or measure_of(load_profile())).pages(paragraphs_of(xml))
