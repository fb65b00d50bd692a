"""Structure: heading marker forms and numbering order, title punctuation, dates, 发文字号."""
from __future__ import annotations

import datetime
import re

from generator.check.document import DATE_ARABIC, DATE_CHINESE, CheckedDocument, Para
from generator.check.findings import Finding
from generator.text import patterns, zhtext

MARKER_REASON = "GB/T 9704-2012 7.3.3：结构层次序数依次用“一、”“（一）”“1.”“（1）”标注"
_NUMBER = patterns.compile(r"^[（(]?([一二三四五六七八九十]+|\d{1,2})")


def check(doc: CheckedDocument) -> list[Finding]:
    found = _markers(doc) + _heading_punctuation(doc) + _dates(doc) + _doc_number(doc)
    for part in doc.parts:  # each plan of a bundle has its own title and numbering, each 附件 too
        found += _title(part)
        for scope in sorted({p.scope for p in part}):
            found += _order([p for p in part if p.scope == scope])
    return found


def _finding(para: Para, rule: str, message: str, reason: str, fix: str, fixable: bool, severity: str = "error") -> Finding:
    return Finding(rule, severity, "结构", para.index, para.excerpt, message, reason, fix, fixable)


def marker_fixable(para: Para) -> bool:
    """A typed marker --fix may retype. One made by Word's numbering is fixed in the numbering;
    "1．" with a full-width point is a house style some units prescribe: reported, not retyped."""
    return not para.label and not re.match(r"^\d{1,2}．", para.text.strip())


def _title(paragraphs: list[Para]) -> list[Finding]:
    found = []
    for role in ("title", "appendix_title"):
        titles = [p for p in paragraphs if p.role == role]
        if titles and re.search(r"[。，；：！？、.,;:!?]$", titles[-1].text.strip()):
            found.append(_finding(titles[-1], "title.punct", "标题末尾有标点", "GB/T 9704-2012 7.3.1；《党政机关公文处理工作条例》：标题末尾不用标点",
                                  "删去标题末尾的标点", False))
    return found


def _markers(doc: CheckedDocument) -> list[Finding]:
    found = []
    levels = {p.level for p in doc.paragraphs if p.role.startswith("heading")}
    for para in doc.paragraphs:
        if para.marker_problem:
            if para.level > 1 and not any(higher in levels for higher in range(1, para.level)):
                para.marker_problem = re.sub(r"^[二三四]级标题", "", para.marker_problem)  # no 第一层 here: no 三级
            fixed = zhtext.normalize_marker(para.text.strip())
            # A typed marker can be retyped; one made by Word's numbering is fixed in the numbering.
            fixable = marker_fixable(para)
            fix = f"改为“{fixed[:8]}……”" if fixable else "在 Word 的编号格式中改为规范的序号"
            found.append(_finding(para, "heading.form", para.marker_problem, MARKER_REASON, fix, fixable))
    return found


def _heading_punctuation(doc: CheckedDocument) -> list[Finding]:
    """A heading that stands alone (一、… or （一）…) ends without 。; a run-in heading keeps its 。."""
    found = []
    for para in doc.paragraphs:
        if para.role in ("heading1", "heading2") and heading_final_stop(para.text.strip()):
            found.append(_finding(para, "heading.punct", "标题末尾用了句号", MARKER_REASON + "；独立成行的标题末尾不加句号",
                                  "删去标题末尾的句号", False))
    return found


def heading_final_stop(text: str) -> bool:
    """`二、强化党建引领。` (one sentence, ending in 。) but not `一、加强学习。组织……` (run-in)."""
    return text.endswith("。") and "。" not in text[:-1]


def _headings(paragraphs: list[Para]) -> list[tuple[Para, int, int]]:
    found = []
    for para in paragraphs:
        match = _NUMBER.match(para.text.strip()) if para.level else None
        if match:
            raw = match.group(1)
            found.append((para, para.level, int(raw) if raw.isdigit() else zhtext.parse_cn_number(raw)))
    return found


def _level3_restarts(headings: list[tuple[Para, int, int]]) -> bool:
    """Items 1. either restart under each heading or run on through the document (as some plans do)."""
    level1_seen = 0
    for _, level, number in headings:
        if level == 1:
            level1_seen += 1
        elif level == 3 and level1_seen >= 2:
            return number == 1
    return True


