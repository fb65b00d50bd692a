"""The forms real copies of a plan take, built from the clean plans of tests/corpus/genres_data.py.

    clean      the plan as its office typed it, one paragraph a line
    web        a whole web page: site name, navigation, breadcrumb, publish metadata, print links,
               上一篇/下一篇, a 推荐阅读 link list (with other years in it), copyright
    docsite    a document-sharing site's page: its header (约N千字 … 发布于…), upload notice,
               editor's lead-in, a watermark line, a footer slogan
    pdf        a .docx typed with Word's automatic numbering (一、 and 1. are list labels, not
               text), saved as PDF by LibreOffice (pdf_files: one conversion for all genres)
    runon      the whole plan in one paragraph, markers inline (一、…1.…2.…二、…)
    calendar   the plan with a month-by-month 行事历 table at the end (clean: tab-separated;
               calendar_web: columns aligned with spaces)
    schoolyear the plan for 2026—2027学年 (or one term of it) instead of a calendar year
    summary    the unit's 工作总结 of the year before
    collection several genres' plans on one page, a site's 合集 (not a form of one genre)

expected(genre, form) gives what any reading must find: title, unit, year, kind, clause count,
all from the genre's data, not from gwplan.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from genres_data import GENRES, Genre

FORMS = ("clean", "web", "docsite", "pdf", "runon", "calendar", "calendar_web", "schoolyear", "summary")
_GROUP_LINE = re.compile(r"^（[一二三四五六七八九十]+）[^。]*$")  # a （一） heading line, no sentence in it
_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}\.)")


@dataclass
class Expected:
    title: str
    org: str
    year: int
    kind: str  # plan | summary
    clauses: int
    school_year: str = ""  # 2026-2027 for a 学年 plan
    term: int = 0  # 1 or 2 for a term's plan


def genre(key: str) -> Genre:
    return next(g for g in GENRES if g.key == key)


# --- clean texts -------------------------------------------------------------------------------


def _date(g: Genre, summary: bool = False) -> str:
    return f"{g.year - 1}年12月28日" if summary else f"{g.year}年2月{10 + len(g.key) * 3}日"


def _plan_lines(g: Genre, title: str, table: list[str] | None = None) -> list[str]:
    lines = [title] + ([g.recipient] if g.recipient else []) + [g.preamble]
    for heading, body in g.sections:
        lines.append(heading)
        lines.extend(body)
    if table is not None:
        lines.append(f"{_CN[len(g.sections)]}、工作行事历")
        lines.extend(table)
    return lines + [g.signature or g.unit, _date(g)]


_CN = "一二三四五六七八九十"


def clean(g: Genre) -> str:
    return "\n".join(_plan_lines(g, g.title)) + "\n"


def summary_title(g: Genre) -> str:
    topic = g.topic.replace("工作要点", "工作总结").replace("工作计划", "工作总结")
    return f"{g.unit}{g.year - 1}年{topic}"


def summary(g: Genre) -> str:
    lines = [summary_title(g), g.summary_opening]
    for heading, paragraphs in g.summary:
        lines.append(heading)
        lines.extend(paragraphs)
    return "\n".join(lines + [g.signature or g.unit, _date(g, summary=True)]) + "\n"


def school_year_title(g: Genre) -> str:
    return f"{g.unit}{g.year}—{g.year + 1}{g.term}{g.topic}"


def school_year(g: Genre) -> str:
    return "\n".join(_plan_lines(g, school_year_title(g))) + "\n"


def table_rows(g: Genre) -> list[tuple[str, str]]:
    return [("月份", "工作内容")] + g.calendar


def calendar(g: Genre) -> str:
    return "\n".join(_plan_lines(g, g.title, [f"{a}\t{b}" for a, b in table_rows(g)])) + "\n"


def calendar_web(g: Genre) -> str:
    """Columns aligned with spaces, as a web page's table comes out when copied."""
    width = max(len(a) for a, _ in table_rows(g)) + 2
    rows = [a + "\u3000" * (width - len(a)) + b for a, b in table_rows(g)]
    return "\n".join(_plan_lines(g, g.title, rows)) + "\n"


# --- copies with furniture ----------------------------------------------------------------------


