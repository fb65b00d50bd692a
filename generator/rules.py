"""Rules: the year-over-year facts held as YAML data under rules/.

The built-in rules/ folder ships with gwplan; a user's own folder (--rules or GWPLAN_RULES)
is read after it, so its entries extend the built-in lists and win where they say the same thing.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator import zhtext
from generator.errors import GwplanError
from generator.resources import data_dir
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


# --- year rollover ------------------------------------------------------------------------


@dataclass
class Change:
    """One automatic rewrite: what it was, what it became (empty when dropped), and why."""

    rule: str
    before: str
    after: str
    reason: str


@dataclass
class Flag:
    """Something stale that no rule knows how to fix: a human must look."""

    rule: str
    excerpt: str
    reason: str


@dataclass
class PhraseRule:
    id: str
    pattern: re.Pattern
    valid: tuple[int, int | None]
    replace: dict | str | None
    otherwise: str
    reason: str

    def applies(self, year: int) -> bool:
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
    spirit_reason: str = ""
    spirit_old: list[re.Pattern] = field(default_factory=list)
    congresses: dict[str, int] = field(default_factory=dict)
    anniversaries: list[Anniversary] = field(default_factory=list)
    anniversary_round: int = 5
    drop_frames: list[str] = field(default_factory=list)
    phrases: list[PhraseRule] = field(default_factory=list)
    _memo: dict = field(default_factory=dict, repr=False)

    def apply(self, text: str) -> tuple[str, list[Change], list[Flag]]:
        """Roll `text` over to this year: policy wording, anniversaries, expired phrases, years.

        Results are remembered: in a batch the same clause text comes back for every school.
        """
        if text not in self._memo:
            self._memo[text] = self._apply(text)
        result, changes, flags = self._memo[text]
        return result, list(changes), list(flags)

    def _apply(self, text: str) -> tuple[str, list[Change], list[Flag]]:
        changes: list[Change] = []
        flags: list[Flag] = []
        text = self._spirit(text, changes)
        text = self._anniversaries(text, changes, flags)
        text = self._phrases(text, changes, flags)
        text = tidy_punctuation(text)
        flags.extend(self.stale_years(text))
        return text, changes, flags

    def _spirit(self, text: str, changes: list[Change]) -> str:
        if not self.spirit:
            return text
        for pattern in self.spirit_old:
            for match in list(pattern.finditer(text)):
                if match.group(0) != self.spirit:
                    changes.append(Change("会议精神", match.group(0), self.spirit, self.spirit_reason))
            text = pattern.sub(self.spirit, text)
        return text

    def _anniversaries(self, text: str, changes: list[Change], flags: list[Flag]) -> str:
        for anniversary in self.anniversaries:
            for match in list(anniversary.pattern.finditer(text)):
                phrase, number = match.group(0), int(match.group("n"))
                expected = self.year - anniversary.founded
                if number == expected:
                    continue
                reason = f"{anniversary.event}于{anniversary.founded}年，{self.year}年是{expected}周年"
                if expected > 0 and expected % self.anniversary_round == 0:
                    new = phrase.replace(f"{number}周年", f"{expected}周年")
                    text = text.replace(phrase, new, 1)
                    changes.append(Change("周年", phrase, new, reason))
                    continue
                text, dropped = _drop_phrase(text, phrase, self.drop_frames)
                if dropped:
                    changes.append(Change("周年", dropped, "", reason + "，不是逢五逢十的周年，删去"))
                else:
                    flags.append(Flag("周年", phrase, reason + "，不是逢五逢十的周年，请改写或删去"))
        return text

    def _phrases(self, text: str, changes: list[Change], flags: list[Flag]) -> str:
        for rule in self.phrases:
            if rule.applies(self.year):
                continue
            for match in list(rule.pattern.finditer(text)):
                phrase = match.group(0)
                replacement = rule.replace.get(self.year) if isinstance(rule.replace, dict) else rule.replace
                if replacement is not None:
                    text = text.replace(phrase, str(replacement), 1)
                    changes.append(Change(rule.id, phrase, str(replacement), rule.reason))
                elif rule.otherwise == "drop":
                    text, dropped = _drop_phrase(text, phrase, ["{anniversary}"])
                    changes.append(Change(rule.id, dropped or phrase, "", rule.reason))
                else:
                    flags.append(Flag(rule.id, phrase, rule.reason))
        return text

    def stale_years(self, text: str) -> list[Flag]:
        """Years in the text other than the plan's, unless they date a past fact or a range."""
        flags = []
        for match in re.finditer(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)", text):
            year = int(match.group(1))
            if year == self.year or zhtext.year_in_context(text, match.start(), match.end()):
                continue
            excerpt = text[max(0, match.start() - 8) : match.end() + 10]
            flags.append(Flag("年份", excerpt, f"出现了{year}年，与计划年份{self.year}年不符"))
        return flags

    def suggestions(self) -> list[str]:
        """Round anniversaries and congresses of this year that a writer may want to mention."""
        found = []
        for anniversary in self.anniversaries:
            number = self.year - anniversary.founded
            if number > 0 and number % self.anniversary_round == 0:
                found.append(f"{self.year}年是{anniversary.event}{number}周年")
        for name, year in self.congresses.items():
            if year == self.year:
                found.append(f"{self.year}年将召开党的{name}，可写“以优异成绩迎接党的{name}胜利召开”")
        return found


