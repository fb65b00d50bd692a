"""gwplan learn: a reviewer's Word edits read back into the library."""
import shutil

import docx
import pytest

from generator.ooxml import W
from generator.text.zhtext import heading_level


@pytest.fixture
def library(starter):
    return starter


def edit_in_word(source, target):
    """What a reviewer does in Word: reword two, delete one, add one, move one."""
    document = docx.Document(str(source))
    paragraphs = document.paragraphs

    def find(fragment):
        return next(p for p in paragraphs if fragment in p.text)

    def set_text(paragraph, text):
        paragraph.runs[0].text = text
        for run in paragraph.runs[1:]:
            run.text = ""

    set_text(find("举办“五老”骨干培训班"), "4.举办“五老”骨干培训班和网络宣讲培训，提升老同志运用新媒体开展青少年思想引导的能力。")
    set_text(find("推动优秀传统文化进校园"), "7.推动优秀传统文化进校园，邀请非遗传承人开设书法、戏曲、剪纸、陶艺等兴趣课程。")
    deleted = find("配合学校开展劳动教育")
    deleted._p.getparent().remove(deleted._p)
    anchor = find("回头看")
    added = docx.oxml.parse_xml(f'<w:p xmlns:w="{W[1:-1]}"><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t>12.组织关工委骨干赴外地学习规范化建设经验，每年不少于一次。</w:t></w:r></w:p>')
    anchor._p.addnext(added)
    moved = find("协助学校开展防溺水")
    find("建立困境学生关爱台账")._p.addnext(moved._p)
    document.save(str(target))
    return target


def body_items(path):
    """(section heading, clause text without its number) for every heading and clause paragraph."""
    from generator.check.document import load

    found = []
    for para in load(path).paragraphs:
        if para.role == "heading1":
            found.append(("节", heading_level(para.text)[2]))
        elif para.role in ("heading3", "body"):
            found.append(("条", heading_level(para.text)[2]))
    return found


@pytest.mark.parametrize("with_sidecar", [True, False])
def test_learn_round_trip_reproduces_the_reviewer_s_edits(tmp_path, gwplan, library, with_sidecar):
    section = library / "01-思想政治引领.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("  - id: 思想引领-党建带关建", "  # 审核：这一条要保留\n  - id: 思想引领-党建带关建"), encoding="utf-8")
    before = {p.name: p.read_text(encoding="utf-8") for p in library.glob("*.yaml")}
    draft = tmp_path / "draft.docx"
    assert gwplan("draft", "--year", "2027", "--library", library, "-o", draft, "--review").code == 0
    edited = edit_in_word(draft, tmp_path / "edited.docx")
    if with_sidecar:
        shutil.copy(tmp_path / "draft.provenance.json", tmp_path / "edited.provenance.json")

    dry = gwplan("learn", edited, "--library", library, "--dry-run")
    assert dry.code == 0 and "试运行" in dry.out
    assert {p.name: p.read_text(encoding="utf-8") for p in library.glob("*.yaml")} == before

    result = gwplan("learn", edited, "--library", library)
    assert result.code == 0, result.err
    for word in ("改写", "删除", "新增", "移动"):
        assert word in result.out
    assert "# 审核：这一条要保留" in section.read_text(encoding="utf-8")
    assert gwplan("lint", "--library", library).code == 0

    again = tmp_path / "again.docx"
    assert gwplan("draft", "--year", "2027", "--library", library, "-o", again).code == 0
    assert body_items(again) == body_items(edited)


def test_learn_refuses_what_it_cannot_read(tmp_path, gwplan, library):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    assert gwplan("learn", bad, "--library", library).code == 2
    draft = tmp_path / "d.docx"
    gwplan("draft", "--year", "2027", "--library", library, "-o", draft)
    broken = tmp_path / "broken.json"
    broken.write_text("{oops", encoding="utf-8")
    result = gwplan("learn", draft, "--library", library, "--provenance", broken)
    assert result.code == 2 and "JSON" in result.err
