"""The layout rules where the text ends (issue 21), on the line model alone (no LibreOffice):
titles broken by measure (7.3.1), 7.3.5 positions, the 署名 kept with its text (7.3.5.4) in
the order the standard allows, 附件说明 names that never end with one character alone (7.3.4).
"""
from __future__ import annotations

import random
import re

import pytest

from generator.profile import load_profile
from generator.writers.closing import closing_starts, keep_signature, parted_page, tightest_spacing
from generator.writers.pagination import Measure, Paragraph, paginate
from generator.writers.titles import break_title

PROFILE = load_profile()
WIDTH = (PROFILE.page_width - PROFILE.left - PROFILE.right) / 20


def _fits(line: str) -> bool:
    return all(m.width_of(line, PROFILE.title_size) <= WIDTH for m in (Measure(PROFILE), Measure.preview(PROFILE)))


@pytest.mark.parametrize("title, org", [
    ("关于印发《常州市武进区教育局关工委2027年关心下一代工作要点》的通知", ""),
    ("青山区教育局关工委2027年关心下一代工作要点（学校计划汇编）", "青山区教育局关工委"),
    ("关于印发《青山市湖滨新区教育局关心下一代工作委员会2027年关心下一代工作要点》的通知", ""),
])
def test_titles_break_between_words_never_leaving_one_character(title, org):
    lines = break_title(title, org)
    assert "".join(lines) == title and len(lines) >= 2
    assert all(len(line) >= 2 and _fits(line) for line in lines), lines
    assert not any(re.search(r"\d$", line) for line in lines), lines  # 2027 stays with its 年
    widths = [Measure(PROFILE).width_of(line, PROFILE.title_size) / PROFILE.title_size for line in lines]
    assert max(widths) - min(widths) <= 5.5, lines  # as even as the words allow


def test_the_issue_titles_break_where_the_meaning_does():
    assert break_title("关于印发《常州市武进区教育局关工委2027年关心下一代工作要点》的通知") == (
        "关于印发《常州市武进区教育局关工委", "2027年关心下一代工作要点》的通知")
    assert break_title("青山区教育局关工委2027年关心下一代工作要点", "青山区教育局关工委") == (
        "青山区教育局关工委", "2027年关心下一代工作要点")
    assert break_title("青山区教育局关工委2027年工作要点") == ("青山区教育局关工委2027年工作要点",)


def test_random_titles_fit_and_never_leave_one_character():
    pieces = ["青山", "湖滨新区", "教育局", "关心下一代工作委员会", "关工委", "实验小学", "第二中学", "机关幼儿园"]
    generator = random.Random(21)
    for _ in range(60):
        org = "".join(generator.sample(pieces, generator.randint(2, 4)))[:20]
        plan = f"{org}{generator.choice([2026, 2027, 2031])}年关心下一代工作{generator.choice(['要点', '计划', '安排'])}"
        for title in (plan, f"关于印发《{plan}》的通知", f"{plan}（学校计划汇编）"):
            lines = break_title(title, org)
            assert "".join(lines) == title
            assert all(len(line) >= 2 and _fits(line) for line in lines), lines
            assert not any(line[0] in "，。、）》" or line[-1] in "（《" for line in lines), lines


def test_positions_follow_7_3_5():
    han, digit = 1.0, 7.75 / 15.75
    date = "2026年12月4日"
    day = 3 * han + 7 * digit
    assert closing_starts("青山区教育局关工委", date, False, PROFILE) == pytest.approx((17, 19))
    # the date longer: it is 右空二字, the 署名 two characters left of it
    assert closing_starts("青山中学", date, False, PROFILE) == pytest.approx((26 - day - 2, 26 - day))
    # sealed: the date 右空四字, the 署名 centred over it
    sig, when = closing_starts("青山区教育局关工委", date, True, PROFILE)
    assert when == pytest.approx(24 - day) and sig + 9 / 2 == pytest.approx(when + day / 2)
    # a 署名 too long to centre over it inside the type area: set as without a seal
    assert closing_starts("青山市湖滨新区教育局关心下一代工作委员会", date, True, PROFILE) == pytest.approx((6, 8))


