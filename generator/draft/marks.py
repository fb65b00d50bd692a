"""What a draft cannot settle about a clause, beyond the year-over-year rules (rollover.py).

- numbers that look like a past year's goals but are not named targets (85%, 第四批, 八至十所);
- local names of another unit: its places and its own reading materials (《红色云溪》);
- redactions and blanks (XX, **, 20xx), mojibake, and traditional script;
- short names (《意见》) whose full name the draft never gives.
Each comes back as a Mark whose excerpt is in the text: the draft keeps the text, highlights the
sentence and lists it with the clause's file and line.
"""
from __future__ import annotations

import re
from functools import lru_cache

from generator.model import Clause, Mark
from generator.readers.script import find_mojibake, surely_simplified, to_simplified
from generator.text import patterns, zhtext
from generator.text.patterns import lazy
from generator.text.placeholders import target_candidates

# A count is a goal when it is large enough to be counted toward (3 所, not 1 次) and not a
# routine frequency (每学期至少2次).
_GOAL_UNITS = lazy(r"(?:所|名|人|人次|场|个|家|支|篇|对)$")
_DOCUMENT = lazy(r"法|条例|意见|纲要|规划|决定|通知|办法|标准|要求|讲话|报告|论述|简史|读本|规范")
_PLACE = lazy(r"([\u4e00-\u9fff]{2,5}?)(省|市|区|县|镇|乡)")


def clause_flags(template: str, text: str, clause: Clause, org: str) -> list[Mark]:
    """Flags for one rendered clause: `template` is its library text, `text` the drafted one."""
    return [*_text_and_numbers(template, text), *_foreign_names(text, clause, org)]


@lru_cache(maxsize=16384)
def _text_and_numbers(template: str, text: str) -> tuple[Mark, ...]:
    """The flags that depend on the texts alone: a batch asks for the same ones for every school."""
    return (*text_flags(text), *_goal_numbers(template, text))


def text_flags(text: str) -> list[Mark]:
    """What any drafted text (a clause, a heading) may carry: blanks, mojibake, traditional script."""
    return list(_text_flags(text))


@lru_cache(maxsize=16384)
def _text_flags(text: str) -> tuple[Mark, ...]:
    flags = [Mark(mark, "隐去或待填写的内容，请对照原件补全", "待补", rule="待补") for mark in dict.fromkeys(zhtext.unfilled_marks(text))]
    flags += [Mark(found.run, "疑似乱码（网页编码错误造成，也可能是生僻字），请对照原件改正", "乱码", rule="乱码") for found in find_mojibake(text)]
    flags += [Mark(run, "繁体字，请改为简体字", "繁体", rule="繁体") for run in _traditional(text)]
    return tuple(flags)


def _goal_numbers(template: str, text: str) -> list[Mark]:
    """Numbers written into the clause (not {{ targets.名称 }}) that look like a year's goals."""
    plain = re.sub(r"\{\{.*?\}\}", "□", template)
    found = []
    for candidate in target_candidates(plain):
        value = candidate.value
        if not _goal(value, candidate.context):
            continue
        if value in text:
            found.append(Mark(value, "往年计划中的数字，像是当年的目标，不是本年度的目标值；请核对，或在条款库中设为年度目标 {{ targets.名称 }}", "数字", rule="数字"))
    return found


def _goal(value: str, context: str) -> bool:
    if "%" in value or value.startswith("第"):
        return True
    if re.search(r"[至到～~\-—]", value):
        return True  # a range: 八至十所
    if not _GOAL_UNITS.search(value):
        return False
    digits = re.match(r"\d+", value)
    number = int(digits.group(0)) if digits else zhtext.parse_cn_number(re.sub(r"[^一二三四五六七八九十]", "", value))
    routine = re.search(r"每[^，。；]{0,6}" + re.escape(value), context)
    return number >= 3 and not routine


def _foreign_names(text: str, clause: Clause, org: str) -> list[Mark]:
    """In a clause only other units wrote: their place names and their own materials."""
    orgs = {s.org for s in clause.sources if s.org}
    if not orgs or any(o == org or o in org or org in o for o in orgs):
        return []
    places: set[str] = set()
    for other in orgs:
        for match in _PLACE.finditer(other):
            places |= {match.group(0), match.group(1)}
    places = {p for p in places if len(p) >= 2 and p not in org}
    flags = []
    for place in sorted(places, key=len, reverse=True):
        if place in text and not any(place in f.excerpt for f in flags):
            flags.append(Mark(place, f"这是其他单位（{'、'.join(sorted(orgs))}）的地名，请改为本单位的情况", "地名", rule="地名"))
    for title in re.findall(r"《[^》]{1,20}》", text):
        if not _DOCUMENT.search(title):
            flags.append(Mark(title, f"这是其他单位（{'、'.join(sorted(orgs))}）的本地读物或活动名称，请核对本单位是否适用", "地名", rule="地名"))
    return flags


def _traditional(text: str) -> list[str]:
    """The runs of traditional characters in `text` (a run may take one simplified character in)."""
    if surely_simplified(text):
        return []
    simplified = to_simplified(text)
    if simplified == text:
        return []
    if len(simplified) != len(text):  # a phrase conversion changed the length: mark the whole text
        return [text]
    changed = [i for i, (a, b) in enumerate(zip(text, simplified)) if a != b]
    runs: list[list[int]] = []
    for index in changed:
        if runs and index - runs[-1][-1] <= 2:
            runs[-1].append(index)
        else:
            runs.append([index])
    return [text[run[0] : run[-1] + 1] for run in runs]


_SHORT_NAME = patterns.compile(r"《([^》]{1,6})》")
_DOCUMENT_SHORT = patterns.compile(r".{0,2}(?:意见|纲要|条例|办法|规定|决定|通知|规划|方案|要求|指南)")
_DEFINES = patterns.compile(r"[（(](?:以下|下文)?简称“?《([^》]+)》”?[）)]")


def short_names(items: list[tuple[str, str]], library) -> list[tuple[str, Mark]]:
    """(clause id, mark) for each short name (《意见》) used in the drafted `items` (id, text) before
    or without the clause that says what it stands for: naming that clause when the library has it."""
    defined_in = {}
    for _, clause in library.clauses():
        for name in _DEFINES.findall(clause.text):
            defined_in.setdefault(name, clause.id)
    known: set[str] = set()
    found = []
    for clause_id, text in items:
        for match in _SHORT_NAME.finditer(text):
            name = match.group(1)
            if name in known or re.search(r"简称“?$", text[: match.start()]):
                continue
            if name in defined_in:
                reason = f"“《{name}》”是简称，写明全称的条款 {defined_in[name]} 不在这份草稿中；请写出全称并注明“以下简称《{name}》”"
            elif _DOCUMENT_SHORT.fullmatch(name):
                reason = f"“《{name}》”像是文件的简称，草稿和条款库中都没有写明全称；请写出全称"
            else:
                continue
            if (clause_id, f"《{name}》") not in {(i, m.excerpt) for i, m in found}:  # every clause that uses it
                found.append((clause_id, Mark(f"《{name}》", reason, "待补", rule="简称")))
        known |= set(_DEFINES.findall(text))
    return found


def marks_in(plan) -> list[Mark]:
    """Every mark a plan's file carries: its clauses', its headings' and its groups'."""
    marks = [m for c in plan.all_clauses() for m in c.marks]
    return marks + [m for s in plan.sections for part in [s, *s.subsections] for m in part.marks]
