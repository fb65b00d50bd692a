"""The end of a 公文's text, read backwards from the 版记: 纪要 attendance (出席、请假、列席, 10.3),
附注, 此页无正文, 成文日期, 印章, 署名, 附件说明 (7.3.4–7.3.6), in every form real documents use:
署名 and 成文日期 in one paragraph with a line break, a 附注 or a seal placeholder between or after
them, a placeholder for the signer ([发文单位]) or the date ([日期], 20XX年X月X日), and two or more
signers of a 联合行文.

A short line above the date counts as a 署名 unless it looks like a paragraph of the text: a
body paragraph's first-line indent, a bracketed remark, a placeholder for text ([此处输入正文]).
"""
from __future__ import annotations

import re

from generator.check.docxformat import FormatResolver
from generator.check.markers import marker
from generator.profile import load_profile
from generator.text import patterns

DATE_ARABIC = patterns.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
DATE_CHINESE = patterns.compile(r"^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$")
DATE_UNFILLED = patterns.compile(r"^(?:20[\dXx×]{2}|[Xx×]{4})年[\dXx×]{1,2}月[\dXx×]{1,2}日$")
DATE_PLACEHOLDER = patterns.compile(r"^[\[［【〔(（]\s*(?:成文)?(?:日期|年月日|时间)\s*[\]］】〕)）]$")
SIGNER_PLACEHOLDER = patterns.compile(r"^[\[［【〔(（]\s*(?:发文|署名|落款)?(?:单位|机关|部门)(?:名称|署名|全称)?\s*[\]］】〕)）]$")
NO_BODY = patterns.compile(r"^[（(]?此页无正文[）)]?$")
SEAL = patterns.compile(r"^[（(\[［【〔]?\s*(?:此处)?(?:加盖|盖)?(?:红色)?(?:单位)?(?:印章|盖章|公章|签章|章)(?:处|位置)?\s*[）)\]］】〕]?$")
NOTE = patterns.compile(r"^[（(][^（）()]{2,80}[）)]$")
# 出席、请假、列席 … (gbt9704.yaml forms.minutes.attendance), each character possibly spaced out.
ATTENDANCE = patterns.compile(r"^(?:{})(?:人员|单位|领导)?\s*[:：]".format("|".join(
    r"\s*".join(word) for word in load_profile().forms["forms"]["minutes"]["attendance"])))
ATTACHMENT = patterns.compile(r"^附件\s*[:：]")
_ATTACHMENT_NEXT = patterns.compile(r"^\d{1,2}\s*[.．]\s*\S")
_SENTENCE = patterns.compile(r"[。，；：:!！?？]")


def is_date(line: str) -> bool:
    return bool(DATE_ARABIC.match(line) or DATE_CHINESE.match(line) or DATE_UNFILLED.match(line) or DATE_PLACEHOLDER.match(line))


def closing(text: list, start: int, end: int, resolver: FormatResolver) -> int:
    """Mark the end of the text between `start` and `end`; returns where the body ends."""
    end = _attendance(text, start, end)
    dated = _find_date(text, start, end)
    if dated is None:
        return _attachments(text, start, end)
    for para in text[dated + 1 : end]:
        line = para.text.strip()
        if para.in_table:
            continue  # a table is a table wherever it stands: its text is checked as text
        if NO_BODY.match(line):
            para.role = "no_body"
        elif SEAL.match(line):
            para.role = "seal"
        elif NOTE.match(line):
            para.role = "note"
        else:
            para.role = "unknown"
    date = text[dated]
    if "\n" in date.text.strip():  # 署名 and 成文日期 in one paragraph, a line break between them
        date.role = "signature"
        date.certain = False
    else:
        date.role = "date"
    position = dated
    while position - 1 >= start:
        para = text[position - 1]
        line = para.text.strip()
        if para.in_table:
            break
        if SEAL.match(line) or NO_BODY.match(line):
            para.role = "seal" if SEAL.match(line) else "no_body"
        elif _is_signature(para, resolver):
            para.role = "signature"
        else:
            break
        position -= 1
    return _attachments(text, start, position)


def _find_date(text: list, start: int, end: int) -> int | None:
    """The 成文日期: the last date line among the last few paragraphs, on a line of its own or the
    last line of the 署名's paragraph. What follows it is a 附注, a seal, 此页无正文, or unknown."""
    for index in range(end - 1, max(start, end - 8) - 1, -1):
        para = text[index]
        lines = para.text.strip().split("\n")
        if is_date(lines[-1].strip()) and not para.in_table and all(len(line.strip()) <= 40 for line in lines):
            return index
    return None


def _is_signature(para, resolver: FormatResolver) -> bool:
    line = para.text.strip()
    if SIGNER_PLACEHOLDER.match(line):
        return True
    if len(line) > 60 or _SENTENCE.search(line) or marker(line)[0] or ATTACHMENT.match(line):
        return False
    if NOTE.match(line) or re.match(r"^[\[［【].*(?:输入|填写|此处).*[\]］】]$", line):
        return False  # a remark or a placeholder for text, not for the signer
    if _set_off(para, resolver):
        return True
    fmt = resolver.paragraph(para.element)
    indent = (fmt.first_line_chars / 100) if fmt.first_line_chars is not None else (fmt.first_line or 0) / 320
    return indent < 1  # flush left: a 署名 in the wrong place, not a body paragraph


def _set_off(para, resolver: FormatResolver) -> bool:
    """Set off to the right as a 署名 is: right or centre alignment, an indent of three or more
    characters, or leading spaces."""
    fmt = resolver.paragraph(para.element)
    lead = len(para.text) - len(para.text.lstrip(" \u3000\t"))
    align = fmt.alignment or "left"
    return align in ("right", "end", "center", "distribute") or (fmt.right or 0) >= 640 or (fmt.left or 0) >= 960 or lead >= 4


def _attendance(text: list, start: int, end: int) -> int:
    """出席、请假、列席 … lines after a 纪要's text (10.3); returns where they begin."""
    position = end
    while position - 1 >= start and ATTENDANCE.match(text[position - 1].text.strip()) and not text[position - 1].in_table:
        text[position - 1].role = "attendance"
        position -= 1
    return position


def _attachments(text: list, start: int, end: int) -> int:
    """附件说明 just before the 署名: 附件：1. … and the names below it."""
    first = next((i for i in range(end - 1, start - 1, -1) if ATTACHMENT.match(text[i].text.strip())), None)
    if first is None:
        return end
    for index in range(first, end):
        line = text[index].text.strip()
        if index > first and not _ATTACHMENT_NEXT.match(line):
            return end
    for index in range(first, end):
        text[index].role = "attachment"
    return first
