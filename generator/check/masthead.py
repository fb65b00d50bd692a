"""The 版头 (7.2) read from the top and the 版记 (7.4) from the end, in each format of the standard:
the 文件格式, the 信函格式 (10.1: the 标志 is the organ's name, a double rule under it), the 命令格式
(10.2: "…命令" or "…令", then the 令号 第X号) and the 纪要格式 (10.3: "…纪要", then 第X期);
上行文 with 签发人 beside the 发文字号, or its name on a line of its own; placeholders for the year
and number (XX发〔20XX〕XX号, 〔2020〕号). A rule drawn as a border on an empty paragraph below the
发文字号 belongs to the 版头.
"""
from __future__ import annotations

import re

from generator.check.docxformat import FormatResolver
from generator.check.markers import marker
from generator.ooxml import W
from generator.profile import load_profile
from generator.text import patterns, zhtext

_YEAR = r"(?:\d{4}|\d{2}[\dXx×]{2}|[Xx×]{4})"
_SERIAL = r"(?:\d+|【[^】]{0,6}】|[XxＸ×]{1,3}|□{1,4}|\s{0,4})"
# The 发文字号 as typed, its year or number possibly still to be filled in (〔2027〕【待定】号, 〔2027〕X号).
DOC_NUMBER = patterns.compile(rf"^\S{{0,20}}[〔\[［(（【]{_YEAR}[〕\]］)）】]第?{_SERIAL}号$")
NUMBER_AND_SIGNER = patterns.compile(rf"^(?P<number>\S{{0,20}}[〔\[［(（【]{_YEAR}[〕\]］)）】]第?{_SERIAL}号)\s*签发人[:：]\s*\S{{0,8}}$")
_ORDER_NUMBER = patterns.compile(r"^第\s*(?:\d+|[XxＸ×□]{1,3}|[一二三四五六七八九十百零〇]+)\s*[号期]$")
_SIGNER = patterns.compile(r"^签发人[:：]\s*\S{0,8}$")
_SIGNER_NAME = patterns.compile(rf"^[{zhtext.CJK}□ＸXx×]{{2,4}}$")
_COPY_NUMBER = patterns.compile(r"^\d{1,8}$")
_SECRECY = patterns.compile(r"^(?:绝密|机密|秘密)(?:\s*★\s*\S{0,8})?$")
_URGENCY = patterns.compile(r"^(?:特急|加急|特提|平急)$")
_MARK_WORDS = patterns.compile(r"(?:文件|函|纪要|通报|简报|命令|令)$|(?:委员会|人民政府|办公室|办公厅|局|厅|部|委|院|会|党组|关工委)$")
_DECORATION = patterns.compile(r"^[★☆\s]+$")
_COPY_TO = patterns.compile(r"^抄\s*送[:：]")
_PRINTED = patterns.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发$")
_ORG_AND_DATE = patterns.compile(r"^\S.{0,30}?\s+(?:20[\dXx×]{2}|\d{4})年[\dXx×]{1,2}月[\dXx×]{1,2}日(?:\s*印\s*发)?$")


def is_doc_number(line: str) -> bool:
    return bool(DOC_NUMBER.match(line.replace(" ", "")) or NUMBER_AND_SIGNER.match(line))


