"""Bundles that print duplex: a 目录 with computed start pages, each plan from an odd page with its
own page numbers; `gwplan bundle` binding any .docx, each keeping its look (checked by rendering
with LibreOffice and comparing every text line with the document printed on its own)."""
import datetime
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from pdfmeasure import have_tools, libreoffice_measure, pages, soffice

from generator.batch.run import run_batch
from generator.batch.bind import order_by_roster, run_bundle
from generator.ooxml import W
from generator.writers.pagination import Measure
from generator.writers.pages import estimate_pages, paragraphs_of
from generator.writers.pdf import fontconfig_file
from generator.profile import load_profile
from generator.writers.bundle import start_pages

TODAY = datetime.date(2026, 12, 28)
NEED_LO = pytest.mark.skipif(not have_tools(), reason="需要 LibreOffice（soffice）和 poppler-utils（pdftotext）")
TYPES = ["幼儿园", "小学", "初中", "高中", "职校", "完全中学", "九年一贯制"]
FOOTER = re.compile(r"^—\s*(\d+)\s*—$")


def render(folder: Path, *files: Path) -> None:
    """Every file to PDF in one LibreOffice run, with the preview fonts."""
    env = {"FONTCONFIG_FILE": str(fontconfig_file(load_profile(), folder)), "HOME": str(folder)}
    import os

    soffice("--convert-to", "pdf", "--outdir", str(folder), *map(str, files),
                   check=True, capture_output=True, timeout=600, env={**os.environ, **env})


def texts(pdf: Path) -> list[list[str]]:
    return [[line.text for line in page] for page in pages(pdf)]


def flow(rendered: list[list[str]]) -> tuple[str, list[str]]:
    """A plan's text as one string, and its page numbers. (LibreOffice sometimes sets one line
    fewer on the first page of a later section of a long document, so lines are not compared
    page by page; the text, the page count and the numbers are.)"""
    numbers = [page[-1].replace(" ", "") for page in rendered if page and FOOTER.match(page[-1].replace(" ", ""))]
    text = "".join(line for page in rendered for line in page if not FOOTER.match(line.replace(" ", "")))
    return text.replace(" ", ""), numbers


