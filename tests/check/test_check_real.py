"""check on 公文 nobody here made (issue 22), and --fix that changes only what it lists.

Real documents (../shared/real/gongwen, skipped without it): precision ≥ 95% against the hand
judgments, every judged TP still found, and the --fix audit clean on each. Documents of our own
for each format and 署名 block (tests/corpus/gongwen.py), and small documents for each way Word
stores formatting that the checker must read as Word does.
"""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))

import fixaudit  # noqa: E402
import gongwen  # noqa: E402
import realgongwen  # noqa: E402

from generator.check.checker import check_document  # noqa: E402
from generator.check.document import load  # noqa: E402
from generator.check.fix import fix_document  # noqa: E402


def audited_fix(path: Path, output: Path) -> tuple[list[str], list[str]]:
    """Run --fix and audit it: (what it reports, problems the audit found)."""
    checked = load(path)
    roles = realgongwen.document_roles(checked)
    changes: list = []
    report = fix_document(path, output, checked=checked, record=changes)
    return report, fixaudit.audit(path, output, changes, roles)


@pytest.fixture(scope="module")
def real():
    folder = realgongwen.real_folder()
    if folder is None:
        pytest.skip("../shared/real/gongwen 不存在（全新克隆时没有），跳过使用真实公文的测试")
    return folder, *realgongwen.score(folder, check_document)


def test_precision_on_real_documents_is_at_least_95_percent_and_no_judged_finding_is_lost(real):
    _, files, totals = real
    assert realgongwen.precision(totals) >= realgongwen.TARGET, totals["patterns"]
    assert totals["still_found"] == totals["judged_tp"], [(p.name, [r["rule"] for r in missed]) for p, _, _, missed, _ in files if missed]


def test_fix_changes_only_what_it_lists_on_real_documents(real, tmp_path):
    folder, files, _ = real
    for path, *_ in files:
        _, problems = audited_fix(path, tmp_path / path.name)
        assert problems == [], (path.name, problems)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    return gongwen.documents(folder), gongwen.closing_forms(folder / "closing")


def test_every_closing_block_reads_clean(corpus):
    for path, form in corpus[1]:
        report = check_document(path)
        rules = {f.rule for f in report.findings} - {"placeholder"}
        assert rules == set(), (form, [(f.rule, f.paragraph, f.message) for f in report.findings])
        roles = [p.role for p in report.document.paragraphs if p.role not in ("blank",)]
        assert roles[-3:] != ["body", "body", "body"], form


def test_fix_audit_is_clean_on_every_format(corpus, tmp_path):
    for path, kind, error, _ in corpus[0]:
        _, problems = audited_fix(path, tmp_path / "fixed.docx")
        assert problems == [], (kind, error, problems)


def test_fix_keeps_the_separating_spaces_of_a_joint_signature_and_a_minutes_list(corpus, tmp_path):
    joint = next(p for p, kind, error, _ in corpus[0] if kind == "联合行文" and error == "half-width comma")
    minutes = next(p for p, kind, error, _ in corpus[0] if kind == "纪要" and error == "short range")
    for path in (joint, minutes):
        fix_document(path, tmp_path / "out.docx")
        before = [p.text for p in docx.Document(str(path)).paragraphs]
        after = [p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs]
        kept = [(a, b) for a, b in zip(before, after) if "\u3000" in a]
        assert kept and all(a == b for a, b in kept)


def _footer_document(path: Path, footer_text: str, page_field: bool) -> Path:
    document = docx.Document()
    document.add_paragraph("关于开展春季安全检查的通知")
    document.add_paragraph("各学校要于3月底前完成一次全面安全检查。")
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.add_run(footer_text)
    if page_field:
        run = paragraph.add_run()
        run._r.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    logo = footer.add_paragraph().add_run()
    logo._r.append(parse_xml(
        f'<w:pict {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><v:shape style="width:20pt;height:20pt"/></w:pict>'))
    document.save(path)
    return path


def _footer_parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")}


