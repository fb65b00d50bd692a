"""Give structure back to text that lost it: copies with no line breaks, and page numbers spliced in.

A site that extracts a .docx often prints the whole plan as one block. Its paragraphs are found
again by the sequence of their markers: 一、二、…, （一）, 1. 2. …, （1）, 一是/二是, 第一/第二,
首先/其次. A marker counts only where it continues its sequence (一、 then 二、; 1. then 2.),
so 「2.5万」, 「1.2亿」 or 「一、二年级」 never split a paragraph. Paragraphs that carry no marker
cannot be told apart in such a copy: they stay joined, and the reader says so.

Document viewers cut a text into pages and print each page's number where the next page begins,
often mid-sentence (「…推进关工委工作上 - 2 - 水平」). Such numbers are recognised by forming a
running sequence (2, 3, 4 …) and are removed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.readers.furniture import KIND_WORDS
from generator.text import patterns, zhtext

_CJK = zhtext.CJK
_CN = "一二三四五六七八九十"

# Marker kinds in order of depth; each: pattern (group 1 the number) and how numbers restart.
_L1 = patterns.compile(rf"(?<![{_CN}\d])([{_CN}]{{1,3}})、(?![{_CN}]、)")
_L2 = patterns.compile(rf"（([{_CN}]{{1,3}})）")
_L3 = patterns.compile(rf"(?<![\d.．%])(\d{{1,2}})[.．]{zhtext.AFTER_ITEM_DOT}")
_L4 = patterns.compile(r"（(\d{1,2})）")
_SHI = patterns.compile(rf"(?<![{_CN}])([{_CN}]{{1,2}})是(?=[{_CN}]?[{_CJK}])")
_DI = patterns.compile(rf"第([{_CN}]{{1,2}})[，,、]")
_ORDER_WORDS = ["首先", "其次", "再次", "最后"]
_ORDER = patterns.compile(r"(首先|其次|再次|最后)[，,]")

SEGMENT_MIN = 200  # a line this long with markers in it is a whole document run together


def _number(raw: str) -> int:
    if raw in _ORDER_WORDS:
        return _ORDER_WORDS.index(raw) + 1
    return int(raw) if raw.isdigit() else zhtext.parse_cn_number(raw)


def _occurrences(pattern: re.Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), _number(m.group(1))) for m in pattern.finditer(text, start, end)]


def _chain(text: str, occurrences: list[tuple[int, int]], first: int = 1) -> list[int]:
    """Positions of the markers first, first+1, … in order.

    Where a number occurs more than once, the choice falls on an occurrence that opens a
    paragraph (after 。 or ；), and among those on the last one before the next number: a stray
    一、 in the preamble gives way to the real one, and 「初三、高三」 inside an item is not 三、.
    """
    chosen: list[int] = []
    position, number = -1, first
    while True:
        here = [p for p, n in occurrences if n == number and p > position]
        if not here:
            return chosen
        following = [p for p, n in occurrences if n == number + 1 and p > here[0]]
        window = [p for p in here if p < following[0]] if following else here
        opening = [p for p in window if _opens(text, p)]
        pick = (opening or window)[-1] if following else (opening or window)[0]
        chosen.append(pick)
        position, number = pick, number + 1


def _opens(text: str, position: int) -> bool:
    return position == 0 or text[position - 1] in "。！？；：”）"


def _parts(points: list[int], start: int, end: int) -> list[tuple[int, int]]:
    inner = [p for p in points if start <= p < end]
    return list(zip([start] + inner, inner + [end]))


def _split_points(text: str) -> list[int]:
    """Start positions of every paragraph-opening marker that continues its sequence."""
    level1 = _chain(text, _occurrences(_L1, text, 0, len(text)))
    if len(level1) < 2:
        level1 = []
    points: set[int] = set(level1)
    sections = _parts(level1, 0, len(text))
    groups = [g for start, end in sections for g in _chain(text, _occurrences(_L2, text, start, end))]
    points |= set(groups)
    # Items 1. 2. …: numbered through the whole document, or restarting in each section or group.
    candidates = [_chain(text, _occurrences(_L3, text, 0, len(text)))]
    for parents in (sections, _parts(sorted(level1 + groups), 0, len(text))):
        candidates.append([i for start, end in parents for i in _chain(text, _occurrences(_L3, text, start, end))])
    items = max(candidates, key=lambda found: (sum(_opens(text, p) for p in found), len(found)))
    points |= set(items)
    for start, end in _parts(sorted(level1 + groups), 0, len(text)):
        if any(start <= p < end for p in items) or any(start < g < end for g in groups):
            continue  # 一是/第一/首先 inside numbered items are the items' own wording
        for pattern in (_SHI, _DI, _ORDER):
            found = _chain(text, _occurrences(pattern, text, start, end))
            if pattern is _ORDER and found:  # 最后 closes the list whatever came before it
                last = [p for p, n in _occurrences(pattern, text, found[-1] + 1, end) if n == 4]
                found += last[:1]
            if len(found) >= 2:
                points |= set(found)
                break
    for start, end in _parts(sorted(items), 0, len(text)):
        sub = _chain(text, _occurrences(_L4, text, start, end))
        if len(sub) >= 2:
            points |= set(sub)
    return sorted(p for p in points if p > 0)


def is_unbroken(lines: list[str]) -> bool:
    """A copy whose paragraphs were run together: few lines, and one long line full of markers."""
    longest = max(lines, key=len, default="")
    return len(longest) >= SEGMENT_MIN and len(_split_points(longest)) >= 3 and len(lines) <= 12


@dataclass
class Segmented:
    paragraphs: list[str]
    guessed_heading_ends: int = 0  # headings cut from their unmarked body by word class


_TITLE_AT_START = patterns.compile(rf"^.{{4,60}}?(?:{KIND_WORDS})(?:[（(][^）)]{{1,20}}[）)])?")
# 主送机关: 各学校： or a list of units, never a sentence ending in 「总体要求是：」.
_RECIPIENT = patterns.compile(r"^(?:各[^。；：:]{1,40}|[^。，；：:]{2,30}(?:学校|单位|部门|机关|局|委|园|中心))[：:]")
_DATE_AT_END = patterns.compile(r"(?:\d{4}|20[xX×]{2}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十xX]{1,3}月[\d一二三四五六七八九十xX]{1,3}日$")


def segment(text: str, org_hint: str = "") -> Segmented:
    """Split one run-together document into its paragraphs."""
    pieces = []
    points = [0] + _split_points(text) + [len(text)]
    for start, end in zip(points, points[1:]):
        piece = text[start:end].strip()
        if piece:
            pieces.append(piece)
    result = Segmented([])
    head = pieces.pop(0) if pieces and not _starts_with_marker(pieces[0]) else ""
    if head:
        title = _TITLE_AT_START.match(head)
        if title:
            result.paragraphs.append(title.group(0))
            head = head[title.end():]
        recipient = _RECIPIENT.match(head)
        if recipient:
            result.paragraphs.append(recipient.group(0))
            head = head[recipient.end():]
        if head.strip():
            result.paragraphs.append(head.strip())
    if pieces:
        pieces[-1:] = _closing(pieces[-1], org_hint)
    for piece in pieces:
        heading, body = _heading_and_body(piece)
        result.paragraphs.append(heading)
        if body:
            result.paragraphs.append(body)
            result.guessed_heading_ends += 1
    return result


def _starts_with_marker(piece: str) -> bool:
    return any(p.match(piece) for p in (_L1, _L2, _L3, _L4, _SHI, _DI, _ORDER))


def _closing(piece: str, org_hint: str) -> list[str]:
    """The last piece may end with 附件, 署名 and 成文日期: split them off."""
    date = _DATE_AT_END.search(piece)
    if not date:
        return [piece]
    before, tail = piece[: date.start()], [date.group(0)]
    end = max(before.rfind(mark) for mark in "。！？；")
    signature = before[end + 1 :]
    if 0 < len(signature) <= 40 and not re.search(r"[，、：]", signature):
        tail.insert(0, signature)
        before = before[: end + 1]
    elif org_hint and before.endswith(org_hint):
        tail.insert(0, org_hint)
        before = before[: -len(org_hint)]
    attachment = re.search(r"附件[:：]", before)
    if attachment:
        listed = before[attachment.end() :]
        cuts = [0] + [p for p in _chain(listed, _occurrences(_L3, listed, 0, len(listed))) if p > 0] + [len(listed)]
        names = [listed[a:b].strip() for a, b in zip(cuts, cuts[1:]) if listed[a:b].strip()]
        return [before[: attachment.start()].strip(), f"附件：{names[0]}", *names[1:], *tail]
    return [before] + tail


# The short headings plans give their standing parts; one of them opening a piece ends the heading.
SECTION_LABEL = patterns.compile(
    r"(?:指导思想|总体要求|总体思路|工作思路|基本原则|工作原则|工作目标|目标任务|主要目标|主要工作|重点工作|工作重点|"
    r"主要任务|重点任务|工作任务|具体措施|工作措施|主要措施|保障措施|组织领导|工作要求|实施步骤|活动安排|时间安排|工作安排|"
    r"行事历|工作行事历|月工作安排)"
)
_SECTION_LABEL = patterns.compile(rf"^{SECTION_LABEL.pattern}(?=[：:]?[^，、。；）”]|[：:])")


def _heading_and_body(piece: str) -> tuple[str, str]:
    """一、 and （一） headings run into the body that follows them when no marker separates the two.

    A run-in heading (一、加强学习。组织……) is one paragraph and stays so. Otherwise the heading
    ends before the first word that opens a sentence (a pronoun, a preposition, an adverb such
    as 要/将) after its last comma-separated phrase.
    """
    level, _, rest = zhtext.heading_level(piece)
    label = _SECTION_LABEL.match(rest)
    if level in (1, 2) and label and len(rest) > label.end() + 4:
        cut = len(piece) - len(rest) + label.end()  # 一、指导思想以习近平…: the label is the heading
        return piece[:cut], piece[cut:].lstrip("：: ")
    if level not in (1, 2) or len(piece) <= 40:
        return piece, ""
    stop = piece.find("。")
    run_in = 0 < stop <= 40 and "，" not in piece[:stop]  # 一、加强学习。组织…; a heading of two phrases has a comma
    if run_in or piece.count("。") <= 1:
        return piece, ""  # a run-in heading, or a one-sentence item written as （一）……。
    cut = _sentence_start(piece)
    return (piece[:cut], piece[cut:]) if cut else (piece, "")


def _sentence_start(piece: str) -> int:
    import jieba.posseg

    from generator.text.words import quiet_jieba

    quiet_jieba()
    position, seen_comma = 0, False
    for word, flag in jieba.posseg.cut(piece[:60]):
        inside = any(piece.count(a, 0, position) > piece.count(b, 0, position) for a, b in ("《》", "“”", "（）"))
        if position >= 6 and not inside and flag[:1] in ("r", "p", "d", "c") and (seen_comma or position >= 12):
            return position
        seen_comma |= word in "，、"
        position += len(word)
    return 0


# --- page numbers spliced into the text -----------------------------------------------------

_AROUND = rf"{_CJK}，。；：、“”《》（）.,;:!?()"  # what a page number spliced into text sits between
_PAGE_INLINE = patterns.compile(
    rf"(?<=[{_AROUND}])(?:[ \t]*第[ \t]*(\d{{1,3}})[ \t]*页[ \t]*|[ \t]*[-—–][ \t]*(\d{{1,3}})[ \t]*[-—–][ \t]*|(?<![第共])[ \t]+(\d{{1,3}})[ \t]+(?!页))"
    rf"(?=[{_AROUND}\d]|[ \t]*\Z)"
)


def remove_page_numbers(text: str) -> tuple[str, int]:
    """Remove page numbers a viewer spliced into the text; returns the text and how many went.

    Candidates are numbers set off by spaces or dashes between Chinese characters, or 第N页.
    Only a running sequence 2, 3, 4 … counts (page 1 has no number in front of it), so a number
    that belongs to the text never goes.
    """
    candidates = [(m, int(next(g for g in m.groups() if g))) for m in _PAGE_INLINE.finditer(text)]
    # Page-number lines belong to the sequence too (the cleanup drops them and joins the sentence).
    candidates += [(m, int(m.group(1))) for m in _PAGE_LINE.finditer(text)]
    candidates.sort(key=lambda c: c[0].start())
    chain: list[re.Match] = []
    for index, (match, number) in enumerate(candidates):  # the longest run n, n+1, n+2 … (n ≥ 2)
        run, expected = [match], number + 1
        for later, later_number in candidates[index + 1 :]:
            if later_number == expected:
                run.append(later)
                expected += 1
        if number >= 2 and len(run) > len(chain):
            chain = run
    explicit = all("页" in m.group(0) or "-" in m.group(0) or "—" in m.group(0) for m in chain)
    lone_page = len(chain) == 1 and _cannot_be_a_count(text, chain[0])
    chain = [m for m in chain if m.re is _PAGE_INLINE] if len(chain) >= 2 or explicit or lone_page else []
    for match in reversed(chain):
        text = text[: match.start()] + text[match.end() :]
    return text, len(chain)


def _cannot_be_a_count(text: str, match: re.Match) -> bool:
    """A lone number set off by spaces is a page number only where no count could stand:
    before punctuation or another number (讲座 2 1次), or inside a marker (（三 2 ）)."""
    after = text[match.end() : match.end() + 1]
    before = text[match.start() - 1 : match.start()]
    return not after.strip() or after in "。，、；：）》”.,;:)" or after.isdigit() or before in _CN


_PAGE_LINE = patterns.compile(r"(?m)^[ \t]*[-—–]?[ \t]*(\d{1,3})[ \t]*[-—–]?[ \t]*$")
