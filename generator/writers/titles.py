"""Titles broken by measure (7.3.1): 回行时要做到词意完整，排列对称，长短适宜，间距恰当.

A title that does not fit one line of the type area is broken between words, never splitting a
number from the 年/月/日 after it, never leaving one character on a line, never starting a
line with a closing mark or ending one with an opening mark. Every line must fit as Word sets it
and as LibreOffice sets it in a preview (wider digits), so no renderer wraps it again. Of the
breaks that fit, the fewest lines win, then the most even lines (a trapezoid or diamond), with a
small preference for breaks at the issuing unit's end or before 关于, and against breaks inside
《》. The 目录 of a bundle, the plan's title, the notice's and each 附件's are broken alike.

Words come first from the title's structure (the unit's name, 关于, 印发, 《》, the year, a unit's
suffix such as 关工委 or 中学): enough for almost every plan and notice, and instant. Only when
those give lines more uneven than MAX_UNEVEN characters is jieba loaded (about a second) for
its words, and only when no word boundary fits are characters split.
"""
from __future__ import annotations

import itertools
import re
from functools import lru_cache

from generator.profile import Profile, load_profile
from generator.text import patterns
from generator.writers.pagination import NO_LINE_END, NO_LINE_START, Measure, measure_of

MAX_LINES = 4
MAX_UNEVEN = 3.0  # characters between the longest and shortest line before jieba is asked
_NUMBER_UNIT = patterns.compile(r"\d+[年月日号届期]?")
_BREAK_AFTER = ("关于印发", "》", "）", "年", "关工委", "委员会", "教育局", "中学", "小学", "幼儿园", "学校", "学院", "办公室")
_STRUCTURE = patterns.compile(r"(?=关于|《|（|的通知$|的意见$)|" + "|".join(f"(?<={re.escape(word)})" for word in _BREAK_AFTER))


@lru_cache(maxsize=256)
def break_title(title: str, org: str = "", profile: Profile | None = None) -> tuple[str, ...]:
    """The lines `title` is set in."""
    profile = profile or load_profile()
    measures = (measure_of(profile), measure_of(profile, preview=True))
    room = (profile.page_width - profile.left - profile.right) / 20 - 0.5  # half a point to spare

    def fits(line: str) -> bool:
        return all(m.width_of(line, profile.title_size) <= room for m in measures)

    if fits(title):
        return (title,)
    for level in ("structure", "words", "characters"):
        best = _best(title, org, _breaks(title, org, level), fits, measures[0], profile.title_size)
        if best is not None and (level != "structure" or best[0] <= MAX_UNEVEN):
            return best[1]
    return (title,)  # no break fits at all: one line, wrapped by the word processor


def _breaks(title: str, org: str, level: str) -> list[int]:
    """Positions a line may end at: the title's structure, jieba's words, or any two characters;
    never splitting a number from its 年/月/日 nor putting a closing mark first or an opening mark last."""
    if level == "structure":
        ends = {match.start() for match in _STRUCTURE.finditer(title)}
        if org and title.startswith(org):
            ends.add(len(org))
    elif level == "words":
        ends, position = set(), 0
        for word in _words().cut(title):
            position += len(word)
            ends.add(position)
    else:
        ends = set(range(1, len(title)))
    for match in _NUMBER_UNIT.finditer(title):
        ends -= set(range(match.start() + 1, match.end()))
    return sorted(
        end for end in ends
        if 0 < end < len(title) and title[end] not in NO_LINE_START and title[end - 1] not in NO_LINE_END
    )


@lru_cache(maxsize=1)
def _words():
    """jieba's words with gwplan's built-in ones (关工委, 关心下一代 …), loaded on the first uneven title."""
    from generator.resources import data_dir
    from generator.text.words import lexicon

    path = data_dir("rules") / "words.txt"
    return lexicon((str(path),) if path.exists() else ())


def _best(title: str, org: str, breaks: list[int], fits, measure: Measure, size: float) -> tuple[float, tuple[str, ...]] | None:
    """(unevenness, lines): the fewest, most even lines from `breaks`; None when no set of breaks fits."""
    char = size
    for count in range(2, MAX_LINES + 1):
        scored = []
        for chosen in itertools.combinations(breaks, count - 1):
            bounds = (0, *chosen, len(title))
            lines = [title[a:b] for a, b in zip(bounds, bounds[1:])]
            if any(len(line.strip()) < 2 or not fits(line) for line in lines):
                continue
            widths = [measure.width_of(line, size) / char for line in lines]
            cost = max(widths) - min(widths)
            cost += sum(1.5 for end in chosen if _inside_book_title(title, end))
            cost += sum(1.5 for end in chosen if title.endswith("关于", 0, end))  # 关于 stays with its verb
            cost -= sum(1.0 for end in chosen if (org and end == len(org) and title.startswith(org)) or title.startswith(("关于", "《"), end))
            cost += 0.3 * sum(1 for upper, lower in zip(widths, widths[1:]) if upper > lower + 0.5) if count == 2 else 0.0
            scored.append((cost, max(widths) - min(widths), bounds, tuple(lines)))
        if scored:
            best = min(scored)
            return best[1], best[3]
        if count > len(breaks):
            break
    return None


def _inside_book_title(title: str, index: int) -> bool:
    return title.count("《", 0, index) > title.count("》", 0, index)
