"""gwplan check --fix: repair the mechanical findings into a new file, never the wording.

Repaired: page size and margins, the line grid, odd/even page-number footers, fonts, sizes,
colour and bold by paragraph role, first-line indents, alignment and spacing, half-width
punctuation and spaces in Chinese text, number ranges, heading marker forms, the 发文字号's brackets.
Each repair sits beside the check that finds the problem (page.py, pagenumbers.py, formatting.py,
wording.py); this module runs them and writes the copy. Text edits are computed on the whole paragraph and mapped back onto its runs, so the runs keep
their formatting and nothing else in the text moves. Safe by construction:
- words never change: only punctuation width, spaces, marker forms, range signs and the
  发文字号's brackets, and never inside quotation marks or 书名号 (a final 。 of a title, a date's
  digits, the 第 of a 发文字号 are reported with their fix, for a person to make);
- a paragraph whose role is not certain (a first line read as the title by position alone, an
  unrecognised element, a text box) keeps its formatting;
- the 版头 and the 版记 are never moved (no alignment or indent changes), 署名 and 成文日期 neither;
- a second run changes nothing (tests run it twice).
"""
from __future__ import annotations

import io
from pathlib import Path

from generator.check.document import CheckedDocument, load
from generator.check.findings import ChangeLog
from generator.check.formatting import RESTYLED, fix_format
from generator.check.page import fix_page_setup
from generator.check.pagenumbers import fix_page_numbers
from generator.check.wording import fix_paragraph_text
from generator.profile import load_profile
from generator.yamlio import atomic_write_bytes


def fix_document(path: Path, output: Path, fonts: str = "standard", checked: CheckedDocument | None = None,
                 record: list | None = None) -> list[str]:
    """Write a repaired copy of `path` to `output`; returns what was changed, in Chinese.

    `checked` is the document check_document just read from `path` (checking leaves it as read):
    passing it saves reading the file and resolving its formats a second time. `record`, when
    given, receives every Change with the paragraph it was made in."""
    doc = checked or load(Path(path))
    profile = load_profile(fonts)
    changes = ChangeLog(doc)
    fix_page_setup(doc, profile, changes)
    fix_page_numbers(doc, profile, changes)
    for para in doc.paragraphs:
        fix_paragraph_text(para, changes)
        if para.role in RESTYLED and para.certain and not para.in_table:
            fix_format(doc, para, profile, changes)
    buffer = io.BytesIO()
    doc.document.save(buffer)
    atomic_write_bytes(Path(output), buffer.getvalue())
    if record is not None:
        record.extend(changes.records)
    return changes.summary()
