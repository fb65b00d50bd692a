"""A .docx as the checker sees it: paragraphs in reading order, each with its role.

Roles: docnum (发文字号), title, recipient, heading1–4, body, attachment, signature, date,
blank, table (inside a table: only its text is checked). Word's automatic numbering is made
visible, as in the reader, so 一、 from numbering.xml counts like a typed 一、.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator import zhtext
from generator.docxformat import W, FormatResolver
from generator.readers.docx import NumberingLabels, open_docx, paragraph_text

DATE_ARABIC = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
DATE_CHINESE = re.compile(r"^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$")
DOC_NUMBER = re.compile(r"^\S{1,20}[〔\[［(（【]\d{4}[〕\]］)）】]第?\d+号$")
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


@dataclass
class Para:
    index: int  # 1-based, in reading order (table paragraphs included)
    element: object
    text: str  # with the automatic numbering label in front
    label: str  # the automatic numbering label, "" when the number is typed
    role: str = "body"
    level: int = 0  # heading level from its marker
    marker_problem: str = ""  # a wrong marker form, explained
    marker: str = ""  # the heading marker as typed (一、 （一） 15. ), "" when there is none
    part: int = 0  # which document of a bundle (each plan of a bundle is a section of its own)

    @property
    def excerpt(self) -> str:
        text = self.text.replace("\n", " ")
        return text if len(text) <= 20 else text[:20] + "…"


@dataclass
class CheckedDocument:
    path: Path
    document: object
    paragraphs: list[Para]
    resolver: FormatResolver

    @property
    def parts(self) -> list[list[Para]]:
        """The paragraphs of each document in the file: one for a plan, one per plan of a bundle."""
        found: list[list[Para]] = []
        for para in self.paragraphs:
            if para.part == len(found):
                found.append([])
            found[-1].append(para)
        return found


def load(path: Path) -> CheckedDocument:
    document = open_docx(path)
    labels = NumberingLabels(document)
    body = document.element.body
    paragraphs = []
    index = 0
    for child in body.iterchildren():
        elements = [child] if child.tag == W + "p" else list(child.iter(W + "p")) if child.tag == W + "tbl" else []
        for element in elements:
            index += 1
            label = labels.label(element)
            para = Para(index, element, label + paragraph_text(element), label)
            if child.tag == W + "tbl":
                para.role = "table"
            paragraphs.append(para)
    resolver = FormatResolver(document)
    doc = CheckedDocument(path, document, paragraphs, resolver)
    _split_parts(paragraphs, resolver)
    for part in doc.parts:
        _classify(part, resolver)
    return doc


_CONTENTS = re.compile(r"目\s*录")


def _split_parts(paragraphs: list[Para], resolver: FormatResolver) -> None:
    """Number the documents of a bundle: a section that starts with a title starts a new one.

    A section break inside one document (a landscape table page, say) does not start a document.
    """
    part, section_ended = 0, False
    for position, para in enumerate(paragraphs):
        if section_ended and para.text.strip():
            if _looks_like_title(para, resolver, 0, paragraphs[position:position + 2]):
                part += 1
            section_ended = False
        para.part = part
        if para.element.find(f"{W}pPr/{W}sectPr") is not None:
            section_ended = True


def _classify(paragraphs: list[Para], resolver: FormatResolver) -> None:
    text_paras = [p for p in paragraphs if p.role != "table" and p.text.strip()]
    for para in paragraphs:
        if para.role != "table" and not para.text.strip():
            para.role = "blank"
    if not text_paras:
        return
    if any(_CONTENTS.fullmatch(p.text.strip()) for p in text_paras[:3]):  # a bundle's 目录: not a plan
        for para in text_paras:
            para.role = "contents"
        return
    position = 0
    if DOC_NUMBER.match(text_paras[0].text.strip()) and len(text_paras) > 1:
        text_paras[0].role = "docnum"
        position = 1
    # Title: the first lines, centred or large or in the Title style (it may span several lines).
    while position < len(text_paras) and _looks_like_title(text_paras[position], resolver, position, text_paras):
        text_paras[position].role = "title"
        position += 1
    if position < len(text_paras) and re.fullmatch(r"[^。；]{2,60}[：:]", text_paras[position].text.strip()):
        text_paras[position].role = "recipient"
        position += 1
    end = len(text_paras)
    last = text_paras[-1].text.strip()
    if end > position and (DATE_ARABIC.match(last) or DATE_CHINESE.match(last) or re.match(r"^\d{4}年\d{1,2}月\d{1,2}日$", last)):
        text_paras[-1].role = "date"
        end -= 1
        previous = text_paras[end - 1] if end - 1 >= position else None
        if previous and len(previous.text) <= 40 and not re.search(r"[。，；：]", previous.text) and not _marker(previous.text)[0]:
            previous.role = "signature"
            end -= 1
    next_items = set()  # item numbers that would continue the numbering here
    body = text_paras[position:end]
    for index, para in enumerate(body):
        text = para.text.strip()
        if re.match(r"^附件\s*\d*\s*[:：]?", text) and para.role == "body" and len(text) <= 60:
            para.role = "attachment"
            continue
        level, problem = _marker(text)
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


_MARKER_TEXT = re.compile(r"^(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)][、.．]?|[一二三四五六七八九十]+\s*[、.．,，。]|\d{1,2}\s*[.．、])")


def _marker(text: str) -> tuple[int, str]:
    for pattern, level, problem in MARKER_FORMS:
        if pattern.match(text):
            return level, problem
    return 0, ""


def _looks_like_title(para: Para, resolver: FormatResolver, position: int, paragraphs: list[Para]) -> bool:
    text = para.text.strip()
    if _marker(text)[0] or len(text) > 60 or text.endswith(("：", ":")):
        return False
    if zhtext.SENTENCE_END.search(text) and position > 0:
        return False
    fmt = resolver.paragraph(para.element)
    runs = para.element.findall(f".//{W}r")
    size = resolver.run(para.element, runs[0]).size_pt if runs else None
    styled = (fmt.style_name or "").lower() == "title"
    if styled or fmt.alignment == "center" or (size or 0) >= 18:
        return True
    # An unformatted first line that is clearly a title (no sentence, followed by more text).
    return position == 0 and len(paragraphs) > 1 and not zhtext.SENTENCE_END.search(text) and "，" not in text
