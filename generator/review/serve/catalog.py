"""What the library and clause pages show: clauses with filters, each source's wording by year,
and what the drafts of a chosen year do to each clause.

The pages reuse the pipeline as it is: the loader and lint for the library and its problems,
diff's word-level measure between wordings, and the drafter for marks and rules.
"""
from __future__ import annotations

import datetime
import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path

from generator.draft.build import ClauseReport, Drafter
from generator.errors import GwplanError
from generator.library.load import Library, LibrarySection
from generator.library.sources import placeholder_form, wording
from generator.model import Clause, Mark
from generator.review.diff import word_diff
from generator.writers import Block
from generator.writers.docx import marked_spans


def file_version(path: Path) -> str:
    """What a page remembers of a file: a digest of its bytes."""
    return hashlib.sha1(path.read_bytes()).hexdigest()[:16]


def library_versions(root: Path) -> dict[str, str]:
    return {p.name: file_version(p) for p in sorted(root.glob("*.yaml")) if not p.name.startswith(".")}


_MEMO: dict = {}
_MEMO_LOCK = threading.Lock()


def memo(root: Path, what: tuple, compute):
    """compute() once for each state of the library's files: a reviewer clicks through many
    pages between saves, and each would otherwise lint and draft the library again."""
    key = (str(root), what, tuple(library_versions(root).items()))
    found = _MEMO.get(key)
    if found is None:
        found = compute()
        with _MEMO_LOCK:  # the server answers requests in threads
            if len(_MEMO) >= 16:
                _MEMO.pop(next(iter(_MEMO)))
            _MEMO[key] = found
    return found


@dataclass
class Segment:
    text: str
    reasons: list[str] = field(default_factory=list)  # non-empty: highlighted, as in the .docx


def segments(text: str, marks: list[Mark], label: str = "") -> list[Segment]:
    """The text cut where the .docx writer highlights it, each highlight with its reasons."""
    block = Block("item", text, label, clause=Clause(text=text, marks=marks))
    full, pieces, at = label + text, [], 0
    for start, stop, reasons, _ in marked_spans(block):
        if start > at:
            pieces.append(Segment(full[at:start]))
        pieces.append(Segment(full[start:stop], reasons))
        at = stop
    if at < len(full):
        pieces.append(Segment(full[at:]))
    return pieces


@dataclass
class DraftFacts:
    """What the drafts of `year` say about each clause."""

    year: int
    error: str = ""  # why no draft could be made (the library has errors, ...)
    reports: dict[str, ClauseReport] = field(default_factory=dict)  # a draft with every active clause
    drafted: dict[str, Clause] = field(default_factory=dict)  # clause id → its text in that draft, with marks
    in_plan: set[str] = field(default_factory=set)  # ids in the default draft (the unit's last plan again)
    base: dict | None = None

    def marks(self, clause_id: str) -> list[Mark]:
        report = self.reports.get(clause_id)
        return list(report.flags) if report else []


def default_year(library: Library) -> int:
    years = [p.get("year") for p in library.plans if isinstance(p.get("year"), int)]
    years += [s.year for _, c in library.clauses() for s in c.sources if s.year]
    return max(years) + 1 if years else datetime.date.today().year + 1


def draft_facts(root: Path, year: int) -> DraftFacts:
    return memo(root, ("drafts", year), lambda: _draft_facts(root, year))


def _draft_facts(root: Path, year: int) -> DraftFacts:
    facts = DraftFacts(year)
    try:
        whole = Drafter(year, root, everything=True).draft()
        default = Drafter(year, root).draft()
    except GwplanError as exc:
        facts.error = str(exc)
        return facts
    facts.reports = {r.clause_id: r for r in whole.reports}
    facts.drafted = {c.id: c for c in whole.plan.all_clauses() if c.id}
    facts.in_plan = {c.id for c in default.plan.all_clauses() if c.id}
    facts.base = default.selection.base if default.selection else None
    return facts


def trial(root: Path, year: int, clause_id: str) -> tuple[ClauseReport | None, Clause | None]:
    """What the draft of `year` would do to a clause not in use (retired or for review)."""
    try:
        result = Drafter(year, root, everything=True).draft(extra_clauses=[clause_id])
    except GwplanError:
        return None, None
    report = next((r for r in result.reports if r.clause_id == clause_id), None)
    return report, next((c for c in result.plan.all_clauses() if c.id == clause_id), None)


@dataclass
class Filters:
    status: str = ""
    tag: str = ""
    year: int | None = None  # a source of this year
    marked: bool = False  # its draft carries a highlight
    query: str = ""

    def keep(self, clause: Clause, facts: DraftFacts) -> bool:
        if self.status and clause.status != self.status:
            return False
        if self.tag and self.tag not in clause.tags:
            return False
        if self.year and not any(s.year == self.year for s in clause.sources):
            return False
        if self.marked and not facts.marks(clause.id):
            return False
        return not self.query or self.query in clause.text or self.query in clause.id

    @property
    def active(self) -> bool:
        return bool(self.status or self.tag or self.year or self.marked or self.query)


def filtered(library: Library, filters: Filters, facts: DraftFacts) -> list[tuple[LibrarySection, list[Clause]]]:
    return [(section, [c for c in section.clauses if filters.keep(c, facts)]) for section in library.sections]


def all_tags(library: Library) -> list[str]:
    return sorted({tag for _, clause in library.clauses() for tag in clause.tags})


def source_years(library: Library) -> list[int]:
    return sorted({s.year for _, clause in library.clauses() for s in clause.sources if s.year}, reverse=True)


@dataclass
class Wording:
    """One past plan's wording of a clause, with the words changed since the wording before."""

    year: int | None
    org: str
    file: str
    section: str
    position: int
    text: str
    old_html: str = ""  # the previous wording, removed words in <del> (escaped HTML)
    new_html: str = ""  # this wording, added words in <ins> (escaped HTML)
    same: bool = False  # the same words as the previous wording


def wordings(clause: Clause) -> list[Wording]:
    """Each source's own wording, oldest first, compared word by word with the one before
    (both with the plan's year and unit as placeholders, so a rolled-over year is no change)."""
    records = [vars(s) for s in clause.sources]
    ordered = sorted(records, key=lambda s: (s.get("year") or 0, s.get("order") or 0))
    rows, previous = [], None
    for record in ordered:
        form = placeholder_form(record, records)
        row = Wording(record.get("year"), record.get("org") or "", record.get("file") or "", record.get("section") or "",
                      record.get("position") or 0, wording(record, records))
        if previous is not None:
            row.same = previous == form
            row.old_html, row.new_html = word_diff(previous, form)
        rows.append(row)
        previous = form
    return rows


def library_change(clause: Clause) -> tuple[str, str] | None:
    """The library's text against the newest wording, word by word; None when there is none."""
    rows = wordings(clause)
    if not rows:
        return None
    records = [vars(s) for s in clause.sources]
    newest = max(records, key=lambda s: (s.get("year") or 0, s.get("order") or 0))
    form = placeholder_form(newest, records)
    if form == clause.text:
        return None
    return word_diff(form, clause.text)
