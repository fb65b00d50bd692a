"""Which part of a 公文 each paragraph is (the parts of templates/gbt9704.yaml), read in zones.

1. 版头, from the top: 份号, 密级和保密期限, 紧急程度, 发文机关标志, 发文字号 (with 签发人),
   the red rule (a border or a drawn line); in any order up to the title, as 信函格式 has it.
2. 标题 and 主送机关.
3. 版记, from the end: 抄送 and 印发机关/印发日期, in a table or between bordered paragraphs.
4. 附件 pages: 附件N at the top of a page, its title, its own numbered text.
5. The end of the text, backwards (closing.py): 纪要 attendance, 附注, 此页无正文, 成文日期, 印章,
   署名, 附件说明.
6. The text between: headings by their markers, unnumbered 黑体/楷体 sub-headings, centred lines
   that are not the title (a sample title in a guide), body paragraphs, blank lines, pictures
   and page breaks.
What none of these explains is "unknown" and reported as such; a role read from position alone
(a first line taken as the title without any title formatting) is not `certain`, so --fix leaves
its formatting alone.
"""
from __future__ import annotations

import re

from generator.check.closing import DATE_ARABIC, DATE_CHINESE, closing, is_date
from generator.check.docxformat import FormatResolver
from generator.check.markers import MARKER_TEXT, marker
from generator.check.masthead import (
    DOC_NUMBER,
    box_mark,
    form,
    header,
    imprint,
    is_doc_number,
    is_red,
)
from generator.ooxml import W
from generator.text import patterns, zhtext

__all__ = ["DATE_ARABIC", "DATE_CHINESE", "DOC_NUMBER", "classify", "is_red", "looks_like_title", "marker"]

_APPENDIX_LABEL = patterns.compile(r"^附件\s*\d{0,2}(?:\s*[（(][^）)]{0,8}[）)])?$")
_SUBTITLE = patterns.compile(r"^(?:——|－－|--)")
_CONTENTS = patterns.compile(r"目\s*录")
_HEADING_FONTS = {"黑体", "SimHei", "楷体", "楷体_GB2312", "KaiTi", "KaiTi_GB2312", "华文楷体", "STKaiti", "方正黑体_GBK", "方正黑体简体"}


def classify(paragraphs: list, resolver: FormatResolver) -> str:
    """Give every paragraph of one document (a plan, or one plan of a bundle) its role; returns
    the document's format (masthead.form)."""
    for para in paragraphs:
        if not para.text.strip() and para.role not in ("textbox",):
            para.role = "table" if para.in_table else _empty_role(para)
    text = [p for p in paragraphs if p.text.strip() and p.role != "textbox"]
    if not text:
        return ""
    if any(_CONTENTS.fullmatch(p.text.strip()) for p in text[:3]):  # a bundle's 目录: not a plan
        for para in text:
            para.role = "contents"
        return ""
    position = header(text, paragraphs, resolver)
    end = imprint(text, paragraphs)
    labels = _appendix_labels(text, position, end, resolver)
    main_end = labels[0] if labels else end
    position = _title(text, position, main_end, resolver)
    if position < main_end and re.fullmatch(r"[^。；]{2,60}[：:]", text[position].text.strip()) and not text[position].in_table:
        text[position].role = "recipient"
        position += 1
    tail = closing(text, position, main_end, resolver)
    _body(text[position:tail], resolver, scope=0)
    for number, start in enumerate(labels, 1):
        stop = labels[number] if number < len(labels) else end
        _appendix(text, start, stop, resolver, number)
    title = next((p.index for p in paragraphs if p.role == "title"), None)
    for para in paragraphs:  # a 标志 set in a text box above the title, as many templates do
        if para.role == "textbox" and title is not None and para.index < title and box_mark(para, resolver):
            para.role, para.in_header = "issuer_mark", True
        elif para.role == "textbox" and re.fullmatch(r"[★☆\s]+", para.text):
            para.role = "decoration"
    _blank_rules(paragraphs)
    return form(paragraphs)


