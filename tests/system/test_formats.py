"""More formats: .doc and .wps through LibreOffice, a text-layer PDF with its header and page
numbers, a traditional-script copy: each reads to the same clauses as the plain text; a scanned
PDF gets a clear Chinese error, exit 2."""
import shutil
from pathlib import Path

import docx
import pytest
from conftest import SEEDS
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from pdfmeasure import have_tools, soffice

from generator.readers import read_plan

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "plans"
SOURCES = [next(CORPUS.glob("2020-*")), next(CORPUS.glob("2013-*"))] + sorted(SEEDS.glob("000_*.txt"))


def office_copy(text_file: Path, folder: Path) -> Path:
    """The plan as an office would keep it: one paragraph per line, a running header, page numbers."""
    lines = [line for line in text_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = lines[0][:12]
    footer = section.footer.paragraphs[0]
    footer.add_run("— ")
    footer.add_run()._r.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" —")
    for line in lines:
        document.add_paragraph(line)
    path = folder / "plan.docx"
    document.save(path)
    return path


def clauses(path):
    plan = read_plan(path)
    return plan.title, plan.org, plan.year, [c.text for c in plan.all_clauses()]


@pytest.mark.skipif(not have_tools(), reason="需要 LibreOffice（soffice）和 poppler-utils")
@pytest.mark.parametrize("source", SOURCES, ids=[p.name[:12] for p in SOURCES])
def test_doc_wps_and_pdf_read_like_the_text(source, tmp_path):
    office = office_copy(source, tmp_path)
    for target in ("doc:MS Word 97", "pdf"):
        soffice("--convert-to", target, "--outdir", str(tmp_path), str(office),
                       check=True, capture_output=True, timeout=300)
    shutil.copy(tmp_path / "plan.doc", tmp_path / "plan.wps")
    expected = clauses(source)
    for name in ("plan.doc", "plan.wps", "plan.pdf"):
        assert clauses(tmp_path / name) == expected, name


@pytest.mark.parametrize("source", SOURCES, ids=[p.name[:12] for p in SOURCES])
def test_a_traditional_copy_reads_like_the_text(source, tmp_path):
    import opencc

    copy = tmp_path / "traditional.txt"
    copy.write_text(opencc.OpenCC("s2t").convert(source.read_text(encoding="utf-8")), encoding="utf-8")
    assert copy.read_text(encoding="utf-8") != source.read_text(encoding="utf-8")
    assert clauses(copy) == clauses(source)
    assert any("繁体" in w for w in read_plan(copy).warnings)


def test_a_scanned_pdf_is_refused_in_chinese(tmp_path, gwplan):
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (1240, 1754), "white")  # a scanned A4 page: pixels, no text layer
    ImageDraw.Draw(page).rectangle((200, 300, 1000, 340), fill="black")
    page.save(tmp_path / "scan.pdf")
    result = gwplan("ingest", tmp_path / "scan.pdf", "--library", tmp_path / "lib")
    assert result.code == 2 and "没有文字层" in result.err and "scan.pdf" in result.err
    assert "Traceback" not in result.err and not (tmp_path / "lib").exists()


def test_a_broken_pdf_is_refused_in_chinese(tmp_path, gwplan):
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    result = gwplan("ingest", tmp_path / "broken.pdf", "--library", tmp_path / "lib")
    assert result.code == 2 and "PDF" in result.err and "Traceback" not in result.err