def _order(paragraphs: list[Para]) -> list[Finding]:
    """Numbers within a level go 1, 2, 3 without gaps or repeats, restarting under a new parent."""
    headings = _headings(paragraphs)
    restart3 = _level3_restarts(headings)
    expected = {1: 1, 2: 1, 3: 1, 4: 1}
    seen_level1 = False
    has_level1 = any(level == 1 for _, level, _ in headings)
    found = []
    for para, level, number in headings:
        if level == 1:
            seen_level1 = True
        elif level == 2 and not seen_level1:
            found.append(_finding(para, "heading.order", "二级标题“（一）”出现在任何一级标题“一、”之前", MARKER_REASON, "在前面补上一级标题", False, "warning"))
        elif level == 3 and not seen_level1 and has_level1:
            found.append(_finding(para, "heading.order", "三级标题“1.”出现在第一个一级标题“一、”之前", MARKER_REASON,
                                  "把这些条目移到相应的一级标题下，或改为正文段落", False))
            seen_level1 = True  # said once
        if number != expected[level]:
            kind = "重复" if number < expected[level] else "跳过了"
            right = _label(level, expected[level])
            message = f"序号{kind}：这里是“{_label(level, number)}”，按顺序应为“{right}”"
            found.append(_finding(para, "heading.sequence", message, MARKER_REASON, f"检查这一层的编号，改为“{right}”", False))
        expected[level] = number + 1
        for deeper in range(level + 1, 5):
            if deeper != 3 or restart3:
                expected[deeper] = 1
    return found


def _label(level: int, number: int) -> str:
    return {1: f"{zhtext.cn_number(number)}、", 2: f"（{zhtext.cn_number(number)}）", 3: f"{number}.", 4: f"（{number}）"}[level]


DATE_REASON = "GB/T 9704-2012 7.3.5：成文日期用阿拉伯数字将年、月、日标全，年份标全称，月、日不编虚位（1 不编为 01）"
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}


def chinese_date(text: str) -> str:
    """二〇二五年一月五日 → 2025年1月5日."""
    match = re.match(r"^(.{4})年(.+)月(.+)日$", text)
    year = "".join(str(_CN_DIGIT[c]) for c in match.group(1))
    return f"{year}年{zhtext.parse_cn_number(match.group(2))}月{zhtext.parse_cn_number(match.group(3))}日"


def _dates(doc: CheckedDocument) -> list[Finding]:
    found = []
    for para in doc.paragraphs:
        text = para.text.strip()
        if para.role == "date" and DATE_CHINESE.match(text):
            fixed = chinese_date(text)
            found.append(_finding(para, "date.form", "成文日期用了汉字数字", DATE_REASON, f"改为“{fixed}”", False))
            continue
        for match in re.finditer(r"(\d{4})年(\d{1,2})月(\d{1,2})日", para.text):
            year, month, day = (int(g) for g in match.groups())
            try:
                datetime.date(year, month, day)
            except ValueError:
                found.append(_finding(para, "date.real", f"“{match.group(0)}”不是真实存在的日期", DATE_REASON, "核对日期", False))
                continue
            if re.search(r"年0\d月|月0\d日", match.group(0)):
                fixed = f"{year}年{month}月{day}日"
                severity = "error" if para.role == "date" else "warning"
                found.append(_finding(para, "date.padding", f"日期“{match.group(0)}”月、日前补了 0", DATE_REASON, f"改为“{fixed}”", False, severity))
        if para.role == "date" and not DATE_ARABIC.match(text) and not DATE_CHINESE.match(text) and not zhtext.unfilled_marks(text):
            found.append(_finding(para, "date.form", "成文日期格式不规范", DATE_REASON, "写成“2027年1月5日”", False))
    return found


def _doc_number(doc: CheckedDocument) -> list[Finding]:
    para = next((p for p in doc.paragraphs if p.role == "doc_number"), None)
    number = para.text.strip().split("签发人")[0].strip() if para is not None else ""
    if re.fullmatch(r"第\s*\S+\s*[号期]", number):
        return []  # a 令号 or a 纪要's number: no year in 〔〕
    if para is not None and re.search(r"〕\s*号$", number):
        return [_finding(para, "placeholder", f"发文字号“{number}”没有填写发文顺序号", "成文中不能留有待填写的内容",
                         "填上发文顺序号，如“〔2027〕3号”", False)]
    if para is None or re.fullmatch(r"\S+〔\d{4}〕[1-9]\d*号", number) or zhtext.unfilled_marks(number):
        return []
    reason = "GB/T 9704-2012 7.2.5：年份用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位"
    fixed = fix_doc_number(number)
    # --fix may change the brackets (punctuation) but not 第 or a 0 (characters of the number).
    brackets_only = fix_doc_brackets(number) == fixed
    return [_finding(para, "docnum.form", f"发文字号“{number}”格式不规范", reason, f"改为“{fixed}”", brackets_only)]


def fix_doc_brackets(text: str) -> str:
    return re.sub(r"[\[［(（【](\d{4})[\]］)）】]", r"〔\1〕", text)


def fix_doc_number(text: str) -> str:
    text = fix_doc_brackets(text)
    text = re.sub(r"〕第", "〕", text)
    return re.sub(r"〕0+(\d)", r"〕\1", text)
