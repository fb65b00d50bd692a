"""gwplan batch: school plans from a roster, file-name safety, bad rows (bundles: test_bundle.py)."""
import datetime

import docx
import pytest

from generator.batch.run import output_paths, run_batch, safe_file_name
from generator.batch.roster import School

TODAY = datetime.date(2026, 12, 28)
ROSTER = """学校名称,类型,关工委主任,目标.结对帮扶人数,红色资源
梅园小学,小学,王建国,20,青山烈士陵园
青山区实验幼儿园,幼儿园,李秀英,,
青山初级中学,初中,张伟,35,
青山高级中学,高中,刘洋,40,新四军纪念馆
青山职业学校,职业学校,陈静,,
"""
YAML_ROSTER = """schools:
  - 学校名称: 梅园小学
    类型: 小学
    关工委主任: 王建国
    targets: {结对帮扶人数: 20}
    红色资源: 青山烈士陵园
  - {学校名称: 青山区实验幼儿园, 类型: 幼儿园, 关工委主任: 李秀英}
  - {学校名称: 青山初级中学, 类型: 初中, 关工委主任: 张伟, targets: {结对帮扶人数: 35}}
  - {学校名称: 青山高级中学, 类型: 高中, 关工委主任: 刘洋, targets: {结对帮扶人数: 40}, 红色资源: 新四军纪念馆}
  - {学校名称: 青山职业学校, 类型: 职业学校, 关工委主任: 陈静}
"""


def text_of(path):
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@pytest.mark.parametrize("roster_name, content", [("名册.csv", ROSTER.encode("gbk")), ("名册.yaml", YAML_ROSTER.encode())])
def test_five_schools_get_their_own_plans(tmp_path, roster_name, content):
    roster = tmp_path / roster_name
    roster.write_bytes(content)
    result = run_batch(roster, 2027, tmp_path / "out", today=TODAY, jobs=1)
    assert len(result.written) == 5 and not result.failed
    plans = {r.name: text_of(r.path) for r in result.written}
    for name, text in plans.items():
        assert text.split("\n\n")[0].replace("\n", "") == f"{name}2027年关心下一代工作计划"
        assert "《青山区教育局关工委2027年关心下一代工作要点》" in text
        assert f"{name}关工委\n2026年12月28日" in text
        assert "{{" not in text and "区级" not in text
        assert "全区各级教育关工委每季度" not in text  # district-only clauses stay with the district
    kindergarten = plans["青山区实验幼儿园"]
    assert "幼小衔接" in kindergarten and "中考" not in kindergarten and "高三" not in kindergarten
    assert "我园关工委" in kindergarten
    assert "中考前" in plans["青山初级中学"] and "高三" not in plans["青山初级中学"]
    assert "高三学生" in plans["青山高级中学"] and "中考" not in plans["青山高级中学"]
    assert "中考" not in plans["青山职业学校"] and "幼小衔接" not in plans["青山职业学校"]
    # A school's own values; the district's 300 never reaches a school, a missing value is 【待定】.
    assert "结对帮扶困境学生20名以上" in plans["梅园小学"]
    assert "结对帮扶困境学生【待定】名以上" in plans["青山职业学校"]
    assert not any("300" in text for text in plans.values())
    assert "用好青山烈士陵园等身边的红色资源" in plans["梅园小学"]
    assert "本计划由我校关工委主任王建国负责组织实施" in plans["梅园小学"]


def test_xlsx_roster(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in ROSTER.strip().splitlines():
        sheet.append(row.split(","))
    book.save(tmp_path / "名册.xlsx")
    result = run_batch(tmp_path / "名册.xlsx", 2027, tmp_path / "out", today=TODAY, jobs=1)
    assert len(result.written) == 5


def test_hostile_names_stay_inside_outdir(tmp_path, gwplan):
    names = ["../x", "a/b", "CON", "..", "a\\b:c*?", "nul.txt"] + ["同名学校"] * 30
    roster = tmp_path / "r.csv"
    roster.write_text("学校,类型\n" + "".join(f"\"{n}\",小学\n" for n in names), encoding="utf-8")
    outdir = tmp_path / "out"
    result = gwplan("batch", roster, "--year", "2027", "-o", outdir)
    assert result.code == 0, result.err
    written = sorted(p for p in tmp_path.rglob("*.docx"))
    assert len(written) == len(names)
    assert all(p.parent == outdir for p in written)
    assert len({p.name.lower() for p in written}) == len(names)
    assert not (tmp_path / "x2027年关心下一代工作计划.docx").exists()
    assert not any(p.name.split(".")[0].upper() in ("CON", "NUL") for p in written)


def test_safe_file_names():
    assert safe_file_name("../x") == "_x"
    assert safe_file_name("a/b") == "a_b"
    assert safe_file_name("CON") == "_CON"
    assert safe_file_name("...") == "学校"
    paths = output_paths([School(2, "同名"), School(3, "同名"), School(4, "同名")], __import__("pathlib").Path("/tmp/o"), 2027)
    assert [p.name for p in paths.values()] == [
        "同名2027年关心下一代工作计划.docx", "同名2027年关心下一代工作计划（2）.docx", "同名2027年关心下一代工作计划（3）.docx",
    ]


def test_a_bad_row_does_not_stop_the_others(tmp_path, gwplan):
    roster = tmp_path / "r.csv"
    roster.write_text(
        "学校名称,类型,追加条款\n甲小学,小学,\n,小学,\n乙学校,大学,\n丙中学,初中,没有这条\n丁小学,小学,\n", encoding="utf-8"
    )
    result = gwplan("batch", roster, "--year", "2027", "-o", tmp_path / "out")
    assert result.code == 1
    assert "已生成 2 份" in result.out and "失败 3 份" in result.out
    assert "名册第 3 行（无名称）：没有学校名称" in result.out
    assert "名册第 4 行（乙学校）：学校类型“大学”不认识" in result.out
    assert "名册第 5 行（丙中学）：要追加的条款 没有这条 不在条款库中" in result.out
    assert sorted(p.name[:3] for p in (tmp_path / "out").iterdir()) == ["丁小学", "甲小学"]


def test_unreadable_roster_exits_2(tmp_path, gwplan):
    for content, message in ((b"", "空"), ("名字,年龄\n张三,3\n".encode(), "找不到表头"), (b"\x00\x01\x02" * 100, "二进制")):
        roster = tmp_path / "r.csv"
        roster.write_bytes(content)
        result = gwplan("batch", roster, "--year", "2027", "-o", tmp_path / "out")
        assert result.code == 2 and message in result.err and "Traceback" not in result.err
    assert gwplan("batch", tmp_path / "none.csv", "--year", "2027", "-o", tmp_path / "o").code == 2


def test_existing_plans_need_force(tmp_path, gwplan):
    roster = tmp_path / "r.csv"
    roster.write_text("学校,类型\n甲小学,小学\n", encoding="utf-8")
    assert gwplan("batch", roster, "--year", "2027", "-o", tmp_path / "out").code == 0
    again = gwplan("batch", roster, "--year", "2027", "-o", tmp_path / "out")
    assert again.code == 2 and "--force" in again.err
    assert gwplan("batch", roster, "--year", "2027", "-o", tmp_path / "out", "--force").code == 0
