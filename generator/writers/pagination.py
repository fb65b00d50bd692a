"""How many pages a plan gwplan wrote fills, computed from its text on the GB/T 9704 grid.

Every paragraph of gwplan's output sits on the same exact line pitch (22 lines a page, widow
control off, no space before or after), so a page count is the number of lines divided by 22.
Lines are counted as a word processor breaks them: 28 body characters a line (the first line of
a paragraph two fewer), half-width digits and letters half a character and never split, and the
kinsoku rules (a line never starts with ，。、）》” nor ends with （《“). Titles are 22 pt: 20
characters a line. Lines fill pages as a word processor fills them (`paginate`): a paragraph that
starts a page, keep-with-next, and widow/orphan control where a paragraph asks for it. The
bundle's 目录, the writer's signature keeping (7.3.5.4) and gwplan check use these counts; tests
compare them with LibreOffice.

The measure is Word's with the real fonts. LibreOffice differs in three ways (no hanging
punctuation, wider digits in the free preview fonts, a little space where Chinese meets digits,
which it adds whatever the document says); the tests give Measure those and compare.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from generator.profile import Profile
from generator.text import patterns

NO_LINE_START = set("，。、；：？！）》」』】〕”’…％%,.;:?!)]}·—")
NO_LINE_END = set("（《「『【〔“‘([{")
_UNITS = patterns.compile(r"[0-9A-Za-z][0-9A-Za-z.\-/:%]*|.", re.DOTALL)


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
        self._args = (hanging, ascii_points, latin_gap)
        self.hanging = hanging
        condense = profile.char_spacing / 20
        self.han = profile.body_size + condense
        self.ascii_points = ascii_points or (lambda char: profile.body_size / 2 + condense)
        self.latin_gap = latin_gap  # extra points where a Han character meets a digit or letter
        self.width = (profile.page_width - profile.left - profile.right) / 20
        self.lines_per_page = profile.lines_per_page
        self._counted: dict[tuple[str, str], int] = {}  # (style, text) → lines: a batch repeats its clauses
        self._widths: dict[tuple[str, float], float] = {}
        self._by_size: dict[float, dict[str, float]] = {}
        self._tightened: dict[int, Measure] = {}  # kept, with their counts: every school condenses alike

    @classmethod
    def preview(cls, profile: Profile) -> "Measure":
        """LibreOffice with the free preview fonts (draft --pdf): wider digits, a gap where Chinese
        meets them, no hanging punctuation; the numbers are the profile's (preview_metrics)."""
        metrics = profile.preview_metrics
        condense = profile.char_spacing / 20
        digit, other = float(metrics["digit_pt"]), float(metrics["latin_pt"])
        return cls(profile, hanging=False, latin_gap=float(metrics["latin_gap_pt"]),
                   ascii_points=lambda char: (digit if char.isdigit() else other) + condense)

    def tightened(self, char_spacing: int) -> "Measure":
        """The same type with body character spacing `char_spacing` (twentieths of a point) in place
        of the profile's: what condensing a paragraph further (7.3.5.4) does to its lines."""
        if char_spacing in self._tightened:
            return self._tightened[char_spacing]
        hanging, ascii_points, gap = self._args
        delta = (char_spacing - self.profile.char_spacing) / 20
        base = ascii_points or (lambda char: self.profile.body_size / 2 + self.profile.char_spacing / 20)
        measure = Measure(replace(self.profile, char_spacing=char_spacing), hanging, lambda char: base(char) + delta, gap)
        self._tightened[char_spacing] = measure
        return measure

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

    def broken(self, text: str, size: float, first_indent: float = 0.0, left: float = 0.0) -> list[str]:
        """`text` as the lines it is set in; a manual line break (the title's) starts a new line.
        `left` is the paragraph's left indent and `first_indent` its first line's, in characters
        (negative: a hanging indent)."""
        lines: list[str] = []
        for piece in text.split("\n"):
            lines += self._piece_lines(piece, size, first_indent if not lines else 0.0, left)
        return lines

    def width_of(self, text: str, size: float | None = None) -> float:
        """Points `text` takes on one line (kept: titles try the same pieces school after school)."""
        key = (text, size or self.profile.body_size)
        if key not in self._widths:
            if len(self._widths) > 100_000:
                self._widths.clear()
            self._widths[key] = self._line_width(_UNITS.findall(text), key[1], 0.0)
        return self._widths[key]

    def _unit_widths(self, size: float) -> dict[str, float]:
        """unit → _unit(unit, size), filled as units are met: a text is a few hundred distinct units."""
        widths = self._by_size.get(size)
        if widths is None:
            widths = self._by_size[size] = {}
        return widths

    def _line_width(self, line: list[str], size: float, indent: float) -> float:
        widths, gap = self._unit_widths(size), self._gap if self.latin_gap else None
        for unit in line:
            if unit not in widths:
                widths[unit] = self._unit(unit, size)
        if gap is None:  # no gap where Han meets Latin: each term as _unit + 0.0 would give it
            return indent + sum(widths[u] for u in line)
        return indent + sum(widths[u] + gap(line[i - 1] if i else None, u) for i, u in enumerate(line))

    def _piece_lines(self, text: str, size: float, first_indent: float, left: float = 0.0) -> list[str]:
        lines: list[str] = []
        line: list[str] = []
        used = first_indent * self.han
        room = self.width - left * self.han
        widths, gap = self._unit_widths(size), self._gap if self.latin_gap else None
        for unit in _UNITS.findall(text):
            width = widths.get(unit)
            if width is None:
                width = widths[unit] = self._unit(unit, size)
            if gap is not None:
                width = width + gap(line[-1] if line else None, unit)
            if used + width <= room + 1e-6 or not line:
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
        if style in ("Title", "AppendixTitle"):
            return self.broken(text, self.profile.title_size)
        if style == "Attachment":
            left, first = attachment_indents(text, self)
            return self.broken(text, self.profile.body_size, first, left)
        indent = self.profile.first_line_indent_chars if style in ("Normal", "Heading1", "Heading2") else 0.0
        return self.broken(text, self.profile.body_size, indent)

    def counts(self, paragraphs: list) -> list[int]:
        """Lines of each paragraph, each set at its own character spacing."""
        found = []
        for paragraph in paragraphs:
            if isinstance(paragraph, Paragraph):
                style, text, spacing = paragraph.style, paragraph.text, paragraph.char_spacing
            else:  # a (style, text) pair, or anything indexed alike
                style, text, spacing = paragraph[0], paragraph[1], getattr(paragraph, "char_spacing", None)
            measure = self if spacing is None or spacing == self.profile.char_spacing else self.tightened(spacing)
            found.append(measure.lines(style, text))
        return found

    def pages(self, paragraphs: list) -> int:
        """Pages that (style, text) paragraphs (or Paragraphs, with their page breaks and keeps) fill."""
        if not any(isinstance(p, Paragraph) for p in paragraphs):
            lines = sum(self.lines(style, text) for style, text in paragraphs)
            return max(1, math.ceil(lines / self.lines_per_page))
        places = paginate(self.counts(paragraphs), paragraphs, self.lines_per_page)
        return max((lines[-1][0] for lines in places if lines), default=0) + 1


