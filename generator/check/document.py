"""A .docx as the checker sees it: paragraphs in reading order, each with its role.

Roles are the parts of the 公文 (templates/gbt9704.yaml, read by roles.py): the 版头's
copy_number, secrecy, urgency, issuer_mark, doc_number, signer, red_rule; title, recipient,
heading1–4, body, attachment, signature, date, seal, note; appendix_label and appendix_title on
附件 pages; the 版记's copy_to, printed_by, imprint_rule; and blank, table (text inside a table),
textbox, contents (a bundle's 目录), no_body (此页无正文) and unknown. Paragraphs inside content
controls count as ordinary paragraphs; text boxes are read and reported. Word's automatic
numbering is made visible, as in the reader, so 一、 from numbering.xml counts like a typed 一、.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.check.docxformat import FormatResolver
from generator.check.roles import (
    DATE_ARABIC,
    DATE_CHINESE,
    DOC_NUMBER,
    classify,
    looks_like_title,
)
from generator.ooxml import W
from generator.readers.docx import NumberingLabels, open_docx, paragraph_text
from generator.text import patterns

__all__ = ["DATE_ARABIC", "DATE_CHINESE", "DOC_NUMBER", "CheckedDocument", "Para", "load"]


@dataclass
class Para:
    index: int  # 1-based, in reading order (table paragraphs included)
    element: object
    text: str  # with the automatic numbering label in front
    label: str  # the automatic numbering label, "" when the number is typed
    role: str = "body"
    level: int = 0  # heading level from its marker
    marker_problem: str = ""  # a wrong marker form, explained
    marker: str = ""  # the heading marker as typed (一、 （一） 15. ), "" when there is none
    part: int = 0  # which document of a bundle (each plan of a bundle is a section of its own)
    scope: int = 0  # numbering scope: 0 the text, N the N-th 附件
    in_table: bool = False
    in_header: bool = False  # part of the 版头
    new_page: bool = False  # starts a page (page break before it, or a new section)
    certain: bool = True  # the role is read from more than position (--fix may restyle it)

    @property
    def excerpt(self) -> str:
        text = self.text.replace("\n", " ")
        return text if len(text) <= 20 else text[:20] + "…"


@dataclass
class CheckedDocument:
    path: Path
    document: object
    paragraphs: list[Para]
    resolver: FormatResolver
    form: str = ""  # letter (信函格式 10.1), order (命令 10.2), minutes (纪要 10.3), or "" for the 文件格式
    _formats: dict = field(default_factory=dict, repr=False)

    def format(self, para: Para):
        """The paragraph's effective formatting, resolved once (checks ask for it many times)."""
        if para.index not in self._formats:
            self._formats[para.index] = self.resolver.paragraph(para.element)
        return self._formats[para.index]

    @property
    def parts(self) -> list[list[Para]]:
        """The paragraphs of each document in the file: one for a plan, one per plan of a bundle."""
        found: list[list[Para]] = []
        for para in self.paragraphs:
            if para.part == len(found):
                found.append([])
            found[-1].append(para)
        return found


def load(path: Path) -> CheckedDocument:
    document = open_docx(path)
    labels = NumberingLabels(document)
    paragraphs: list[Para] = []
    page_break = True
    for element, in_table in _blocks(document.element.body):
        label = labels.label(element)
        para = Para(len(paragraphs) + 1, element, label + paragraph_text(element), label, in_table=in_table)
        para.new_page = page_break or element.find(f"{W}pPr/{W}pageBreakBefore") is not None
        if in_table:
            para.role = "table"
        paragraphs.append(para)
        for box in element.iter(f"{W}txbxContent"):
            if any(a.tag == _FALLBACK for a in box.iterancestors()):
                continue  # Word's second copy of the same box, for older readers
            for inner in box.iter(f"{W}p"):
                if paragraph_text(inner).strip():
                    paragraphs.append(Para(len(paragraphs) + 1, inner, paragraph_text(inner), "", role="textbox"))
        page_break = any(b.get(f"{W}type") == "page" for b in element.iter(f"{W}br")) or element.find(f"{W}pPr/{W}sectPr") is not None
    resolver = FormatResolver(document)
    doc = CheckedDocument(path, document, paragraphs, resolver)
    _split_parts(paragraphs, resolver)
    forms = [classify(part, resolver) for part in doc.parts]
    doc.form = next((f for f in forms if f), "")
    return doc


def _blocks(body):
    """(paragraph, inside a table?) in reading order, looking into content controls (w:sdt) and
    tables; not into text boxes (load reads those separately)."""
    for child in body.iterchildren():
        if child.tag == W + "p":
            yield child, False
        elif child.tag == W + "tbl":
            for paragraph in child.iter(W + "p"):
                if not any(a.tag == W + "txbxContent" for a in paragraph.iterancestors()):
                    yield paragraph, True
        elif child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _blocks(content)


_CONTENTS = patterns.compile(r"目\s*录")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _split_parts(paragraphs: list[Para], resolver: FormatResolver) -> None:
    """Number the documents of a bundle: a section that starts with a title starts a new one.

    A section break inside one document (a landscape table page, say) does not start a document.
    """
    part, section_ended = 0, False
    for position, para in enumerate(paragraphs):
        if section_ended and para.text.strip():
            if looks_like_title(para, resolver, 0, paragraphs[position:position + 2]):
                part += 1
            section_ended = False
        para.part = part
        if para.element.find(f"{W}pPr/{W}sectPr") is not None:
            section_ended = True
