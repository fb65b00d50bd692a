"""learn, stage 1: the reviewed draft's paragraphs, grouped by section and matched to clauses.

Paragraphs are matched by the bookmark every drafted clause carries, then by similarity to the
drafted text (from the provenance when it is there, else the library rendered for the year).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.ooxml import W
from generator.draft.render import render_text
from generator.draft.targets import load_targets
from generator.errors import GwplanError
from generator.library.load import Library, LibrarySection
from generator.library.sources import source_hash
from generator.model import Clause
from generator.rules.rollover import roll
from generator.rules.ruleset import load_rules
from generator.text import zhtext
from generator.text.placeholders import org_variables
from generator.text.similarity import bigrams, dice
from generator.writers.docx import clause_bookmark

MATCH_THRESHOLD = 0.5
CLAUSE_ROLES = {"body", "heading3", "heading4"}
SKIPPED_ROLES = {"title", "blank", "recipient", "signature", "date", "docnum", "attachment", "table", "heading2"}


@dataclass
class EditedParagraph:
    section: int  # index of the edited section; 0 is the preamble
    text: str
    bookmarks: list[str]
    clause: Clause | None = None
    new_id: str = ""


@dataclass
class EditedSection:
    heading: str
    paragraphs: list[EditedParagraph] = field(default_factory=list)
    target: LibrarySection | None = None
    new_file: Path | None = None


def edited_sections(document, library: Library) -> list[EditedSection]:
    names = {clause_bookmark(c.id): c.id for _, c in library.clauses()}
    sections = [EditedSection("（总要求）")]
    for para in document.paragraphs:
        if para.role == "heading1":
            sections.append(EditedSection(zhtext.heading_level(para.text.strip())[2] or para.text.strip()))
            continue
        if para.role in SKIPPED_ROLES or para.role not in CLAUSE_ROLES:
            continue
        text = para.text.strip()
        if para.role in ("heading3", "heading4"):
            text = text[len(para.marker):].lstrip()  # the item number is the draft's, never the clause's
        marks = [names[b.get(W + "name")] for b in para.element.iter(W + "bookmarkStart") if b.get(W + "name") in names]
        sections[-1].paragraphs.append(EditedParagraph(len(sections) - 1, text, marks))
    return sections


def drafted_texts(library: Library, side: dict, year: int, org: str) -> dict[str, str]:
    """Clause id → the text as it was drafted (from the provenance, else rendered for `year`)."""
    known = {c.id for _, c in library.clauses()}
    if side:
        return {e["clause"]: e.get("text", "") for e in side["paragraphs"] if e.get("clause") in known}
    rules = load_rules(year)
    targets = load_targets(year, None, library.root).values
    context = {"year": year, **org_variables(org), "targets": targets}
    drafted = {}
    for _, clause in library.clauses():
        if clause.status != "active":
            continue
        try:
            drafted[clause.id] = roll(rules, render_text(clause.text, context, clause.id))[0]
        except GwplanError:
            drafted[clause.id] = re.sub(r"\{\{.*?\}\}", "", clause.text)
    return drafted


def match(sections: list[EditedSection], library: Library, drafted: dict[str, str], edited_name: str = "") -> None:
    """Bookmarks first, then a wording learned from this same draft before (a reviewer's new
    clause has no bookmark), then the most similar drafted text, best pairs first."""
    by_id = {c.id: c for _, c in library.clauses()}
    used: set[str] = set()
    paragraphs = [p for s in sections for p in s.paragraphs]
    for para in paragraphs:
        for clause_id in para.bookmarks:
            if clause_id not in used:
                para.clause = by_id[clause_id]
                used.add(clause_id)
                break
    learned = {s.hash: c.id for _, c in library.clauses() for s in c.sources if edited_name and s.file == edited_name and s.hash}
    for para in paragraphs:
        clause_id = learned.get(source_hash(para.text))
        if para.clause is None and clause_id and clause_id not in used:
            para.clause = by_id[clause_id]
            used.add(clause_id)
    scored = []
    for index, para in enumerate(paragraphs):
        if para.clause is not None:
            continue
        grams = bigrams(para.text)
        for clause_id, text in drafted.items():
            if clause_id not in used:
                score = 1.0 if text == para.text else dice(grams, bigrams(text))
                if score >= MATCH_THRESHOLD:
                    scored.append((score, index, clause_id))
    for score, index, clause_id in sorted(scored, reverse=True):
        if paragraphs[index].clause is None and clause_id not in used:
            paragraphs[index].clause = by_id[clause_id]
            used.add(clause_id)


# What gwplan's own drafts put outside the body, and so is not learned without a word.
_FURNITURE = CLAUSE_ROLES | {"heading1", "heading2", "title", "blank", "recipient", "signature", "date", "rule",
                             "red_rule", "imprint_rule", "doc_number", "issuer_mark", "seal", "table"}
_PLACES = {"unknown": "成文日期之后", "note": "成文日期之后（附注）", "copy_to": "版记中", "printed_by": "版记中",
           "attachment": "附件说明中", "appendix_label": "附件中", "appendix_title": "附件中", "textbox": "文本框中"}


def outside_body(document) -> list[str]:
    """A report line for each paragraph with text that stands outside the body, so is not learned."""
    lines = []
    for para in document.paragraphs:
        text = para.text.strip()
        if text and para.role not in _FURNITURE:
            place = _PLACES.get(para.role, "正文之外")
            lines.append(f"第 {para.index} 段在{place}，没有学习：“{text[:30]}”。如果它属于正文，请在 Word 中把它移到正文里，再运行 learn。")
    return lines
