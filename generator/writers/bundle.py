"""One printable .docx holding many plans written by gwplan, composed in linear time.

The bundle opens with a 目录 (no page number) listing every plan and the page it starts on.
Each plan is a section of its own that starts on an odd page, so two-sided printing puts its first
page on the front of a sheet, and restarts its page numbers at 1. An odd-page section break
(`w:type="oddPage"`) cannot do it: Word and LibreOffice tell odd from even by the page *number*,
which restarts at 1 and so is always odd, and never add the blank page (LibreOffice measured; Word
per [MS-OI29500] on evenAndOddHeaders); LibreOffice also sets the first page of such a section
4 pt lower, which pushes the last line of a full page over (measured). So each plan's section
starts on the next page, and the bundle adds the blank page itself, as a section with an empty
footer (7.5: a blank page has no page number), wherever a plan would otherwise start on an even
page. Which pages those are, and the start pages the 目录 lists, are computed from each plan's
text on the GB/T 9704 grid (pagination.py), not left to fields that would need updating.

Every plan gwplan writes shares one base package (styles, footers, settings from the same
profile), so plans are joined at the XML level and keep their comments. docxcompose is used for
documents gwplan did not write (compose.py): appending one by one it rescans the whole bundle
after each append, which is fine for a hundred files but not for a thousand.
"""
from __future__ import annotations

import math
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.errors import GwplanError
from generator.ooxml import escape
from generator.profile import Profile
from generator.text import patterns
from generator.writers import title_lines
from generator.writers.package import (
    BLANK_FOOTER,
    Body,
    section_properties,
    write_package,
)
from generator.writers.pagination import Measure, measure_of
from generator.writers.staged import commit_temporaries

_COMMENT_ID = patterns.compile(r'(<w:(?:commentRangeStart|commentRangeEnd|commentReference|comment) w:id=")(\d+)"')
_BOOKMARK = patterns.compile(r"<w:bookmark(?:Start|End) [^>]*/>")
TOC_NOTE = "（页码为汇编文件的顺序页码，每份计划从奇数页开始；各计划页脚的页码从1起）"


@dataclass
class BundlePart:
    """One plan of a bundle: its paragraphs, the name the 目录 lists and the pages it fills
    (None when unknown: the 目录 then marks its entry and every entry after it)."""

    body: Body
    name: str
    pages: int | None


def start_pages(toc_pages: int, pages: list[int | None]) -> list[int | None]:
    """The page (counted from the 目录's first page) each plan starts on: always odd; None after
    a plan whose page count is unknown."""
    starts: list[int | None] = []
    position: int | None = toc_pages + 1
    for count in pages:
        if position is not None and position % 2 == 0:
            position += 1  # a blank page first
        starts.append(position)
        position = None if position is None or count is None else position + count
    return starts


def blank_before(toc_pages: int, pages: list[int | None], starts: list[int | None]) -> list[bool]:
    """Whether a blank page goes before each plan (its page would be even otherwise)."""
    ends = [toc_pages] + [s + p - 1 if s is not None and p is not None else None for s, p in zip(starts, pages)]
    return [start is not None and end is not None and start == end + 2 for start, end in zip(starts, ends)]


def blank_page(profile: Profile) -> str:
    """A section of one empty page, with an empty footer: the page before an even-placed plan."""
    properties = toc_section(profile)
    footers = f'<w:footerReference w:type="default" r:id="{BLANK_FOOTER}"/><w:footerReference w:type="even" r:id="{BLANK_FOOTER}"/>'
    return f'<w:p><w:pPr>{properties.replace("<w:sectPr>", "<w:sectPr>" + footers, 1)}</w:pPr></w:p>'


def toc_xml(title: str, org: str, names: list[str], starts: list[int | None], profile: Profile) -> str:
    width = profile.page_width - profile.left - profile.right
    title_runs = "<w:r><w:br/></w:r>".join(f"<w:r><w:t>{escape(line)}</w:t></w:r>" for line in title_lines(title, org))
    parts = [
        f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{title_runs}</w:p>',
        '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>目  录</w:t></w:r></w:p>',
        f'<w:p><w:pPr><w:pStyle w:val="Normal"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
        f"<w:r><w:t>{escape(TOC_NOTE)}</w:t></w:r></w:p>",
    ]
    for number, (name, start) in enumerate(zip(names, starts), 1):
        page = str(start) if start is not None else "？"
        mark = '<w:rPr><w:highlight w:val="yellow"/></w:rPr>' if start is None else ""
        parts.append(
            f'<w:p><w:pPr><w:pStyle w:val="Normal"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{width}"/></w:tabs>'
            f'<w:ind w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/></w:pPr>'
            f"<w:r><w:t>{number}.{escape(name)}</w:t></w:r><w:r><w:tab/></w:r><w:r>{mark}<w:t>{page}</w:t></w:r></w:p>"
        )
    return "".join(parts)


def toc_lines(title: str, org: str, names: list[str], measure: Measure) -> int:
    lines = measure.lines("Title", "\n".join(title_lines(title, org))) + measure.lines("Title", "目  录")
    lines += measure.lines("Signature", TOC_NOTE)
    return lines + sum(measure.lines("Signature", f"{number}.{name}　0000") for number, name in enumerate(names, 1))


