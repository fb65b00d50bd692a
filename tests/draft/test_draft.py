"""gwplan draft: clause selection, targets, rules and the sandbox, on the starter library and the seeds."""
import datetime
import re

import pytest

from generator.draft.build import build_draft
from generator.errors import GwplanError
from generator.writers import layout

TODAY = datetime.date(2026, 12, 28)


def texts(plan):
    return [c.text for c in plan.all_clauses()]


def test_default_plan_from_the_starter_library():
    result = build_draft(2027, today=TODAY)
    plan = result.plan
    assert plan.title == "青山区教育局关工委2027年关心下一代工作要点"
    assert plan.signature == "青山区教育局关工委" and plan.date == "2026年12月28日"
    assert len(plan.sections) == 6 and len(plan.preamble) == 1
    assert plan.preamble[0].text.startswith("2027年，全区教育系统")
    everything = "".join(texts(plan))
    assert "{{" not in everything and "}}" not in everything
    assert "宣讲60场以上" in everything and "全区90%的中小学" in everything
    filled = [f for r in result.reports for f in r.filled]
    assert "达标学校比例=90%" in filled


def test_numbering_is_computed_from_the_tree():
    plan = build_draft(2027, today=TODAY).plan
    labels = [(b.role, b.label) for b in layout(plan) if b.role in ("heading1", "item")]
    headings = [label for role, label in labels if role == "heading1"]
    items = [label for role, label in labels if role == "item"]
    assert headings == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert items == [f"{n}." for n in range(1, 23)]


def test_plan_file_selects_orders_excludes_and_adds(starter, tmp_path):
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(
        """
title: "{{ org }}{{ year }}年关工委工作要点"
recipient: 各中小学、幼儿园
date: 2027年1月8日
attachments: [2027年重点工作安排表]
numbering: per-section
exclude: ["tag:中考"]
sections:
  - from: 关爱帮扶
    heading: 关爱帮扶重点工作
  - from: 01-思想政治引领
    clauses: [思想引领-五老宣讲, "tag:党建带关建"]
  - heading: 新增工作
    clauses:
      - text: 组织老同志参与{{ year }}年暑期托管服务。
""",
        encoding="utf-8",
    )
    plan = build_draft(2027, starter, plan_path=plan_file, today=TODAY).plan
    assert plan.title == "青山区教育局关工委2027年关工委工作要点"
    assert plan.recipient == "各中小学、幼儿园" and plan.date == "2027年1月8日"
    assert plan.attachments == ["2027年重点工作安排表"]
    assert [s.heading for s in plan.sections] == ["关爱帮扶重点工作", "强化思想政治引领，把牢工作正确方向", "新增工作"]
    assert not any("中考" in t for t in texts(plan))
    assert [c.id for c in plan.sections[1].clauses] == ["思想引领-五老宣讲", "思想引领-党建带关建"]
    assert plan.sections[2].clauses[0].text == "组织老同志参与2027年暑期托管服务。"
    items = [b.label for b in layout(plan) if b.role == "item"]
    assert items[:4] == ["1.", "2.", "3.", "4."] and items[4:6] == ["1.", "2."]


def test_retired_clauses_are_left_out(starter):
    path = starter / "06-自身建设.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: active", "status: retired", 1), encoding="utf-8")
    plan = build_draft(2027, starter, today=TODAY).plan
    assert not any("志愿者人才库" in t for t in texts(plan))


