"""Placeholders: the parts of a clause that change with the year or the organisation.

At ingest, the plan's own year, its organisation and its scope words become Jinja placeholders
so one clause serves every year and every unit. Numbers that look like yearly targets are not
replaced: they are recorded as candidates for a reviewer to name.
"""
from __future__ import annotations

import re

from generator.model import Target
from generator.text import patterns, zhtext

# Variables every draft provides, with what they mean (used by lint, docs and the JSON schema).
BUILTIN_VARIABLES = {
    "year": "计划年份，如 2027",
    "org": "发文单位全称，如 某某区教育局关工委",
    "scope": "本单位范围的“全×”，如 全区、全市、全校",
    "local": "本单位的“我×”，如 我区、我市、我校",
    "targets": "本年度目标值，见 --targets 文件，写作 {{ targets.名称 }}",
}

_SCHOOL = patterns.compile(r"学校|小学|中学|学院|大学|职校|中专|完中")
_KINDERGARTEN = patterns.compile(r"幼儿园")
_ADMIN_LEVELS = "省市区县镇乡"
SCHOOL_LEVELS = ("校", "园")  # unit_level of a school and of a kindergarten


def unit_level(org: str) -> str:
    """The one-character level of an organisation: 区 for 某某区教育局, 校 for a school."""
    if _KINDERGARTEN.search(org):
        return "园"
    if _SCHOOL.search(org):
        return "校"
    admin = re.sub(r"(教育|关心下一代|关工委|教委|委员会).*$", "", org)
    for char in reversed(admin):
        if char in _ADMIN_LEVELS:
            return char
    return ""


def org_variables(org: str) -> dict[str, str]:
    """The values of org, scope and local for one organisation."""
    level = unit_level(org)
    return {"org": org, "scope": f"全{level}" if level else "", "local": f"我{level}" if level else ""}


_JINJA_OPENERS = patterns.compile(r"\{[{%#]")


def escape_jinja(text: str) -> str:
    """A source's own {{, {% and {# stay text: each becomes a placeholder printing it."""
    return _JINJA_OPENERS.sub(lambda m: "{{ '" + m.group() + "' }}", text) if "{" in text else text


def unescape_jinja(text: str) -> str:
    return re.sub(r"\{\{ '(\{[{%#])' \}\}", lambda m: m.group(1), text) if "{" in text else text


def insert_placeholders(text: str, year: int | None, org: str) -> str:
    """Replace the plan's year, organisation and scope words in `text` with placeholders."""
    text = escape_jinja(text)
    if org and len(org) >= 4:
        text = text.replace(org, "{{ org }}")
    level = unit_level(org)
    if level:
        for word, name in ((f"全{level}", "scope"), (f"我{level}", "local")):
            text = _replace_outside_quotes(text, word, f"{{{{ {name} }}}}")
    if year:
        text = _replace_year(_replace_school_year(text, year), year)
    return text


_SCHOOL_YEAR = patterns.compile(r"(?<!\d)((?:19|20)\d{2})(\s*[-—–~至]\s*)((?:19|20)\d{2})(?=\s*学年)")


def _replace_school_year(text: str, year: int) -> str:
    """2026—2027学年 in a plan of 2026 (its first term, or the whole year) → {{ year }}—{{ year + 1 }}学年;
    in a plan of 2027 (the second term, in spring) → {{ year - 1 }}—{{ year }}学年. A draft for
    another year then names the school year whose same term falls in that year (docs/draft.md)."""
    def placeholder(match: re.Match) -> str:
        first, dash, second = int(match.group(1)), match.group(2), int(match.group(3))
        if second != first + 1 or year not in (first, second):
            return match.group(0)
        if year == first:
            return f"{{{{ year }}}}{dash}{{{{ year + 1 }}}}"
        return f"{{{{ year - 1 }}}}{dash}{{{{ year }}}}"

    return _SCHOOL_YEAR.sub(placeholder, text)


# 2022年是关工委优质化建设全面推进年: a fact about the plan's own year, not a template.
_DATED_FACT = patterns.compile(r"\s*年(?:是|为)")


def _replace_year(text: str, year: int) -> str:
    """Replace the plan's year, but not where it dates a past fact or a range (zhtext.year_in_context),
    nor where the sentence states a fact about that year (2022年是……年): the draft marks those."""
    out, last = [], 0
    for match in re.finditer(rf"(?<!\d){year}(?=\s*年)", text):
        if zhtext.year_in_context(text, match.start(), match.end()) or _DATED_FACT.match(text, match.end()):
            continue
        out.append(text[last : match.start()] + "{{ year }}")
        last = match.end()
    return "".join(out) + text[last:]


def _replace_outside_quotes(text: str, word: str, replacement: str) -> str:
    """Replace `word` except inside 《》 or “” (a document title or slogan keeps its words)."""
    out, last = [], 0
    for match in re.finditer(re.escape(word), text):
        if not zhtext.inside_quotes(text, match.start()):
            out.append(text[last : match.start()] + replacement)
            last = match.end()
    return "".join(out) + text[last:]


_PERCENT = patterns.compile(r"(?:近|超过|达到|达|不低于|不少于|以上)?\d+(?:\.\d+)?\s*%(?:以上)?")
_COUNT = patterns.compile(
    r"(?<![第\d一二三四五六七八九十百千两])"
    r"([一二三四五六七八九十百千两\d]+(?:[至到～~\-—][一二三四五六七八九十百千两\d]+)?)"
    r"(所|个|家|名|人次|人|场|次|批|篇|期|支|处|节|门)"
)
_ORDINAL = patterns.compile(r"第[一二三四五六七八九十\d]+(?:批|届|期|轮)")


def target_candidates(text: str) -> list[Target]:
    """Numbers in `text` that probably change every year: rates, counts, batch ordinals."""
    found: list[Target] = []
    seen: set[str] = set()
    for pattern in (_PERCENT, _COUNT, _ORDINAL):
        for match in pattern.finditer(text):
            value = match.group(0)
            if zhtext.inside_quotes(text, match.start()) or value in seen:
                continue
            if pattern is _COUNT and match.group(1) in ("一", "两"):
                continue  # 一批、一个、两个 are wording, not targets
            seen.add(value)
            found.append(Target(value=value, context=_context(text, match.start(), match.end())))
    return found


def _context(text: str, start: int, end: int) -> str:
    """The clause fragment around a match: from the previous to the next comma or full stop."""
    left = max(text.rfind(mark, 0, start) for mark in "，。；：") + 1
    rights = [i for i in (text.find(mark, end) for mark in "，。；") if i >= 0]
    right = min(rights) if rights else len(text)
    return text[left:right]
