"""How many pages a plan gwplan wrote fills, computed from its text on the GB/T 9704 grid.

Every paragraph of gwplan's output sits on the same exact line pitch (22 lines a page, widow
control off, no space before or after), so a page count is the number of lines divided by 22.
Lines are counted as a word processor breaks them: 28 body characters a line (the first line of
a paragraph two fewer), half-width digits and letters half a character and never split, and the
kinsoku rules (a line never starts with ，。、）》” nor ends with （《“). Titles are 22 pt: 20
characters a line. The bundle's 目录 uses these counts; tests compare them with LibreOffice.

The measure is Word's with the real fonts. LibreOffice differs in three ways (no hanging
punctuation, wider digits in the free preview fonts, a little space where Chinese meets digits,
which it adds whatever the document says); the tests give Measure those and compare.
"""
from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path

from generator.profile import Profile, load_profile

from generator.ooxml import W
NO_LINE_START = set("，。、；：？！）》」』】〕”’…％%,.;:?!)]}·—")
NO_LINE_END = set("（《「『【〔“‘([{")
_UNITS = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-/:%]*|.", re.DOTALL)


def _is_han(unit: str) -> bool:
    return "\u4e00" <= unit[0] <= "\u9fff" or unit[0] == "〇"


class Measure:
    """The grid of one formatting profile, and how the application that prints sets type on it.

    Widths are in points. By default they are Word's with the real 公文 fonts: a Chinese
    character is the font size less the profile's condensing, a digit or Latin letter half the
    font size less the same, no extra space where Chinese meets digits (gwplan's styles turn
    autoSpaceDE/DN off), and one closing mark may hang past the line end (overflowPunct).
    """

    def __init__(self, profile: Profile, hanging: bool = True, ascii_points=None, latin_gap: float = 0.0):
        self.profile = profile
        self.hanging = hanging
        condense = profile.char_spacing / 20
        self.han = profile.body_size + condense
        self.ascii_points = ascii_points or (lambda char: profile.body_size / 2 + condense)
        self.latin_gap = latin_gap  # extra points where a Han character meets a digit or letter
        self.width = (profile.page_width - profile.left - profile.right) / 20
        self.lines_per_page = profile.lines_per_page
        self._counted: dict[tuple[str, str], int] = {}  # (style, text) → lines: a batch repeats its clauses

    def _unit(self, unit: str, size: float) -> float:
        if ord(unit[0]) < 0x2000:
            scale = size / self.profile.body_size
            return sum(self.ascii_points(char) for char in unit) * scale
        return size + (self.han - self.profile.body_size if size == self.profile.body_size else 0.0)

    def _gap(self, before: str | None, unit: str) -> float:
        if before is None or not self.latin_gap:
            return 0.0
        latin_before, latin_now = ord(before[0]) < 0x2000, ord(unit[0]) < 0x2000
        if (latin_before and _is_han(unit)) or (latin_now and _is_han(before)):
            return self.latin_gap
        return 0.0

    def line_count(self, text: str, size: float, first_indent: float = 0.0) -> int:
        """Lines `text` takes in the type area at font `size` (an empty paragraph takes one)."""
        return max(len(self.broken(text, size, first_indent)), 1)

    def broken(self, text: str, size: float, first_indent: float = 0.0) -> list[str]:
        """`text` as the lines it is set in; a manual line break (the title's) starts a new line."""
        lines: list[str] = []
        for piece in text.split("\n"):
            lines += self._piece_lines(piece, size, first_indent if not lines else 0.0)
        return lines

    def _line_width(self, line: list[str], size: float, indent: float) -> float:
        return indent + sum(self._unit(u, size) + self._gap(line[i - 1] if i else None, u) for i, u in enumerate(line))

    def _piece_lines(self, text: str, size: float, first_indent: float) -> list[str]:
        lines: list[str] = []
        line: list[str] = []
        used = first_indent * self.han
        for unit in _UNITS.findall(text):
            width = self._unit(unit, size) + self._gap(line[-1] if line else None, unit)
            if used + width <= self.width + 1e-6 or not line:
                line.append(unit)
                used += width
                continue
            if unit in NO_LINE_START and self.hanging:  # Word: the mark hangs in the margin
                line.append(unit)
                used += width
                continue
            carried = []
            if unit in NO_LINE_START:  # the mark takes the previous character with it
                carried.append(line.pop())
            while line and line[-1] in NO_LINE_END:  # an opening mark never ends a line
                carried.insert(0, line.pop())
            if not line:  # nothing can move: break where it does not fit after all
                line, carried = carried, []
            lines.append("".join(line))
            line = carried + [unit]
            used = self._line_width(line, size, 0.0)
        if line:
            lines.append("".join(line))
        return lines

    def lines(self, style: str, text: str) -> int:
        key = (style, text)
        if key not in self._counted:
            if len(self._counted) > 100_000:
                self._counted.clear()
            self._counted[key] = max(len(self.set_lines(style, text)), 1)
        return self._counted[key]

    def set_lines(self, style: str, text: str) -> list[str]:
        """The lines a paragraph of gwplan's `style` is set in."""
        if style == "Title":
            return self.broken(text, self.profile.title_size)
        indent = self.profile.first_line_indent_chars if style in ("Normal", "Heading1", "Heading2", "Attachment") else 0.0
        return self.broken(text, self.profile.body_size, indent)

    def pages(self, paragraphs: list[tuple[str, str]]) -> int:
        """Pages that (style, text) paragraphs fill."""
        lines = sum(self.lines(style, text) for style, text in paragraphs)
        return max(1, math.ceil(lines / self.lines_per_page))


def paragraphs_of(document_xml: bytes | str) -> list[tuple[str, str]]:
    """(style id, text) of each body paragraph of a document.xml gwplan wrote; w:br is a newline."""
    from xml.etree import ElementTree

    root = ElementTree.fromstring(document_xml)
    found = []
    for paragraph in root.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        text = []
        for node in paragraph.iter():
            if node.tag == f"{W}t":
                text.append(node.text or "")
            elif node.tag == f"{W}br":
                text.append("\n")
        found.append((style.get(f"{W}val") if style is not None else "Normal", "".join(text)))
    return found


def body_paragraphs(body_xml: str) -> list[tuple[str, str]]:
    """(style id, text) of the paragraphs of a body fragment gwplan wrote (writers.package.Body.xml),
    as paragraphs_of reads them. gwplan's paragraphs are flat <w:p> elements whose style comes
    first and whose text is in <w:t> (escaped by ooxml.escape) and <w:br/>, so patterns read them
    (a batch reads one body per school; a parser took a tenth of its time)."""
    found = []
    for paragraph in _PARAGRAPH.finditer(body_xml):
        inner = paragraph.group(1)
        style = _STYLE.match(inner)
        text = "".join("\n" if run.group(1) is None else _unescape(run.group(1)) for run in _RUN_TEXT.finditer(inner))
        found.append((style.group(1) if style else "Normal", text))
    return found


_PARAGRAPH = re.compile(r"<w:p>(.*?)</w:p>", re.DOTALL)
_STYLE = re.compile(r'<w:pPr><w:pStyle w:val="([^"]*)"/>')
_RUN_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:br/>")


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") if "&" in text else text


def estimate_pages(path: Path, measure: Measure | None = None) -> int:
    """Pages of a .docx gwplan wrote (one plan), as Word lays it out on the profile's grid."""
    with zipfile.ZipFile(path) as package:
        xml = package.read("word/document.xml")
    return (measure or Measure(load_profile())).pages(paragraphs_of(xml))