@lru_cache(maxsize=16)
def measure_of(profile: Profile, preview: bool = False) -> Measure:
    """Word's measure of `profile` (or LibreOffice's preview one), one per profile: the lines it
    counts are kept, so the plans of a batch, alike but for a few words, are measured once."""
    return Measure.preview(profile) if preview else Measure(profile)


def header_rows(profile: Profile, mark_size: float) -> int:
    """Grid rows of the first page a 版头 takes (7.2): the 标志's top 35 mm down, its line, two
    blank lines, the 发文字号, the red rule 4 mm below it and two blank lines before the title."""
    pitch = profile.line_pitch / 20
    mm = 72 / 25.4
    height = profile.header["issuer_mark_top_mm"] * mm + 1.25 * mark_size + 5 * pitch + profile.header["rule_below_number_mm"] * mm
    return profile.lines_per_page - int((profile.lines_per_page * pitch - height) // pitch)


def attachment_indents(text: str, measure: Measure) -> tuple[float, float]:
    """(left, first-line) indents in characters of a 附件说明 line (7.3.4): wrapped lines start
    under the first character of the name, after 附件： and the number; the first line starts two
    characters in (附件：), or under the first number (2. 3. …)."""
    profile = measure.profile
    number = re.match(r"(附件：)?(\d+[.．])?", text)
    label, digits = number.group(1) or "", number.group(2) or ""
    if not label and not digits:
        return 0.0, float(profile.first_line_indent_chars)
    han = profile.body_size + profile.char_spacing / 20
    hang = measure.width_of(label + digits) / han
    return profile.first_line_indent_chars + 3 + measure.width_of(digits) / han, -hang


@dataclass
class Paragraph:
    """A paragraph as pagination sees it; it unpacks as (style, text)."""

    style: str
    text: str
    page_break: bool = False  # starts a page (w:pageBreakBefore, or after a break or section)
    keep_next: bool = False  # on the same page as the next paragraph's first line
    widow: bool = False  # widow/orphan control: at least two lines on each side of a page break
    char_spacing: int | None = None  # the paragraph's own spacing (twentieths of a point), None: the style's
    role: str = ""  # its part of the 公文, when known (writer's block role, check's role)

    def __iter__(self):
        return iter((self.style, self.text))

    def __getitem__(self, index):
        return (self.style, self.text)[index]


def paginate(counts: list[int], paragraphs: list, per_page: int, first_row: int = 0) -> list[list[tuple[int, int]]]:
    """(page, row) of every line of every paragraph, both from 0, filling pages as Word and
    LibreOffice do on an exact line pitch: `first_row` rows of the first page are taken (by a
    版头 not on the grid); a paragraph with page_break starts a page; a page break never falls
    after a keep_next paragraph's last line, nor leaves a single line of a widow-controlled one."""
    flat = [(index, line) for index, count in enumerate(counts) for line in range(count)]
    places: list[list[tuple[int, int]]] = [[] for _ in counts]
    start, page, room = 0, 0, per_page - first_row
    while start < len(flat):
        end = min(start + room, len(flat))
        end = next((f for f in range(start + 1, end) if flat[f][1] == 0 and getattr(paragraphs[flat[f][0]], "page_break", False)), end)
        if end < len(flat):
            end = _kept(flat, paragraphs, counts, start, end)
        row = per_page - room
        for f in range(start, end):
            places[flat[f][0]].append((page, row + f - start))
        start, page, room = end, page + 1, per_page
    return places


def _kept(flat, paragraphs, counts, start: int, end: int) -> int:
    """The page break moved up until keep-with-next and widow control hold (or the page would be empty)."""
    chosen = end
    while chosen > start:
        (before, _), (after, line) = flat[chosen - 1], flat[chosen]
        if before == after:
            if not getattr(paragraphs[after], "widow", False):
                break
            if line < 2:
                chosen -= line  # an orphan: the whole paragraph goes
            elif counts[after] - line < 2:
                chosen -= 1  # a widow: one more line goes with it
            else:
                break
        elif getattr(paragraphs[before], "keep_next", False):
            chosen -= 1
        else:
            break
    return chosen if chosen > start else end
