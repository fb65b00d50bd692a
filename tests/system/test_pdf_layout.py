"""Render a draft with LibreOffice and measure it: 22 lines a page, 28 characters a line, — N — footers.

Runs where LibreOffice and poppler are installed (.ci/run installs them).
"""
import re

import pytest
from pdfmeasure import have_tools, pages

from generator.profile import load_profile

pytestmark = pytest.mark.skipif(not have_tools(), reason="需要 LibreOffice（soffice）和 poppler-utils（pdftotext）")

PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from generator.cli import main

    folder = tmp_path_factory.mktemp("pdf")
    with pytest.raises(SystemExit) as done:
        main(["draft", "--year", "2027", "-o", str(folder / "draft.docx"), "--pdf"])
    assert done.value.code == 0
    return pages(folder / "draft.pdf")


def geometry():
    profile = load_profile()
    top = profile.top / 20
    bottom = profile.page_height / 20 - profile.bottom / 20
    left = profile.left / 20
    right = profile.page_width / 20 - profile.right / 20
    return top, bottom, left, right, profile.line_pitch / 20


def body_lines(page):
    """Lines of 3号 text inside the type area (the 2号 title lines are taller)."""
    top, bottom, *_ = geometry()
    return [l for l in page if top - 5 <= l.top <= bottom and l.height < 24]


def test_the_starter_draft_fills_three_pages(rendered):
    assert len(rendered) == 3


def test_22_lines_on_every_full_page(rendered):
    top, _, _, _, pitch = geometry()
    offset = body_lines(rendered[1])[0].top - top  # where a line's glyphs start within its grid row
    assert 0 < offset < pitch
    title_rows = sum(1 for l in rendered[0] if l.height >= 24)
    assert title_rows == 2  # 青山区教育局关工委 / 2027年关心下一代工作要点
    for number, page in enumerate(rendered[:-1], 1):
        rows = [round((l.top - top - offset) / pitch) for l in body_lines(page)]
        first = title_rows + 1 if number == 1 else 0  # page 1: the title, then one blank line
        assert rows == list(range(first, 22)), f"page {number}: rows {rows}"


def test_28_characters_on_every_full_body_line(rendered):
    _, _, left, right, _ = geometry()
    char = 16 - 0.25
    full = []
    for page in rendered:
        for line in body_lines(page):
            if line.right >= right - 8 and not re.search(r"[\x00-\x7f]", line.text):
                indent = round((line.left - left) / char)
                full.append((indent, len(line.text), line.text))
    assert len(full) >= 5  # lines of Chinese text only: their count is exact
    for indent, count, text in full:
        assert indent in (0, 2) and count == 28 - indent, text


def test_page_numbers_alternate_right_and_left(rendered):
    _, bottom, left, right, _ = geometry()
    one_char = 14
    for number, page in enumerate(rendered, 1):
        footers = [l for l in page if l.top > bottom]
        assert len(footers) == 1, footers
        footer = footers[0]
        assert re.fullmatch(rf"—\s*{number}\s*—", footer.text), footer.text
        # The dashes sit about 7 mm below the type area.
        middle = (footer.top + footer.bottom) / 2
        assert 5 * PT_PER_MM <= middle - bottom <= 9 * PT_PER_MM
        if number % 2:
            assert abs(footer.right - (right - one_char)) < 3
        else:
            assert abs(footer.left - (left + one_char)) < 3
