"""Nothing is lost in rendering: LibreOffice draws every character of a draft, a seed-library draft
and a bundle; every full page has 22 lines and every full line of Chinese 28 characters.

A full line holds fewer than 28 characters only where the line-breaking rules (禁则) moved one or
two down: the next line then starts with a character followed by as many marks that may not begin
a line (好”）), or the line would have ended with an opening mark.
"""
import collections
import re
from pathlib import Path

import pytest
from pdfmeasure import have_tools, pages

from generator.profile import load_profile

pytestmark = pytest.mark.skipif(not have_tools(), reason="需要 LibreOffice（soffice）和 poppler-utils（pdftotext）")

NOT_AT_LINE_START = set("。，、；：？！）》」』】〕”’…—～%")
NOT_AT_LINE_END = set("（《「『【〔“‘")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """name → (docx, pages) for the starter draft, a bundle and, with ../shared, the seed draft."""
    from conftest import SEEDS, run_gwplan as run, three_school_roster
    from generator.writers.pdf import docx_to_pdf

    folder = tmp_path_factory.mktemp("render")
    run("draft", "--year", "2027", "-o", folder / "starter.docx")
    roster = three_school_roster(folder / "roster.csv")
    run("batch", roster, "--year", "2027", "-o", folder / "schools", "--bundle", folder / "bundle.docx")
    documents = [folder / "starter.docx", folder / "bundle.docx"]
    if SEEDS.is_dir():
        run("ingest", *sorted(SEEDS.glob("*.txt")), "--library", folder / "lib")
        run("draft", "--year", "2027", "--library", folder / "lib", "-o", folder / "seeds.docx")
        documents.append(folder / "seeds.docx")
    found = {}
    for document in documents:
        pdf = document.with_suffix(".pdf")
        docx_to_pdf(document, pdf, load_profile())
        found[document.stem] = (document, pages(pdf))
    return found


def _geometry():
    p = load_profile()
    return p.top / 20, (p.page_height - p.bottom) / 20, p.left / 20, (p.page_width - p.right) / 20, p.line_pitch / 20


def _document_text(path: Path) -> str:
    import docx

    return "".join(p.text for p in docx.Document(str(path)).paragraphs)


def _body(page):
    top, bottom, *_ = _geometry()
    return [line for line in page if top - 5 <= line.top <= bottom]


def test_every_character_reaches_the_pdf(rendered):
    for name, (document, pdf_pages) in rendered.items():
        expected = collections.Counter(re.sub(r"\s", "", _document_text(document)))
        text = "".join(l.text for page in pdf_pages for l in _body(page))
        drawn = collections.Counter(re.sub(r"\s|\.{3,}", "", text))  # a bundle's 目录 draws its tab leaders as dots
        assert expected - drawn == collections.Counter(), f"{name}: characters missing from the PDF"
        assert drawn - expected == collections.Counter(), f"{name}: characters drawn twice"


def _plans(pdf_pages):
    """Pages grouped by plan: a bundle restarts its page numbers at 1 for each plan; its 目录 and
    blank pages have no page number and belong to no plan."""
    _, bottom, *_ = _geometry()
    plans = []
    for page in pdf_pages:
        footer = "".join(l.text for l in page if l.top > bottom).replace(" ", "")
        if not footer:
            continue
        if footer == "—1—" or not plans:
            plans.append([])
        plans[-1].append(page)
    return plans


def _kept_signature(page, left: float) -> bool:
    """The page holds the 署名 (a line far to the right) and the text kept with it: Word moves the
    last two lines, LibreOffice the whole last paragraph."""
    body = [l for l in _body(page) if l.height < 24]
    return any(l.left > left + 10 * 15.75 for l in body)


def test_22_lines_on_every_full_page(rendered):
    top, _, left, _, pitch = _geometry()
    checked = 0
    for name, (_, pdf_pages) in rendered.items():
        for plan in _plans(pdf_pages):
            sample = next(l for page in plan for l in _body(page) if l.height < 24)
            offset = (sample.top - top) % pitch  # where glyphs sit inside a grid row
            for number, page in enumerate(plan[:-1], 1):  # the last page of a plan is not full
                body = [l for l in _body(page) if l.height < 24]
                rows = [round((l.top - top - offset) / pitch) for l in body]
                first = rows[0] if number == 1 else 0
                if number == 1:
                    assert first <= sum(1 for l in _body(page) if l.height >= 24) + 1, f"{name}: {rows}"
                # Every row down to the 22nd is taken; the only empty row is the blank line the
                # standard puts before the 署名 or the 附件 note.
                empty = sorted(set(range(first, 22)) - set(rows))
                if number == len(plan) - 1 and _kept_signature(plan[-1], left):
                    continue  # lines went on with the 署名 (7.3.5.4): this page may end early
                assert rows[-1] == 21, f"{name} page {number}: rows {rows}"
                for row in empty:
                    after = body[rows.index(row + 1)]
                    assert after.text.startswith("附件") or after.left > left + 10 * 15.75, f"{name} page {number}: empty row {row}"
                checked += 1
    assert checked >= 3


def test_28_characters_on_every_full_line(rendered):
    _, _, left, right, _ = _geometry()
    char = 16 - 0.25
    for name, (_, pdf_pages) in rendered.items():
        checked = 0
        lines = [l for page in pdf_pages for l in _body(page) if l.height < 24]
        for line, following in zip(lines, lines[1:] + [None]):
            if line.right < right - 8 or re.search(r"[\x00-\x7f]", line.text):
                continue  # a paragraph's last line, or a line with half-width digits
            cells = len(line.text) + round((line.left - left) / char)
            short = 28 - cells  # characters carried down to the next line by the line-breaking rules
            moved = following is not None and short > 0 and (
                all(mark in NOT_AT_LINE_START for mark in following.text[1 : 1 + short])
                or (short == 1 and following.text[:1] in NOT_AT_LINE_END)
            )
            assert cells == 28 or (short <= 2 and moved), f"{name}: {cells} characters: {line.text}"
            assert line.right <= right + 1, f"{name}: text beyond the type area: {line.text}"
            checked += 1
        assert checked >= 5, name
