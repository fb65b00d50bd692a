"""Who a clause is written for: the district's own plan, a school's plan, or both.

Ingest judges each clause sentence by sentence with the patterns of rules/audience.yaml and
writes the result (and why) into the library, where a reviewer may change it. A school plan
takes school and both clauses, leaves out the district sentences of a both clause (whole
sentences only), and says the rest in the school's own voice (各校要 → 我校要).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.text import zhtext
from generator.errors import GwplanError
from generator.text.placeholders import SCHOOL_LEVELS, unit_level
from generator.rules.ruleset import compile_pattern, load_rules_data
from generator.rules.sentences import split_sentences
from generator.text.patterns import lazy

# Placeholders filled with neutral district values, so the patterns see plain text.
_FILLED = ((lazy(r"\{\{\s*scope\s*\}\}"), "全区"), (lazy(r"\{\{\s*local\s*\}\}"), "我区"),
           (lazy(r"\{\{\s*org\s*\}\}"), "教育局关工委"), (lazy(r"\{\{\s*targets\.[^}]*\}\}"), "N"),
           (lazy(r"\{\{[^}]*\}\}"), "N"))


@dataclass
class Pattern:
    pattern: re.Pattern
    reason: str


@dataclass
class AudienceRules:
    district: list[Pattern] = field(default_factory=list)
    school: list[Pattern] = field(default_factory=list)
    voice: dict[str, list[tuple[re.Pattern, str]]] = field(default_factory=dict)  # "all" or a school type
    memo: dict = field(default_factory=dict, repr=False)  # (text, school sources) → audience; ("version", …), ("takes", …): see school_version, SchoolUnit


@dataclass
class Judgement:
    audience: str
    reason: str = ""  # the first pattern that decided it, for the reviewer


sentences = split_sentences

_QUOTED = lazy(r"《[^》]*》")
_LETTERS = lazy(r"[^\u4e00-\u9fff]")
_SHORTEST = 8  # characters a sentence's beginning needs to stay as a sentence of its own
_DATED_FACT = lazy(r"\s*\d{4}年(?:是|为)")  # 2022年是……推进年: no work of its own


def plain(text: str) -> str:
    """The text as the patterns see it: placeholders filled, document titles emptied."""
    for pattern, value in _FILLED:
        text = pattern.sub(value, text)
    return _QUOTED.sub("《》", text)


def _first_reason(text: str, patterns: list[Pattern]) -> str:
    return next((entry.reason for entry in patterns if entry.pattern.search(text)), "")


def district_reason(text: str, rules: AudienceRules) -> str:
    """Why `text` is the district's own work, or "" when a school can act on it."""
    return _first_reason(plain(text), rules.district)


def _fragments(sentence: str) -> list[str]:
    """A sentence cut after each ， outside quotes; joined they give the sentence."""
    cuts = [m.end() for m in re.finditer("，", sentence) if not zhtext.inside_quotes(sentence, m.start())]
    starts = [0] + cuts
    return [sentence[a:b] for a, b in zip(starts, cuts + [len(sentence)])]


def _district_from(sentence: str, rules: AudienceRules) -> tuple[int, str]:
    """From which comma fragment on a sentence is district work, and why; (-1, "") if it is not.

    0 means the whole sentence: its first fragment already is district work, or the pattern
    needs more than one fragment. A later fragment (……活动，评选优秀组织单位。) goes with
    everything after it, so what stays is the sentence's own beginning.
    """
    if not sentence.strip("。！？；， ") or not (reason := district_reason(sentence, rules)):
        return -1, ""
    fragments = _fragments(sentence)
    for number, fragment in enumerate(fragments):
        found = district_reason(fragment, rules)
        if found:
            # A beginning too short to stand alone (首先，/ 一是，) goes with the sentence.
            head = _LETTERS.sub("", "".join(fragments[:number]))
            return (number if len(head) >= _SHORTEST else 0), found
    return 0, reason


def only_schools(sources) -> bool:
    """Whether every plan a clause came from is a school's (sources as dicts or Source objects)."""
    orgs = [s.get("org", "") if isinstance(s, dict) else s.org for s in sources]
    return bool(orgs) and all(unit_level(str(org or "")) in SCHOOL_LEVELS for org in orgs)


def clause_audience(clause, rules: AudienceRules) -> str:
    """The library's audience for a clause, or ingest's judgement when the library does not say."""
    if clause.audience:
        return clause.audience
    key = (clause.text, only_schools(clause.sources))
    if key not in rules.memo:
        rules.memo[key] = judge(clause.text, rules, key[1]).audience
    return rules.memo[key]