def web(g: Genre, seed: int = 1) -> str:
    rng = random.Random(f"{g.key}{seed}")
    site = f"{g.unit.removesuffix('团委').removesuffix('工会').removesuffix('机关党委')}门户网站"
    nav = rng.choice(["首页 > 新闻中心 > 工作安排 > 正文", "学校首页 › 学校新闻 › 工作安排", "首页 >> 政务公开 >> 计划总结"])
    body = clean(g).splitlines()
    related = [
        f"{g.year + 1}年春季学校少先队工作计划",
        f"{g.year - 7}年中小学安全工作总结",
        f"关于做好{g.year + 1}年寒假期间安全工作的通知",
        "学校德育工作计划（精选5篇）",
    ]
    rng.shuffle(related)
    page = [
        site,
        "首页 | 机构概况 | 新闻中心 | 政务公开 | 工作安排 | 联系我们",
        f"当前位置：{nav}",
        g.title,
        f"发布时间：{g.year}-02-{rng.randint(18, 27)} 09:{rng.randint(10, 59)}:12　　来源：{g.unit}　　点击数：次",
        "【字体：大 中 小】【打印正文】【关闭窗口】",
        *body,
        "【打印正文】【关闭窗口】",
        f"上一篇：{g.year - 1}年第四季度工作简报",
        f"下一篇：关于开展{g.year}年“开学第一课”活动的通知",
        "推荐阅读",
        *related,
        f"Copyright © 2012-{g.year + 1} {site} 版权所有　ICP备12345678号",
    ]
    return "\n".join(page) + "\n"


def docsite(g: Genre, seed: int = 1) -> str:
    rng = random.Random(f"{g.key}{seed}")
    body = clean(g).splitlines()
    middle = len(body) // 2
    page = [
        "精选优质文档-倾情为你奉上",
        f"{g.title}",
        f"约{rng.randint(2, 6)}.{rng.randint(10, 99)}千字 约{rng.randint(3, 9)}页 {g.year}-03-0{rng.randint(1, 9)}发布于{rng.choice(['四川', '江苏', '河南'])}",
        "本文档由用户上传，文档的内容和观点仅代表作者本人，由本站整理发布。",
        f"下面是小编为大家整理的{g.title}，供大家参考。",
        *body[:middle],
        "精选优质文档-倾情为你奉上",
        *body[middle:],
        "专心---专注---专业",
    ]
    return "\n".join(page) + "\n"


def runon(g: Genre) -> str:
    return "".join(clean(g).splitlines()) + "\n"


def collection(keys: tuple[str, ...] = ("德育", "团委", "学校")) -> str:
    """A site's 合集: several plans on one page, each title numbered as a list entry (1.…第1篇)."""
    page = ["工作计划合集（精选3篇）", "下面是小编为大家整理的工作计划，供大家参考。"]
    for number, key in enumerate(keys, 1):
        lines = clean(genre(key)).splitlines()
        page += [f"{number}.{lines[0]}第{number}篇", *lines[1:]]
    return "\n".join(page) + "\n"


TEXT_FORMS = {
    "clean": clean,
    "web": web,
    "docsite": docsite,
    "runon": runon,
    "calendar": calendar,
    "calendar_web": calendar_web,
    "schoolyear": school_year,
    "summary": summary,
}


def form_text(g: Genre, form: str) -> str:
    return TEXT_FORMS[form](g)


# --- what a reading must find -------------------------------------------------------------------


def _count(lines: list[str]) -> int:
    """Clauses in body lines: every line but a heading line (一、 or a （一） line without a sentence)."""
    return sum(1 for line in lines if not re.match(r"^[一二三四五六七八九十]+、", line) and not _GROUP_LINE.match(line))


def expected(g: Genre, form: str) -> Expected:
    body = [g.preamble] + [line for heading, lines in g.sections for line in [heading, *lines]]
    count = _count(body)
    if form == "summary":
        lines = [g.summary_opening] + [line for heading, paras in g.summary for line in [heading, *paras]]
        return Expected(summary_title(g), g.unit, g.year - 1, "summary", _count(lines))
    if form == "schoolyear":
        term = 2 if "第二学期" in g.term else 1 if "第一学期" in g.term else 0
        year = g.year + 1 if term == 2 else g.year
        return Expected(school_year_title(g), g.unit, year, "plan", count, f"{g.year}-{g.year + 1}", term)
    if form in ("calendar", "calendar_web"):
        count += 1  # the table is one clause
    return Expected(g.title, g.unit, g.year, "plan", count)


def write_forms(folder: Path, forms=TEXT_FORMS) -> list[tuple[Genre, str, Path]]:
    """Every text form of every genre as a UTF-8 file in `folder`."""
    written = []
    for g in GENRES:
        for form in forms:
            path = folder / f"{g.key}-{form}.txt"
            path.write_text(form_text(g, form), encoding="utf-8")
            written.append((g, form, path))
    return written
