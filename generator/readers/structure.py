"""Recognise the structure of a cleaned plan: title, 主送, preamble, headings, items, 署名, date."""
from __future__ import annotations

import re

from generator.model import Clause, Plan, Section, Source
from generator.readers import tables
from generator.readers.cleanup import Cleaned, Para
from generator.readers.furniture import KIND_WORDS, recipient_line
from generator.readers.script import find_mojibake
from generator.readers.segment import SECTION_LABEL
from generator.readers.title import has_name, parse_title
from generator.text import patterns, zhtext

_KIND_WORDS = patterns.compile(rf"{KIND_WORDS}|通知|任务")
# 成文日期, also with the year hidden by a site (20xx年2月17日): kept as written, for a human.
_DATE = patterns.compile(r"^(\d{4}|20[xX×]{2}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十xX]{1,3}月[\d一二三四五六七八九十xX]{1,3}日$")
_YEAR = patterns.compile(r"((?:19|20)\d{2})\s*年")


def parse_plan(cleaned: Cleaned, file_name: str) -> Plan:
    """Build the plan model from cleaned paragraphs."""
    plan = Plan(source_file=file_name)
    body = list(cleaned.paragraphs)
    if cleaned.title is not None:
        _set_title(plan, cleaned.title.text)
    else:
        _take_title(body, plan)
    _take_recipient(body, plan)
    _take_closing(body, plan)
    _take_body(body, plan, cleaned.tables)
    if not plan.title:
        _kind_from_body(plan)
    if not plan.org and has_name(plan.signature):
        plan.org = plan.signature  # the 署名 names the unit when the title does not
    if plan.year is None:
        plan.year = _year_from_date(plan)
    _report_unknown(plan)
    for clause in plan.all_clauses():
        for source in clause.sources:
            source.year, source.org = plan.year, plan.org
    _check_truncated(plan)
    _mark_unsettled(plan)
    return plan


def _mark_unsettled(plan: Plan) -> None:
    """Redactions, blanks and mojibake are kept as they are, noted on the clause for the
    reviewer (the note goes into the library) and reported for the plan."""
    for clause in plan.all_clauses():
        marks = list(dict.fromkeys(zhtext.unfilled_marks(clause.text)))
        if marks:
            shown = "”“".join(marks)
            clause.notes.append(f"待补：原文中的“{shown}”是隐去或待填写的内容，请对照原件补全，补全后删去这条提示。")
            plan.warnings.append(f"第 {clause.line} 行有隐去或待填写的内容“{shown}”，已原样保留，在条款库中标为待补。")
        if clause.unreadable:
            runs = "”“".join(clause.unreadable)
            clause.notes.append(f"疑似乱码：“{runs}”（网页编码错误造成，也可能是生僻字），请对照原件改正后删去这条提示。")
    for what, value in (("标题", plan.title), ("成文日期", plan.date)):
        marks = zhtext.unfilled_marks(value)
        if marks:
            plan.warnings.append(f"{what}“{value}”中有隐去或待填写的内容“{'”“'.join(marks)}”。")


def _take_title(body: list[Para], plan: Plan) -> None:
    if not body:
        return
    first = body[0]
    if _looks_like_title(first) and not _KIND_WORDS.search(first.text) and len(body) > 1:
        second = body[1]
        if _looks_like_title(second) and _KIND_WORDS.search(second.text) and len(second.text) <= 40:
            plan.title = first.text + second.text
            del body[:2]
    if not plan.title and _looks_like_title(first) and (
        _KIND_WORDS.search(first.text) or _YEAR.search(first.text) or len(first.text) <= 40
    ):
        plan.title = first.text
        del body[0]
    if not plan.title:
        plan.warnings.append("未找到标题（第一段应是“××××年××工作要点”这样的标题），年份和单位可能识别不出。")
        return
    _set_title(plan, plan.title)


def _set_title(plan: Plan, title: str) -> None:
    plan.title = title
    parts = parse_title(title)
    plan.org, plan.year, plan.kind = parts.org, parts.year, parts.kind
    plan.school_year, plan.term = parts.school_year, parts.term
    plan.warnings.extend(f"{doubt}，无法确定；请用 --org 或 --year 指明。" for doubt in parts.doubts)


