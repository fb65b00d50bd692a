"""Read the text layer of a PDF plan: paragraphs rebuilt from where each line stands on the page.

A PDF has lines, not paragraphs. pdfplumber gives each line's position, and the page says the rest:

- page furniture: a line in the top or bottom tenth of the page that repeats across pages, is a
  page number (— 3 —) or has no words, or is set smaller than the body (a running header), goes;
- a line that stops short of the right margin ends its paragraph;
- a line that starts at another indent than the paragraph's run-on lines starts a new one: a
  first-line indent (正文 and items typed by hand) or a hanging label (Word's automatic numbering,
  where 1. stands out to the left of the lines under it);
- a line set far in from the left (a centred title, a right-aligned 署名 or date) stands alone,
  and lines of different sizes (a 小标宋 title over 仿宋 body) never join;
- ruled tables come out as tables (readers/tables.py), their cells never as paragraphs.

A scanned PDF has no text layer: it gets a clear error, since gwplan does not do OCR.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from generator.errors import GwplanError
from generator.readers.cleanup import Para
from generator.readers.furniture import PAGE_NUMBER, STRUCTURAL
from generator.readers.limits import MAX_PDF_PAGES, refuse
from generator.text import patterns

MAX_PDF_BYTES = 50 * 1024 * 1024
_BAND = 0.1  # the top and bottom tenth of a page hold its header and footer
_WORDS = patterns.compile(r"[\u4e00-\u9fffA-Za-z]")  # a header or footer line without any is a page number or a rule


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    size: float  # font size of the line's characters
    band: str  # top, bottom or body
    rows: list[list[str]] | None = None  # a table standing here


def read_pdf_paragraphs(path: Path) -> list[Para]:
    """The paragraphs (and tables) of a PDF, page furniture removed."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    name = str(path)
    if path.stat().st_size > MAX_PDF_BYTES:
        raise GwplanError("文件过大，不像一份工作要点；请检查是否选错了文件。", name)
    try:
        with pdfplumber.open(path) as document:
            refuse(len(document.pages), MAX_PDF_PAGES, "页", name)
            pages = [_page_lines(page) for page in document.pages]
    except GwplanError:
        raise
    except PDFSyntaxError:
        raise GwplanError("不是有效的 PDF 文件，或文件已损坏。", name) from None
    except Exception as exc:  # pdfminer raises many kinds for encrypted or broken files
        raise GwplanError(f"无法读取这个 PDF（{type(exc).__name__}）；如果有密码，请先去掉密码。", name) from None
    if sum(len(line.text) for lines in pages for line in lines) < 20:
        raise GwplanError(
            "这个 PDF 没有文字层（是扫描件或图片），gwplan 读不出文字。请找原来的 Word 文件，"
            "或先用文字识别（OCR）软件转成文字再收录。",
            name,
        )
    return _paragraphs(_without_furniture(pages))


def _page_lines(page) -> list[_Line]:
    height = float(page.height) or 1.0
    tables = [t for t in page.find_tables() if _is_table(t)]
    found = []
    for table in tables:
        rows = [[(cell or "").replace("\n", "") for cell in row] for row in table.extract()]
        x0, top, x1, _ = table.bbox
        found.append(_Line("", x0, x1, top, 0, "body", rows))
    for line in page.extract_text_lines(strip=True):
        text = line["text"].strip()
        middle = (float(line["top"]) + float(line["bottom"])) / 2
        if not text or any(t.bbox[1] <= middle <= t.bbox[3] and t.bbox[0] <= line["x0"] < t.bbox[2] for t in tables):
            continue
        if float(line["top"]) < height * _BAND:
            band = "top"
        elif float(line["bottom"]) > height * (1 - _BAND):
            band = "bottom"
        else:
            band = "body"
        size = median(float(c["size"]) for c in line["chars"]) if line["chars"] else 0.0
        found.append(_Line(text, float(line["x0"]), float(line["x1"]), float(line["top"]), size, band))
    return sorted(found, key=lambda line: line.top)


