"""Which part of a 公文 each paragraph is (the parts of templates/gbt9704.yaml), read in zones.

1. 版头, from the top: 份号, 密级和保密期限, 紧急程度, 发文机关标志, 发文字号 (with 签发人),
   the red rule (a border or a drawn line); in any order up to the title, as 信函格式 has it.
2. 标题 and 主送机关.
3. 版记, from the end: 抄送 and 印发机关/印发日期, in a table or between bordered paragraphs.
4. 附件 pages: 附件N at the top of a page, its title, its own numbered text.
5. The end of the text, backwards: 附注, 此页无正文, 成文日期, 印章, 署名, 附件说明.
6. The text between: headings by their markers, body paragraphs, blank lines.
What none of these explains is "unknown" and reported as such; a role read from position alone
(a first line taken as the title without any title formatting) is not `certain`, so --fix leaves
its formatting alone.
"""
from __future__ import annotations

import re

from generator.text import zhtext
from generator.ooxml import W
from generator.check.docxformat import FormatResolver

DATE_ARABIC = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
DATE_CHINESE = re.compile(r"^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$")
DATE_UNFILLED = re.compile(r"^20[\dXx×]{2}年[\dXx×]{1,2}月[\dXx×]{1,2}日$")
# The 发文字号 as typed, its number possibly still to be filled in (〔2027〕【待定】号, 〔2027〕X号).
DOC_NUMBER = re.compile(r"^\S{1,20}[〔\[［(（【]\d{4}[〕\]］)）】]第?(?:\d+|【[^】]{0,6}】|[XxＸ×]{1,3}|\s{1,4})号$")
_NUMBER_AND_SIGNER = re.compile(r"^(?P<number>\S{1,20}[〔\[［(（【]\d{4}[〕\]］)）】]第?(?:\d+|【[^】]{0,6}】)号)\s*签发人[:：]\s*\S{1,8}$")
_SIGNER = re.compile(r"^签发人[:：]\s*\S{1,8}$")
_COPY_NUMBER = re.compile(r"^\d{1,8}$")
_SECRECY = re.compile(r"^(?:绝密|机密|秘密)(?:\s*★\s*\S{0,8})?$")
_URGENCY = re.compile(r"^(?:特急|加急|特提|平急)$")
_MARK_WORDS = re.compile(r"(?:文件|函|纪要|通报|简报)$|(?:委员会|人民政府|办公室|局|厅|部|委|院|会|党组|关工委)$")
_APPENDIX_LABEL = re.compile(r"^附件\s*\d{0,2}$")
_COPY_TO = re.compile(r"^抄\s*送[:：]")
_PRINTED = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发$")
_NO_BODY = re.compile(r"^[（(]?此页无正文[）)]?$")
_SEAL = re.compile(r"^[（(\[【〔]?\s*(?:印章|盖章|公章|签章|单位印章|加盖印章)\s*[）)\]】〕]?$")
_NOTE = re.compile(r"^[（(][^（）()]{2,80}[）)]$")
_ATTACHMENT = re.compile(r"^附件\s*[:：]")
_ATTACHMENT_NEXT = re.compile(r"^\d{1,2}\s*[.．]\s*\S")
_CONTENTS = re.compile(r"目\s*录")

# Marker forms writers type, right or wrong, and the level they mean.
MARKER_FORMS = [
    (re.compile(r"^[一二三四五六七八九十]+、"), 1, ""),
    (re.compile(r"^[一二三四五六七八九十]+[.．,，。]"), 1, "一级标题序号应为“一、”"),
    (re.compile(r"^（[一二三四五六七八九十]+）(?![、.．])"), 2, ""),
    (re.compile(r"^（[一二三四五六七八九十]+）[、.．]"), 2, "二级标题序号“（一）”后不加标点"),
    (re.compile(r"^\([一二三四五六七八九十]+\)"), 2, "二级标题序号应使用全角括号“（一）”"),
    (re.compile(rf"^\d{{1,2}}\.{zhtext.AFTER_ITEM_DOT}"), 3, ""),
    (re.compile(rf"^\d{{1,2}}[、．]{zhtext.AFTER_ITEM_DOT}"), 3, "三级标题序号应为“1.”（阿拉伯数字加下脚点）"),
    (re.compile(r"^（\d{1,2}）"), 4, ""),
    (re.compile(r"^\(\d{1,2}\)"), 4, "四级标题序号应使用全角括号“（1）”"),
]
_MARKER_TEXT = re.compile(r"^(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)][、.．]?|[一二三四五六七八九十]+\s*[、.．,，。]|\d{1,2}\s*[.．、])")