def header(text: list, paragraphs: list, resolver: FormatResolver) -> int:
    """Mark the 版头's elements; returns the index of the first paragraph after them."""
    position, seen_mark, seen_number = 0, False, False
    while position < len(text):
        para = text[position]
        line = para.text.strip()
        if para.in_table:
            break
        if _DECORATION.match(line) and position + 1 < len(text):
            para.role = "decoration"  # ★ between the 标志's lines, or above it
        elif _COPY_NUMBER.match(line) and not seen_mark and position <= 2:
            para.role = "copy_number"
        elif _SECRECY.match(line) and not seen_number:
            para.role = "secrecy"
        elif _URGENCY.match(line) and not seen_number:
            para.role = "urgency"
        elif is_doc_number(line):
            para.role, seen_number = "doc_number", True
        elif seen_mark and not seen_number and _ORDER_NUMBER.match(line):
            para.role, seen_number = "doc_number", True  # a 令号 or a 纪要's number
        elif _SIGNER.match(line) and (seen_mark or seen_number):
            para.role = "signer"
        elif seen_number and _SIGNER_NAME.match(line) and _small(para, resolver) and position + 1 < len(text):
            para.role = "signer"  # the 签发人's name on a line of its own, its label in a box or cell
        elif not seen_number and _looks_like_mark(para, text[position + 1 : position + 5], resolver):
            para.role, seen_mark = "issuer_mark", True
        else:
            break
        para.in_header = True
        position += 1
    if not (seen_mark or seen_number):  # 份号 or 密级 alone are still what they are
        return position
    last = text[position - 1] if position else None
    following = text[position].index if position < len(text) else None
    for para in paragraphs:  # blank lines and rules inside the 版头, and the rule right below it
        if last is not None and para.index <= last.index and para.role in ("blank", "rule"):
            para.in_header = True
        if last is not None and para.index > last.index and (following is None or para.index < following) and para.role == "rule":
            para.in_header = True
        if para.role == "textbox" and (last is None or para.index <= last.index + 2):
            para.in_header = True
        if para.in_header and para.role == "rule":
            para.role = "red_rule"
    return position


def form(paragraphs: list) -> str:
    """letter, order, minutes or "" (the 文件格式), from how the 标志 ends (gbt9704.yaml forms):
    a 标志 that is only the organ's name is the 信函格式's."""
    mark = next((p for p in paragraphs if p.role == "issuer_mark" and not _DECORATION.match(p.text.strip())), None)
    if mark is None:
        return ""
    line = re.sub(r"\s", "", mark.text)
    forms = load_profile().forms["forms"]
    for key in ("minutes", "order", "document"):
        if any(line.endswith(end) for end in forms[key].get("mark_ends") or []):
            return "" if key == "document" else key
    return "letter"


def _small(para, resolver: FormatResolver) -> bool:
    runs = para.element.findall(f".//{W}r")
    size = resolver.run(para.element, runs[0]).size_pt if runs else None
    return (size or 16) < 18


def _looks_like_mark(para, following: list, resolver: FormatResolver) -> bool:
    """发文机关标志: red, or large and centred, naming an organ; a 发文字号 or a rule soon after."""
    line = para.text.strip()
    if len(line) > 40 or zhtext.SENTENCE_END.search(line) or marker(line)[0]:
        return False
    fmt = resolver.paragraph(para.element)
    runs = para.element.findall(f".//{W}r")
    run = resolver.run(para.element, runs[0]) if runs else None
    red = run is not None and is_red(run.color)
    large = run is not None and (run.size_pt or 0) >= 22
    numbered_soon = any(is_doc_number(p.text.strip()) or _ORDER_NUMBER.match(p.text.strip()) for p in following)
    if red and (numbered_soon or _MARK_WORDS.search(line)):
        return True
    return (large or fmt.alignment in ("center", "distribute")) and bool(_MARK_WORDS.search(line)) and numbered_soon


def box_mark(para, resolver: FormatResolver) -> bool:
    if not re.search(f"[{zhtext.CJK}]", para.text):
        return False
    runs = para.element.findall(f".//{W}r")
    red = bool(runs) and is_red(resolver.run(para.element, runs[0]).color)
    return red or bool(_MARK_WORDS.search(para.text.strip()))


def is_red(color: str | None) -> bool:
    if not color or color.lower() == "auto" or not re.fullmatch(r"[0-9A-Fa-f]{6}", color):
        return False
    red, green, blue = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    return red >= 150 and green <= 100 and blue <= 100


def imprint(text: list, paragraphs: list) -> int:
    """Mark the 版记 at the end; returns the index where it begins (len(text) without one).
    印发机关 and 印发日期 may lack the word 印发 when a 抄送 line stands above them."""
    end = len(text)
    while end > 0:
        line = text[end - 1].text.strip().replace("\t", " ")
        above = text[end - 2].text.strip() if end >= 2 else ""
        if _PRINTED.search(line) or (_ORG_AND_DATE.match(line) and _COPY_TO.match(above)):
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