def _looks_like_title(para: Para) -> bool:
    text = para.text
    return (
        len(text) <= 80
        and not zhtext.SENTENCE_END.search(text)
        and zhtext.heading_level(text)[0] == 0
        and "，" not in text
        and para.level_hint <= 1
    )


def _take_recipient(body: list[Para], plan: Plan) -> None:
    if body and recipient_line(body[0].text):
        plan.recipient = body[0].text.rstrip(":：")
        del body[0]


def _take_closing(body: list[Para], plan: Plan) -> None:
    """署名 and 成文日期 at the end, and 附件 lines before them."""
    if body and _DATE.match(body[-1].text):
        plan.date = body.pop().text
        last = body[-1].text if body else ""
        if body and len(last) <= 40 and not re.search(r"[，。；：]", last) and zhtext.heading_level(last)[0] == 0:
            plan.signature = body.pop().text
    for index, para in enumerate(body):
        match = re.match(r"^附件[:：]\s*(.*)$", para.text)
        if match and index >= len(body) - 10:
            names = [match.group(1)] + [p.text for p in body[index + 1:]]
            plan.attachments = [re.sub(r"^\d+\.\s*", "", name) for name in names if name]
            del body[index:]
            return


def _take_body(body: list[Para], plan: Plan, found_tables: list[list[list[str]]]) -> None:
    has_level1 = any(_level(p) == 1 for p in body)
    section: Section | None = None
    target: Section | None = None  # where clauses go: the current (一) subsection or section
    paragraph_index = 0
    seen_numbers: dict[int, list[int]] = {}  # level → the numbers of its headings, restarting per parent
    for para in body:
        level, number, rest = zhtext.heading_level(para.text)
        if para.level_hint and not level:
            level, rest = para.level_hint, para.text
        if level == 2 and not has_level1:
            level = 1
        if level in (1, 2):
            heading, run_in = _split_run_in(rest)
            if level == 1:
                seen_numbers.pop(2, None)  # （一） restarts under each 一、
                seen_numbers.setdefault(1, []).append(number)
            else:
                seen_numbers.setdefault(2, []).append(number)
                if seen_numbers[2] != list(range(1, len(seen_numbers[2]) + 1)) and all(seen_numbers[2]):
                    plan.warnings.append(f"第 {para.line} 行：二级标题序号不连续：{seen_numbers[2]}，请核对原文。")
                    seen_numbers[2] = [number]
            if level == 1 or section is None:
                section = Section(heading=heading, level=1)
                plan.sections.append(section)
                target = section
                if level == 2:
                    plan.warnings.append(f"第 {para.line} 行：二级标题（{heading}）之前没有一级标题。")
            else:
                target = Section(heading=heading, level=2)
                section.subsections.append(target)
            paragraph_index = 0
            if run_in:
                paragraph_index += 1
                target.clauses.append(_clause(run_in, "paragraph", paragraph_index, para.line, plan, section))
            continue
        table = tables.MARK_LINE.match(para.text)
        if table:
            kind, position, rest = "table", paragraph_index + 1, tables.as_text(found_tables[int(table.group(1))])
            paragraph_index += 1
        elif level == 3:
            kind, position = "item", number
        elif level == 4:
            kind, position = "subitem", number
        else:
            paragraph_index += 1
            kind, position, rest = "paragraph", paragraph_index, para.text
        clause = _clause(rest, kind, position, para.line, plan, section)
        if target is None and kind == "item" and not has_level1:
            # A plan numbered 1. 2. … with no 一、 headings: the items form one headless section.
            target = section = Section(heading="", level=1)
            plan.sections.append(section)
        if target is None:
            plan.preamble.append(clause)
        else:
            target.clauses.append(clause)
    if not plan.sections:
        plan.warnings.append("没有识别到“一、”“（一）”“1.”这样的序号，已把全文按普通段落收录，请复核分节。")
        if plan.preamble:
            plan.sections.append(Section(heading="正文", level=1, clauses=plan.preamble))
            plan.preamble = []
    numbers = seen_numbers.get(1, [])
    if numbers != list(range(1, len(numbers) + 1)) and all(numbers):
        plan.warnings.append(f"一级标题序号不连续：{numbers}，请核对原文。")


