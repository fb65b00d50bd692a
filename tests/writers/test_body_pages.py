"""body_xml(count_pages=True) pages a plan from the paragraphs it writes; the bundle used to
read them back from the XML. Both must give the same count, whatever the layout did to the end
of the plan (condensed paragraphs, kept lines), and a notice (版头) is paged from its XML."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from generator.draft.build import Drafter
from generator.draft.notice import NoticeSpec, issue_as_notice, load_unit
from generator.profile import load_profile
from generator.resources import data_dir
from generator.writers.docx import body_xml
from generator.writers.pagination import measure_of
from generator.writers.pages import body_paragraphs

SECTIONS = ["01-思想政治引领", "02-立德树人与主题教育", "03-关工委规范化建设", "04-家校社协同育人", "05-关爱帮扶"]


def _plan_file(path: Path, extra: int, words: int) -> Path:
    lines = ["sections:"] + [f"  - from: {name}" for name in SECTIONS] + ["  - from: 06-自身建设", "    clauses:"]
    lines += ["      - 自身建设-志愿者队伍"]
    lines += [f"      - text: {_clause(n, words)}" for n in range(extra)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


WHO = ["退休教师", "老党员", "家长志愿者", "社区网格员", "高校学生", "少先队辅导员", "法官检察官", "医务工作者",
       "非遗传承人", "退役军人", "图书馆员", "企业工程师", "民警", "乡贤", "农技专家", "书画爱好者"]
WHAT = ["讲述身边的变化", "辅导课后作业", "排练校园剧", "整理村史资料", "开展急救演练", "种植劳动基地",
        "调查河道水质", "制作航模", "诵读经典篇目", "编写安全手册", "走访困难家庭", "记录口述历史", "修缮旧书"]


def _clause(n: int, words: int) -> str:
    """Clauses unlike each other (near-duplicates would be merged), `words` times longer."""
    return f"{'邀请' if n % 2 else '组织'}{WHO[n % len(WHO)]}{WHAT[n % len(WHAT)]}" + f"，{WHAT[(n + 5) % len(WHAT)]}" * words + "。"


@pytest.mark.parametrize("words", [0, 9])
def test_pages_from_the_paragraphs_are_the_pages_read_back(tmp_path, words):
    profile, measure = load_profile(), measure_of(load_profile())
    seen = set()
    for extra in range(0, 26):
        drafter = Drafter(2027, None, None, _plan_file(tmp_path / f"{extra}.yaml", extra, words), None)
        plan = drafter.draft(today=datetime.date(2026, 12, 1)).plan
        body = body_xml(plan, profile, count_pages=True)
        assert body.pages == measure.pages(body_paragraphs(body.xml)), (extra, words)
        seen.add(body.pages)
    assert len(seen) >= 2  # the plans ran over more than one page count


def test_a_notice_is_paged_from_its_xml(tmp_path):
    profile = load_profile()
    drafter = Drafter(2027, None, None, None, None)
    result = drafter.draft(today=datetime.date(2026, 12, 1))
    notice = issue_as_notice(result, load_unit(None, data_dir("library")), NoticeSpec(), 2027, profile)
    body = body_xml(notice, profile, count_pages=True)
    assert body.pages == measure_of(profile).pages(body_paragraphs(body.xml))
    assert body_xml(notice, profile).pages is None  # only counted when asked