def judge(text: str, rules: AudienceRules, school_sources: bool = False) -> Judgement:
    """The audience of a clause text; `school_sources` when only school plans wrote it."""
    flat = plain(text)
    if school_sources:  # a school's own plan: nothing in it is the bureau's work
        return Judgement("school", _first_reason(flat, rules.school) or "只出现在学校的计划中")
    parts = [s for s in sentences(text) if s.strip("。！？；， ")]
    found = [_district_from(s, rules) for s in parts]
    if parts and all(begin == 0 for begin, _ in found):
        return Judgement("district", found[0][1])
    school = _first_reason(flat, rules.school)
    return Judgement("school", school) if school else Judgement("both")


@dataclass
class SchoolVersion:
    text: str
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (text left out, reason)
    all_district: str = ""  # why every sentence reads as district work (then all is kept)


def school_version(template: str, text: str, rules: AudienceRules, school_type: str, local: str) -> SchoolVersion:
    """A drafted clause as a school says it (remembered: a batch asks it for every school of a type)."""
    key = ("version", template, text, school_type, local)
    if key not in rules.memo:
        rules.memo[key] = _school_version(template, text, rules, school_type, local)
    return rules.memo[key]


def _school_version(template: str, text: str, rules: AudienceRules, school_type: str, local: str) -> SchoolVersion:
    """A drafted clause as a school says it: district sentences out, the school's own voice in.

    Which sentences are district work is read from the library text `template` (its
    placeholders stand for any unit); the same sentences and fragments are cut from the drafted
    `text`, which has as many of them since no filled-in value holds 。 or ，.
    """
    template_parts, parts = sentences(template), sentences(text)
    judged = template_parts if len(template_parts) == len(parts) else parts
    kept, dropped = [], []
    for source, part in zip(judged, parts):
        start, reason = _district_from(source, rules)
        if start < 0:
            kept.append(part)
            continue
        fragments = _fragments(part)
        if start == 0 or len(fragments) != len(_fragments(source)):
            dropped.append((part, reason))
            continue
        head = "".join(fragments[:start])
        end = re.search(r"[。！？；]+[”’」）)]*$", part)
        kept.append(head[:-1] + (end.group(0) if end else ""))
        dropped.append(("".join(fragments[start:]), reason))
    version = SchoolVersion(text)
    if dropped and any(k.strip("。！？；， ") and not _DATED_FACT.match(k) for k in kept):
        version.text, version.dropped = "".join(kept), dropped
    elif dropped:
        version.all_district = dropped[0][1]
    version.text = voice(version.text, rules, school_type, local)
    return version


def voice(text: str, rules: AudienceRules, school_type: str, local: str) -> str:
    """The school's own voice: 各地各校 → 我校, 中小学生 → 学生 …; quoted text keeps its words."""
    for pattern, replacement in rules.voice.get("all", []) + rules.voice.get(school_type, []):
        text = _sub_outside_quotes(pattern, replacement.replace("{local}", local), text)
    return text


def _sub_outside_quotes(pattern: re.Pattern, replacement: str, text: str) -> str:
    out, last = [], 0
    for match in pattern.finditer(text):
        if zhtext.inside_quotes(text, match.start()):
            continue
        out.append(text[last : match.start()] + replacement)
        last = match.end()
    return "".join(out) + text[last:] if out else text


@lru_cache(maxsize=4)
def _load(extra: str | None) -> AudienceRules:
    rules = AudienceRules()
    for path, data in load_rules_data("audience.yaml", extra):
        for key in ("district", "school"):
            for entry in data.get(key) or []:
                if not isinstance(entry, dict) or not entry.get("match"):
                    raise GwplanError(f"{key} 的每一项都要有 match 和 reason。", str(path), getattr(entry, "line", 1))
                getattr(rules, key).append(Pattern(compile_pattern(entry["match"], path, entry), str(entry.get("reason") or "")))
        for school_type, pairs in (data.get("voice") or {}).items():
            for pair in pairs or []:
                if not isinstance(pair, list) or len(pair) != 2:
                    raise GwplanError("voice 的每一项应是 [原文正则, 改成]。", str(path), getattr(pairs, "line", 1))
                rules.voice.setdefault(str(school_type), []).append((compile_pattern(pair[0], path, pairs), str(pair[1])))
    return rules


def load_audience_rules(extra: Path | str | None = None) -> AudienceRules:
    return _load(str(extra) if extra else None)

