"""The .docx writer: the plan model → a GB/T 9704 公文's paragraphs, in gwplan's own base package.

The package (package.py) holds the parts every plan shares (styles, settings, footers, font
table), filled from templates/docx/ once per formatting profile; this module writes the
paragraphs. Writing the parts directly keeps every formatting decision in the profile and the
templates (python-docx's default template is US Letter with a Japanese theme font), and it is
fast enough for batch runs of thousands of plans.
"""
from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path

from generator.model import Plan
from generator.ooxml import escape
from generator.profile import Profile
from generator.writers import Block, layout, refuse_unwritable, table
from generator.writers.closing import (
    attachment_indent,
    attachment_text,
    closing_starts,
    keep_signature,
    left_indent,
)
from generator.writers.package import Body, package_bytes
from generator.writers.pagination import Paragraph, header_rows, measure_of
from generator.writers.pages import body_paragraphs
from generator.writers.parts import (
    blank_paragraphs,
    imprint_xml,
    issuer_mark_properties,
    issuer_mark_run_properties,
    red_rule,
    signer_tabs,
)
from generator.yamlio import atomic_write_bytes

STYLE_OF = {
    "title": "Title",
    "blank": "Normal",
    "recipient": "Recipient",
    "paragraph": "Normal",
    "item": "Normal",
    "subitem": "Normal",
    "heading1": "Heading1",
    "heading2": "Heading2",
    "attachment": "Attachment",
    "signature": "Signature",
    "date": "Date",
    "copy_number": "CopyNumber",
    "secrecy": "Secrecy",
    "urgency": "Urgency",
    "issuer_mark": "IssuerMark",
    "doc_number": "DocNumber",
    "note": "Note",
    "appendix_label": "AppendixLabel",
    "appendix_title": "AppendixTitle",
}
@dataclass
class _Paragraph(Paragraph):
    properties: str = ""  # extra pPr children after the keeps (indents, borders), already XML, in schema order
    run_properties: str = ""  # extra rPr children of every run after the spacing (the 标志's size)


def body_xml(plan: Plan, profile: Profile, notes: dict[str, str] | None = None, author: str = "gwplan",
             count_pages: bool = False) -> Body:
    """The paragraphs of `plan` (no section properties); with `count_pages`, also the pages they
    fill as Word sets them (what a bundle's 目录 needs).

    Every clause paragraph carries a bookmark named after its clause id (gwplan learn finds the
    clause again after a reviewer's edits); with `notes` (clause id → text) it also carries a
    Word comment with that text. What the draft could not settle (a clause's or heading's
    marks) is highlighted yellow, sentence by sentence; in a review draft each such sentence
    also carries a comment saying what to check.
    """
    blocks = refuse_unwritable(layout(plan))
    paragraphs = [_paragraph(block, profile, plan) for block in blocks]
    _place_closing(paragraphs, profile, plan.seal)
    first_row = 0
    if plan.header:  # the 版头 is not on the grid: the title starts below it
        first_row = header_rows(profile, plan.header.mark_size or profile.sizes["issuer_mark"])
        for paragraph in paragraphs[: next(i for i, b in enumerate(blocks) if b.role == "title")]:
            paragraph.role = "header"
    body = Body("", warnings=keep_signature(paragraphs, profile, first_row))
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def comment(text: str) -> int:
        number = len(body.comments)
        lines = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in text.split("\n"))
        body.comments.append(f'<w:comment w:id="{number}" w:author="{escape(author)}" w:initials="GW" w:date="{stamp}">{lines}</w:comment>')
        return number

    parts = []
    for number, (block, paragraph) in enumerate(zip(blocks, paragraphs)):
        if block.role == "imprint":  # 版记: blank lines down to the bottom of the last page
            parts += [blank_paragraphs(_lines_to_imprint(blocks[:number], len(block.lines), profile)), imprint_xml(block.lines, profile)]
            continue
        if block.role == "table":
            parts.append(table.table_xml(block.clause.rows, profile, {m.excerpt for m in block.marks}))
            continue
        clause_id = block.clause.id if block.clause is not None else ""
        note = (notes or {}).get(clause_id) if clause_id else None
        spans = marked_spans(block)
        if notes is not None:
            spans = [(start, end, reasons, comment("请核对：" + "\n".join(reasons))) for start, end, reasons, _ in spans]
        clause_comment = comment(note) if note is not None else None
        bookmark = (number, clause_bookmark(clause_id)) if clause_id else None
        parts.append(_paragraph_xml(paragraph, bookmark, clause_comment, spans))
    body.xml = "".join(parts)
    if count_pages:
        plain = not plan.header and all(b.role not in ("imprint", "table") for b in blocks)
        # A body of plain paragraphs is paged from the paragraphs just written; a 版头, a table or a
        # 版记 (blank lines added, cell paragraphs) is paged as the bundle reads it back from XML.
        body.pages = measure_of(profile).pages(paragraphs if plain else body_paragraphs(body.xml))
    return body