def test_fix_adds_the_page_number_and_keeps_everything_else_in_the_footer(tmp_path):
    source = _footer_document(tmp_path / "f.docx", "联系人：张三，电话：12345678", page_field=False)
    report, problems = audited_fix(source, tmp_path / "out.docx")
    assert problems == []
    footers = "".join(_footer_parts(tmp_path / "out.docx").values())
    assert "联系人：张三，电话：12345678" in footers and "v:shape" in footers and "PAGE" in footers
    assert any("保留" in line for line in report)  # the kept content is reported


def test_fix_keeps_a_footer_table_and_does_not_split_odd_and_even_pages_under_it(tmp_path):
    document = docx.Document()
    document.add_paragraph("关于开展春季安全检查的通知")
    footer = document.sections[0].footer
    footer.is_linked_to_previous = False
    footer.add_table(1, 2, docx.shared.Mm(150)).rows[0].cells[1].text = "地址：白塔区文化路1号"
    document.save(tmp_path / "t.docx")
    report, problems = audited_fix(tmp_path / "t.docx", tmp_path / "out.docx")
    assert problems == [] and "地址：白塔区文化路1号" in "".join(_footer_parts(tmp_path / "out.docx").values())
    assert not docx.Document(str(tmp_path / "out.docx")).settings.odd_and_even_pages_header_footer
    assert any("没有设置奇偶页不同" in line for line in report)


def test_fix_leaves_a_page_number_that_shares_its_paragraph_with_text(tmp_path):
    source = _footer_document(tmp_path / "f.docx", "第一中学 第", page_field=True)
    report, problems = audited_fix(source, tmp_path / "out.docx")
    assert problems == []
    assert "第一中学 第" in "".join(_footer_parts(tmp_path / "out.docx").values())
    assert any("没有改动" in line for line in report)


