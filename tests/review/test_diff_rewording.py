"""diff shows a deep rewording as 改写 with word marks, and each policy wording once."""
from __future__ import annotations

from generator.review.diff import compare_files
from generator.review.html import diff_html

OLD = """东湖区教育局关工委2025年工作要点
一、加强思想引领
1.深入学习贯彻党的二十大和二十届三中、四中全会精神，组织“五老”宣讲团开展宣讲60场以上。
2.组织中小学生参加“强国复兴有我”主题读书征文活动，评选一批优秀作品和优秀组织单位。
3.推动优秀传统文化进校园，邀请非遗传承人开设书法、戏曲等兴趣课程。
二、做实关爱帮扶
4.建立困境学生关爱台账，落实结对帮扶措施。
5.每年暑期组织一次防溺水安全宣传。
"""
NEW = """东湖区教育局关工委2026年工作要点
一、加强思想引领
1.深入学习贯彻党的二十大和二十届历次全会精神，组织“五老”宣讲团开展宣讲60场以上。
2.组织全区中小学生开展“强国复兴有我”主题阅读和征文比赛，评选表彰优秀作品。
3.推动优秀传统文化进校园，邀请非遗传承人开设书法、戏曲等兴趣课程。
二、做实关爱帮扶
4.建立困境学生关爱台账，落实结对帮扶措施。
5.开展网络素养教育，引导学生文明上网。
"""


def _report(tmp_path):
    (tmp_path / "old.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(NEW, encoding="utf-8")
    return compare_files(tmp_path / "old.txt", tmp_path / "new.txt")


def test_a_deep_rewording_is_a_rewording_and_new_work_is_new(tmp_path):
    report = _report(tmp_path)
    rows = [row for section in report.sections for row in section.rows]
    statuses = [(row.status, (row.new or row.old)[:6]) for row in rows]
    assert ("reworded", "组织全区中小") in statuses  # below the first threshold, alone in its place
    # unrelated work in the same place stays 删除 + 新增
    assert ("added", "开展网络素养") in statuses and ("dropped", "每年暑期组织") in statuses
    reworded = next(row for row in rows if row.new.startswith("组织全区"))
    assert "<del>" in reworded.old_html and "<ins>" in reworded.new_html
    assert "改写" in diff_html(report)


def test_policy_wording_is_listed_once(tmp_path):
    changes = [c for c in _report(tmp_path).changes if c.kind == "政策表述"]
    assert [(c.old, c.new) for c in changes] == [("党的二十大和二十届三中、四中全会精神", "党的二十大和二十届历次全会精神")]
