"""gwplan check: a GB/T 9704 and freshness checker for any .docx.

Each check module looks at one aspect (page setup, fonts and sizes, structure, text and
freshness) and returns findings; fix.py repairs the mechanical ones into a new file.
The formatting profile (templates/gbt9704.yaml) and the rules/ data are the references.
"""
from __future__ import annotations

import re
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


def check_document(path: Path, year: int | None = None, rules_dir: Path | None = None) -> CheckReport:
    """Check one .docx. Raises GwplanError when it cannot be read at all."""
    from generator.check import formatting, page, places, structure, text
    from generator.check.document import load
    from generator.profile import load_profile

    document = load(Path(path))
    profile = load_profile()
    report = CheckReport(Path(path), year or _year_from_title(document), document=document)
    report.findings += page.check(document, profile)
    report.findings += formatting.check(document, profile)
    report.findings += structure.check(document)
    report.findings += places.check(document, profile)
    report.findings += text.check(document)
    if report.year:
        report.findings += text.check_freshness(document, report.year, rules_dir)
    else:
        report.notes.append("标题中找不到年份，没有检查时效（可用 --year 指定计划年份）。")
    if not any(p.role == "title" for p in document.paragraphs):
        report.notes.append("没有识别出标题（文档开头应是居中的 2 号标题）。")
    report.findings.sort(key=lambda f: (CATEGORIES.index(f.category), f.paragraph))
    return report


def _year_from_title(document) -> int | None:
    for para in document.paragraphs:
        if para.role == "title":
            match = re.search(r"((?:19|20)\d{2})\s*年", para.text)
            if match:
                return int(match.group(1))
    return None
