"""Sentences stay whole when a rule takes a phrase out of them.

A phrase is removed only as a whole grammatical unit:
- an adverbial frame, the comma-delimited fragment that holds it and nothing else but frame
  words: 以庆祝……为契机，/ 结合纪念……，/ 在……之际，/ 在做好……的同时，/ 以优异成绩迎接……;
- one item of a list: ……和X / X和…… / ……、X; the item goes with one of its connectors.
Anything else is not removed: the caller keeps the phrase and marks the sentence for a person.
Every removal is checked afterwards: if it left a dangling 和/及/与, a frame word before a comma
(结合，) or a doubled punctuation mark (，。) that was not there before, it is undone.
"""
from __future__ import annotations

from generator.text.patterns import lazy

_FRAGMENT_END = "，；。！？"
_SENTENCE_END = "。！？"
# What may stand in a fragment around the phrase for the fragment to be an adverbial frame.
_FRAME = lazy(
    r"^(?:以|结合|在|围绕|借助|借|利用|通过|趁|适逢|值此|为|特别是|尤其是|深入|全面|认真)?"
    r"(?:隆重)?(?:庆祝|纪念|迎接|做好|坚持|学习宣传贯彻|学习贯彻|贯彻落实|宣传贯彻|贯彻|学习)?"
    r"(?:为契机|之际|为主线|为主题|的同时|的前提下|之机|活动|等活动|为指导|为统领)?$"
)
# A whole sentence that only said the phrase (隆重纪念建党103周年。) goes as a sentence.
_SENTENCE_FRAME = lazy(r"^(?:隆重|深入|认真|积极)?(?:庆祝|纪念|迎接|开展纪念)?$")
_CONNECTORS = ("以及", "和", "及", "与", "、")

# Shapes a removal must never leave behind.
DANGLING = [
    lazy(r"[和及与、]\s*[，。；！？：]"),  # a connector before punctuation: 和，
    lazy(r"[，。；！？：]\s*(?:和|与(?!会)|及(?!时|早)|、)"),  # punctuation before a connector: ，和 (not ，及时)
    lazy(r"[，；：、]\s*[，。；！？]"),  # doubled punctuation: ，。 and ，，
    lazy(r"^[，。；、：]"),  # a sentence starting with punctuation
    lazy(r"(?:^|[，。；！？])(?:以|结合|在|围绕|借助|利用|通过|为)?(?:庆祝|纪念)?(?:为契机|之际|的同时)?[，。；]"),  # 结合，
    lazy(r"(?<!相)(?:以|结合|围绕|借助|通过|趁|隆重|纪念|庆祝|迎接)[，。；！？]"),  # a frame word left alone
    lazy(r"(?:隆重|纪念|庆祝|迎接)[和及与、]"),  # 隆重和…: a verb left without its object
    lazy(r"[和及与](?:和|及|与)"),  # doubled connectors
    lazy(r"和[^，。；、和]{1,14}和[^，。；、和]{1,14}精神"),  # 思想和党的二十大和……精神
]


_SENTENCE_CUT = lazy(r"[^。！？；]*(?:[。！？；]+[”’」）)]*|$)")


def split_sentences(text: str) -> list[str]:
    """`text` cut after 。！？； (a closing quote stays with its sentence); joined they give `text`."""
    return [s for s in _SENTENCE_CUT.findall(text) if s]


def dangling(text: str) -> list[str]:
    """The dangling shapes in `text` (empty for a whole sentence)."""
    return [m.group(0) for pattern in DANGLING for m in pattern.finditer(text)]


def remove(text: str, start: int, end: int) -> tuple[str, str] | None:
    """Remove text[start:end] with the grammatical unit it belongs to.

    Returns (new text, what was removed), or None when no removal keeps the sentence whole.
    """
    for attempt in (_frame, _sentence, _list_item):
        found = attempt(text, start, end)
        if found is None:
            continue
        cut_start, cut_end, joiner = found
        result = text[:cut_start] + joiner + text[cut_end:]
        if _new_dangling(text, result):
            continue
        return result, text[cut_start:cut_end]
    return None


def _new_dangling(before: str, after: str) -> bool:
    old = dangling(before)
    return any(shape not in old for shape in dangling(after)) or len(dangling(after)) > len(old)


def _fragment(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(mark, 0, start) for mark in _FRAGMENT_END + "：") + 1
    rights = [i for i in (text.find(mark, end) for mark in _FRAGMENT_END) if i >= 0]
    return left, min(rights) if rights else len(text)


def _frame(text: str, start: int, end: int):
    """The phrase fills an adverbial fragment: take the fragment and one comma next to it."""
    left, right = _fragment(text, start, end)
    rest = text[left:start] + text[end:right]
    if not _FRAME.match(rest.strip()):
        return None
    after = text[right : right + 1]
    before = text[left - 1 : left] if left > 0 else ""
    if after in "，；" and after:  # 以……为契机，组织 → 组织
        return left, right + 1, ""
    if before in "，；" and before and after in _SENTENCE_END + "":  # ……，以优异成绩迎接……。 → ……。
        return left - 1, right, ""
    return None


def _sentence(text: str, start: int, end: int):
    """The phrase is all a sentence said: the sentence goes."""
    left, right = _fragment(text, start, end)
    sentence_start = left == 0 or text[left - 1] in _SENTENCE_END
    if not sentence_start or text[right : right + 1] not in _SENTENCE_END or not text[right : right + 1]:
        return None
    rest = text[left:start] + text[end:right]
    return (left, right + 1, "") if _SENTENCE_FRAME.match(rest.strip()) else None


def _list_item(text: str, start: int, end: int):
    """The phrase is one item of a list: the item goes with one of its connectors.

    As the last item (……和X) it goes with the connector before it. As an earlier item it goes
    with the connector after it, but when a verb stands before it (庆祝X、学党史知识竞赛) only if
    the next item is of its kind (an anniversary or an event): the verb must still have an object.
    """
    for connector in _CONNECTORS:
        if text[:start].endswith(connector) and start - len(connector) > 0:
            previous = text[start - len(connector) - 1]
            if previous not in _FRAGMENT_END + "：":
                return start - len(connector), end, ""  # Y和X → Y
    for connector in _CONNECTORS:
        if text.startswith(connector, end) and _item_follows(text, end + len(connector)):
            opens_item = start == 0 or text[start - 1] in _FRAGMENT_END + "：、和及与"
            if opens_item or _LIKE_ITEM.match(text, end + len(connector)):
                return start, end + len(connector), ""  # X和Y → Y
    return None


# The next list item is an anniversary or an event, as the removed one was.
_LIKE_ITEM = lazy(r"[^，。；、和及与]{0,16}(?:周年|成立|胜利|回归|建队|建军|建党|建团|爆发)")


def _item_follows(text: str, position: int) -> bool:
    return position < len(text) and text[position] not in _FRAGMENT_END + "、和及与"


def join_list_item(text: str, start: int, end: int, replacement: str) -> tuple[str, int]:
    """Put a replacement that itself contains 和 into text[start:end] without a second 和 beside it:
    思想和[党的二十大和……精神] → 思想、党的二十大和……精神, and [……精神]和论述 → ……精神以及论述.
    Returns the new text and the end of the replacement."""
    before, after = text[:start], text[end:]
    if "和" in replacement and before.endswith("和"):
        before = before[:-1] + "、"
    if "和" in replacement and after.startswith("和"):
        after = "以及" + after[1:]
    return before + replacement + after, len(before) + len(replacement)
