"""Roll a text over to a new plan year with a RuleSet: rewrite what a rule knows how to rewrite,
remove what a rule says must go (as a whole grammatical unit, see sentences.py), and flag the rest.

Stages, in order, sentence by sentence: the guiding formula and the lists of meetings (judged
whole by current.py, the one judge of what is current), greetings of a congress (迎接党的××大
胜利召开), anniversaries, expired phrases and campaigns, and years of another plan year.
A sentence about the past (rules/past.yaml) is never rewritten: it is kept and marked.
Nothing is removed when the sentence would not stay whole, and no wording is written for a year
the rules do not know (RuleSet.unknown): such text is kept and flagged for a person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import Mark
from generator.rules import current
from generator.rules.ruleset import RuleSet
from generator.rules.sentences import join_list_item, remove, split_sentences
from generator.text import patterns, zhtext

_GREETING = patterns.compile(r"(?:以优异成绩)?(?:迎接|喜迎)(?:党的)?(?P<name>[一二三四五六七八九十]{2,3}大)(?:胜利召开)?")


@dataclass
class Change:
    """One automatic rewrite: what it was, what it became (empty when removed), and why."""

    rule: str
    before: str
    after: str
    reason: str
    past: bool = False  # the rule may rewrite a sentence about the past


def roll(rules: RuleSet, text: str) -> tuple[str, list[Change], list[Mark]]:
    """Roll `text` over to `rules.year`. Results are remembered on the RuleSet: in a batch the
    same clause text comes back for every school."""
    if text not in rules._memo:
        rules._memo[text] = _roll(rules, text)
    result, changes, marks = rules._memo[text]
    return result, list(changes), list(marks)


def _roll(rules: RuleSet, text: str) -> tuple[str, list[Change], list[Mark]]:
    """Sentence by sentence: a sentence that states a fact of the past (rules/past.yaml) keeps
    its words, and whatever a rule would have rewritten in it is marked instead."""
    out, changes, flags = [], [], []
    for sentence in split_sentences(text):
        new, changed, marked = _roll_sentence(rules, sentence)
        why = rules.past_context(sentence) if changed else ""
        locked = [c for c in changed if not c.past] if why else []
        if locked:
            new, changed = sentence, []
            for change in locked:
                excerpt = change.before if change.before and change.before in sentence else sentence.strip()
                reason = f"{change.reason}；但这句说的是过去的事实（{why}），原文保留，请核对后自行改写"
                marked.insert(0, Mark(excerpt, reason, "时效", rule=change.rule))
        out.append(new)
        changes += changed
        flags += marked
    flags.extend(stale_years(rules, "".join(out)))
    return "".join(out), changes, flags


def _roll_sentence(rules: RuleSet, text: str) -> tuple[str, list[Change], list[Mark]]:
    changes: list[Change] = []
    flags: list[Mark] = []
    text = _guiding(rules, text, changes, flags)
    text = _meetings(rules, text, changes, flags)
    text = _greetings(rules, text, changes, flags)
    text = _anniversaries(rules, text, changes, flags)
    text = _phrases(rules, text, changes, flags)
    return text, changes, flags


def _meetings(rules: RuleSet, text: str, changes: list[Change], flags: list[Mark]) -> str:
    """Each list of meetings (党的二十大和二十届三中、四中全会精神) is judged and replaced whole;
    when the sentence already names current wording, a stale list goes instead of doubling it."""
    position = 0
    while match := current.MEETING_LIST.search(text, position):
        phrase = match.group(0)
        position = match.end()
        if zhtext.inside_quotes(text, match.start()):
            continue
        if rules.unknown:
            reason = f"规则里还没有{rules.year}年应引用的会议精神（见报告开头的注意），原文保留，请按实际改写"
            flags.append(Mark(phrase, reason, "规则", rule="会议精神"))
            continue
        why = rules.verdict(phrase)
        if not why:
            continue
        others = [m for m in current.MEETING_LIST.finditer(text) if m.span() != match.span()]
        if any(not rules.verdict(m.group(0)) for m in others) or not rules.spirit:
            text, position = _take_out(text, match, "会议精神", why + "；句中已有现行的表述", changes, flags)
            continue
        text, position = join_list_item(text, match.start(), match.end(), rules.spirit)
        changes.append(Change("会议精神", phrase, rules.spirit, why))
    return text


def _guiding(rules: RuleSet, text: str, changes: list[Change], flags: list[Mark]) -> str:
    """以……为指导 naming only older thoughts becomes the current guiding formula, as one phrase."""
    new = f"以{rules.guiding_thought}为指导"
    position = 0
    while match := current.GUIDING_FORMULA.search(text, position):
        phrase = match.group(0)
        position = match.end()
        why = rules.verdict(phrase)
        if not why or zhtext.inside_quotes(text, match.start()):
            continue
        if any(not rules.verdict(m.group(0)) for m in current.GUIDING_FORMULA.finditer(text)):
            glued = match.start() > 0 and text[match.start() - 1] in "，；" and text[match.end() : match.end() + 1] not in "，；。"
            if glued:  # 以……为指导认真学习……: the adverbial alone goes, the verb opens the fragment
                changes.append(Change("指导思想", phrase, "", why + "；句中已有现行的表述，删去旧的"))
                text, position = text[: match.start()] + text[match.end() :], match.start()
                continue
            text, position = _take_out(text, match, "指导思想", why + "；句中已有现行的表述", changes, flags)
            continue
        text = text[: match.start()] + new + text[match.end() :]
        position = match.start() + len(new)
        changes.append(Change("指导思想", phrase, new, why))
    return text


def _take_out(text: str, match: re.Match, rule: str, why: str, changes: list[Change], flags: list[Mark]) -> tuple[str, int]:
    """Remove a stale phrase with its grammatical unit, or mark it when the sentence would break."""
    removed = remove(text, match.start(), match.end())
    if removed is None:
        flags.append(Mark(match.group(0), why + "，删去后句子不完整，请改写", rule=rule))
        return text, match.end()
    new, gone = removed
    changes.append(Change(rule, gone, "", why + "，删去旧的"))
    return new, cut_start(text, new)


def cut_start(before: str, after: str) -> int:
    """Where a removal began: the length of what `before` and `after` share at the start."""
    return next((i for i, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after)))


def _greetings(rules: RuleSet, text: str, changes: list[Change], flags: list[Mark]) -> str:
    """迎接党的××大胜利召开 belongs to that congress's year: another congress's year gets its own
    greeting, any other year loses the phrase."""
    held = next((name for name, year in rules.congresses.items() if year == rules.year), None)
    position = 0
    while match := _GREETING.search(text, position):
        name, phrase = match.group("name"), match.group(0)
        position = match.end()
        if rules.congresses.get(name) == rules.year:
            continue
        reason = f"党的{name}召开于{rules.congresses.get(name, '?')}年；“迎接党的××大胜利召开”只用于党代会召开的那一年"
        if held is not None:
            new = phrase.replace(name, held)  # 喜迎二十大 → 喜迎二十一大, keeping the writer's form
            text = text[: match.start()] + new + text[match.end() :]
            position = match.start() + len(new)
            changes.append(Change("迎接党代会", phrase, new, reason + f"；{rules.year}年将召开党的{held}"))
            continue
        removed = remove(text, match.start(), match.end())
        if removed is None:
            flags.append(Mark(phrase, reason + "；删去后句子不完整，请改写", rule="迎接党代会"))
            continue
        position = cut_start(text, removed[0])
        text, gone = removed
        changes.append(Change("迎接党代会", gone, "", reason))
    return text


def _anniversaries(rules: RuleSet, text: str, changes: list[Change], flags: list[Mark]) -> str:
    for anniversary in rules.anniversaries:
        position = 0
        while match := anniversary.pattern.search(text, position):
            phrase, number = match.group(0), int(match.group("n"))
            position = match.end()
            expected = rules.year - anniversary.founded
            if number == expected:
                continue
            reason = f"{anniversary.event}于{anniversary.founded}年，{rules.year}年是{expected}周年"
            if expected > 0 and expected % rules.anniversary_round == 0:
                new = phrase.replace(f"{number}周年", f"{expected}周年")
                text = text[: match.start()] + new + text[match.end() :]
                changes.append(Change("周年", phrase, new, reason))
                continue
            if zhtext.inside_quotes(text, match.start()):
                flags.append(Mark(phrase, reason + "，这是活动或文件的名称，请核对", rule="周年"))
                continue
            removed = remove(text, match.start(), match.end())
            if removed is None:
                flags.append(Mark(phrase, reason + "，不是逢五逢十的周年；删去后句子不完整，请改写或删去", rule="周年"))
                continue
            position = cut_start(text, removed[0])
            text, gone = removed
            changes.append(Change("周年", gone, "", reason + "，不是逢五逢十的周年，删去"))
    return text


def _phrases(rules: RuleSet, text: str, changes: list[Change], flags: list[Mark]) -> str:
    for rule in rules.phrases:
        if rule.applies(rules.year):
            continue
        position = 0
        while match := rule.pattern.search(text, position):
            phrase = match.group(0)
            position = match.end()
            replacement = rule.replace.get(rules.year) if isinstance(rule.replace, dict) else rule.replace
            if replacement is not None:
                text = text[: match.start()] + str(replacement) + text[match.end() :]
                position = match.start() + len(str(replacement))
                changes.append(Change(rule.id, phrase, str(replacement), rule.reason, rule.past))
                continue
            if rule.otherwise == "drop":
                removed = remove(text, match.start(), match.end())
                if removed is not None:
                    position = cut_start(text, removed[0])
                    text, gone = removed
                    changes.append(Change(rule.id, gone, "", rule.reason, rule.past))
                    continue
                flags.append(Mark(phrase, rule.reason + "；删去后句子不完整，请改写", rule=rule.id))
                continue
            flags.append(Mark(phrase, rule.reason, rule=rule.id))
    return text


def stale_years(rules: RuleSet, text: str) -> list[Mark]:
    """Years other than the plan's, unless they date a past fact or a range.

    A sentence that states a fact about its own year (2022年是……之年) is exactly such a year:
    ingest keeps it literal, and here it is flagged for a person to check."""
    flags = []
    for match in re.finditer(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)", text):
        year = int(match.group(1))
        if year == rules.year or zhtext.year_in_context(text, match.start(), match.end()):
            continue
        fact = re.match(r"\s*年(?:是|为)[^，。；]{0,30}", text[match.end() :])
        excerpt = text[match.start() : match.end() + (fact.end() if fact else 1)]
        reason = f"这是{year}年的情况，{rules.year}年未必如此，请核对" if fact else f"出现了{year}年，与计划年份{rules.year}年不符"
        flags.append(Mark(excerpt, reason, "年份", rule="年份"))
    return flags
