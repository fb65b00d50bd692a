"""check_document: every check module over one .docx, findings in the order a person reads them."""
from __future__ import annotations

import re
from pathlib import Path

from generator.check import formatting, layout, page, places, structure, wording
from generator.check.document import load
from generator.check.findings import CATEGORIES, CheckReport
from generator.profile import load_profile


def check_document(path: Path, year: int | None = None, rules_dir: Path | None = None) -> CheckReport:
    """Check one .docx. Raises GwplanError when it cannot be read at all."""
    document = load(Path(path))
    profile = load_profile()
    report = CheckReport(Path(path), year or _year_from_title(document), document=document)
    report.findings += page.check(document, profile)
    report.findings += formatting.check(document, profile)
    report.findings += structure.check(document)
    report.findings += places.check(document, profile)
    report.findings += layout.check(document, profile, report.findings)
    report.findings += wording.check(document)
    if report.year:
        report.findings += wording.check_freshness(document, report.year, rules_dir)
    else:
        report.notes.append("标题中找不到年份，没有检查时效（可用 --year 指定计划年份）。")
    unread = [p for p in document.paragraphs if p.role in ("centred_line", "subheading")]
    if unread:
        shown = "、".join(str(p.index) for p in unread[:6]) + ("……" if len(unread) > 6 else "")
        report.notes.append(f"第 {shown} 段是未编号的小标题或居中的一行，不能确定是公文的哪个部分，没有检查其字体。")
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
