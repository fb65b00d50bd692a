"""What check reports: findings, one per problem, and the report of one document."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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
