"""Where layout depends on where the text ends, rendered with LibreOffice (issue 21):

the starter plan plus 0…22 one-line clauses (so its text ends on every line of a page), a batch
of 12 schools with its bundle, and 印发通知 of a unit whose name has 20 characters, sealed and not.
In every document: the 署名 stands with at least two lines of text and its date on the same page
(7.3.5.4); the 署名's and the date's first characters lie within a quarter character of where
7.3.5 puts them, widths measured as the line model sets them (a Chinese character 15.75 pt, a
half-width digit 7.75 pt); no title, 目录 title, 附件 title or 附件说明 line holds one character, and
a wrapped 附件说明 starts under the name's first character (7.3.4); every line stays on the 28.95 pt
grid, and every page that ends neither a plan nor the text before a kept 署名 is filled to its 22nd line.

All documents are converted in one LibreOffice run (a private profile, as gwplan always runs it).
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pdfmeasure import have_tools, pages

from generator.profile import load_profile

pytestmark = pytest.mark.skipif(not have_tools(), reason="需要 LibreOffice（soffice）和 poppler-utils（pdftotext）")

UNIT_20 = "青山市湖滨新区教育局关心下一代工作委员会"
SCHOOLS = [
    ("青山实验小学", "小学"), ("青山区第二实验小学", "小学"), ("湖滨路小学", "小学"), ("青山区星河湾双语小学", "小学"),
    ("青山中学", "初中"), ("青山区湖滨初级中学", "初中"), ("青山区第三中学", "初中"), ("青山区外国语学校初中部", "初中"),
    ("青山幼儿园", "幼儿园"), ("青山区机关第一幼儿园", "幼儿园"), ("湖滨幼儿园", "幼儿园"), ("青山区蓝天实验幼儿园", "幼儿园"),
]
SECTIONS = ["01-思想政治引领", "02-立德树人与主题教育", "03-关工委规范化建设", "04-家校社协同育人", "05-关爱帮扶"]
LAST = ["自身建设-志愿者队伍", "自身建设-调查研究", "自身建设-宣传工作"]
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def _plan_file(path: Path, extra: int) -> Path:
    """The starter plan's sections, the last one with `extra` one-line clauses added."""
    lines = ["sections:"] + [f"  - from: {name}" for name in SECTIONS]
    lines += ["  - from: 06-自身建设", "    clauses:"] + [f"      - {clause}" for clause in LAST]
    lines += [f"      - text: 组织老同志开展第{n + 1}次走访慰问活动。" for n in range(extra)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """name → (docx, pdf pages, sealed) for every document, converted in one LibreOffice run."""
    from conftest import run_gwplan as run
    from generator.libreoffice import converted_many
    from generator.writers.pdf import fontconfig_file

    folder = tmp_path_factory.mktemp("signature")
    documents: dict[str, tuple[Path, bool]] = {}
    for extra in range(23):
        path = folder / f"starter+{extra:02d}.docx"
        run("draft", "--year", "2027", "--plan", _plan_file(folder / f"plan{extra}.yaml", extra), "-o", path)
        documents[path.stem] = (path, False)
    roster = folder / "roster.csv"
    roster.write_text("学校名称,类型\n" + "".join(f"{name},{kind}\n" for name, kind in SCHOOLS), encoding="utf-8")
    run("batch", roster, "--year", "2027", "-o", folder / "schools", "--bundle", folder / "bundle.docx")
    documents["bundle"] = (folder / "bundle.docx", False)  # the 目录 and all 12 plans, each as its own file sets it
    for seal in (True, False):
        unit = folder / f"unit-{seal}.yaml"
        unit.write_text(f"issuer_mark: {UNIT_20}文件\ndoc_number_prefix: 湖教关\nrecipient: 各中小学、幼儿园\n"
                        f"printed_by: {UNIT_20}办公室\nseal: {str(seal).lower()}\n", encoding="utf-8")
        path = folder / f"notice-{seal}.docx"
        run("draft", "--year", "2027", "--notice", "--unit", unit, "--org", UNIT_20, "-o", path)
        documents[path.stem] = (path, seal)
    profile = load_profile()
    sources = [path for path, _ in documents.values()]
    found = {}
    with converted_many(sources, "pdf", "test", prepare=lambda f: {"FONTCONFIG_FILE": str(fontconfig_file(profile, f))}) as pdfs:
        for name, (path, seal) in documents.items():
            assert pdfs[path] is not None, name
            shutil.copyfile(pdfs[path], path.with_suffix(".pdf"))
            found[name] = (path, pages(path.with_suffix(".pdf")), seal)
    return found


def _grid():
    p = load_profile()
    return p.top / 20, (p.page_height - p.bottom) / 20, p.left / 20, p.line_pitch / 20, (p.body_size * 20 + p.char_spacing) / 20


def _body(page):
    top, bottom, *_ = _grid()
    return [line for line in page if top - 5 <= line.top <= bottom]


def _closings(path: Path) -> list[tuple[str, str]]:
    """(署名, 成文日期) of each plan in the file, from the document itself."""
    import docx

    found, signature = [], None
    for paragraph in docx.Document(str(path)).paragraphs:
        style = paragraph.style.style_id
        if style == "Signature":
            signature = paragraph.text
        elif style == "Date":
            found.append((signature, paragraph.text))
    return found


def _width(text: str) -> float:
    """Characters of 15.75 pt, as the line model sets them: half-width characters 7.75 pt."""
    return sum(7.75 / 15.75 if ord(char) < 0x2000 else 1.0 for char in text)


def _expected(signature: str, date: str, sealed: bool) -> tuple[float, float]:
    """7.3.5: the 署名's and the date's first columns. 7.3.5.1: the date 右空四字, the 署名 centred over
    it; a 署名 too long for that is set as without a seal. 7.3.5.2: 署名 右空二字, the date two
    characters further right, or, when that would take it past 右空二字, the date 右空二字 and the
    署名 two left of it."""
    sig, day = _width(signature), _width(date)
    if sealed and 24 - day + (day - sig) / 2 + sig <= 28:
        return 24 - day + (day - sig) / 2, 24 - day
    sig_start = 26 - sig
    if sig_start + 2 + day > 26:
        return 26 - day - 2, 26 - day
    return sig_start, sig_start + 2


def _where(pdf_pages, text: str, after: tuple[int, int] = (-1, -1)):
    """(page, line index) of the first 3号 body line after `after` reading exactly `text`."""
    for number, page in enumerate(pdf_pages):
        for index, line in enumerate(_body(page)):
            if (number, index) > after and line.height < 24 and line.text.replace(" ", "") == text.replace(" ", ""):
                return number, index
    raise AssertionError(f"“{text}”不在 PDF 中")


def _signatures(rendered):
    for name, (path, pdf_pages, sealed) in rendered.items():
        position = (-1, -1)
        for signature, date in _closings(path):
            sig = _where(pdf_pages, signature, position)
            day = _where(pdf_pages, date, sig)
            position = day
            yield name, pdf_pages, sealed, signature, date, sig, day


def test_every_document_was_drafted_and_rendered(rendered):
    assert len(rendered) == 23 + 1 + 2
    assert sum(len(_closings(path)) for path, _, _ in rendered.values()) == 23 + 12 + 2


def test_the_signature_stands_with_two_lines_of_text_and_its_date(rendered):
    for name, pdf_pages, _, signature, date, sig, day in _signatures(rendered):
        assert day[0] == sig[0] and day[1] == sig[1] + 1, f"{name}：署名在第 {sig[0] + 1} 页，日期在第 {day[0] + 1} 页"
        text = [line for line in _body(pdf_pages[sig[0]])[: sig[1]] if line.text.strip()]
        assert len(text) >= 2, f"{name}：第 {sig[0] + 1} 页署名上方只有 {len(text)} 行正文"


def test_signature_and_date_stand_where_7_3_5_puts_them(rendered):
    _, _, left, _, char = _grid()
    for name, pdf_pages, sealed, signature, date, sig, day in _signatures(rendered):
        sig_line, date_line = _body(pdf_pages[sig[0]])[sig[1]], _body(pdf_pages[day[0]])[day[1]]
        want_sig, want_date = _expected(signature, date, sealed)
        got_sig, got_date = (sig_line.left - left) / char, (date_line.left - left) / char
        assert abs(got_sig - want_sig) <= 0.25, f"{name}：署名首字在 {got_sig:.2f} 字处，应在 {want_sig:.2f}"
        assert abs(got_date - want_date) <= 0.25, f"{name}：日期首字在 {got_date:.2f} 字处，应在 {want_date:.2f}"


def test_no_title_or_attachment_line_holds_one_character(rendered):
    titles = 0
    for name, (_, pdf_pages, _) in rendered.items():
        for page in pdf_pages:
            body = _body(page)
            for index, line in enumerate(body):
                if line.height >= 24:  # a 2号 line: a title, the 目录's or an 附件's
                    titles += 1
                    assert len(line.text.replace(" ", "")) >= 2, f"{name}：标题行“{line.text}”只有一个字"
                elif line.text.startswith("附件：") and index + 1 < len(body) and not DATE.match(body[index + 1].text):
                    wrapped = body[index + 1]
                    if wrapped.left - 1 > line.left:  # the name goes on: under its first character
                        assert len(wrapped.text.strip()) >= 2, f"{name}：附件说明回行“{wrapped.text}”只有一个字"
                        _, _, _, _, char = _grid()
                        assert abs(wrapped.left - (line.left + 3 * char)) <= 0.25 * char, f"{name}：附件说明回行没有对齐名称"
    assert titles >= 23 * 2 + 12 + 2 * 3


def test_the_grid_is_unchanged(rendered):
    top, _, _, pitch, _ = _grid()
    for name, (path, pdf_pages, _) in rendered.items():
        signature_pages = {sig[0] for n, *_, sig, _ in _signatures({name: rendered[name]})}
        for number, page in enumerate(pdf_pages):
            body = _body(page)
            if "notice" in name and number == 0:  # the 版头 is set in millimetres; the grid starts at the title
                body = body[max(i for i, line in enumerate(body) if line.height >= 24) + 1:]
            body = [line for line in body if line.height < 24]
            if not body:
                continue
            rows = [(line.top - top) / pitch for line in body]
            offset = rows[0] % 1
            assert all(abs((row - offset) - round(row - offset)) < 0.1 for row in rows), f"{name} 第 {number + 1} 页：行不在网格上"
            last_of_plan = number + 1 == len(pdf_pages) or number + 1 in signature_pages or number in signature_pages
            header_page = "notice" in name and number == 0
            if not last_of_plan and not header_page and "bundle" not in name:
                assert round(rows[-1] - offset) == 21, f"{name} 第 {number + 1} 页没有排满 22 行"