def bundle_body(parts: list[BundlePart], profile: Profile, title: str, org: str, measure: Measure | None = None) -> tuple[Body, list[int | None]]:
    """The 目录 and every plan, each plan a section starting on an odd page; and the start pages.

    Comment ids are renumbered so each plan keeps its own comments; the per-clause bookmarks
    (which repeat from plan to plan) are left out of the bundle.
    """
    pieces, starts = bundle_pieces(parts, profile, title, org, measure)
    return Body("".join(pieces), list(bundle_comments(parts))), starts


def bundle_pieces(parts: list[BundlePart], profile: Profile, title: str, org: str,
                  measure: Measure | None = None) -> tuple[Iterator[str], list[int | None]]:
    """bundle_body's paragraphs, one plan at a time (read from each part only when its turn comes)."""
    measure = measure or measure_of(profile)
    names = [part.name for part in parts]
    toc_pages = max(1, math.ceil(toc_lines(title, org, names, measure) / profile.lines_per_page))
    pages = [part.pages for part in parts]
    starts = start_pages(toc_pages, pages)
    blanks = blank_before(toc_pages, pages, starts)

    def pieces() -> Iterator[str]:
        plan_section = section_properties(profile)
        yield _end_section(toc_xml(title, org, names, starts, profile), toc_section(profile))
        offset = 0
        for index, part in enumerate(parts):
            if blanks[index]:
                yield blank_page(profile)
            body = part.body
            xml = _shift(_BOOKMARK.sub("", body.xml), offset)
            offset += len(body.comments)
            yield _end_section(xml, plan_section) if index < len(parts) - 1 else xml

    return pieces(), starts


def bundle_comments(parts: list[BundlePart]) -> Iterator[str]:
    """Every plan's comments, their ids following on from the plan before (as bundle_pieces counts)."""
    offset = 0
    for part in parts:
        comments = part.body.comments
        yield from (_shift(comment, offset) for comment in comments)
        offset += len(comments)


def toc_section(profile: Profile) -> str:
    """The 目录's section: the plans' page setup without footers, so it shows no page number."""
    properties = section_properties(profile, "nextPage")
    properties = re.sub(r"<w:footerReference [^>]*/>", "", properties)
    return properties.replace('<w:pgNumType w:start="1"/>', "")


def _shift(xml: str, offset: int) -> str:
    return _COMMENT_ID.sub(lambda m: f'{m.group(1)}{int(m.group(2)) + offset}"', xml) if offset else xml


def _end_section(body: str, sectpr: str) -> str:
    """Put the section properties into the last paragraph's properties, as Word does."""
    start = body.rfind("<w:p>")
    close = body.find("</w:pPr>", start)
    if start < 0 or close < 0:  # a plan without paragraphs: a paragraph of its own carries the break
        return body + f"<w:p><w:pPr>{sectpr}</w:pPr></w:p>"
    return body[:close] + sectpr + body[close:]


def write_bundle(parts: list[BundlePart], path: Path, profile: Profile, title: str, creator: str,
                 measure: Measure | None = None) -> list[int | None]:
    """Write the bundle, streamed plan by plan into a temporary file that then takes its place;
    returns the page each plan starts on (as listed in its 目录)."""
    pieces, starts = bundle_pieces(parts, profile, title, creator, measure)
    comments, temp = _Comments(parts), ""
    try:
        handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "w+b") as out:
            write_package(out, pieces, comments, profile, title, creator, section=section_properties(profile), bundle=True)
        os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        failed = commit_temporaries([(temp, path)])
        if failed:
            raise failed[temp]
    except OSError as exc:
        if temp:
            Path(temp).unlink(missing_ok=True)
        raise GwplanError(f"无法写入：{exc.strerror or exc}；文件夹可能只读或磁盘已满，没有改动任何文件。", str(path)) from None
    return starts


class _Comments:
    """The bundle's comments, streamed; true when any plan has some."""

    def __init__(self, parts: list[BundlePart]):
        self.parts = parts

    def __bool__(self) -> bool:
        return any(part.body.comment_count for part in self.parts)

    def __iter__(self) -> Iterator[str]:
        return bundle_comments(self.parts)


def _umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


class Spool:
    """Plan bodies kept in a temporary file until the bundle is written, so a batch's memory
    stays flat in the number of schools."""

    def __init__(self):
        self.file = tempfile.TemporaryFile()

    def add(self, body: Body) -> SpooledBody:
        xml, comments = body.xml.encode("utf-8"), "\x00".join(body.comments).encode("utf-8")
        offset = self.file.seek(0, os.SEEK_END)
        self.file.write(xml + comments)
        return SpooledBody(self, offset, len(xml), len(comments), len(body.comments))

    def read(self, offset: int, size: int) -> str:
        self.file.seek(offset)
        return self.file.read(size).decode("utf-8")

    def close(self) -> None:
        self.file.close()


@dataclass
class SpooledBody:
    """A Body whose XML and comments are read back from a Spool when the bundle needs them."""

    spool: Spool
    offset: int
    xml_size: int
    comments_size: int
    comment_count: int

    @property
    def xml(self) -> str:
        return self.spool.read(self.offset, self.xml_size)

    @property
    def comments(self) -> list[str]:
        if not self.comment_count:
            return []
        return self.spool.read(self.offset + self.xml_size, self.comments_size).split("\x00")
