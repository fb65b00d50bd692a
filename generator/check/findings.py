"""What check reports: findings, one per problem, the report of one document, and the log of
what --fix changed."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator.ooxml import W

CATEGORIES = ("页面", "字体字号", "结构", "文字", "时效")


@dataclass
class Finding:
    rule: str  # e.g. font.body
    severity: str  # error | warning
    category: str  # one of CATEGORIES
    paragraph: int  # 1-based; 0 for the whole document (page setup, footers)
    excerpt: str
    message: str  # what is wrong
    reason: str  # the standard's clause or the rule's source
    fix: str  # what to do
    fixable: bool = False  # --fix repairs it


@dataclass
class CheckReport:
    path: Path
    year: int | None
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    document: object = field(default=None, repr=False)  # the CheckedDocument read, for --fix to reuse

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


@dataclass
class Change:
    """One change --fix made, where it made it: the audit (tests/fixaudit.py) diffs against these."""

    part: str  # word/document.xml, word/footer1.xml …
    paragraph: int  # the paragraph's number in its part, in document order; -1 for the part as a whole
    kind: str  # text | format | page | replace
    what: str  # in Chinese, as the report says it


class ChangeLog:
    """What --fix changed: each change with its paragraph, and the report's summary lines."""

    def __init__(self, doc):
        self.records: list[Change] = []
        self.counts: Counter = Counter()
        self._order = {p: n for n, p in enumerate(doc.document.element.iter(W + "p"))}

    def paragraph(self, element, kind: str, what: str) -> None:
        self.records.append(Change("word/document.xml", self._order.get(element, -1), kind, what))
        self.counts[what] += 1

    def part(self, name: str, kind: str, what: str, paragraph: int = -1, count: bool = True) -> None:
        self.records.append(Change(name, paragraph, kind, what))
        if count:
            self.counts[what] += 1

    def note(self, what: str) -> None:
        """Something --fix left alone on purpose, said in the report with the changes."""
        self.counts[what] += 1

    def summary(self) -> list[str]:
        return [f"{what}（{count} 处）" if count > 1 else what for what, count in self.counts.items()]
