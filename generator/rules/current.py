"""What wording is current for a plan year: the one judge that draft and check both use.

Two kinds of phrase are judged whole, never piece by piece:
- a list of meetings ending in 精神 (党的二十大和二十届三中、四中全会精神, 十九届六中全会精神);
- a guiding formula 以……为指导 naming the thoughts of the party's guiding ideology.

A meeting list is current for year Y when it names only meetings held before Y began (a plan is
written at the start of its year), all of the latest congress's term, and the latest of them:
the congress itself when no plenum has met since, else the latest plenum, or 历次全会.
The meetings and their dates are facts in rules/policy.yaml; the grammar of the phrases is here.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from generator.text.patterns import lazy

_TERM = r"(?:十[六七八九]|二十一?)"
_MEETING = rf"(?:党的)?{_TERM}(?:大|届(?:历次|(?:[一二三四五六七八九]中[、，]?)+)全会)"
# A whole list of meetings: 党的二十大、二十届二中全会和三中全会精神 is one phrase.
MEETING_LIST = lazy(rf"{_MEETING}(?:(?:和|、|以及|及){_MEETING})*精神")
_ONE = lazy(rf"(?:党的)?(?P<term>{_TERM})(?:(?P<congress>大)|届(?P<plenums>历次|(?:[一二三四五六七八九]中[、，]?)+)全会)")

THOUGHTS = ("马克思列宁主义", "马克思主义", "毛泽东思想", "邓小平理论", "“三个代表”重要思想", "三个代表重要思想",
            "科学发展观", "习近平新时代中国特色社会主义思想", "习近平总书记系列重要讲话精神")
_THOUGHT = "|".join(map(re.escape, THOUGHTS))
# 以……为指导 whose body is nothing but thoughts: judged and replaced as one phrase.
GUIDING_FORMULA = lazy(rf"以(?:{_THOUGHT})(?:(?:、|和|以及)(?:{_THOUGHT}))*为(?:指导|统领|指引)")
GUIDE = "习近平新时代中国特色社会主义思想"  # defaults; rules/policy.yaml's guiding_thought says
GUIDE_SINCE = 2018  # the plan year from which it is the guide (党的十九大, October 2017)

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九", 0)}


def chinese_number(text: str) -> int:
    """十九 → 19, 二十一 → 21, 四 → 4 (the numbers of terms and plenums)."""
    if "十" not in text:
        return _DIGITS[text]
    tens, _, ones = text.partition("十")
    return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)


@dataclass(frozen=True)
class Meeting:
    term: int  # 20 for 党的二十大 and every 二十届 plenum
    plenum: int  # 0 for the congress, 3 for 三中全会
    date: datetime.date
    name: str


def parse_meeting(name: str, date: datetime.date) -> Meeting | None:
    match = _ONE.fullmatch(name)
    if not match or (match.group("plenums") or "").count("中") > 1 or match.group("plenums") == "历次":
        return None
    plenum = chinese_number(match.group("plenums")[0]) if match.group("plenums") else 0
    return Meeting(chinese_number(match.group("term")), plenum, date, name)


def numeral(number: int) -> str:
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    tens, ones = divmod(number, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


def _named(meeting: Meeting) -> str:
    return f"党的{numeral(meeting.term)}大" if meeting.plenum == 0 else f"{numeral(meeting.term)}届{numeral(meeting.plenum)}中全会"


def _day(date: datetime.date) -> str:
    return f"{date.year}年{date.month}月"


def meeting_verdict(phrase: str, year: int, meetings: list[Meeting]) -> str:
    """Why `phrase` (a MEETING_LIST match) is not current wording for a plan of `year`; "" when it is."""
    start = datetime.date(year, 1, 1)
    held = [m for m in meetings if m.date < start]
    if not held:
        return ""
    latest = max(held, key=lambda m: m.date)
    term = max(m.term for m in held if m.plenum == 0)
    parts = [m for m in _ONE.finditer(phrase)]
    terms = {chinese_number(m.group("term")) for m in parts}
    if terms != {term}:
        old = "、".join(f"{numeral(t)}届" for t in sorted(terms - {term})) or "下一届"
        return f"说的是{old}的会议；{year}年的计划写于年初，那时已召开党的{numeral(term)}大，最近一次是{_named(latest)}（{_day(latest.date)}）"
    congress = any(m.group("congress") for m in parts)
    every = any(m.group("plenums") == "历次" for m in parts)
    plenums = {chinese_number(p[0]) for m in parts if m.group("plenums") and m.group("plenums") != "历次"
               for p in re.findall(r"[一二三四五六七八九]中", m.group("plenums"))}
    known = {m.plenum for m in held if m.term == term}
    if plenums - known:
        missing = "、".join(f"{numeral(p)}中全会" for p in sorted(plenums - known))
        return f"{numeral(term)}届{missing}在{year}年初还没有召开（规则中已召开的会议见 rules/policy.yaml 的 meetings）"
    newest = max(known)
    if newest == 0:
        return "" if congress and not plenums and not every else "党的代表大会之后还没有召开过全会"
    if every and congress:
        return ""
    if newest in plenums:
        return ""
    return (f"没有提到最近一次全会：{year}年的计划写于年初，那时最近召开的是{_named(latest)}（{_day(latest.date)}），"
            f"可写“党的{numeral(term)}大和{numeral(term)}届历次全会精神”或“党的{numeral(term)}届{numeral(newest)}中全会精神”")


def guiding_verdict(phrase: str, year: int, guide: str = GUIDE, since: int = GUIDE_SINCE) -> str:
    """Why a guiding formula (a GUIDING_FORMULA match) is not current for `year`; "" when it is."""
    if year < since or guide in phrase:
        return ""
    return f"{since}年起的计划“以……为指导”要写到{guide}；只写此前的思想或“系列重要讲话精神”已经过时"