def test_pagination_keeps_with_next_and_controls_widows():
    items = [Paragraph("Normal", "", widow=True, keep_next=True), Paragraph("Normal", "", keep_next=True), Paragraph("Normal", "")]
    places = paginate([5, 1, 1], items, 6)  # the chain does not fit: two lines of the first go with it
    assert [line[0] for line in places[0]] == [0, 0, 0, 1, 1] and places[2] == [(1, 3)]
    places = paginate([1, 3], [Paragraph("Normal", ""), Paragraph("Normal", "", widow=True)], 3)
    assert [line[0] for line in places[1]] == [1, 1, 1]  # never one line of it left at the foot
    places = paginate([2, 1], [Paragraph("Normal", ""), Paragraph("Normal", "", page_break=True)], 22, first_row=10)
    assert places == [[(0, 10), (0, 11)], [(1, 0)]]


def _closing_page(text_lines: int, blanks: int = 0) -> list[Paragraph]:
    body = [Paragraph("Normal", "组织老同志开展走访慰问活动。", role="item") for _ in range(text_lines)]
    return body + [Paragraph("Normal", "", role="blank")] * (blanks + 1) + [
        Paragraph("Signature", "青山区教育局关工委", role="signature"), Paragraph("Date", "2026年12月4日", role="date")]


def test_the_signature_takes_two_lines_of_text_with_it():
    paragraphs = _closing_page(21)  # 21 lines of text, the blank line ends the page: the 署名 alone
    signature, end = len(paragraphs) - 2, len(paragraphs) - 1
    assert parted_page(paragraphs, Measure(PROFILE), PROFILE, 0, signature, end) == 2
    assert keep_signature(paragraphs, PROFILE) == []
    assert [p.keep_next for p in paragraphs[-5:]] == [True, True, True, True, False]
    places = paginate(Measure(PROFILE).counts(paragraphs), paragraphs, 22)
    assert places[signature][0][0] == 1 and [p[0] for p in places[19] + places[20]] == [1, 1]


def test_condensing_comes_first_and_keeps_28_characters_a_line():
    tight = tightest_spacing(PROFILE)
    assert tight == -14
    condensed = Measure(PROFILE).tightened(tight)
    assert condensed.broken("汉" * 28, PROFILE.body_size) == ["汉" * 28]
    assert len(condensed.broken("汉" * 29, PROFILE.body_size)) == 2
    # a line of digits and letters gains room: a paragraph one line shorter when condensed
    text = next(t for n in range(40, 120) for t in ["在2027年第1至12期培训中参训人员达到1250名以上，" * (n // 20) + "汉" * (n % 20)]
                if Measure(PROFILE).lines("Normal", t) > condensed.lines("Normal", t))
    saved = Measure(PROFILE).lines("Normal", text)
    paragraphs = _closing_page(22 - saved - 2)  # the date one line past the page
    paragraphs.insert(len(paragraphs) - 3, Paragraph("Normal", text, role="item"))
    keep_signature(paragraphs, PROFILE)
    assert paragraphs[-4].char_spacing == tight  # the last paragraph condensed: the 署名 back with the text
    assert parted_page(paragraphs, Measure(PROFILE), PROFILE, 0, len(paragraphs) - 2, len(paragraphs) - 1) is None


def test_what_cannot_be_kept_is_reported_with_its_page():
    paragraphs = _closing_page(1, blanks=21)  # one line of text, then a page of blank lines
    warnings = keep_signature(paragraphs, PROFILE)
    assert len(warnings) == 1 and "第 2 页" in warnings[0] and "7.3.5.4" in warnings[0]


def test_an_attachment_name_never_ends_with_one_character_alone():
    from generator.writers.closing import attachment_text

    for text in ("附件：" + "关心下一代" * 4 + "工作要点", "附件：1." + "关心下一代" * 4 + "工作安排表", "附件：" + "汉" * 23 + "点"):
        for measure in (Measure(PROFILE), Measure.preview(PROFILE)):
            lines = measure.set_lines("Attachment", attachment_text(text, PROFILE))
            assert all(len(line.strip()) >= 2 for line in lines), lines
    assert attachment_text("附件：2027年重点工作安排表", PROFILE) == "附件：2027年重点工作安排表"