def _level(para: Para) -> int:
    return zhtext.heading_level(para.text)[0] or para.level_hint


def _split_run_in(text: str) -> tuple[str, str]:
    """`加强思想引领。组织……` (a run-in heading) → heading and the body that follows it; so is
    `指导思想：以……为指导，……。` (a standing part's label, a colon, its paragraph)."""
    label = re.match(r"^([^，。：:]{2,8})[：:](.{6,})$", text)
    if label and SECTION_LABEL.fullmatch(label.group(1)):
        return label.group(1), label.group(2).strip()
    head, mark, tail = text.partition("。")
    if mark and tail.strip() and len(head) <= 40:
        return head, tail.strip()
    return text.rstrip("。"), ""


def _clause(text: str, kind: str, position: int, line: int, plan: Plan, section: Section | None) -> Clause:
    heading = section.heading if section else "（总要求）"
    source = Source(file=plan.source_file, section=heading, position=position)
    unreadable = [found.run for found in find_mojibake(text)]
    return Clause(text=text, kind=kind, sources=[source], origin=plan.source_file, line=line, unreadable=unreadable)


def _year_from_date(plan: Plan) -> int | None:
    """The 成文日期 settles the year only where it cannot be the year before or after: a plan
    is dated from January to September of its year, a summary from June to December of its."""
    match = re.match(r"^((?:19|20)\d{2})年(\d{1,2})月", plan.date or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    certain = month >= 6 if plan.kind == "summary" else month <= 9
    return year if certain else None


_SUMMARY_OPENING = patterns.compile(
    r"现将(?:(?:(19|20)(\d{2})年度?)|[^。，；]){0,30}?总结如下|总结如下[:：]|^(?:过去的一年|一年来|回顾(?:过去|这)(?:一年|一段时间))"
)


def _kind_from_body(plan: Plan) -> None:
    """Without a title, a summary says what it is where it begins: 现将2018年度关工委工作总结如下."""
    for clause in plan.all_clauses()[:2]:
        match = _SUMMARY_OPENING.search(clause.text)
        if match:
            plan.kind = "summary"
            if match.group(1) and plan.year is None:
                plan.year = int(match.group(1) + match.group(2))
            return


def _report_unknown(plan: Plan) -> None:
    missing = [what for what, value in (("发文单位", plan.org), ("年份", plan.year)) if not value]
    if missing:
        plan.warnings.append(
            f"无法确定这份{'总结' if plan.kind == 'summary' else '计划'}的{'和'.join(missing)}（标题和署名中没有写明），"
            "已留空而没有猜测；请用 gwplan ingest 的 --org 或 --year 指明。"
        )


def _check_truncated(plan: Plan) -> None:
    """A copy cut off mid-sentence (web previews often are): trim the last clause to whole sentences."""
    clauses = [c for c in plan.all_clauses() if c.kind != "table"]  # a table's cells end without 。
    if len(clauses) < 3 or plan.all_clauses()[-1] is not clauses[-1]:
        return
    finished = sum(1 for c in clauses[:-1] if zhtext.SENTENCE_END.search(c.text))
    last = clauses[-1]
    if zhtext.SENTENCE_END.search(last.text) or finished < 0.8 * (len(clauses) - 1):
        return
    cut = max(last.text.rfind(mark) for mark in "。！？；")
    fragment = last.text[cut + 1:]
    message = f"原文在末尾被截断，已舍去不完整的句子“{fragment}”，请对照原件补全。"
    plan.warnings.append(message)
    if cut >= 0:
        last.text = last.text[: cut + 1]
        last.notes.append(message)
    else:
        for container in [plan.preamble] + [s.clauses for s in _all_sections(plan)]:
            if last in container:
                container.remove(last)


def _all_sections(plan: Plan) -> list[Section]:
    found = []
    for section in plan.sections:
        found.append(section)
        found.extend(section.subsections)
    return found
