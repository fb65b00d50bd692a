"""Rules: the year-over-year facts held as YAML data under rules/.

The built-in rules/ folder ships with gwplan; a user's own folder (--rules or GWPLAN_RULES)
is read after it, so its entries extend the built-in lists and win where they say the same thing.
This module loads them into a RuleSet for one plan year; rollover.roll applies it to a text.
"""
from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import GwplanError
from generator.resources import data_dir
from generator.rules import current
from generator.text import patterns
from generator.yamlio import LineDict, load_file


def rules_dirs(extra: Path | str | None = None) -> list[Path]:
    dirs = [data_dir("rules")]
    user = extra or os.environ.get("GWPLAN_RULES")
    if user:
        user = Path(user)
        if not user.is_dir():
            raise GwplanError("规则文件夹不存在。", str(user))
        dirs.append(user)
    return dirs


def load_rules_data(name: str, extra: Path | str | None = None) -> list[tuple[Path, LineDict]]:
    """Every `name` file in the rules folders, built-in first, with its parsed content."""
    found = []
    for folder in rules_dirs(extra):
        path = folder / name
        if path.exists():
            data = load_file(path)
            if data is not None and not isinstance(data, dict):
                raise GwplanError("规则文件应是“键: 值”形式的映射。", str(path), 1)
            found.append((path, data or LineDict()))
    return found


def section_themes(extra: Path | str | None = None) -> list[dict]:
    """The section themes of rules/sections.yaml, in drafting order."""
    themes: dict[str, dict] = {}
    for path, data in load_rules_data("sections.yaml", extra):
        for theme in data.get("themes") or []:
            if not isinstance(theme, dict) or not theme.get("name"):
                raise GwplanError("每个主题都要有 name 和 keywords。", str(path), getattr(theme, "line", 1))
            themes[theme["name"]] = {
                "name": str(theme["name"]),
                "order": int(theme.get("order", 99)),
                "keywords": [str(k) for k in theme.get("keywords") or []],
            }
    return sorted(themes.values(), key=lambda t: t["order"])


@dataclass
class PhraseRule:
    id: str
    pattern: re.Pattern
    valid: tuple[int, int | None] | None  # None: never valid (always for a person to check)
    replace: dict | str | None
    otherwise: str
    reason: str
    past: bool = False  # may rewrite inside a sentence about the past (rules/past.yaml)

    def applies(self, year: int) -> bool:
        if self.valid is None:
            return False
        start, end = self.valid
        return start <= year and (end is None or year <= end)


@dataclass
class Anniversary:
    event: str
    founded: int
    pattern: re.Pattern  # name followed by a number and 周年


@dataclass
class RuleSet:
    """The rules for drafting (or checking) a plan of one year."""

    year: int
    spirit: str = ""
    meetings: list = field(default_factory=list)  # current.Meeting: congresses and plenums held
    past: list[tuple[re.Pattern, str]] = field(default_factory=list)  # sentences about the past
    congresses: dict[str, int] = field(default_factory=dict)
    expected: dict[str, int] = field(default_factory=dict)  # meetings the rules only expect
    current_to: datetime.date | None = None
    five_year_plans: dict[str, tuple[int, int]] = field(default_factory=dict)
    guiding_thought: str = current.GUIDE
    guiding_since: int = current.GUIDE_SINCE
    anniversaries: list[Anniversary] = field(default_factory=list)
    anniversary_round: int = 5
    phrases: list[PhraseRule] = field(default_factory=list)
    _memo: dict = field(default_factory=dict, repr=False)  # rollover.roll's results by text

    def verdict(self, phrase: str) -> str:
        """Why a meeting list or a guiding formula is not current wording for this year ("" when
        it is): the one judgement draft (rollover) and check share."""
        if current.MEETING_LIST.fullmatch(phrase):
            return current.meeting_verdict(phrase, self.year, self.meetings)
        if current.GUIDING_FORMULA.fullmatch(phrase):
            return current.guiding_verdict(phrase, self.year, self.guiding_thought, self.guiding_since)
        return ""

    def past_context(self, sentence: str) -> str:
        """Why `sentence` states a fact of the past that no rule may rewrite ("" when it does not)."""
        return next((reason for pattern, reason in self.past if pattern.search(sentence)), "")

    @property
    def unknown(self) -> str:
        """Why this year cannot be worded from the rules ("" when it can): a meeting the rules
        only expect falls before the plan is written."""
        passed = [f"党的{name}预计于{year}年召开" for name, year in self.expected.items() if year < self.year]
        if not passed:
            return ""
        day = self.current_to
        known = f"规则只核对到 {day.year}年{day.month}月{day.day}日；" if day else ""
        return (
            f"{known}{'，'.join(passed)}，{self.year}年的计划应该怎样引用会议精神，规则里还没有。"
            f"请在 rules/policy.yaml 中：把召开过的会议写进 meetings，从 expected 中删去，"
            f"并在 spirit.by_year 中写上 {self.year} 年的表述（如“党的二十一大精神”），然后重新起草。"
        )

    def suggestions(self) -> list[str]:
        """Round anniversaries, congresses and five-year-plan milestones of this year."""
        found = []
        for anniversary in self.anniversaries:
            number = self.year - anniversary.founded
            if number > 0 and number % self.anniversary_round == 0:
                found.append(f"{self.year}年是{anniversary.event}{number}周年")
        for name, (start, end) in self.five_year_plans.items():
            if self.year == start:
                found.append(f"{self.year}年是“{name}”规划开局之年")
            elif self.year == end:
                found.append(f"{self.year}年是“{name}”规划收官之年")
        for name, year in self.congresses.items():
            if year == self.year:
                found.append(f"{self.year}年将召开党的{name}，可写“以优异成绩迎接党的{name}胜利召开”")
        return found


