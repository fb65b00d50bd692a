"""check's layout module (generator/check/layout.py) on documents gwplan wrote and then had
undone: a 署名 alone on its page, a date a little off, a one-character title line and a
附件说明 wrapped to the margin; and nothing at all on what gwplan writes."""
from __future__ import annotations

import io
import re
import zipfile

from generator.model import Clause, Plan
from generator.profile import load_profile

PROFILE = load_profile()


def _plan(items: int, attachments=(), seal=False) -> Plan:
    return Plan(title="青山区教育局关工委2027年关心下一代工作要点", org="青山区教育局关工委",
                preamble=[Clause(text=f"组织老同志开展第{n}次走访慰问活动。") for n in range(items)],
                attachments=list(attachments), signature="青山区教育局关工委", date="2026年12月4日", seal=seal)


def _write(tmp_path, plan: Plan, edit=None):
    from generator.writers.docx import docx_bytes

    data = docx_bytes(plan, PROFILE)
    if edit is not None:
        source = zipfile.ZipFile(io.BytesIO(data))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                content = source.read(item.filename)
                target.writestr(item, edit(content.decode("utf-8")) if item.filename == "word/document.xml" else content)
        data = out.getvalue()
    path = tmp_path / "plan.docx"
    path.write_bytes(data)
    return path


def _layout_findings(path):
    from generator.check.checker import check_document

    return [f for f in check_document(path).findings if f.rule.startswith("layout.")]


def test_check_is_quiet_on_what_gwplan_writes(tmp_path):
    for items in (18, 19, 20):
        plan = _plan(items, ["2027年重点工作安排表（含各校关工委联系人名单和全年活动日程）"], seal=items == 19)
        assert _layout_findings(_write(tmp_path, plan)) == [], items


def test_check_finds_a_signature_alone_and_names_the_page(tmp_path):
    unkept = _write(tmp_path, _plan(18), lambda xml: xml.replace("<w:keepNext/>", "").replace("<w:widowControl/>", ""))
    found = _layout_findings(unkept)
    assert [f.rule for f in found] == ["layout.signature_page"] and "第 2 页" in found[0].message


def test_check_finds_the_date_a_little_off(tmp_path):
    char = PROFILE.body_char_twips
    shifted = _write(tmp_path, _plan(3), lambda xml: xml.replace(f'w:left="{19 * char}"', f'w:left="{round(19.4 * char)}"'))
    found = _layout_findings(shifted)
    assert [f.rule for f in found] == ["layout.date_offset"] and "2.40" in found[0].message


def test_check_finds_a_one_character_title_line_and_an_unaligned_attachment(tmp_path):
    def undo(xml: str) -> str:
        xml = re.sub(r"(<w:t[^>]*>)2027年关心下一代工作要点</w:t>", r"\g<1>2027年关心下一代工作要</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>点</w:t>", xml)
        return re.sub(r'<w:ind w:left="\d+" w:hanging="\d+" w:firstLineChars="0"/>', "", xml)

    path = _write(tmp_path, _plan(3, ["青山区教育局关工委2027年关心下一代工作要点及重点工作安排表"]), undo)
    rules = sorted(f.rule for f in _layout_findings(path))
    assert rules == ["layout.attachment_wrap", "layout.title_line"]
