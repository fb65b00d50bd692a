"""What a plan's title says: unit, year (or school year and term), and kind (plan or summary).

`云岭县实验小学工会2026年工作计划`, `松溪区实验中学团委2026—2027学年第一学期工作计划`,
`2023年春季学校少先队工作计划`, `2014年工作情况和2015年工作要点`. Only what the title settles is
given: a unit that is no more than generic words (学校, 中小学, 幼儿园关工委) or a redaction (XX区)
is unknown, and so is a year when the title names two that disagree. The reader reports an
unknown value and `ingest --org/--year` supplies it; a guess is never filled in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.text import patterns

KIND_WORDS = r"要点|计划|总结|安排|方案|意见|规划|打算|思路|纲要"
ORG_SUFFIX = (
    r"(?:关心下一代工作委员会|委员会|关工委|教育局|教育厅|教委|局|厅|办公室|中心|学校|小学|中学|"
    r"幼儿园|学院|大学|政府|党委|党组|支部|总支|工会|团委|妇联|协会|系统|少先队|大队)"
)
_SUMMARY = patterns.compile(r"总结|工作情况|述职|工作报告$")
_PLAN = patterns.compile(rf"(?:{KIND_WORDS})")
_YEAR = r"(?:19|20)\d{2}"
_DASH = r"\s*[-—–~～至到/]+\s*"
_SCHOOL_YEAR = patterns.compile(
    rf"({_YEAR}){_DASH}({_YEAR})\s*(?:年\s*)?学年(?:度)?\s*(第[一二]学期|[上下]学期|第[一二]学段)?"
)
_CALENDAR_YEAR = patterns.compile(rf"({_YEAR})\s*(?:年度?|(?=[^\d年—\-–~～至到/]))")
# A season or term after the year is the school's term, never part of the unit.
_TERM = patterns.compile(r"^\s*(?:(春季|秋季)(?:学期)?|(第[一二]学期|[上下]学期)|(上半年|下半年))")
# Words any unit of that type carries: a unit made of nothing else has no name.
_GENERIC = patterns.compile(
    r"关心下一代工作委员会|关工委|教育局|教育厅|教育系统|教体系统|教育|教委|委员会|学校|中小学|小学|中学|幼儿园|学院|大学|"
    r"团委|少先队|大队|工会|妇联|机关|党委|党组|党支部|支部|总支|社区|街道|乡镇|[市区县州省镇乡校园]|我|本|某|"
    r"系统|局|各|最新|精选|范文|[XxＸ×*＊_\s]+"
)


@dataclass
class TitleParts:
    org: str  # "" when the title names no unit it can be sure of
    year: int | None
    topic: str  # what the title says the plan is about: 关心下一代工作要点
    kind: str = "plan"  # plan | summary
    school_year: str = ""  # 2026-2027 for a 学年 or 学期 plan
    term: int = 0  # 1 or 2 when the plan is one term's
    doubts: list[str] = field(default_factory=list)  # why the unit or year is left unknown


def kind_of(title: str) -> str:
    """summary when the title's last kind word is a summary's (工作总结, 工作情况)."""
    last_plan = max((m.end() for m in _PLAN.finditer(title)), default=-1)
    last_summary = max((m.end() for m in _SUMMARY.finditer(title)), default=-1)
    if last_summary > last_plan or (last_summary >= 0 and "总结" in title[last_plan - 2 : last_plan]):
        return "summary"
    return "plan"


def parse_title(title: str) -> TitleParts:
    """Split a title into unit, year (or school year and term), topic and kind."""
    title = title.strip()
    parts = TitleParts("", None, title, kind_of(title))
    before, after = _period(title, parts)
    if parts.year is None and before is None:
        org_match = re.match(rf"^(.+?{ORG_SUFFIX})(?=.*(?:工作|{KIND_WORDS}))", title)
        before, after = (org_match.group(1), title[org_match.end():]) if org_match else ("", title)
    before = (before or "").strip().removesuffix("关于").strip("（(【[ ")
    if not before:
        org_match = re.match(rf"^(.+?{ORG_SUFFIX})(?=.*(?:工作|{KIND_WORDS}))", after)
        if org_match:
            before, after = org_match.group(1), after[org_match.end():]
    parts.topic = after.strip()
    parts.org = before if has_name(before) else ""
    if before and not parts.org:
        parts.doubts.append(f"标题中的“{before}”只是单位的类别，不是单位名称")
    return parts


def _period(title: str, parts: TitleParts) -> tuple[str | None, str]:
    """Find the year or school year the plan is for; return the title's text before and after it."""
    school = _SCHOOL_YEAR.search(title)
    if school:
        first, second = int(school.group(1)), int(school.group(2))
        if second == first + 1:
            parts.school_year = f"{first}-{second}"
            term = school.group(3) or ""
            parts.term = 2 if term[:2] in ("第二", "下学") else 1 if term else 0
            parts.year = second if parts.term == 2 else first
            return title[: school.start()], title[school.end():].lstrip("度")
        parts.doubts.append(f"标题中的学年“{school.group(0)}”前后两年不相连")
        return title[: school.start()], title[school.end():]
    years = list(_CALENDAR_YEAR.finditer(title))
    if not years:
        return None, title
    # The year of the plan is the one before its kind word: 2014年工作情况和2015年工作要点 → 2015.
    chosen = years[-1] if parts.kind == "plan" else years[0]
    values = {int(m.group(1)) for m in years}
    mixed = re.search(r"(?:情况|总结)(?:和|及|暨|与)", title) is not None
    if len(values) > 1 and not mixed:
        parts.doubts.append(f"标题中有两个不同的年份（{'、'.join(str(v) for v in sorted(values))}）")
        return title[: years[0].start()], title[chosen.end():]
    parts.year = int(chosen.group(1))
    rest = title[chosen.end():]
    term = _TERM.match(rest)
    if term:
        season, half_term, _ = term.groups()
        if season or half_term:
            spring = season == "春季" or (half_term or "")[:2] in ("第二", "下学")
            start = parts.year - 1 if spring else parts.year
            parts.school_year, parts.term = f"{start}-{start + 1}", 2 if spring else 1
        rest = rest[term.end():]
    return title[: years[0].start()], rest


def has_name(org: str) -> bool:
    """A unit with a name of its own: something left once the generic words are gone, no digits."""
    if not org or re.search(rf"\d|年|季|篇|的|范文|网$|{KIND_WORDS}", org):
        return False
    return bool(_GENERIC.sub("", org).strip("（）()【】 ·、"))