def _styled_document(path: Path, body_xml: str, theme_ea: str = "", hans: str = "等线") -> Path:
    """A document whose Normal style is 仿宋 16 pt with a 2-character indent; `body_xml` paragraphs
    are appended to the body as they are; the theme's minor East Asian font is `theme_ea` (or the
    Hans script's `hans` when empty)."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    normal.paragraph_format.first_line_indent = Pt(32)
    document.add_paragraph("关于做好校园安全工作的通知").alignment = 1
    body = document.element.body
    for xml in body_xml:
        body.insert(len(body) - 1, parse_xml(xml))
    document.save(path)
    with zipfile.ZipFile(path) as archive:
        files = {n: archive.read(n) for n in archive.namelist()}
    theme = next(n for n in files if n.startswith("word/theme/"))
    text = files[theme].decode()
    start = text.index("<a:minorFont>")
    end = text.index("</a:minorFont>")
    minor = f'<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface="{theme_ea}"/><a:cs typeface=""/>' \
            f'<a:font script="Hans" typeface="{hans}"/><a:font script="Jpan" typeface="{hans}"/></a:minorFont>'
    files[theme] = (text[:start] + minor + text[end + len("</a:minorFont>"):]).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


P = f'<w:p {nsdecls("w")}>'


def test_an_undefined_style_falls_back_to_normal(tmp_path):
    text = "各校要落实安全责任制，定期开展隐患排查，发现问题及时整改。"
    path = _styled_document(tmp_path / "u.docx", [f'{P}<w:pPr><w:pStyle w:val="正文仿宋"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'])
    rules = {f.rule for f in check_document(path).findings if f.paragraph == 2}
    assert not rules & {"font.body", "size.body", "indent.body"}


def test_theme_fonts_resolve_through_the_theme_and_the_message_names_the_font(tmp_path):
    run = '<w:r><w:rPr><w:rFonts w:eastAsiaTheme="minorEastAsia"/></w:rPr><w:t>各校要落实安全责任制，定期开展隐患排查。</w:t></w:r>'
    right = _styled_document(tmp_path / "t1.docx", [f"{P}{run}</w:p>"], theme_ea="仿宋")
    assert not [f for f in check_document(right).findings if f.rule == "font.body"]
    wrong = _styled_document(tmp_path / "t2.docx", [f"{P}{run}</w:p>"], theme_ea="", hans="等线")
    messages = [f.message for f in check_document(wrong).findings if f.rule == "font.body"]
    assert messages and "等线" in messages[0] and "minorEastAsia" not in messages[0]


def test_a_text_box_stored_twice_is_read_once(tmp_path):
    box = ('<w:p><w:r><w:t>白塔区教育局文件</w:t></w:r></w:p>')
    alternate = (
        f'{P}<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        '<mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<w:txbxContent>{box}</w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:textbox xmlns:v="urn:schemas-microsoft-com:vml">'
        f'<w:txbxContent>{box}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>')
    path = _styled_document(tmp_path / "b.docx", [alternate])
    assert sum(p.text == "白塔区教育局文件" for p in load(path).paragraphs) == 1


def test_what_was_missed_is_found(tmp_path):
    document = docx.Document()
    document.add_paragraph("关于开展暑期社会实践活动的通知")
    document.add_paragraph("活动时间为7月1日-8月31日，由□□□负责。")
    document.add_paragraph("各校要组织学生积极参加。")
    document.add_paragraph("")
    document.add_paragraph("")
    document.add_paragraph("请按时报送总结材料，字体用仿宋_GB2312。")
    changed = document.add_paragraph("报送截止时间另行通知。")
    changed._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="李华" w:date="2027-01-01T00:00:00Z">'
                                '<w:r><w:t>（以通知为准）</w:t></w:r></w:ins>'))
    document.save(tmp_path / "m.docx")
    findings = check_document(tmp_path / "m.docx").findings
    rules = [f.rule for f in findings]
    assert "range.date" in rules and "review.revisions" in rules
    assert [f.message for f in findings if f.rule == "placeholder"] == ["有未填写的内容“□□□”"]  # not the _ of 仿宋_GB2312
    blanks = [f.message for f in findings if f.rule == "blank.body"]
    assert blanks == ["正文段落之间有 2 个空行"]


def test_a_doc_number_without_its_number_is_a_placeholder(tmp_path):
    document = docx.Document()
    mark = document.add_paragraph()
    mark.alignment = 1
    run = mark.add_run("白塔区教育局文件")
    run.font.size = Pt(36)
    run.font.color.rgb = docx.shared.RGBColor(0xFF, 0, 0)
    document.add_paragraph("白教〔2027〕号").alignment = 1
    document.add_paragraph("关于开展安全检查的通知").alignment = 1
    document.add_paragraph("各校要认真开展安全检查。")
    document.save(tmp_path / "n.docx")
    messages = [f.message for f in check_document(tmp_path / "n.docx").findings if f.rule == "placeholder"]
    assert any("顺序号" in m for m in messages)


def test_fix_removes_a_stray_space_but_never_one_that_separates(tmp_path):
    document = docx.Document()
    document.add_paragraph("关于召开工作会议的通知")
    lines = ["会议由区长 张明主持，各校校长参 加。", "整理：  审核：", "议程\t报告", "甲方\u3000乙方"]
    for line in lines:
        document.add_paragraph(line)
    document.save(tmp_path / "s.docx")
    _, problems = audited_fix(tmp_path / "s.docx", tmp_path / "out.docx")
    assert problems == []
    after = [p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs][1:]
    assert after == ["会议由区长 张明主持，各校校长参加。"] + lines[1:]


def test_a_heading_after_a_section_break_does_not_start_a_new_document(tmp_path):
    from docx.enum.section import WD_SECTION

    document = docx.Document()
    document.add_paragraph("关于做好2027年校园安全工作的通知").alignment = 1
    document.add_paragraph("各校要落实安全责任。")
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("工作安排")
    document.add_paragraph("各校于3月底前完成自查。")
    document.save(tmp_path / "s.docx")
    checked = load(tmp_path / "s.docx")
    assert len(checked.parts) == 1
    assert [p.role for p in checked.paragraphs if p.text == "工作安排"] != ["title"]
