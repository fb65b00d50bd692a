"""The genre plans typed in Word the way offices do, and saved as PDF by LibreOffice.

一、, （一） and 1. are Word's automatic numbering (numbering.xml), not typed text: half the
genres number items with Word's default hanging indent and a tab after the label, the other
half with a first-line indent and no gap. Pages carry a running header and a page number
(— 1 —) in the footer. The calendar form adds the 行事历 as a real Word table.

    docx_file(genre, path, table=False) → path
    pdf_files(folder, with_tables) → {(genre key, with table): PDF path}, one LibreOffice run
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from genres import _date, table_rows
from genres_data import GENRES, Genre

FONT = "仿宋_GB2312"
_ITEM = re.compile(r"^\d{1,2}\.")
_GROUP = re.compile(r"^（[一二三四五六七八九十]+）")
_HEADING = re.compile(r"^[一二三四五六七八九十]+、")


class _Numbering:
    """Word lists: one abstract list per marker kind, a new num (restarting at 1) when asked."""

    KINDS = {
        "heading": ("chineseCounting", "%1、", 'w:firstLine="640"', "nothing"),
        "group": ("chineseCounting", "（%1）", 'w:firstLine="640"', "nothing"),
        "item_hanging": ("decimal", "%1.", 'w:left="1000" w:hanging="360"', "tab"),
        "item_first": ("decimal", "%1.", 'w:firstLine="640"', "nothing"),
    }

    def __init__(self, document):
        self.element = document.part.numbering_part.element
        self.next_id = 100
        for number, (kind, (fmt, text, indent, suffix)) in enumerate(self.KINDS.items(), 80):
            self.element.append(parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{number}"><w:lvl w:ilvl="0">'
                f'<w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/>'
                f'<w:pPr><w:ind {indent}/></w:pPr></w:lvl></w:abstractNum>'
            ))
        self.abstract = {kind: number for number, kind in enumerate(self.KINDS, 80)}
        self.current: dict[str, int] = {}

    def restart(self, kind: str) -> None:
        self.next_id += 1
        self.element.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{self.next_id}"><w:abstractNumId w:val="{self.abstract[kind]}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        ))
        self.current[kind] = self.next_id

    def apply(self, paragraph, kind: str) -> None:
        if kind not in self.current:
            self.restart(kind)
        p_pr = paragraph._p.get_or_add_pPr()
        p_pr.append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{self.current[kind]}"/></w:numPr>'
        ))


def _document(g: Genre):
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = FONT
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = Pt(28)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.add_run(g.unit).font.size = Pt(10.5)  # a running header in 五号
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" —")
    return document


def _indent(paragraph, first_line: bool = True) -> None:
    paragraph.paragraph_format.first_line_indent = Pt(32) if first_line else None


def docx_file(g: Genre, path: Path, table: bool = False) -> Path:
    document = _document(g)
    numbering = _Numbering(document)
    hanging = GENRES.index(g) % 2 == 0
    item_kind = "item_hanging" if hanging else "item_first"
    continuous = _continuous(g)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(g.title).font.size = Pt(22)
    if g.recipient:
        document.add_paragraph(g.recipient)
    _indent(document.add_paragraph(g.preamble))
    for heading, body in g.sections:
        numbering.apply(document.add_paragraph(_HEADING.sub("", heading)), "heading")
        numbering.restart("group")
        if not continuous:
            numbering.restart(item_kind)
        for line in body:
            if _GROUP.match(line):
                numbering.apply(document.add_paragraph(_GROUP.sub("", line)), "group")
                if not continuous:
                    numbering.restart(item_kind)
            elif _ITEM.match(line):
                numbering.apply(document.add_paragraph(_ITEM.sub("", line)), item_kind)
            else:
                _indent(document.add_paragraph(line))
    if table:
        numbering.apply(document.add_paragraph("工作行事历"), "heading")
        rows = table_rows(g)
        grid = document.add_table(rows=len(rows), cols=2)
        grid.style = "Table Grid"
        for cells, row in zip(grid.rows, rows):
            for cell, text in zip(cells.cells, row):
                cell.text = text
    for text in (g.signature or g.unit, _date(g)):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(path)
    return path


def _continuous(g: Genre) -> bool:
    """Items numbered through the whole plan (4. follows 3. across sections)."""
    numbers = [int(_ITEM.match(line).group(0)[:-1]) for _, body in g.sections for line in body if _ITEM.match(line)]
    return numbers == list(range(1, len(numbers) + 1))


def pdf_files(folder: Path, with_tables: tuple[str, ...] | None = None) -> dict[tuple[str, bool], Path]:
    """Every genre as .docx and PDF in `folder`, and those of `with_tables` (all by default) also
    with its 行事历 table: {(genre key, with table): PDF}. One LibreOffice run, private profile."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = {
        (g.key, table): docx_file(g, folder / f"{g.key}{'-calendar' if table else ''}.docx", table)
        for g in GENRES for table in (False, True) if not table or with_tables is None or g.key in with_tables
    }
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise FileNotFoundError("soffice")
    profile = folder / "lo-profile"
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", "pdf", "--outdir", str(folder), *map(str, sources.values())],
        check=True, capture_output=True, timeout=600, env=dict(os.environ, HOME=str(folder)),
    )
    return {key: path.with_suffix(".pdf") for key, path in sources.items()}