def marker(text: str) -> tuple[int, str]:
    for pattern, level, problem in MARKER_FORMS:
        if pattern.match(text):
            return level, problem
    return 0, ""


def classify(paragraphs: list, resolver: FormatResolver) -> None:
    """Give every paragraph of one document (a plan, or one plan of a bundle) its role."""
    for para in paragraphs:
        if not para.text.strip() and para.role not in ("textbox",):
            para.role = "table" if para.in_table else "blank"
            if _is_rule(para):
                para.role = "rule"
    text = [p for p in paragraphs if p.text.strip() and p.role != "textbox"]
    if not text:
        return
    if any(_CONTENTS.fullmatch(p.text.strip()) for p in text[:3]):  # a bundle's 目录: not a plan
        for para in text:
            para.role = "contents"
        return
    position = _header(text, paragraphs, resolver)
    end = _imprint(text, paragraphs)
    labels = [i for i in range(position, end) if _appendix_label(text, i, resolver)]
    main_end = labels[0] if labels else end
    position = _title(text, position, main_end, resolver)
    if position < main_end and re.fullmatch(r"[^。；]{2,60}[：:]", text[position].text.strip()) and not text[position].in_table:
        text[position].role = "recipient"
        position += 1
    tail = _closing(text, position, main_end)
    _body(text[position:tail], resolver, scope=0)
    for number, start in enumerate(labels, 1):
        stop = labels[number] if number < len(labels) else end
        _appendix(text, start, stop, resolver, number)
    title = next((p.index for p in paragraphs if p.role == "title"), None)
    for para in paragraphs:  # a 标志 set in a text box above the title, as many templates do
        if para.role == "textbox" and title is not None and para.index < title and _box_mark(para, resolver):
            para.role, para.in_header = "issuer_mark", True
    _blank_rules(paragraphs)


def _header(text: list, paragraphs: list, resolver: FormatResolver) -> int:
    """Mark the 版头's elements; returns the index of the first paragraph after them."""
    position, seen_mark, seen_number = 0, False, False
    while position < len(text):
        para = text[position]
        line = para.text.strip()
        if para.in_table:
            break
        if _COPY_NUMBER.match(line) and not seen_mark and position <= 2:
            para.role = "copy_number"
        elif _SECRECY.match(line) and not seen_number:
            para.role = "secrecy"
        elif _URGENCY.match(line) and not seen_number:
            para.role = "urgency"
        elif _NUMBER_AND_SIGNER.match(line):
            para.role, seen_number = "doc_number", True
        elif DOC_NUMBER.match(line.replace(" ", "")):
            para.role, seen_number = "doc_number", True
        elif _SIGNER.match(line) and seen_mark:
            para.role = "signer"
        elif not seen_number and _looks_like_mark(para, text[position + 1 : position + 5], resolver):
            para.role, seen_mark = "issuer_mark", True
        else:
            break
        para.in_header = True
        position += 1
    if not (seen_mark or seen_number):  # 份号 or 密级 alone are still what they are
        return position
    last = text[position - 1] if position else None
    for para in paragraphs:  # blank lines and rules inside the 版头 belong to it
        if last is not None and para.index <= last.index and para.role in ("blank", "rule"):
            para.in_header = True
        if para.role == "textbox" and (last is None or para.index <= last.index + 2):
            para.in_header = True
        if para.in_header and para.role == "rule":
            para.role = "red_rule"
    return position