def load_rules(year: int, extra: Path | str | None = None) -> RuleSet:
    """Read policy.yaml, anniversaries.yaml and phrases.yaml for drafting a plan of `year`."""
    rules = RuleSet(year=year)
    for path, data in load_rules_data("policy.yaml", extra):
        _policy(rules, path, data)
    for path, data in load_rules_data("anniversaries.yaml", extra):
        rules.anniversary_round = int(data.get("round", rules.anniversary_round))
        for event in data.get("events") or []:
            if not isinstance(event, dict) or "founded" not in event or "names" not in event:
                raise GwplanError("每个周年事件都要有 event、founded 和 names。", str(path), getattr(event, "line", 1))
            names = "|".join(re.escape(str(n)) for n in sorted(event["names"], key=len, reverse=True))
            rules.anniversaries.append(
                Anniversary(str(event.get("event")), int(event["founded"]), patterns.compile(f"(?:{names})(?P<n>\\d+)周年"))
            )
    for path, data in load_rules_data("campaigns.yaml", extra):
        for entry in data.get("campaigns") or []:
            rules.phrases += _campaign_rules(entry, path)
    for path, data in load_rules_data("phrases.yaml", extra):
        for entry in data.get("phrases") or []:
            rules.phrases.append(_phrase_rule(entry, path))
    for path, data in load_rules_data("past.yaml", extra):
        for entry in data.get("past") or []:
            if not isinstance(entry, dict) or not entry.get("match"):
                raise GwplanError("past 的每一项都要有 match 和 reason。", str(path), getattr(entry, "line", 1))
            rules.past.append((compile_pattern(entry["match"], path, entry), str(entry.get("reason") or "")))
    return rules


def _policy(rules: RuleSet, path: Path, data: LineDict) -> None:
    spirit = data.get("spirit") or {}
    by_year = spirit.get("by_year") or {}
    rules.congresses.update({str(k): int(v) for k, v in (data.get("congresses") or {}).items()})
    for entry in data.get("expected") or []:
        if isinstance(entry, dict) and entry.get("name") and isinstance(entry.get("year"), int):
            rules.expected[str(entry["name"]).removeprefix("党的")] = int(entry["year"])
    if data.get("current_to"):
        rules.current_to = data["current_to"] if isinstance(data["current_to"], datetime.date) else None
    for name, span in (data.get("five_year_plans") or {}).items():
        if isinstance(span, list) and len(span) == 2:
            rules.five_year_plans[str(name)] = (int(span[0]), int(span[1]))
    guide = data.get("guiding_thought")
    if isinstance(guide, dict) and guide.get("name") and isinstance(guide.get("since"), int):
        rules.guiding_thought, rules.guiding_since = str(guide["name"]), int(guide["since"])
    elif guide is not None:
        raise GwplanError("guiding_thought 应写 {name: 指导思想, since: 起始的计划年份}。", str(path), getattr(data, "key_lines", {}).get("guiding_thought", 1))
    if by_year:
        _expect_years(by_year, path, getattr(spirit, "key_lines", {}).get("by_year", 1))
        eligible = [y for y in by_year if y <= rules.year]
        if eligible:
            rules.spirit = str(by_year[max(eligible)])
    for entry in data.get("meetings") or []:
        meeting = current.parse_meeting(str(entry.get("name", "")), entry.get("date")) if isinstance(entry, dict) else None
        if meeting is None or not isinstance(entry.get("date"), datetime.date):
            raise GwplanError("meetings 的每一项应是 {name: 党的二十大 或 二十届三中全会, date: 闭幕日期}。", str(path), getattr(entry, "line", 1))
        rules.meetings.append(meeting)


