"""School plans that read as school plans (issue: audience, types, targets, report).

A district plan written for this test (fixtures/district_2026.txt) is ingested; a reviewer turns
its two totals into named targets; one roster with a 幼儿园, 小学, 初中, 高中 and 职校 is drafted.
The district-only sentences below were chosen by reading the plan, not by running the program.
"""
import datetime
import shutil
from pathlib import Path

import docx
import pytest

from generator.rules.audience import judge, load_audience_rules, school_version
from generator.batch.run import run_batch
from generator.draft.build import build_draft
from generator.ingest import ingest
from generator.library.load import load_library
from generator.rules.schooltypes import load_school_types

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "district_2026.txt"
TODAY = datetime.date(2026, 12, 20)
ROSTER = """学校名称,类型,关工委主任,目标.结对帮扶人数
白塔区实验幼儿园,幼儿园,李秀英,
白塔区梅园小学,小学,王建国,
白塔区第二初级中学,初中,张伟,15
白塔区第一高级中学,高中,刘洋,
白塔区职业教育中心,职校,陈静,
"""
PLAN = """school_targets:
  所有学校:
    新增志愿者: 2
  小学:
    结对帮扶人数: 10
"""
# What only the bureau does, or only the district counts: none of it may reach a school.
DISTRICT_ONLY = [
    "主任例会", "骨干培训班", "90%", "示范校", "已通过验收", "回头看", "考核办法", "综合考评",
    "简报", "优秀组织单位", "300", "50名", "教育局关工委每季度",
]
EXAMS = ["中考", "高考", "初三", "高三", "志愿填报"]


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    folder = tmp_path_factory.mktemp("schools")
    library = folder / "library"
    ingest([FIXTURE], library)
    # The reviewer names the two district totals as this year's targets.
    for path in library.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = text.replace("结对帮扶困境学生300名以上", "结对帮扶困境学生{{ targets.结对帮扶人数 }}名以上")
        text = text.replace("新增志愿者50名", "新增志愿者{{ targets.新增志愿者 }}名")
        path.write_text(text, encoding="utf-8")
    (library / "targets.yaml").write_text("2027:\n  结对帮扶人数: 300\n  新增志愿者: 50\n", encoding="utf-8")
    (folder / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (folder / "名册.csv").write_text(ROSTER, encoding="utf-8")
    result = run_batch(
        folder / "名册.csv", 2027, folder / "out", library=library, plan=folder / "plan.yaml",
        bundle=folder / "汇编.docx", today=TODAY, jobs=1,
    )
    assert not result.failed, result.failed
    by_type = dict(zip(["幼儿园", "小学", "初中", "高中", "职校"], result.written))
    return folder, library, result, {kind: row for kind, row in by_type.items()}


def body_text(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def highlighted(path) -> list[str]:
    document = docx.Document(str(path))
    return [run.text for p in document.paragraphs for run in p.runs if run.font.highlight_color is not None]


def test_no_district_sentence_reaches_any_school(plans):
    _, _, _, rows = plans
    for kind, row in rows.items():
        text = body_text(row.path)
        for phrase in DISTRICT_ONLY:
            assert phrase not in text, f"{kind}：{phrase}"
        assert "各校" not in text and "各地各校" not in text, kind


def test_the_district_plan_keeps_them(plans):
    _, library, _, _ = plans
    text = "\n".join(c.text for c in build_draft(2027, library, today=TODAY).plan.all_clauses())
    for phrase in ("主任例会", "骨干培训班", "90%", "简报", "全区结对帮扶困境学生300名以上"):
        assert phrase in text


def test_school_voice(plans):
    _, _, _, rows = plans
    primary, kindergarten = body_text(rows["小学"].path), body_text(rows["幼儿园"].path)
    assert "我校要健全关工委工作例会" in primary and "我校围绕青少年成长中的突出问题形成调研报告" in primary
    assert "我园要健全关工委工作例会" in kindergarten
    # The school's part of a sentence stays, the district's part goes.
    assert "组织学生参加“强国复兴有我”主题读书征文活动。" in primary
    assert "建立困境学生关爱台账，落实“一生一案”，全校结对帮扶困境学生10名以上。" in primary


def test_each_type_gets_its_own_stage(plans):
    _, _, _, rows = plans
    text = {kind: body_text(row.path) for kind, row in rows.items()}
    kindergarten = text["幼儿园"]
    for word in EXAMS + ["学生", "少先队", "技能训练"]:
        assert word not in kindergarten, word
    assert "文明礼貌" in kindergarten and "幼小衔接" in kindergarten
    assert "少先队" in text["小学"] and "幼小衔接" in text["小学"] and "中考" not in text["小学"]
    assert "中考前" in text["初中"] and "少先队" in text["初中"] and "高三" not in text["初中"]
    assert "志愿填报" in text["高中"] and "中考" not in text["高中"] and "幼儿" not in text["高中"]
    assert "技能训练" in text["职校"] and not any(word in text["职校"] for word in EXAMS)


def test_targets_are_the_schools_own(plans):
    _, _, result, rows = plans
    assert "新增志愿者2名" in body_text(rows["初中"].path)
    assert "全校结对帮扶困境学生15名以上" in body_text(rows["初中"].path)
    high = rows["高中"]
    assert "全校结对帮扶困境学生【待定】名以上" in body_text(high.path)
    assert any("【待定】" in run for run in highlighted(high.path))
    assert any(f.kind == "目标" and "结对帮扶人数" in f.reason for f in high.flags)
    assert not any(f.kind == "目标" for f in rows["初中"].flags)


def test_school_plans_are_short(plans):
    from generator.writers.pages import estimate_pages

    _, _, _, rows = plans
    for kind, row in rows.items():
        assert 2 <= estimate_pages(row.path) <= 4, kind


def test_reviewer_can_override_audience(plans, tmp_path):
    _, library, _, _ = plans
    copy = tmp_path / "library"
    shutil.copytree(library, copy)
    path = next(p for p in copy.glob("*.yaml") if "主任例会" in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    marker = text.index("主任例会")
    before = text.rfind("audience: district", 0, marker)
    path.write_text(text[:before] + "audience: both    " + text[before + len("audience: district"):], encoding="utf-8")
    roster = tmp_path / "r.csv"
    roster.write_text("学校名称,类型\n甲小学,小学\n", encoding="utf-8")
    result = run_batch(roster, 2027, tmp_path / "out", library=copy, today=TODAY, jobs=1)
    row = result.written[0]
    assert "主任例会" in body_text(row.path)
    assert any(f.kind == "读者" for f in row.flags)  # kept, and marked: it still reads as district work


def test_ingest_writes_the_audience_with_its_reason(plans):
    _, library, _, _ = plans
    text = "".join(p.read_text(encoding="utf-8") for p in library.glob("*.yaml"))
    assert "audience: district  # 依据：教育局关工委自己做的事；学校计划不用" in text
    assert "audience: district  # 依据：举办培训班、轮训；学校计划不用" in text
    clauses = [c for _, c in load_library(library).clauses()]
    assert {c.audience for c in clauses} == {"district", "both"}
    assert sum(c.audience == "district" for c in clauses) == 6


@pytest.mark.parametrize("text, audience", [
    ("教育局关工委要严格按照要求，召开优质化工作推进会。", "district"),
    ("举办全区“五老”骨干培训班，提升老同志的能力。", "district"),
    ("对已达标的学校开展复查，防止重创建、轻巩固。", "district"),
    ("组织“五老”参与学校安全教育，配合做好防溺水工作。", "both"),
    ("各校要积极挖掘本地的红色资源，组织学生参观。", "both"),
    ("建立关工委成员联系班级制度，每名成员联系一个班级。", "school"),
])
def test_judge(text, audience):
    assert judge(text, load_audience_rules()).audience == audience


def test_only_whole_sentences_or_a_sentence_tail_are_left_out():
    rules = load_audience_rules()
    text = "首先，完善了区、校两级关工委工作考核办法。组织学生参观纪念馆，评选优秀组织单位。"
    version = school_version(text, text, rules, "小学", "我校")
    assert version.text == "组织学生参观纪念馆。"
    assert [part for part, _ in version.dropped] == ["首先，完善了区、校两级关工委工作考核办法。", "评选优秀组织单位。"]
    quoted = "围绕“各校要争先”主题，各校要组织学生参加。"
    assert school_version(quoted, quoted, rules, "小学", "我校").text == "围绕“各校要争先”主题，我校要组织学生参加。"


def test_stage_tags_match_with_or():
    types = load_school_types()
    assert types.fits(["中考", "高考"], "", "初中") and types.fits(["中考", "高考"], "", "高中")
    assert not types.fits(["中考", "高考"], "", "小学")
    assert types.fits([], "面向全省中小学校（幼儿园）开展征稿活动", "幼儿园")
    assert not types.fits([], "组织中小学生参加活动", "幼儿园")
    assert not types.fits(["区级"], "", "小学")


def test_lint_checks_audience_and_tags(tmp_path):
    library = tmp_path / "library"
    library.mkdir()
    (library / "gwplan.yaml").write_text("title: '{{ org }}{{ year }}年工作要点'\norg: 白塔区教育局关工委\nformat: 2\n", encoding="utf-8")
    (library / "01-一节.yaml").write_text(
        "section: 一节\nclauses:\n"
        "  - id: a\n    status: active\n    audience: regional\n    text: 组织老同志开展学习。\n"
        "  - id: b\n    status: active\n    audience: both\n    text: 组织老同志开展学习活动。\n    tags: [区级, 学习]\n"
        "  - id: c\n    status: active\n    audience: district\n    text: 召开全区推进会。\n    tags: [区级]\n",
        encoding="utf-8",
    )
    from generator.review.lint import lint_library

    problems = [(Path(p.file).name, p.line, p.severity, p.message) for p in lint_library(library).problems]
    assert ("01-一节.yaml", 5, "error") == problems[0][:3] and "audience“regional”无效" in problems[0][3]
    warned = [p for p in problems if p[2] == "warning"]
    assert len(warned) == 1 and warned[0][1] == 11 and "条款 b" in warned[0][3] and "不会进入任何学校的计划" in warned[0][3]


def test_report_counts_lists_and_json(plans, gwplan):
    folder, library, _, _ = plans
    args = ["batch", folder / "名册.csv", "--year", "2027", "--library", library, "--plan", folder / "plan.yaml"]
    short = gwplan(*args, "-o", folder / "r1")
    assert short.code == 0, short.err
    assert "需要人工查看" in short.out and "白塔区第一高级中学：" in short.out and "目标 1" in short.out
    assert "加 --verbose 逐条列出" in short.out and "名册和计划文件都没有给出本校" not in short.out
    verbose = gwplan(*args, "-o", folder / "r2", "--verbose")
    line = next(l for l in verbose.out.splitlines() if "结对帮扶人数" in l)
    assert "困境学生-关爱台账（" in line and ".yaml:" in line and "【待定】" in line
    data = __import__("json").loads(gwplan(*args, "-o", folder / "r3", "--json").out)
    high = next(w for w in data["written"] if w["name"] == "白塔区第一高级中学")
    assert any(f["kind"] == "目标" and f["excerpt"] == "【待定】" for f in high["flags"])
    assert all("flags" in w and "pages" in w for w in data["written"])


def test_a_redaction_in_the_library_is_reported_for_every_school(plans, tmp_path, gwplan):
    _, library, _, _ = plans
    copy = tmp_path / "library"
    shutil.copytree(library, copy)
    path = next(p for p in copy.glob("*.yaml") if "文明礼貌" in p.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8").replace("文明礼貌的好习惯", "文明礼貌的**习惯", 1), encoding="utf-8")
    roster = tmp_path / "r.csv"
    roster.write_text("学校名称,类型\n甲幼儿园,幼儿园\n乙幼儿园,幼儿园\n", encoding="utf-8")
    done = gwplan("batch", roster, "--year", "2027", "--library", copy, "-o", tmp_path / "out", "--verbose")
    assert done.code == 0
    assert done.out.count("“**”——隐去或待填写的内容") == 2  # listed under each school


def test_xlsx_roster_with_merged_title_rows(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["A1"] = "白塔区2027年各校关工委名册"
    sheet.merge_cells("A1:C1")
    sheet["A2"] = "填报日期：2026年12月"
    sheet.append([])
    sheet.append(["序号", "学校名称", "类型"])
    sheet.append([1, "甲小学", "小学"])
    sheet.append([2, "乙幼儿园", "幼儿园"])
    sheet.append([3, "丙学校", "大学"])
    book.save(tmp_path / "名册.xlsx")
    from generator.batch.roster import read_roster

    schools = read_roster(tmp_path / "名册.xlsx", load_school_types())
    assert [(s.row, s.name, s.type) for s in schools[:2]] == [(5, "甲小学", "小学"), (6, "乙幼儿园", "幼儿园")]
    assert schools[2].row == 7 and "大学" in schools[2].problem  # row numbers as Excel shows them


def test_ctrl_c_says_what_was_written(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    roster = tmp_path / "r.csv"
    roster.write_text("学校名称,类型\n" + "".join(f"第{n}小学,小学\n" for n in range(4000)), encoding="utf-8")  # far more than one run does before the signal
    outdir = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "batch", str(roster), "--year", "2027", "-o", str(outdir), "--jobs", "2",
         "--bundle", str(tmp_path / "b.docx")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2],
    )
    deadline = time.time() + 60
    while time.time() < deadline and len(list(outdir.glob("*.docx"))) < 20:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Traceback" not in err and "ForkPoolWorker" not in err and "KeyboardInterrupt" not in err
    written = list(outdir.glob("*.docx"))
    assert f"已中断：{len(written)} 份学校计划已完整写入" in err and "汇编也没有生成" in err
    assert 20 <= len(written) < 4000 and not list(outdir.glob(".*.tmp")) and not (tmp_path / "b.docx").exists()
    for path in written:  # every file on disk is a whole plan
        assert docx.Document(str(path)).paragraphs[0].text.endswith("工作计划")
    assert os.path.isdir(outdir)


def test_a_bundle_that_cannot_be_written_says_the_plans_were(tmp_path, gwplan):
    roster = tmp_path / "r.csv"
    roster.write_text("学校名称,类型\n甲小学,小学\n乙小学,小学\n", encoding="utf-8")
    (tmp_path / "b.docx").mkdir()  # the bundle's name is taken by a folder
    done = gwplan("batch", roster, "--year", "2027", "-o", tmp_path / "out", "--bundle", tmp_path / "b.docx", "--force")
    assert done.code == 1
    assert "已生成 2 份学校计划" in done.out and "汇编没有写成" in done.out and "2 份学校计划已写入" in done.out
    assert "没有改动任何文件" not in done.out + done.err
    assert len(list((tmp_path / "out").glob("*.docx"))) == 2


def test_school_plans_from_the_real_seed_plans(seeds, tmp_path):
    library = tmp_path / "library"
    ingest(sorted(seeds.glob("*.txt")), library)
    roster = tmp_path / "r.csv"
    roster.write_text("学校名称,类型\n湖塘实验幼儿园,幼儿园\n湖塘初级中学,初中\n", encoding="utf-8")
    result = run_batch(roster, 2027, tmp_path / "out", library=library, today=TODAY, jobs=1)
    kindergarten, middle = (body_text(r.path) for r in result.written)
    for text in (kindergarten, middle):
        for phrase in ("教育局关工委要", "85%的中小学", "第四批", "三所优质化学校验收", "各校关工委要"):
            assert phrase not in text, phrase
    assert "面向全省中小学校（幼儿园）联合开展" in kindergarten  # the contest names kindergartens
    assert "中小学生" not in kindergarten and "学生" not in kindergarten.split("制定本计划。")[1]
    assert "我园关工委要不断总结工作经验" in kindergarten and "我校关工委要不断总结工作经验" in middle
    tags = {c.id: c.tags for _, c in load_library(library).clauses()}
    assert not any(set(t) & {"幼儿园", "小学", "初中", "高中", "中考", "高考"} for t in tags.values())