@pytest.fixture(scope="module")
def schools(tmp_path_factory):
    """A batch of 9 school plans of every length the starter library gives, with its bundle."""
    folder = tmp_path_factory.mktemp("bundle")
    rows = [f"第{n}{'幼儿园' if TYPES[n % 7] == '幼儿园' else '学校'},{TYPES[n % 7]},{5 + n},{10 + n}" for n in range(9)]
    (folder / "名册.csv").write_text("学校名称,类型,目标.宣讲场次,目标.结对帮扶人数\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = run_batch(folder / "名册.csv", 2027, folder / "plans", bundle=folder / "汇编.docx", today=TODAY, jobs=1)
    return folder, result


def test_sections_of_a_bundle(schools):
    folder, result = schools
    with zipfile.ZipFile(folder / "汇编.docx") as bundle, zipfile.ZipFile(result.written[0].path) as single:
        assert bundle.read("word/styles.xml") == single.read("word/styles.xml")
        assert bundle.read("word/footer1.xml") == single.read("word/footer1.xml")
    document = docx.Document(str(folder / "汇编.docx"))
    sections = document.element.body.findall(f".//{W}sectPr")
    toc, rest = sections[0], sections[1:]
    assert toc.find(W + "footerReference") is None  # the 目录 has no page number
    plans = [s for s in rest if s.find(W + "pgNumType") is not None]
    blanks = [s for s in rest if s.find(W + "pgNumType") is None]
    assert len(plans) == len(result.written)
    for section in plans:
        assert {r.get(W + "type") for r in section.findall(W + "footerReference")} == {"default", "even"}
        assert section.find(W + "pgNumType").get(W + "start") == "1"
        assert section.find(W + "type").get(W + "val") == "nextPage"
    for section in blanks:  # a blank page shows no number: its footer is the empty one
        ids = {r.get(qn("r:id")) for r in section.findall(W + "footerReference")}
        assert ids == {"rId8"}
    ends = [1] + [s + r.pages - 1 for s, r in zip(result.starts, result.written)]
    assert len(blanks) == sum(1 for start, end in zip(result.starts, ends) if start == end + 2) >= 1


@NEED_LO
def test_each_plan_starts_on_the_odd_page_the_toc_gives(schools, tmp_path):
    folder, result = schools
    render(tmp_path, folder / "汇编.docx", *[r.path for r in result.written])
    bundle = texts(tmp_path / "汇编.pdf")
    assert FOOTER.match(bundle[0][-1].replace(" ", "")) is None  # 目录: no page number
    entries = [re.match(r"^\d+\.(\S+?)\.{3,}\s*(\d+)$", line.replace(" ", "")) for line in bundle[0]]
    listed = [(m.group(1), int(m.group(2))) for m in entries if m]
    assert listed == [(r.name, start) for r, start in zip(result.written, result.starts)]
    for row, start in zip(result.written, result.starts):
        single = texts(tmp_path / (row.path.stem + ".pdf"))
        assert start % 2 == 1
        own = bundle[start - 1 : start - 1 + len(single)]
        assert flow(own) == flow(single), row.name  # all of its text, on as many pages, numbered 1, 2, …
        if start > 3:
            before = bundle[start - 2]
            assert before == [] or FOOTER.match(before[-1].replace(" ", "")), row.name  # a blank page, or the previous plan's last
    assert len(bundle) == result.starts[-1] - 1 + len(texts(tmp_path / (result.written[-1].path.stem + ".pdf")))


def test_start_pages_are_odd_and_follow_the_page_counts():
    assert start_pages(1, [3, 4, 1, 2]) == [3, 7, 11, 13]
    assert start_pages(2, [2, 2]) == [3, 5]
    assert start_pages(1, [3, None, 2]) == [3, 7, None]


@NEED_LO
def test_page_counts_are_those_libreoffice_lays_out(tmp_path):
    """The measure of pagination.py, given LibreOffice's widths, counts the lines LibreOffice sets
    for plans of many lengths: same line count for every paragraph, same pages."""
    from generator.draft.build import build_draft
    from generator.writers.docx import write_docx

    profile = load_profile()
    measure = libreoffice_measure(tmp_path, profile)
    plans = []
    for number, everything in enumerate((False, True)):
        path = tmp_path / f"district{number}.docx"
        write_docx(build_draft(2027, today=TODAY, everything=everything).plan, path, profile)
        plans.append(path)
    roster = tmp_path / "r.csv"
    roster.write_text("学校名称,类型\n" + "".join(f"校{n},{t}\n" for n, t in enumerate(TYPES)), encoding="utf-8")
    plans += [r.path for r in run_batch(roster, 2027, tmp_path / "s", today=TODAY, jobs=1).written]
    render(tmp_path, *plans)
    for path in plans:
        rendered = pages(tmp_path / (path.stem + ".pdf"))
        lines = [line.text.replace(" ", "") for page in rendered for line in page if not FOOTER.match(line.text.replace(" ", ""))]
        with zipfile.ZipFile(path) as package:
            paragraphs = paragraphs_of(package.read("word/document.xml"))
        assert [line for style, text in paragraphs if text.strip() for line in measure.set_lines(style, text)] == lines, path.name
        assert estimate_pages(path, measure) == len(rendered), path.name


def test_kinsoku_and_hanging():
    measure = Measure(load_profile())  # Word: a closing mark may hang past the line end
    lo = Measure(load_profile(), hanging=False)
    full = "一" * 28
    assert measure.line_count(full, 16) == 1 and measure.line_count(full + "二", 16) == 2
    assert measure.line_count(full + "。", 16) == 1  # hangs
    assert lo.line_count(full + "。", 16) == 2  # takes 一 with it
    assert lo.line_count("一" * 27 + "“二", 16) == 2  # an opening mark never ends a line
    assert measure.line_count("一" * 26 + "2027年", 16) == 2  # 2027 is not split
    assert measure.line_count("一" * 24, 16, first_indent=2) == 1 and measure.line_count("一" * 27, 16, first_indent=2) == 2


# --- gwplan bundle: any .docx -------------------------------------------------------------------


def other_styles(path: Path, name: str, footer: bool = True, table: bool = False) -> Path:
    """A plan typed in Word's way, with styles of its own: 宋体 12 pt at 1.5 lines, its own
    headings and list, a footer with the school's name, maybe a table."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    normal.paragraph_format.line_spacing = 1.5
    heading = document.styles["Heading 1"]
    heading.font.size = Pt(16)
    heading.element.rPr.rFonts.set(qn("w:eastAsia"), "黑体")
    document.add_paragraph(f"{name}2027年关心下一代工作安排", style="Title")
    for section in range(3):
        document.add_heading(f"{'一二三'[section]}、本学期工作重点", level=1)
        for item in range(4):
            document.add_paragraph(f"组织老同志参加第{item + 1}项关心下一代活动，结合本校实际抓好落实，做到有计划、有检查、有总结。" * 2)
    document.add_paragraph("开展读书活动", style="List Number")
    document.add_paragraph("开展宣讲活动", style="List Number")
    if table:
        grid = document.add_table(rows=2, cols=2)
        grid.style = "Table Grid"
        for cell, text in zip(grid._cells, "甲乙丙丁"):
            cell.text = text
    if footer:
        document.sections[0].footer.paragraphs[0].text = name
        document.sections[0].footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def foreign(schools, tmp_path_factory):
    """gwplan plans saved again by LibreOffice, and documents with other styles (one without footer)."""
    folder = tmp_path_factory.mktemp("foreign")
    _, result = schools
    saved = folder / "saved"
    saved.mkdir()
    if have_tools():
        soffice("--convert-to", "docx:MS Word 2007 XML", "--outdir", str(saved),
                *map(str, [r.path for r in result.written[:2]]), check=True, capture_output=True, timeout=300,
                env={"HOME": str(folder), "PATH": "/usr/bin:/bin:/usr/local/bin"})
    others = [other_styles(folder / "青石小学.docx", "青石小学"), other_styles(folder / "白沙中学.docx", "白沙中学", footer=False)]
    return folder, sorted(saved.glob("*.docx")), others


def test_own_files_are_joined_at_the_xml_level(schools, tmp_path):
    folder, result = schools
    outcome = run_bundle([folder / "plans"], tmp_path / "b.docx")
    assert outcome.method == "xml" and [f.pages_from for f in outcome.files] == ["gwplan"] * len(result.written)
    assert outcome.starts == result.starts  # the same 目录 as batch's


@NEED_LO
def test_foreign_files_keep_their_look(schools, foreign, tmp_path):
    _, result = schools
    _, saved, others = foreign
    files = [result.written[2].path, *saved, *others]
    outcome = run_bundle(files, tmp_path / "b.docx", title="各校计划汇编")
    assert outcome.method == "docxcompose"
    assert [f.path for f in outcome.files] == files
    assert [f.appended.footer_added for f in outcome.files] == [False, False, False, False, True]
    render(tmp_path, tmp_path / "b.docx", *files)
    bundle = pages(tmp_path / "b.pdf")
    for item, start in zip(outcome.files, outcome.starts):
        alone = pages(tmp_path / (item.path.stem + ".pdf"))
        mine = bundle[start - 1 : start - 1 + len(alone)]
        assert len(mine) == len(alone) and start % 2 == 1, item.name
        for page, page_alone in zip(mine, alone):
            body = [(l.text, round(l.left)) for l in page if not item.appended.footer_added or not FOOTER.match(l.text.replace(" ", ""))]
            assert body == [(l.text, round(l.left)) for l in page_alone], item.name  # same lines, same places
            shift = {round(a.top - b.top) for a, b in zip(page, page_alone)}
            assert len(shift) <= 2 and max(map(abs, shift)) <= 6, item.name  # at most a small uniform drop
        if item.appended.footer_added:  # it had none: the 公文 page numbers, from 1
            assert [FOOTER.match(p[-1].text.replace(" ", "")).group(1) for p in mine] == [str(n) for n in range(1, len(mine) + 1)]


def test_comments_go_revisions_are_reported(foreign, tmp_path):
    folder, _, others = foreign
    document = docx.Document(str(others[0]))
    paragraph = document.paragraphs[3]
    document.add_comment(paragraph.runs, text="请核对", author="审核人")
    document.save(str(tmp_path / "带批注.docx"))
    outcome = run_bundle([tmp_path / "带批注.docx"], tmp_path / "b.docx")
    assert outcome.files[0].appended.comments == 1
    with zipfile.ZipFile(tmp_path / "b.docx") as package:
        assert "commentReference" not in package.read("word/document.xml").decode("utf-8")


def test_roster_order_missing_and_unmatched(tmp_path):
    files = [tmp_path / n for n in ("实验小学分校计划.docx", "实验小学计划.docx", "其他.docx", "东湖中学.docx")]
    ordered, missing, unmatched = order_by_roster(files, ["东湖中学", "实验小学", "实验小学分校", "西山幼儿园"], {})
    assert [(p.name, n) for p, n in ordered] == [
        ("东湖中学.docx", "东湖中学"), ("实验小学计划.docx", "实验小学"), ("实验小学分校计划.docx", "实验小学分校"), ("其他.docx", "其他"),
    ]
    assert missing == ["西山幼儿园"] and [p.name for p in unmatched] == ["其他.docx"]


def test_bundle_command(schools, foreign, tmp_path, gwplan):
    folder, result = schools
    _, _, others = foreign
    roster = folder / "名册.csv"
    done = gwplan("bundle", folder / "plans", others[0], "-o", tmp_path / "汇编.docx", "--roster", roster)
    assert done.code == 0, done.err
    assert "已汇编 10 份计划" in done.out and "名册之外的文件 1 份（排在最后）：青石小学.docx" in done.out
    again = gwplan("bundle", folder / "plans", "-o", tmp_path / "汇编.docx")
    assert again.code == 2 and "已存在" in again.err
    wrong = gwplan("bundle", tmp_path / "none.docx", "-o", tmp_path / "x.docx")
    assert wrong.code == 2 and "找不到" in wrong.err and "Traceback" not in wrong.err
