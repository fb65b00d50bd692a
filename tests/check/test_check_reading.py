"""check and --fix read gwplan's own drafts right: items that start with a year, 二. and a heading's
final 。, bundles checked plan by plan, no formatting added where it is right, and --fix converges."""
import zipfile

import docx
import pytest
from helpers import foreign_plan

from generator.check.checker import check_document
from generator.check.document import load
from generator.check.fix import fix_document


def plain_plan(path, lines):
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def test_an_item_that_starts_with_a_year_is_the_item_plus_the_year(tmp_path):
    path = plain_plan(tmp_path / "p.docx", [
        "青山区教育局关工委2027年工作要点", "一、强化引领", "15.组织专题学习。", "16.2027年是规范化建设推进年。",
        "17.2025年是关工委优质化建设全面推进年。", "18.20所学校完成档案整理。",
    ])
    paragraphs = load(path).paragraphs
    assert [(p.role, p.marker) for p in paragraphs[2:]] == [("heading3", "15."), ("heading3", "16."), ("heading3", "17."), ("heading3", "18.")]
    report = check_document(path)
    rules = [(f.rule, f.paragraph) for f in report.findings]
    assert not [r for r in rules if r[0] == "heading.sequence" and r[1] > 3]
    assert ("fresh.年份", 5) in rules  # 2025 in a 2027 plan is seen, not swallowed as an item number


def test_fix_turns_2_dot_into_2_comma_and_reports_a_heading_s_final_stop(tmp_path):
    source = foreign_plan(tmp_path / "foreign.docx")
    report = check_document(source)
    found = {(f.rule, f.excerpt[:4]) for f in report.findings}
    assert ("heading.form", "二.做实") in found and ("heading.punct", "一、筑牢") in found
    fixed = tmp_path / "fixed.docx"
    fix_document(source, fixed)
    texts = [p.text for p in docx.Document(str(fixed)).paragraphs]
    assert "二、做实关爱服务" in texts and "一、筑牢思想根基。" in texts  # a marker's form, not a stop, is --fix's
    assert not any(t.startswith("二。") for t in texts)
    after = check_document(fixed)
    assert not [f for f in after.findings if f.rule == "heading.form"]
    assert [(f.rule, f.fixable) for f in after.findings if f.rule == "heading.punct"] == [("heading.punct", False)]


def test_a_run_in_heading_keeps_its_stop(tmp_path):
    path = plain_plan(tmp_path / "p.docx", ["青山区2027年工作要点", "一、加强学习。组织全体成员集中学习。", "二、做实关爱。"])
    rules = [(f.rule, f.paragraph) for f in check_document(path).findings if f.rule == "heading.punct"]
    assert rules == [("heading.punct", 3)]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    from generator.cli import main

    folder = tmp_path_factory.mktemp("bundle")
    roster = folder / "roster.csv"
    roster.write_text(
        "学校名称,类型,目标.宣讲场次,目标.结对帮扶人数,目标.新增志愿者\n"
        "青山实验小学,小学,6,12,3\n青山中学,初中,8,15,4\n青山幼儿园,幼儿园,,,2\n",
        encoding="utf-8",
    )
    with pytest.raises(SystemExit):
        main(["batch", str(roster), "--year", "2027", "-o", str(folder / "s"), "--bundle", str(folder / "b.docx")])
    return folder / "b.docx"


def test_a_bundle_is_checked_plan_by_plan(bundle):
    document = load(bundle)
    assert len(document.parts) == 4
    assert {p.role for p in document.parts[0]} <= {"contents", "blank", "page_break"}  # the 目录 is not a plan
    for part in document.parts[1:]:
        roles = [p.role for p in part if p.role not in ("blank", "page_break")]
        assert roles[0] == "title" and roles[-2:] == ["signature", "date"]
    report = check_document(bundle)
    assert report.errors == [], [(f.rule, f.paragraph, f.message) for f in report.errors]


def _rpr_count(path):
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode("utf-8").count("<w:rPr>")


def test_fix_adds_nothing_to_correct_paragraphs(tmp_path, gwplan):
    draft = tmp_path / "d.docx"
    gwplan("draft", "--year", "2027", "-o", draft)
    assert fix_document(draft, tmp_path / "same.docx") == []
    assert _rpr_count(tmp_path / "same.docx") == _rpr_count(draft)
    # One wrong paragraph: only it is changed.
    document = docx.Document(str(draft))
    wrong = next(p for p in document.paragraphs if p.text.startswith("3."))
    wrong.runs[0].font.name = "宋体"
    wrong.runs[0]._r.rPr.rFonts.set("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "宋体")
    document.save(str(tmp_path / "one.docx"))
    changes = fix_document(tmp_path / "one.docx", tmp_path / "one-fixed.docx")
    assert changes == ["三级标题字体字号改为仿宋_GB2312 16 磅"]


def test_fix_converges(tmp_path):
    first, second = tmp_path / "1.docx", tmp_path / "2.docx"
    assert fix_document(foreign_plan(tmp_path / "foreign.docx"), first)
    assert fix_document(first, second) == []
    assert [f for f in check_document(first).findings if f.fixable] == []
