"""Readers on fixtures written for these tests: web copy noise, encodings, .docx numbering, bad input."""
import codecs
import re
import zipfile

import pytest
from conftest import FIXTURES
from helpers import PLAN_TITLE, auto_numbered_plan, typed_plan

from generator.text import zhtext
from generator.errors import GwplanError
from generator.readers import read_plan

CJK_SPACE = re.compile(f"[{zhtext.CJK}]\\s+[{zhtext.CJK}]")


def texts(plan):
    return [c.text for c in plan.all_clauses()]


def test_web_copy_noise_is_removed_and_lines_rejoined():
    plan = read_plan(FIXTURES / "web_copy.txt")
    assert plan.title == "清河县教育局2023年关心下一代工作要点"
    assert (plan.org, plan.year) == ("清河县教育局", 2023)
    everything = "\n".join([plan.title] + texts(plan) + [s.heading for s in plan.sections])
    for noise in ("wdzj88", "公众号", "文档之家", "会员", "下载", "相关文档", "作者", "大小", "格式", "bookmark", ".doc", "页"):
        assert noise not in everything, noise
    assert "\t" not in everything
    # Every clause is a whole sentence: hard wraps rejoined, even a number split across lines.
    for text in texts(plan):
        assert zhtext.SENTENCE_END.search(text), text
        assert not CJK_SPACE.search(text), text
    assert "分两批完成全县160名骨干的培训任务，3月31日前报送参训名单。" in texts(plan)[2]
    assert any("力争全县参与学生达到3万人次" in t for t in texts(plan))
    assert any("《中华人民共和国家庭教育促进法》" in t for t in texts(plan))
    assert any("年底前完成全县85%以上学校" in t for t in texts(plan))


def test_web_copy_structure_with_level_two_headings():
    plan = read_plan(FIXTURES / "web_copy.txt")
    assert [s.heading for s in plan.sections] == [
        "加强理论学习，把牢正确方向", "深化主题教育，培育时代新人", "推进关爱帮扶，守护健康成长", "加强自身建设，提升工作水平",
    ]
    first = plan.sections[0]
    assert [s.heading for s in first.subsections] == ["抓好集中学习", "强化宣讲引领"]
    assert [c.sources[0].position for c in plan.all_clauses()[1:]] == list(range(1, 9))
    assert len(plan.preamble) == 1 and plan.preamble[0].text.startswith("2023年全县教育系统")
    assert any("硬换行" in w for w in plan.warnings)


def test_gbk_text_with_per_section_numbering_signature_and_date():
    plan = read_plan(FIXTURES / "school_gbk.txt")
    assert plan.title == "梅园小学2024年关工委工作计划"
    assert (plan.org, plan.year) == ("梅园小学", 2024)
    assert plan.signature == "梅园小学关工委" and plan.date == "2024年2月26日"
    assert [len(s.clauses) for s in plan.sections] == [2, 2, 2]
    assert [c.sources[0].position for c in plan.sections[1].clauses] == [1, 2]
    assert plan.sections[2].clauses[0].text == "关注留守儿童和学习困难学生，全校结对帮扶学生不少于20名。"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_text_encodings_are_detected(tmp_path, encoding):
    source = (FIXTURES / "school_gbk.txt").read_bytes().decode("gbk")
    path = tmp_path / "plan.txt"
    path.write_bytes(source.encode(encoding))
    assert read_plan(path).title == "梅园小学2024年关工委工作计划"


def test_text_without_structure_is_kept_as_paragraphs_with_a_warning():
    plan = read_plan(FIXTURES / "no_structure.txt")
    assert len(plan.sections) == 1 and len(plan.sections[0].clauses) == 3
    assert any("没有识别到" in w for w in plan.warnings)


@pytest.mark.parametrize("builder", [typed_plan, auto_numbered_plan])
def test_docx_typed_and_automatic_numbering(tmp_path, builder):
    plan = read_plan(builder(tmp_path / "plan.docx"))
    assert plan.title == PLAN_TITLE
    assert (plan.org, plan.year) == ("青山区教育局关工委", 2026)
    assert [s.heading for s in plan.sections] == ["筑牢思想根基", "做实关爱服务"]
    assert [len(s.clauses) for s in plan.sections] == [2, 3]
    assert all(c.kind == "item" for s in plan.sections for c in s.clauses)
    assert plan.sections[1].clauses[0].text == "建立困境学生关爱台账，年内结对帮扶不少于200名。"


def test_automatic_numbering_labels_follow_word(tmp_path):
    from generator.readers.docx import read_docx_paragraphs

    paragraphs = read_docx_paragraphs(auto_numbered_plan(tmp_path / "plan.docx"))
    labels = [p.text[:2] for p in paragraphs[2:]]
    assert labels == ["一、", "1.", "2.", "二、", "1.", "2.", "3."]


def _expect_error(path, fragment):
    with pytest.raises(GwplanError) as info:
        read_plan(path)
    assert fragment in str(info.value) and str(path) in str(info.value)
    return info.value


def test_bad_inputs_get_clear_chinese_errors(tmp_path):
    _expect_error(tmp_path / "missing.txt", "找不到")
    (tmp_path / "empty.txt").write_bytes(b"")
    _expect_error(tmp_path / "empty.txt", "空")
    (tmp_path / "fake.docx").write_text("这不是 Word 文件", encoding="utf-8")
    _expect_error(tmp_path / "fake.docx", "zip")
    (tmp_path / "empty.docx").write_bytes(b"")
    _expect_error(tmp_path / "empty.docx", "空")
    with zipfile.ZipFile(tmp_path / "corrupt.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types><broken")
    _expect_error(tmp_path / "corrupt.docx", "docx")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    _expect_error(tmp_path / "old.doc", "LibreOffice")  # converted by LibreOffice; a broken one is refused
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    _expect_error(tmp_path / "binary.txt", "二进制")
    (tmp_path / "noise.txt").write_text("相关推荐\nVIP专免\nwww.example.com\n", encoding="utf-8")
    _expect_error(tmp_path / "noise.txt", "没有剩下任何正文")
    _expect_error(tmp_path, "文件夹")


def test_huge_text_file_is_refused(tmp_path, monkeypatch):
    from generator.readers import txt

    monkeypatch.setattr(txt, "MAX_TEXT_BYTES", 1000)
    path = tmp_path / "huge.txt"
    path.write_text("一、标题\n" + "正文内容。" * 400, encoding="utf-8")
    _expect_error(path, "过大")


def test_utf8_bom_is_not_part_of_the_title(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "某区教育局2025年工作要点\n一、学习\n1.认真学习。\n".encode())
    assert read_plan(path).title == "某区教育局2025年工作要点"