def _looks_like_mark(para, following: list, resolver: FormatResolver) -> bool:
    """发文机关标志: red, or large and centred, naming an organ; a 发文字号 or a rule soon after."""
    line = para.text.strip()
    if len(line) > 40 or zhtext.SENTENCE_END.search(line) or marker(line)[0]:
        return False
    fmt = resolver.paragraph(para.element)
    runs = para.element.findall(f".//{W}r")
    run = resolver.run(para.element, runs[0]) if runs else None
    red = run is not None and _is_red(run.color)
    large = run is not None and (run.size_pt or 0) >= 22
    numbered_soon = any(DOC_NUMBER.match(p.text.strip().replace(" ", "")) or _NUMBER_AND_SIGNER.match(p.text.strip()) for p in following)
    if red and (numbered_soon or _MARK_WORDS.search(line)):
        return True
    return (large or fmt.alignment == "center") and bool(_MARK_WORDS.search(line)) and numbered_soon


def _box_mark(para, resolver: FormatResolver) -> bool:
    runs = para.element.findall(f".//{W}r")
    red = bool(runs) and _is_red(resolver.run(para.element, runs[0]).color)
    return red or bool(_MARK_WORDS.search(para.text.strip()))


def _is_red(color: str | None) -> bool:
    if not color or color.lower() == "auto" or not re.fullmatch(r"[0-9A-Fa-f]{6}", color):
        return False
    red, green, blue = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    return red >= 150 and green <= 100 and blue <= 100


def _is_rule(para) -> bool:
    """An empty paragraph that draws a line: a border, or a drawn shape."""
    borders = para.element.find(f"{W}pPr/{W}pBdr")
    drawn = para.element.find(f".//{W}drawing") is not None or para.element.find(f".//{W}pict") is not None
    boxed = para.element.find(f".//{W}txbxContent") is not None  # holds a text box, not a line
    return borders is not None or (drawn and not boxed)


def _title(text: list, position: int, end: int, resolver: FormatResolver) -> int:
    start = position
    while position < end and _looks_like_title(text[position], resolver, position - start, text[start:end]):
        para = text[position]
        para.role = "title"
        para.certain = _formatted_as_title(para, resolver) or position > start
        position += 1
    return position


def looks_like_title(para, resolver: FormatResolver, position: int, paragraphs: list) -> bool:
    return _looks_like_title(para, resolver, position, paragraphs)


def _looks_like_title(para, resolver: FormatResolver, position: int, paragraphs: list) -> bool:
    text = para.text.strip()
    if marker(text)[0] or len(text) > 60 or text.endswith(("：", ":")) or para.in_table:
        return False
    if zhtext.SENTENCE_END.search(text) and position > 0:
        return False
    if _formatted_as_title(para, resolver):
        return True
    # An unformatted first line that is clearly a title (no sentence, followed by more text).
    return position == 0 and len(paragraphs) > 1 and not zhtext.SENTENCE_END.search(text) and "，" not in text


def _formatted_as_title(para, resolver: FormatResolver) -> bool:
    fmt = resolver.paragraph(para.element)
    runs = para.element.findall(f".//{W}r")
    size = resolver.run(para.element, runs[0]).size_pt if runs else None
    return (fmt.style_name or "").lower() == "title" or fmt.alignment == "center" or (size or 0) >= 18


def _imprint(text: list, paragraphs: list) -> int:
    """Mark the 版记 at the end; returns the index where it begins (len(text) without one)."""
    end = len(text)
    while end > 0:
        line = text[end - 1].text.strip().replace("\t", " ")
        if _PRINTED.search(line):
            text[end - 1].role = "printed_by"
        elif _COPY_TO.match(line):
            text[end - 1].role = "copy_to"
        else:
            break
        end -= 1
    if end < len(text):
        first = text[end].index
        for para in paragraphs:
            if para.index >= first and para.role in ("rule", "table", "blank") and not para.text.strip():
                para.role = "imprint_rule" if para.role == "rule" else para.role
    return end