_SENTENCE_END = "。！？；"


def marked_spans(block: Block) -> list[tuple[int, int, list[str], None]]:
    """(start, end, reasons, None) in the paragraph's text for each sentence holding a mark."""
    spans: list[list] = []
    offset = len(block.label)
    for mark in block.marks:
        index = block.text.find(mark.excerpt)
        if index < 0:
            continue
        start = max(block.text.rfind(end, 0, index) for end in _SENTENCE_END) + 1
        ends = [i for i in (block.text.find(end, index + len(mark.excerpt)) for end in _SENTENCE_END) if i >= 0]
        stop = min(ends) + 1 if ends else len(block.text)
        reason = f"{mark.kind}：{mark.reason}（“{mark.excerpt}”）"
        spans.append([start + offset, stop + offset, [reason]])
    merged: list[list] = []
    for start, stop, reasons in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], stop)
            merged[-1][2] += [r for r in reasons if r not in merged[-1][2]]
        else:
            merged.append([start, stop, reasons])
    return [(start, stop, reasons, None) for start, stop, reasons in merged]


def clause_bookmark(clause_id: str) -> str:
    """A Word-safe bookmark name for a clause id (Chinese ids are hashed; names start with a letter)."""
    return "gw_" + hashlib.sha1(clause_id.encode("utf-8")).hexdigest()[:12]


_HIGHLIGHT = '<w:highlight w:val="yellow"/>'


def _runs(text: str, highlighted: bool, run_properties: str = "") -> str:
    inner = run_properties + (_HIGHLIGHT if highlighted else "")  # rPr children in schema order: sz before highlight
    properties = f"<w:rPr>{inner}</w:rPr>" if inner else ""
    return "<w:r><w:br/></w:r>".join(
        "<w:r><w:tab/></w:r>".join(
            f'<w:r>{properties}<w:t xml:space="preserve">{escape(piece)}</w:t></w:r>' for piece in line.split("\t")
        )
        for line in text.split("\n") if line
    )


def _paragraph_xml(paragraph: _Paragraph, bookmark: tuple[int, str] | None = None, comment: int | None = None,
                   spans: list[tuple] = ()) -> str:
    """The paragraph's runs; each marked span highlighted (and wrapped in its comment, if any)."""
    pieces, position = [], 0
    spacing = f'<w:spacing w:val="{paragraph.char_spacing}"/>' if paragraph.char_spacing is not None else ""
    extra = spacing + paragraph.run_properties
    for start, end, _, note in spans:
        pieces.append(_runs(paragraph.text[position:start], False, extra))
        marked = _runs(paragraph.text[start:end], True, extra)
        if note is not None:
            marked = f'<w:commentRangeStart w:id="{note}"/>{marked}<w:commentRangeEnd w:id="{note}"/><w:r><w:commentReference w:id="{note}"/></w:r>'
        pieces.append(marked)
        position = end
    pieces.append(_runs(paragraph.text[position:], False, extra))
    runs = "".join(pieces)
    if comment is not None:
        runs = f'<w:commentRangeStart w:id="{comment}"/>{runs}<w:commentRangeEnd w:id="{comment}"/><w:r><w:commentReference w:id="{comment}"/></w:r>'
    if bookmark is not None:
        number, name = bookmark
        runs = f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>{runs}<w:bookmarkEnd w:id="{number}"/>'
    keeps = ("<w:keepNext/>" if paragraph.keep_next else "") + ("<w:pageBreakBefore/>" if paragraph.page_break else "")
    keeps += "<w:widowControl/>" if paragraph.widow else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{paragraph.style}"/>{keeps}{paragraph.properties}</w:pPr>{runs}</w:p>'