def _is_table(table) -> bool:
    """Ruled cells in two columns or more (one row may be a table's start before a page break)."""
    rows = table.extract()
    return len(rows) >= 1 and max(len(row) for row in rows) >= 2


def _without_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", text.replace(" ", ""))

    repeated = Counter(shape(line.text) for lines in pages for line in lines if line.band != "body")
    many = max(2, (len(pages) + 1) // 2)
    body_size = median([line.size for lines in pages for line in lines if line.band == "body" and line.size] or [0])
    kept = []
    for lines in pages:
        page = []
        for line in lines:
            plain = line.text.replace(" ", "")
            furniture = (
                repeated[shape(line.text)] >= many
                or PAGE_NUMBER.match(plain)
                or not _WORDS.search(plain)
                or (line.size and line.size < body_size * 0.85)  # a running header or footer is set small
            )
            if line.band == "body" or not furniture:
                page.append(line)
        kept.append(page)
    return kept


def _paragraphs(pages: list[list[_Line]]) -> list[Para]:
    lines = [line for page in pages for line in page]
    text_lines = [line for line in lines if line.rows is None]
    if not text_lines:
        return []
    em = median(line.size for line in text_lines if line.size) or 12.0
    left = min(line.x0 for line in text_lines)
    # The right margin as body lines reach it (a right-aligned 署名 reaches further than any
    # body line, whose last character stops where the next one would not fit).
    right = max(line.x1 for line in text_lines if line.x0 <= left + 4 * em)
    paragraphs: list[Para] = []
    current: list[_Line] = []  # the lines of the paragraph being built

    def close() -> None:
        if current:
            paragraphs.append(Para("".join(line.text for line in current), len(paragraphs) + 1))
            current.clear()

    for line in lines:
        if line.rows is not None:
            close()
            previous = paragraphs[-1] if paragraphs else None
            if previous is not None and previous.rows and len(previous.rows[0]) == len(line.rows[0]):
                # A table running on over a page break; a repeated header row is dropped.
                previous.rows.extend(line.rows[1:] if line.rows[0] == previous.rows[0] else line.rows)
            else:
                paragraphs.append(Para("", len(paragraphs) + 1, rows=line.rows))
            continue
        if current and not _continues(current, line, left, right, em):
            close()
        current.append(line)
        if _alone(line, left, right, em):
            close()
    close()
    return paragraphs


_NEVER_STARTS_A_LINE = "，、。；：？！）》”’…"


def _unfinished(text: str) -> bool:
    """An opening quote or bracket without its partner (a line broken early before a long quote)."""
    return any(text.count(a) > text.count(b) for a, b in ("“”", "《》", "（）", "‘’"))


def _alone(line: _Line, left: float, right: float, em: float) -> bool:
    """A centred line (a title) or one set far in (a right-aligned 署名 or date) is a paragraph of its own."""
    inset_left, inset_right = line.x0 - left, right - line.x1
    centred = inset_left > 2.5 * em and inset_right > 0.5 * em and abs(inset_left - inset_right) < 1.5 * em
    return centred or inset_left > 4 * em


def _continues(current: list[_Line], line: _Line, left: float, right: float, em: float) -> bool:
    """Whether `line` runs on from the paragraph whose lines are `current`."""
    last = current[-1]
    if abs(line.size - last.size) > 1:  # a title set larger than the body never runs into it
        return False
    if STRUCTURAL.match(line.text.replace(" ", "")) or _alone(line, left, right, em):
        return False
    if _unfinished("".join(part.text for part in current)) or line.text[:1] in _NEVER_STARTS_A_LINE:
        return True  # a “ or 《 still open, or punctuation that cannot start a line: the text goes on
    if last.x1 < right - 2 * em:  # stopped short of the right margin: the paragraph ended
        return False
    if len(current) >= 2:  # the paragraph's run-on indent is known: any other starts a new one
        return abs(line.x0 - current[1].x0) < 0.5 * em
    first = current[0]
    if abs(line.x0 - first.x0) < 0.5 * em:
        return first.x0 < left + 0.5 * em  # two lines at the same indent: new unless both are flush left
    return True