def test_missing_target_names_the_clause_its_line_and_the_target(starter):
    (starter / "targets.yaml").write_text("2027:\n  宣讲场次: 60\n", encoding="utf-8")
    with pytest.raises(GwplanError) as info:
        build_draft(2027, starter, today=TODAY)
    message = str(info.value)
    source = (starter / "03-关工委规范化建设.yaml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, l in enumerate(source, 1) if "id: 规范化-达标创建" in l)
    assert f"条款 规范化-达标创建（{starter / '03-关工委规范化建设.yaml'}:{line}）需要目标“达标学校比例”" in message
    assert "2027:" in message


def test_targets_of_another_year_are_not_used(starter):
    with pytest.raises(GwplanError) as info:
        build_draft(2028, starter, today=TODAY)
    assert "缺少 2028 年的目标值" in str(info.value)


def test_targets_file_option_wins(starter, tmp_path):
    targets = tmp_path / "t.yaml"
    targets.write_text("宣讲场次: 80\n达标学校比例: 95%\n示范校数量: 十\n结对帮扶人数: 400\n新增志愿者: 60\n", encoding="utf-8")
    plan = build_draft(2028, starter, targets_path=targets, today=TODAY).plan
    assert any("宣讲80场以上" in t for t in texts(plan))


@pytest.mark.parametrize(
    "injected, message",
    [
        ("{{ ''.__class__.__mro__ }}", "访问程序内部"),
        ("{{ cycler.__init__.__globals__ }}", "访问程序内部"),
        ("{{ budget }}", "没有名为 budget 的值"),
        ("{{ year", "占位符语法错误"),
    ],
)
def test_clause_placeholders_are_sandboxed_and_strict(starter, injected, message):
    path = starter / "04-家校社协同育人.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("为学生课后和假期活动提供场所。", f"提供场所{injected}。"), encoding="utf-8")
    with pytest.raises(GwplanError) as info:
        build_draft(2027, starter, today=TODAY)
    assert message in str(info.value)
    assert str(path) in str(info.value) and "条款 家校社-教联体" in str(info.value)


def test_template_syntax_error_reports_template_file_and_line(tmp_path):
    (tmp_path / "plan.j2").write_text("title: {{ title }}\n{% for x in sections %}\nheading1: {{ x.heading }\n", encoding="utf-8")
    with pytest.raises(GwplanError) as info:
        build_draft(2027, today=TODAY, template_dir=str(tmp_path))
    assert re.search(r"plan\.j2:3: 模板语法错误", str(info.value))


@pytest.mark.parametrize(
    "content, fragment, line",
    [
        ("numbering: roman\n", "numbering 只能是", 1),
        ("title: 标题\ndate: 2027年2月30日\n", "不是真实存在的日期", 2),
        ("date: 2027-01-05\n", "阿拉伯数字", 1),
        ("titel: 标题\n", "未知字段“titel”", 1),
        ("sections:\n  - from: 不存在的节\n", "没有“不存在的节”这一节", 2),
    ],
)
def test_plan_file_errors_name_the_line(tmp_path, content, fragment, line):
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(content, encoding="utf-8")
    with pytest.raises(GwplanError) as info:
        build_draft(2027, plan_path=plan_file, today=TODAY)
    assert fragment in str(info.value) and f"{plan_file}:{line}:" in str(info.value)


def test_unknown_clause_id_in_plan_file(tmp_path):
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text("sections:\n  - heading: 甲\n    clauses: [没有这条]\n", encoding="utf-8")
    with pytest.raises(GwplanError) as info:
        build_draft(2027, plan_path=plan_file, today=TODAY)
    assert "没有 id 为“没有这条”的条款" in str(info.value)


def test_seed_library_drafts_a_fresh_2027_plan(tmp_path, gwplan, seeds):
    from generator.library.load import load_library

    lib = tmp_path / "lib"
    assert gwplan("ingest", *sorted(seeds.glob("*.txt")), "--library", lib).code == 0
    # Every clause and every preamble (--all), so 2022's and 2024's wording is rolled over too.
    preambles = [c.id for s in load_library(lib).sections if s.role == "preamble" for c in s.clauses]
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text("preamble: [" + ", ".join(preambles) + "]\n", encoding="utf-8")
    result = build_draft(2027, lib, org="常州市武进区教育局关工委", plan_path=plan_file, today=TODAY, everything=True)
    plan = result.plan
    body = "\n".join([plan.title] + texts(plan) + [s.heading for s in plan.sections])
    marked = [m.excerpt for c in plan.all_clauses() for m in c.marks]
    assert "{{" not in body and "}}" not in body
    for match in re.finditer(r"((?:19|20)\d{2})年", body):
        year, context = match.group(1), body[max(0, match.start() - 4): match.end() + 8]
        unmarked = not any(match.group(0) in m for m in marked)
        assert year == "2027" or re.search(r"自\d{4}年起|\d{4}年下发", context) or not unmarked, context
    for stale in ("二十届三中全会精神", "党的二十大精神", "后疫情时代", "迎接党的二十大", "75周年", "十四五"):
        assert stale not in body, stale
    assert "党的二十大和二十届历次全会精神" in body
    assert "迎接党的二十一大胜利召开" in body  # 001's 2022 wording, rolled to 2027
    flags = [f for r in result.reports for f in r.flags]
    assert {f.kind for f in flags} <= {"提示", "待补", "数字", "年份", "地名"}
    # The web copy's redacted place names (*), 2022's dated fact and the truncated ending need a human.
    assert any(f.kind == "待补" and f.excerpt == "*" for f in flags)
    assert any(f.kind == "年份" and f.excerpt.startswith("2022年是") for f in flags)
    assert any(f.kind == "提示" and "截断" in f.excerpt for f in flags)
    changed = {c.rule for r in result.reports for c in r.changes}
    assert {"会议精神", "周年", "迎接党代会", "后疫情时代", "十四五当前规划"} <= changed
