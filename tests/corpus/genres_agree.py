"""Does a reading of one form of a genre agree with the genre's clean plan?

Used by tests/readers/test_genres.py and tests/perf/bench_genres.py. Returns the list of
disagreements (empty when the reading is right): title, unit, year, kind, school year, clause
count from the genre's data; each clause's text against the clean text's reading; no clause
holding page furniture.
"""
from __future__ import annotations

import difflib
import re
import tempfile
from pathlib import Path

from genres import calendar, clean, expected, school_year, summary
from genres_data import Genre

THRESHOLD = 0.97
# Words of the page furniture the forms add; none may reach a clause or heading.
FURNITURE = re.compile(
    r"门户网站$|当前位置|发布时间|点击数|打印正文|关闭窗口|上一篇|下一篇|推荐阅读|Copyright|版权所有|"
    r"精选优质文档|发布于|本文档由|小编|专心---|千字|首页 "
)
_REFERENCE = {"summary": summary, "schoolyear": school_year, "calendar": calendar, "calendar_web": calendar, "calendar_pdf": calendar}


def read(path: Path):
    from generator.readers import read_plan

    return read_plan(path)


_clean_cache: dict[tuple[str, str], object] = {}


def reference(g: Genre, form: str):
    """The reading of the clean text this form is compared with."""
    make = _REFERENCE.get(form, clean)
    key = (g.key, make.__name__)
    if key not in _clean_cache:
        with tempfile.TemporaryDirectory() as temp:
            path = Path(temp) / f"{g.key}.txt"
            path.write_text(make(g), encoding="utf-8")
            _clean_cache[key] = read(path)
    return _clean_cache[key]


def clause_texts(plan) -> list[str]:
    return [c.text for c in plan.all_clauses()]


def agreement(g: Genre, form: str, path: Path) -> list[str]:
    want = expected(g, "calendar" if form == "calendar_pdf" else form)
    try:
        plan = read(path)
    except Exception as exc:  # a failure to read is a finding of the benchmark, not a crash
        return [f"读取失败：{exc}"]
    problems = []
    got = {
        "title": plan.title,
        "org": plan.org,
        "year": plan.year,
        "kind": getattr(plan, "kind", "plan"),
        "clauses": len(plan.all_clauses()),
    }
    if want.school_year:
        got["school_year"] = getattr(plan, "school_year", "")
        got["term"] = getattr(plan, "term", 0)
    for what, value in got.items():
        if value != getattr(want, what):
            problems.append(f"{what}: {value!r}，应为 {getattr(want, what)!r}")
    texts = clause_texts(plan)
    for text in texts + [s.heading for s in plan.sections]:
        if FURNITURE.search(text):
            problems.append(f"网页杂项进了正文：{text[:30]}")
    if got["clauses"] == want.clauses:
        for left, right in zip(clause_texts(reference(g, form)), texts):
            ratio = difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()
            if ratio < THRESHOLD:
                problems.append(f"{ratio:.2f}：{left[:24]} → {right[:24]}")
    return problems