def docx_bytes(plan: Plan, profile: Profile, notes: dict[str, str] | None = None, provenance: str = "") -> bytes:
    """The complete .docx file for `plan` (with review comments when `notes` is given)."""
    return docx_package(plan, profile, notes, provenance)[0]


def docx_package(plan: Plan, profile: Profile, notes: dict[str, str] | None = None, provenance: str = "") -> tuple[bytes, list[str]]:
    """The .docx file and what its layout could not do (a 署名 parted from its text), with the page."""
    body = body_xml(plan, profile, notes)
    body.provenance = provenance
    return package_bytes(body, profile, plan.title, plan.org or "gwplan"), body.warnings


def write_docx(plan: Plan, path: Path, profile: Profile, notes: dict[str, str] | None = None, provenance: str = "") -> None:
    atomic_write_bytes(path, docx_bytes(plan, profile, notes, provenance))


def _paragraph(block: Block, profile: Profile, plan: Plan) -> _Paragraph:
    paragraph = _Paragraph(STYLE_OF.get(block.role, "Normal"), block.full_text, role=block.role)
    if block.role == "attachment":
        paragraph.properties = attachment_indent(block.full_text, profile)
        paragraph.text = attachment_text(block.full_text, profile)
    elif block.role == "issuer_mark":
        header = plan.header
        above = sum(1 for text in (header.copy_number, header.secrecy, header.urgency) if text)
        size = header.mark_size or profile.sizes["issuer_mark"]
        paragraph.properties = issuer_mark_properties(profile, above, size)
        paragraph.run_properties = issuer_mark_run_properties(block.text, size, profile)
    elif block.role == "doc_number":
        paragraph.properties = red_rule(profile) + (signer_tabs(profile) if "\t" in block.text else "")
    paragraph.page_break = block.new_page
    return paragraph


def _lines_to_imprint(before: list[Block], imprint_lines: int, profile: Profile) -> int:
    """Blank lines that put the 版记's last line on the last line of the page it ends (7.4): the
    page count runs from the last block that starts a page (a plan whose text follows a 版头 is
    not on the grid above its title, so only the page of an attachment is counted)."""
    start = max((i for i, b in enumerate(before) if b.new_page), default=None)
    if start is None:
        return 0
    measure = measure_of(profile)
    lines = sum(measure.lines(STYLE_OF.get(b.role, "Normal"), b.full_text) for b in before[start:])
    free = -lines % profile.lines_per_page
    return free - imprint_lines if free >= imprint_lines else free + profile.lines_per_page - imprint_lines


def _place_closing(paragraphs: list[_Paragraph], profile: Profile, seal: bool = False) -> None:
    """署名 and 成文日期 where 7.3.5 puts them (closing.py), as left indents."""
    signature = next((p for p in paragraphs if p.role == "signature"), None)
    date = next((p for p in paragraphs if p.role == "date"), None)
    starts = closing_starts(signature.text if signature else "", date.text if date else "", seal, profile)
    for paragraph, start in zip((signature, date), starts):
        if paragraph is not None and start is not None:
            paragraph.properties = left_indent(start, profile)