def _drop_phrase(text: str, phrase: str, frames: list[str]) -> tuple[str, str]:
    """Remove `phrase` with the sentence frame around it; returns (text, what was removed).

    The seams (`，。`, doubled commas) are repaired afterwards by tidy_punctuation.
    """
    for frame in frames:
        match = re.search(frame.replace("{anniversary}", re.escape(phrase)), text)
        if match:
            return text[: match.start()] + text[match.end() :], match.group(0)
    return text, ""


def tidy_punctuation(text: str) -> str:
    """Repair the seams a deletion leaves: `，。` → `。`, doubled commas, a sentence starting with `，`."""
    text = re.sub(r"[，、]+([。；！？])", r"\1", text)
    text = re.sub(r"，{2,}", "，", text)
    text = re.sub(r"([。；！？])[，、]", r"\1", text)
    text = re.sub(r"、，|，、", "，", text)
    return text.lstrip("，、")


def load_rules(year: int, extra: Path | str | None = None) -> RuleSet:
    """Read policy.yaml, anniversaries.yaml and phrases.yaml for drafting a plan of `year`."""
    rules = RuleSet(year=year)
    for path, data in load_rules_data("policy.yaml", extra):
        spirit = data.get("spirit") or {}
        by_year = spirit.get("by_year") or {}
        if by_year:
            _expect_years(by_year, path, getattr(spirit, "key_lines", {}).get("by_year", 1))
            eligible = [y for y in by_year if y <= year]
            if eligible:
                rules.spirit = str(by_year[max(eligible)])
        rules.spirit_reason = str(spirit.get("reason") or rules.spirit_reason)
        rules.spirit_old += [_compile(p, path, spirit) for p in spirit.get("old") or []]
        rules.congresses.update({str(k): int(v) for k, v in (data.get("congresses") or {}).items()})
    for path, data in load_rules_data("anniversaries.yaml", extra):
        rules.anniversary_round = int(data.get("round", rules.anniversary_round))
        rules.drop_frames = [str(f) for f in data.get("drop_frames") or rules.drop_frames]
        for event in data.get("events") or []:
            if not isinstance(event, dict) or "founded" not in event or "names" not in event:
                raise GwplanError("每个周年事件都要有 event、founded 和 names。", str(path), getattr(event, "line", 1))
            names = "|".join(re.escape(str(n)) for n in sorted(event["names"], key=len, reverse=True))
            rules.anniversaries.append(
                Anniversary(str(event.get("event")), int(event["founded"]), re.compile(f"(?:{names})(?P<n>\\d+)周年"))
            )
    for path, data in load_rules_data("phrases.yaml", extra):
        for entry in data.get("phrases") or []:
            rules.phrases.append(_phrase_rule(entry, path))
    return rules


def _phrase_rule(entry, path: Path) -> PhraseRule:
    line = getattr(entry, "line", 1)
    if not isinstance(entry, dict) or not entry.get("id") or not entry.get("match"):
        raise GwplanError("每条过时表述规则都要有 id 和 match。", str(path), line)
    valid = entry.get("valid")
    if isinstance(valid, int):
        span = (valid, valid)
    elif isinstance(valid, list) and len(valid) == 2 and isinstance(valid[0], int):
        span = (valid[0], valid[1] if isinstance(valid[1], int) else None)
    else:
        raise GwplanError(f"规则 {entry['id']} 的 valid 应是年份、[起, 止] 或 [起, null]。", str(path), line)
    otherwise = str(entry.get("otherwise", "flag"))
    if otherwise not in ("drop", "flag"):
        raise GwplanError(f"规则 {entry['id']} 的 otherwise 只能是 drop 或 flag。", str(path), line)
    return PhraseRule(
        id=str(entry["id"]),
        pattern=_compile(entry["match"], path, entry),
        valid=span,
        replace=entry.get("replace"),
        otherwise=otherwise,
        reason=str(entry.get("reason") or ""),
    )


def _compile(pattern, path: Path, where) -> re.Pattern:
    try:
        return re.compile(str(pattern))
    except re.error as exc:
        raise GwplanError(f"正则表达式“{pattern}”有误：{exc}", str(path), getattr(where, "line", 1)) from None


def _expect_years(mapping: dict, path: Path, line: int) -> None:
    for key in mapping:
        if not isinstance(key, int):
            raise GwplanError(f"by_year 的键应是四位年份，这里是“{key}”。", str(path), line)