def _appendix_label(text: list, index: int, resolver: FormatResolver) -> bool:
    para = text[index]
    if not _APPENDIX_LABEL.match(para.text.strip()) or para.in_table:
        return False
    following = text[index + 1] if index + 1 < len(text) else None
    return para.new_page or (following is not None and _formatted_as_title(following, resolver))


def _closing(text: list, start: int, end: int) -> int:
    """Mark the end of the text: 附注, 此页无正文, 成文日期, 印章, 署名, 附件说明, and what stands
    after the date that is none of them (unknown). Returns where the text's body ends."""
    position = end
    dated = next((i for i in range(end - 1, start - 1, -1) if _is_date(text[i].text.strip())), None)
    if dated is None:
        return _attachments(text, start, end)
    for para in text[dated + 1 : end]:
        line = para.text.strip()
        if para.in_table:
            continue  # a table is a table wherever it stands: its text is checked as text
        if _NO_BODY.match(line):
            para.role = "no_body"
        elif _SEAL.match(line):
            para.role = "seal"
        elif _NOTE.match(line):
            para.role = "note"
        else:
            para.role = "unknown"
    text[dated].role = "date"
    position = dated
    while position - 1 >= start:
        para = text[position - 1]
        line = para.text.strip()
        if _SEAL.match(line) or _NO_BODY.match(line):
            para.role = "seal" if _SEAL.match(line) else "no_body"
        elif len(line) <= 40 and not re.search(r"[。，；：:]", line) and not marker(line)[0] and not _ATTACHMENT.match(line):
            para.role = "signature"
        else:
            break
        position -= 1
    return _attachments(text, start, position)


def _attachments(text: list, start: int, end: int) -> int:
    """附件说明 just before the 署名: 附件：1. … and the names below it."""
    first = next((i for i in range(end - 1, start - 1, -1) if _ATTACHMENT.match(text[i].text.strip())), None)
    if first is None:
        return end
    for index in range(first, end):
        line = text[index].text.strip()
        if index > first and not _ATTACHMENT_NEXT.match(line):
            return end
    for index in range(first, end):
        text[index].role = "attachment"
    return first


def _is_date(line: str) -> bool:
    return bool(DATE_ARABIC.match(line) or DATE_CHINESE.match(line) or DATE_UNFILLED.match(line))


def _appendix(text: list, start: int, stop: int, resolver: FormatResolver, number: int) -> None:
    text[start].role = "appendix_label"
    text[start].scope = number
    position = start + 1
    while position < stop and _looks_like_title(text[position], resolver, position - start - 1, text[start + 1 : stop]):
        text[position].role = "appendix_title"
        text[position].scope = number
        position += 1
    _body(text[position:stop], resolver, scope=number)


def _body(body: list, resolver: FormatResolver, scope: int) -> None:
    next_items = set()  # item numbers that would continue the numbering here
    for index, para in enumerate(body):
        para.scope = scope
        if para.role not in ("body", "table") or para.in_table:
            continue
        text = para.text.strip()
        level, problem = marker(text)
        continued = re.match(r"^(\d{1,2})\.\d", text)
        following = body[index + 1].text.strip() if index + 1 < len(body) else ""
        restart = continued is not None and continued.group(1) == "1" and re.match(r"^2\.", following)
        if not level and continued and (int(continued.group(1)) in next_items or restart):
            level = 3  # 16.20所学校… right after item 15: item 16, then a number (not the decimal 16.20)
        if level:
            para.role, para.level, para.marker_problem = f"heading{level}", level, problem
            para.marker = f"{continued.group(1)}." if continued and level == 3 else _MARKER_TEXT.match(text).group(0)
            if level == 3:
                next_items = {int(re.match(r"\d+", text).group(0)) + 1}
        else:
            outline = resolver.paragraph(para.element).outline_level
            if outline is not None and outline < 2 and len(text) <= 40:
                para.role, para.level = f"heading{outline + 1}", outline + 1


def _blank_rules(paragraphs: list) -> None:
    """A rule paragraph neither in the 版头 nor in the 版记 is just a blank line with a border."""
    for para in paragraphs:
        if para.role == "rule":
            para.role = "blank"