def _empty_role(para) -> str:
    """An empty paragraph: a blank line, a rule (a border or a drawn line), a picture or a page break."""
    element = para.element
    if any(b.get(f"{W}type") == "page" for b in element.iter(f"{W}br")) or element.find(f"{W}pPr/{W}sectPr") is not None:
        return "page_break"
    if element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip") is not None or \
            element.find(".//{urn:schemas-microsoft-com:vml}imagedata") is not None:
        return "figure"
    return "rule" if _is_rule(para) else "blank"


def _is_rule(para) -> bool:
    """An empty paragraph that draws a line: a border, or a drawn shape."""
    borders = para.element.find(f"{W}pPr/{W}pBdr")
    drawn = para.element.find(f".//{W}drawing") is not None or para.element.find(f".//{W}pict") is not None
    boxed = para.element.find(f".//{W}txbxContent") is not None  # holds a text box, not a line
    return borders is not None or (drawn and not boxed)


def _title(text: list, position: int, end: int, resolver: FormatResolver) -> int:
    """The title's lines, and a 副标题 (——…) below them, which is not the title."""
    start = position
    while position < end:
        para = text[position]
        if position > start and _SUBTITLE.match(para.text.strip()) and not para.in_table:
            para.role = "subtitle"
        elif is_doc_number(para.text.strip()) or not _looks_like_title(para, resolver, position - start, text[start:end]):
            break
        else:
            para.role = "title"
            para.certain = _formatted_as_title(para, resolver) or position > start
        position += 1
    return position


def looks_like_title(para, resolver: FormatResolver, position: int, paragraphs: list) -> bool:
    """A title that starts a new document of a bundle: set as a title (centred, large or the Title
    style), not a first line read by position (a heading or 附件1 after a section break)."""
    return _looks_like_title(para, resolver, position, paragraphs) and _formatted_as_title(para, resolver)


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


def _appendix_labels(text: list, start: int, end: int, resolver: FormatResolver) -> list[int]:
    """Where each 附件 begins: 附件N at the top of a page or above a title. A label the 署名 and
    date still follow is a label inside the text (it is marked, but starts nothing)."""
    labels = [i for i in range(start, end) if _APPENDIX_LABEL.match(text[i].text.strip()) and not text[i].in_table]
    starts = []
    for number, index in enumerate(labels):
        para = text[index]
        para.role = "appendix_label"
        stop = labels[number + 1] if number + 1 < len(labels) else end
        following = text[index + 1] if index + 1 < len(text) else None
        dated_after = any(is_date(p.text.strip().split("\n")[-1].strip()) for p in text[index + 1 : stop] if not p.in_table)
        if (para.new_page or (following is not None and _formatted_as_title(following, resolver))) and not dated_after:
            starts.append(index)
    return starts


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
            para.marker = f"{continued.group(1)}." if continued and level == 3 else MARKER_TEXT.match(text).group(0)
            if level == 3:
                next_items = {int(re.match(r"\d+", text).group(0)) + 1}
        else:
            outline = resolver.paragraph(para.element).outline_level
            if outline is not None and outline < 2 and len(text) <= 40:
                para.role, para.level = f"heading{outline + 1}", outline + 1
            elif para.role == "body" and _unnumbered_heading(para, resolver):
                centred = resolver.paragraph(para.element).alignment in ("center", "distribute")
                para.role, para.certain = "centred_line" if centred else "subheading", False


def _unnumbered_heading(para, resolver: FormatResolver) -> bool:
    """A short line without a sentence in it, set in a heading font (黑体, 楷体), centred or large:
    a heading the standard does not number, or a sample title in a guide. Its form is the writer's."""
    text = para.text.strip()
    if len(text) > 30 or zhtext.SENTENCE_END.search(text) or re.search(r"[，,；;：:]", text):
        return False
    runs = para.element.findall(f".//{W}r")
    run = resolver.run(para.element, runs[0]) if runs else None
    heading_font = run is not None and run.east_asia in _HEADING_FONTS
    centred = resolver.paragraph(para.element).alignment in ("center", "distribute")
    return heading_font or centred or (run is not None and (run.size_pt or 0) >= 18)


def _blank_rules(paragraphs: list) -> None:
    """A rule paragraph neither in the 版头 nor in the 版记 is just a blank line with a border."""
    for para in paragraphs:
        if para.role == "rule":
            para.role = "blank"
