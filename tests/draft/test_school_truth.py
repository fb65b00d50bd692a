"""School plans (batch) tell the truth: district numbers marked, exam items only for the stages
that sit exams, kindergarten wording, and a report that counts only what each file highlights."""
import datetime
import re

import docx
import pytest

from generator.batch.run import run_batch

TODAY = datetime.date(2026, 12, 20)
DISTRICT = """清河区教育局关工委2026年工作要点

2026年，全区教育系统关心下一代工作坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十届三中全会精神，巩固拓展主题教育成果，发挥“五老”作用。
一、加强思想引领
1.组织“五老”进校园，讲好党史故事，引导学生听党话、跟党走。
2.各部门、各年级按照分工抓好落实，形成育人合力。
二、关注身心健康
3.组织退休教师在中考前为初三学生开展考前心理疏导。
4.邀请老专家走进毕业班，为初三、高三学生开设中考、高考减压讲座，缓解考试焦虑。
5.做好高考志愿填报指导，帮助高三学生理性选择。
三、加强自身建设
6.每校全年报送关工委工作信息不少于4篇。
7.全年新增“五老”志愿者50名，充实工作队伍。
8.做好关工委工作的宣传报道，办好宣传栏。
"""
ROSTER = """学校名称,类型
清河区第一初级中学,初中
清河区第一高级中学,高中
清河区职业教育中心,职校
清河区特殊教育学校,特殊教育学校
清河区实验幼儿园,幼儿园
"""


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    folder = tmp_path_factory.mktemp("truth-schools")
    (folder / "2026-清河区教育局关工委-工作要点.txt").write_text(DISTRICT, encoding="utf-8")
    from generator.ingest import ingest

    ingest([folder / "2026-清河区教育局关工委-工作要点.txt"], folder / "library")
    (folder / "名册.csv").write_text(ROSTER, encoding="utf-8")
    (folder / "plan.yaml").write_text("school_targets:\n  所有学校:\n    新增志愿者: 2\n", encoding="utf-8")
    result = run_batch(folder / "名册.csv", 2027, folder / "out", library=folder / "library", plan=folder / "plan.yaml",
                       today=TODAY, jobs=1)
    assert not result.failed, [(r.name, r.error) for r in result.failed]
    return {r.name: r for r in result.written}


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(row):
    """(whole text, highlighted text) of a school's file."""
    document = docx.Document(str(row.path))
    runs = list(document.element.body.iter(W + "r"))
    marked = "".join("".join(t.text or "" for t in r.iter(W + "t")) for r in runs if r.find(f"{W}rPr/{W}highlight") is not None)
    return "\n".join(p.text for p in document.paragraphs), marked


def test_exam_items_follow_the_school_stages(batch):
    junior, _ = read(batch["清河区第一初级中学"])
    assert "在中考前为初三学生" in junior
    senior, marked = read(batch["清河区第一高级中学"])
    assert "在中考前为初三学生" not in senior and "志愿填报" in senior
    assert "减压讲座" in senior and "中考" in marked and "初三" in marked  # a clause for both stages: 中考, 初三 marked
    assert {f.excerpt for f in batch["清河区第一高级中学"].flags if f.kind == "学段"} == {"中考", "初三"}
    for name in ("清河区特殊教育学校", "清河区实验幼儿园", "清河区职业教育中心"):
        text, _ = read(batch[name])
        assert not re.search("中考|初三", text), name
    special, _ = read(batch["清河区特殊教育学校"])
    assert not re.search("高考|志愿填报|高三", special)
    assert any("中考" in why and "特殊教育学校" in why for why in batch["清河区特殊教育学校"].dropped.values())


def test_a_kindergarten_gets_kindergarten_words_and_no_party_history_lesson(batch):
    text, _ = read(batch["清河区实验幼儿园"])
    assert "党史" not in text and "各年级组" in text and "各年级按照" not in text
    assert "我园全年报送" in text


def test_district_numbers_are_marked_in_every_school_plan(batch):
    for name, row in batch.items():
        text, marked = read(row)
        assert "每校" not in text, name
        if "50名" in text:
            assert "50名" in marked, name
            reason = next(f.reason for f in row.flags if f.excerpt == "50名")
            assert "区级计划中的数字" in reason and "新增志愿者=2" in reason


def test_the_report_counts_only_what_each_file_highlights(batch):
    for name, row in batch.items():
        text, marked = read(row)
        assert row.flags, name
        for flag in row.flags:
            assert flag.excerpt in text, (name, flag)
        assert not any(f.kind == "提示" for f in row.flags)


def test_the_report_names_every_clause_a_school_leaves_out(batch, capsys, tmp_path):
    from types import SimpleNamespace

    from generator.cli.reports import print_batch_report

    result = SimpleNamespace(written=list(batch.values()), failed=[], outdir=tmp_path, bundle=None, bundle_error="")
    print_batch_report(result, verbose=True)
    out = capsys.readouterr().out
    special = batch["清河区特殊教育学校"]
    assert special.dropped and all(f"清河区特殊教育学校：{i}——{why}" in out for i, why in special.dropped.items())
