"""The generated .docx, opened with python-docx: page, fonts (East Asian slot), sizes, styles, numbering, footers."""
import datetime
import re

import docx
import pytest
from docx.shared import Mm

from generator.ooxml import W

from generator.check.docxformat import FormatResolver
from generator.draft.build import build_draft
from generator.profile import load_profile
from generator.writers.docx import write_docx

TODAY = datetime.date(2026, 12, 28)


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "draft.docx"
    plan = build_draft(2027, today=TODAY).plan
    plan.recipient = "各中小学、幼儿园"
    plan.attachments = ["2027年重点工作安排表", "关工委联系人名单"]
    write_docx(plan, path, load_profile())
    return docx.Document(str(path))


def paragraphs_by_style(document, style_name):
    return [p for p in document.paragraphs if p.style.name == style_name]


def test_page_is_a4_with_the_standard_margins(document):
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.page_height - Mm(297)) < Mm(0.1)
    for value, mm in ((section.top_margin, 37), (section.bottom_margin, 35), (section.left_margin, 28), (section.right_margin, 26)):
        assert abs(value - Mm(mm)) < Mm(0.1)
    grid = section._sectPr.find(W + "docGrid")
    assert grid.get(W + "type") == "lines" and grid.get(W + "linePitch") == "579"


def test_fonts_and_sizes_per_role(document):
    resolver = FormatResolver(document)
    expected = {"Title": ("方正小标宋简体", 22), "Heading 1": ("黑体", 16), "Normal": ("仿宋_GB2312", 16)}
    for style, (font, size) in expected.items():
        paragraph = paragraphs_by_style(document, style)[1 if style == "Normal" else 0]
        run = paragraph._p.findall(f"{W}r")[0]
        fmt = resolver.run(paragraph._p, run)
        assert (fmt.east_asia, fmt.ascii, fmt.size_pt) == (font, font, size), style
    body = paragraphs_by_style(document, "Normal")[1]
    assert resolver.run(body._p, body._p.findall(f"{W}r")[0]).spacing == -5  # 28 characters a line


def test_heading_two_uses_kaiti(tmp_path):
    plan = build_draft(2027, today=TODAY).plan
    plan.sections[0].subsections.append(type(plan.sections[0])(heading="抓好集中学习", level=2, clauses=[plan.sections[0].clauses.pop()]))
    path = tmp_path / "h2.docx"
    write_docx(plan, path, load_profile())
    document = docx.Document(str(path))
    heading = paragraphs_by_style(document, "Heading 2")[0]
    assert heading.text == "（一）抓好集中学习"
    fmt = FormatResolver(document).run(heading._p, heading._p.findall(f"{W}r")[0])
    assert fmt.east_asia == "楷体_GB2312"


def test_windows_font_names(tmp_path):
    path = tmp_path / "win.docx"
    write_docx(build_draft(2027, today=TODAY).plan, path, load_profile("windows"))
    document = docx.Document(str(path))
    body = paragraphs_by_style(document, "Normal")[1]
    assert FormatResolver(document).run(body._p, body._p.findall(f"{W}r")[0]).east_asia == "仿宋"


def test_paragraph_layout_indent_and_outline_levels(document):
    resolver = FormatResolver(document)
    title = paragraphs_by_style(document, "Title")[0]
    fmt = resolver.paragraph(title._p)
    assert fmt.alignment == "center" and fmt.first_line == 0 and not fmt.snap_to_grid
    body = paragraphs_by_style(document, "Normal")[1]
    fmt = resolver.paragraph(body._p)
    assert (fmt.first_line_chars, fmt.first_line) == (200, 640)
    assert (fmt.line, fmt.line_rule) == (579, "exact") and not fmt.widow_control
    assert resolver.paragraph(paragraphs_by_style(document, "Heading 1")[0]._p).outline_level == 0
    recipient = document.paragraphs[2]
    assert recipient.text == "各中小学、幼儿园：" and resolver.paragraph(recipient._p).first_line == 0


def test_language_is_chinese(document):
    lang = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(W + "eastAsia") == "zh-CN"


def test_headings_and_items_are_numbered_in_order(document):
    headings = [p.text[:2] for p in paragraphs_by_style(document, "Heading 1")]
    assert headings == ["一、", "二、", "三、", "四、", "五、", "六、"]
    items = [p.text.split(".")[0] for p in paragraphs_by_style(document, "Normal") if re.match(r"\d+\.", p.text)]
    assert items == [str(n) for n in range(1, 23)]


def test_title_breaks_after_the_organisation(document):
    title = paragraphs_by_style(document, "Title")[0]
    assert title._p.findall(f".//{W}br") and title.text == "青山区教育局关工委\n2027年关心下一代工作要点"


def test_signature_date_and_attachments(document):
    resolver = FormatResolver(document)
    signature = paragraphs_by_style(document, "Signature")[0]
    date = paragraphs_by_style(document, "Date")[0]
    assert signature.text == "青山区教育局关工委" and date.text == "2026年12月28日"
    sig, day = resolver.paragraph(signature._p), resolver.paragraph(date._p)
    assert sig.alignment == day.alignment == "left"
    # 署名 right-indented two characters (its nine characters end at 26); the date's first
    # character two characters right of the 署名's: left indents put the first characters there.
    char = 16 * 20 - 5
    assert (sig.left, day.left) == (17 * char, 19 * char)
    attachments = paragraphs_by_style(document, "Attachment")
    assert [p.text for p in attachments] == ["附件：1.2027年重点工作安排表", "2.关工委联系人名单"]
    # Wrapped lines start under the name's first character: after 附件：1. (2 + 3 characters and
    # two half-width ones of 7.75 pt each), the second number under the first.
    number = round(2 * 7.75 * 20)
    first, second = (resolver.paragraph(p._p) for p in attachments)
    assert (first.left, first.first_line) == (5 * char + number, -(3 * char + number))
    assert (second.left, second.first_line) == (5 * char + number, -number)


def test_odd_and_even_footers_carry_the_page_number(document):
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = section.footer, section.even_page_footer
    for footer, side in ((odd, "right"), (even, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph._p.find(f"{W}pPr/{W}jc").get(W + "val") == side
        assert paragraph._p.find(f"{W}pPr/{W}ind").get(W + side) == "280"
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(W + "instrText"))
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        fmt = FormatResolver(document).run(paragraph._p, paragraph._p.findall(f"{W}r")[0])
        assert (fmt.east_asia, fmt.size_pt) == ("宋体", 14)


def test_no_python_docx_default_template_leftovers(document):
    package = document.part.package
    assert not any("theme" in str(part.partname) for part in package.parts)
    assert document.core_properties.title == "青山区教育局关工委2027年关心下一代工作要点"
