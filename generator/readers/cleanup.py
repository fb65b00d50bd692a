"""Clean a copied plan into its real paragraphs, in stages a reader of this file can follow.

1. characters   full-width ASCII, traditional script and pinyin (script.py)
2. lines        converter residue, spacing and punctuation of each line (zhtext)
3. page numbers standalone page-number lines and numbers a viewer spliced into sentences (segment.py)
4. run-together copies with no line breaks are split by their markers (segment.py)
5. furniture    the tail after the body, watermarks, and everything before the title (furniture.py)
6. hard wraps   lines broken every ~25 characters are joined back into paragraphs
7. mojibake     runs of mis-decoded characters are found and reported (script.py)
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from generator.text import zhtext
from generator.readers import furniture, script, segment, tables
from generator.readers.furniture import Line
from generator.xmlchars import removed_note, strip_invalid


@dataclass
class Para:
    """One paragraph of a source plan, with the source line it starts on."""

    text: str
    line: int
    level_hint: int = 0  # heading level from a Word style/outline level, 0 when unknown
    rows: list[list[str]] | None = None  # a table's cells, when the reader found one here


@dataclass
class Cleaned:
    paragraphs: list[Para]
    dropped: furniture.Dropped = field(default_factory=furniture.Dropped)  # kind of noise → lines dropped, and which
    warnings: list[str] = field(default_factory=list)
    title: Para | None = None  # the document's title, found among the furniture
    header: list[str] = field(default_factory=list)  # 版头 lines above the title (发文字号 …)
    removed: int = 0  # lines that held characters a Word file cannot hold (removed, reported)
    tables: list[list[list[str]]] = field(default_factory=list)  # rows of each table (tables.MARK lines)


def clean_lines(raw_lines: list[str]) -> Cleaned:
    """Turn the raw lines of a text file (or a PDF's text) into cleaned paragraphs."""
    cleaned = Cleaned([])
    raw_lines = [_xml_safe(text, number, cleaned) for number, text in enumerate(raw_lines, 1)]
    text = _characters("\n".join(raw_lines), cleaned.warnings)
    text = "\n".join(tables.text_tables(text.split("\n"), cleaned.tables))
    text, spliced = segment.remove_page_numbers(text)  # before spacing is normalised: 上 - 2 - 水平
    if spliced:
        cleaned.dropped["插在句子中间的页码"] += spliced
    lines = _lines(text.split("\n"))
    if segment.is_unbroken([t for t, _ in lines]):
        lines = _segment(lines, cleaned)
    lines = furniture.cut_tail(lines, cleaned.dropped)
    lines = _page_lines(furniture.drop_noise(lines, cleaned.dropped, keep_page_numbers=True), cleaned)
    lines, title, cleaned.header = furniture.front_matter(lines, cleaned.dropped)
    if title is not None:
        cleaned.title = Para(script.remove_pinyin(title[0]), title[1])
    if _hard_wrapped(lines):
        cleaned.warnings.append(f"检测到硬换行（每行约 {_wrap_width(lines)} 字），已把断开的行重新接成段落。")
        guessed: list[int] = []
        lines = furniture.drop_lead_ins(_rejoin(lines, guessed), cleaned.dropped)
        if guessed:
            where = "、".join(str(n) for n in guessed[:8]) + ("……" if len(guessed) > 8 else "")
            cleaned.warnings.append(
                f"有 {len(guessed)} 处整行以句号结束、下一行又没有序号（第 {where} 行），已按同一段接续；"
                "如果原文在这里分段，请在条款库中拆开。"
            )
    # Pinyin cut off from its character by a wrap or a watermark line meets it again only now.
    cleaned.paragraphs = [Para(script.remove_pinyin(t), n) for t, n in lines]
    _mojibake(cleaned)
    return cleaned


def clean_paragraphs(paragraphs: list[Para]) -> Cleaned:
    """Clean paragraphs that are already real paragraphs (from .docx): no rejoining."""
    cleaned = Cleaned([])
    paragraphs = [Para(_xml_safe(p.text, p.line, cleaned), p.line, p.level_hint, p.rows) for p in paragraphs]
    hints = {p.line: p.level_hint for p in paragraphs}
    paragraphs = [_table_mark(p, cleaned.tables) for p in paragraphs]
    joined = script.remove_pinyin(_characters("\n".join(p.text.replace("\n", " ") for p in paragraphs), cleaned.warnings))
    numbers = [p.line for p in paragraphs]
    lines = [(zhtext.normalize_text(furniture.RESIDUE.sub("", t)), n) for t, n in zip(joined.split("\n"), numbers)]
    lines = [(t, n) for t, n in lines if t]
    lines = furniture.drop_noise(furniture.cut_tail(lines, cleaned.dropped), cleaned.dropped)
    lines, title, cleaned.header = furniture.front_matter(lines, cleaned.dropped)
    if title is not None:
        cleaned.title = Para(*title)
    cleaned.paragraphs = [Para(t, n, hints.get(n, 0)) for t, n in lines]
    _mojibake(cleaned)
    return cleaned


def _table_mark(para: Para, found: list[list[list[str]]]) -> Para:
    if para.rows is None:
        return para
    found.append([[zhtext.normalize_text(cell) for cell in row] for row in para.rows])
    return Para(tables.mark(len(found) - 1), para.line)


# --- 1. characters ---------------------------------------------------------------------------


def _xml_safe(text: str, line: int, cleaned: Cleaned) -> str:
    """The text without characters a Word file cannot hold (NUL, ESC …), each removal reported."""
    text, removed = strip_invalid(text)
    if removed:
        cleaned.warnings.append(removed_note(line, removed))
        cleaned.removed += 1
    return text


def _characters(text: str, warnings: list[str]) -> str:
    """Full-width ASCII and traditional script. Pinyin stays until lines are joined: a copy was
    wrapped with it, so line widths only make sense with it."""
    text = script.half_width_ascii(text)
    share = script.traditional_share(text)
    if share > 0.5:
        text = script.to_simplified(text)
        warnings.append("原文是繁体字，已按 OpenCC 转换为简体字；专名、引文请对照原件核对。")
    return text


# --- 2. lines --------------------------------------------------------------------------------


def _lines(raw: list[str]) -> list[Line]:
    lines = [(zhtext.normalize_text(furniture.RESIDUE.sub("", text)), number) for number, text in enumerate(raw, 1)]
    return [(text, number) for text, number in lines if text]


# --- 3. page numbers -------------------------------------------------------------------------


def _page_lines(lines: list[Line], cleaned: Cleaned) -> list[Line]:
    """Drop page-number lines; where a page ended mid-sentence, the sentence goes on after the number.

    Runs after the watermarks are gone, so the two halves of the sentence meet.
    """
    kept: list[Line] = []
    joining = False
    for line, number in lines:
        if furniture.PAGE_NUMBER.match(line):
            cleaned.dropped.note("页码或分隔线", [(line, number)])
            joining = bool(kept) and not zhtext.SENTENCE_END.search(kept[-1][0])
            continue
        if joining and not furniture.STRUCTURAL.match(line):
            kept[-1] = (_join(kept[-1][0], line), kept[-1][1])
        else:
            kept.append((line, number))
        joining = False
    return kept


# --- 4. run-together copies ------------------------------------------------------------------


def _segment(lines: list[Line], cleaned: Cleaned) -> list[Line]:
    longest = max(range(len(lines)), key=lambda i: len(lines[i][0]))
    text, number = lines[longest]
    found = segment.segment(text)
    pieces = [(zhtext.normalize_text(p), number) for p in found.paragraphs]
    cleaned.warnings.append(
        f"原文没有换行（{len(text)} 字连成一段），已按“一、”“1.”“一是”等序号重新分段；"
        "没有序号的段落无法分开，可能连在一起，请对照原件核对。"
    )
    if found.guessed_heading_ends:
        cleaned.warnings.append(f"有 {found.guessed_heading_ends} 个标题后面直接接着正文，已按词性切开标题和正文，请核对。")
    return lines[:longest] + [p for p in pieces if p[0]] + lines[longest + 1 :]


# --- 6. hard wraps ---------------------------------------------------------------------------


def _hard_wrapped(lines: list[Line]) -> bool:
    """A copy is hard-wrapped when its lines stop mid-sentence at one width.

    Headings, 署名 and dates stop without a full stop too, but at widths of their own; lines cut
    by a wrap share the wrap's width, or start with punctuation that never starts a line.
    """
    open_ended = [
        round(zhtext.text_width(text)) for text, _ in lines
        if not zhtext.SENTENCE_END.search(text) and not _is_heading_line(text)
    ]
    cut = sum(1 for text, _ in lines if text[:1] in _NEVER_STARTS_A_LINE)
    if cut >= 2:
        return True
    if len(open_ended) < 3:
        return False
    width, _ = Counter(open_ended).most_common(1)[0]
    same = sum(1 for w in open_ended if abs(w - width) <= 1)
    if width >= 15 and same >= 3 and same / len(open_ended) >= 0.5:
        return True
    # Widths vary once pinyin or spaces are gone: then count lines that stop mid-sentence and
    # run into a line with no marker. A clean plan has few (主送, 署名); a wrapped copy has many.
    running_on = sum(
        1 for (text, _), (following, _) in zip(lines, lines[1:])
        if not zhtext.SENTENCE_END.search(text) and not _is_heading_line(text) and not furniture.STRUCTURAL.match(following)
    )
    body = sum(1 for text, _ in lines if not _is_heading_line(text))
    return body >= 6 and running_on / body >= 0.3


def _wrap_width(lines: list[Line]) -> int:
    widths = sorted(round(zhtext.text_width(text)) for text, _ in lines)
    return widths[int(len(widths) * 0.9)] if widths else 0


def _rejoin(lines: list[Line], guessed: list[int]) -> list[Line]:
    """Rejoin hard-wrapped lines into paragraphs.

    A body paragraph runs on until a line ends a sentence or the next line starts a heading
    marker. A heading runs on only while its line is full width and the next line is a short
    line that does not end a sentence: the tail of the wrapped heading. Where a full line ends
    with a sentence and the next line carries no marker, nothing tells whether the paragraph
    goes on: it is joined, and the line number goes into `guessed` for the report.
    """
    width = _wrap_width(lines)
    full = width * 0.85
    paragraphs: list[Line] = []
    heading = False
    last_width = 0.0
    for text, number in lines:
        starts_block = furniture.STRUCTURAL.match(text) is not None or not paragraphs
        if paragraphs and not starts_block:
            current = paragraphs[-1][0]
            if text[:1] in _NEVER_STARTS_A_LINE:
                joins = True
            elif heading:
                # The wrapped tail of a heading is a short line; a full line after a full heading
                # line is the body, unless the heading left a 《 or “ open.
                tail = zhtext.text_width(text) < full
                joins = last_width >= full and (tail or _unclosed(current))
                heading = not joins or (tail and not zhtext.SENTENCE_END.search(text))
            else:
                # A sentence may end right at the wrap: a full line ending in 。 goes on unless
                # the next line opens a paragraph of its own.
                ended = zhtext.SENTENCE_END.search(current) and (last_width < width - 1 or _opens_paragraph(text))
                joins = not ended and not _ends_paragraph(current, text)
                if joins and zhtext.SENTENCE_END.search(current):
                    guessed.append(number)
            if joins:
                paragraphs[-1] = (_join(current, text), paragraphs[-1][1])
                last_width = zhtext.text_width(text)
                continue
        paragraphs.append((text, number))
        heading = _is_heading_line(text)
        last_width = zhtext.text_width(text)
    return paragraphs


_NEVER_STARTS_A_LINE = "，、。；：？！）》”’….,;:!?)"


def _unclosed(text: str) -> bool:
    """An open 《, “ or （ without its partner: the text must go on."""
    return any(text.count(a) > text.count(b) for a, b in ("《》", "“”", "（）"))


def _opens_paragraph(text: str) -> bool:
    """A line that starts a paragraph by its first words: a marker, 一是, 第一, 首先 …"""
    return re.match(r"^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十][，,]|首先|其次|再次|最后|附件)", text) is not None


def _ends_paragraph(current: str, following: str) -> bool:
    """A 主送 line (各学校：) or a 署名 before the date ends its paragraph without a full stop."""
    return furniture.recipient_line(current) or bool(
        re.fullmatch(r"(?:\d{4}|20[xX×]{2})年\d{1,2}月\d{1,2}日", following)
    )


def _is_heading_line(text: str) -> bool:
    level, _, rest = zhtext.heading_level(text)
    return level in (1, 2) and "。" not in rest


def _join(left: str, right: str) -> str:
    """Join the halves of a wrapped line. No space goes between them: a wrap in Chinese text cuts
    wherever the width runs out, through 20xx, XX or a pinyin syllable as often as between words.
    Punctuation at the seam is settled again (a half-width . wrapped onto its own line is 。)."""
    seam = zhtext.full_width_punctuation(left[-2:] + right[:2])  # only the seam is new
    return zhtext.remove_cjk_spaces(left[:-2] + seam + right[2:])


# --- 7. mojibake -----------------------------------------------------------------------------


def _mojibake(cleaned: Cleaned) -> None:
    for para in cleaned.paragraphs:
        for found in script.find_mojibake(para.text.replace(tables.MARK, "")):
            cleaned.warnings.append(f"第 {para.line} 行有一串疑似乱码“{found.run}”（网页编码错误造成，也可能是生僻字），已原样保留，请对照原件核对。")
