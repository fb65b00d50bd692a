"""The three real past plans in ../shared/seeds (skipped on a fresh clone)."""
import re

from conftest import seed

from generator.text import zhtext
from generator.readers import read_plan

CJK_SPACE = re.compile(f"[{zhtext.CJK}]\\s+[{zhtext.CJK}]")


def test_seed_000_six_sections_twenty_items_in_order(seeds):
    plan = read_plan(seed(seeds, "000"))
    assert plan.title == "常州市武进区教育局关工委2025年工作要点"
    assert (plan.org, plan.year) == ("常州市武进区教育局关工委", 2025)
    assert len(plan.sections) == 6
    items = [c for s in plan.sections for c in s.clauses]
    assert [c.sources[0].position for c in items] == list(range(1, 21))
    assert all(c.kind == "item" for c in items)
    assert [len(s.clauses) for s in plan.sections] == [3, 4, 3, 2, 5, 3]
    assert len(plan.preamble) == 1 and "党的二十届三中全会精神" in plan.preamble[0].text
    assert items[-1].text.startswith("进一步加强宣传报道")  # [bookmark: _GoBack] residue removed


def test_seed_001_five_sections_of_plain_paragraphs(seeds):
    plan = read_plan(seed(seeds, "001"))
    assert (plan.org, plan.year) == ("金坛区教育局", 2022)
    assert len(plan.sections) == 5
    assert [len(s.clauses) for s in plan.sections] == [1, 4, 3, 2, 4]
    assert all(c.kind == "paragraph" for s in plan.sections for c in s.clauses)
    # Inline 一是……二是…… and lead sentences stay inside their paragraph.
    assert plan.sections[1].clauses[0].text.startswith("打造育人队伍名片。要继续充实")


def test_seed_004_web_copy_is_clean(seeds):
    plan = read_plan(seed(seeds, "004"))
    assert plan.title == "2024年市教育局关心下一代工作要点"
    # 市教育局 names a kind of unit, not the unit (the site hid the city): unknown, and said so.
    assert (plan.org, plan.year) == ("", 2024)
    assert any("--org" in w for w in plan.warnings)
    assert [s.heading for s in plan.sections] == [
        "加强学习培训，坚持用习近平新时代中国特色社会主义思想统领各项工作",
        "强化党建引领，扎实推进关工委工作上水平上台阶",
        "坚持“立德树人”，持续深化青少年理想信念教育",
        "夯实工作基础，积极推进关工委建设优质均衡发展",
        "拓展平台载体，不断提高青少年精准关爱工作实效",
    ]
    text = "\n".join([plan.title] + [c.text for c in plan.all_clauses()] + [s.heading for s in plan.sections])
    for noise in ("公众号", "gwg365", "公文阁", "VIP", "专免", "相关推荐", "标签", "摘要", "展开", "作者", "大小", ".docx", "免费"):
        assert noise not in text, noise
    for clause in plan.all_clauses():
        assert zhtext.SENTENCE_END.search(clause.text), clause.text[-20:]
    assert "全市近60%的中小学、幼儿园基本达到" in text
    assert "成立75周年为契机" in text
    assert "《红色云溪》《逐梦云溪》《菁华云溪》" in text
    assert any("截断" in w for w in plan.warnings)


def test_no_clause_in_any_seed_has_a_space_between_chinese_characters(seeds):
    for path in sorted(seeds.glob("*.txt")):
        plan = read_plan(path)
        for clause in plan.all_clauses():
            assert not CJK_SPACE.search(clause.text), (path.name, clause.text)
        for section in plan.sections:
            assert not CJK_SPACE.search(section.heading)