def _phrase_rule(entry, path: Path) -> PhraseRule:
    line = getattr(entry, "line", 1)
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("match"):
        raise GwplanError("每条过时表述规则都要有 id 和 match。", str(path), line)
    valid = entry.get("valid")
    if valid == "never":
        span = None
    elif isinstance(valid, int):
        span = (valid, valid)
    elif isinstance(valid, list) and len(valid) == 2 and isinstance(valid[0], int):
        span = (valid[0], valid[1] if isinstance(valid[1], int) else None)
    else:
        raise GwplanError(f"规则 {entry['id']} 的 valid 应是年份、[起, 止]、[起, null] 或 never。", str(path), line)
    otherwise = str(entry.get("otherwise", "flag"))
    if otherwise not in ("drop", "flag"):
        raise GwplanError(f"规则 {entry['id']} 的 otherwise 只能是 drop 或 flag。", str(path), line)
    return PhraseRule(
        id=str(entry["id"]),
        pattern=compile_pattern(entry["match"], path, entry),
        valid=span,
        replace=entry.get("replace"),
        otherwise=otherwise,
        reason=str(entry.get("reason") or ""),
        past=bool(entry.get("past", False)),
    )


def _campaign_rules(entry, path: Path) -> list[PhraseRule]:
    """A campaign of rules/campaigns.yaml: its own name, current in its years, and 巩固……成果,
    current for `results` years after it ended."""
    line = getattr(entry, "line", 1)
    years = entry.get("years") if isinstance(entry, dict) else None
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("forms") or not isinstance(years, list) \
            or len(years) != 2 or not all(isinstance(y, int) for y in years):
        raise GwplanError("每项集中教育都要有 id、years: [起, 止] 和 forms（写法的正则表达式）。", str(path), line)
    forms = "|".join(f"(?:{compile_pattern(form, path, entry).pattern})" for form in entry["forms"])
    start, end = years
    results = int(entry.get("results", 0))
    name = str(entry.get("name") or entry["id"])
    span = f"{start}年" if start == end else f"{start}—{end}年"
    found = [PhraseRule(
        id=f"{entry['id']}成果", pattern=compile_pattern(f"(?:巩固|深化|拓展|用好|运用|转化)[^，。；]{{0,6}}(?:{forms})(?:活动|学习教育)?成果", path, entry),
        valid=(start, end + results), replace=None, otherwise="flag",
        reason=f"{name}于{span}开展，此后{results}年内的计划可写巩固其成果；{end + results + 1}年起不再提" if results
        else f"{name}于{span}开展，此后的计划不再把巩固其成果作为任务",
    )]
    found.append(PhraseRule(
        id=str(entry["id"]), pattern=compile_pattern(f"(?:{forms})(?!(?:活动|学习教育)?成果)", path, entry),
        valid=(start, end), replace=None, otherwise="flag",
        reason=f"{name}于{span}开展，{'是当年的集中教育' if start == end else '是那几年的集中教育'}，新的计划不再作为当年任务（{entry.get('source', '')}）",
    ))
    return found


def compile_pattern(pattern, path: Path, where) -> re.Pattern:
    try:
        return patterns.compile(str(pattern))
    except re.error as exc:
        raise GwplanError(f"正则表达式“{pattern}”有误：{exc}", str(path), getattr(where, "line", 1)) from None


def _expect_years(mapping: dict, path: Path, line: int) -> None:
    for key in mapping:
        if not isinstance(key, int):
            raise GwplanError(f"by_year 的键应是四位年份，这里是“{key}”。", str(path), line)
