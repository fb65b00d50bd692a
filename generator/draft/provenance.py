"""Provenance of a draft: where every paragraph came from and what the generator did to it.

Two outputs from one source: the text of the Word comment on each clause paragraph
(draft --review) and a machine-readable sidecar, OUT.provenance.json, mapping each paragraph
of the document to its clause and the clause's sources (gwplan learn reads it back).
"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from generator import __version__
from generator.draft.build import ClauseReport, DraftResult
from generator.model import Clause
from generator.writers import layout

SIDECAR_SUFFIX = ".provenance.json"


def sidecar_path(output: Path) -> Path:
    return output.with_name(output.stem + SIDECAR_SUFFIX)


def _reports(result: DraftResult) -> dict[str, ClauseReport]:
    return {report.clause_id: report for report in result.reports}


def review_notes(result: DraftResult) -> dict[str, str]:
    """Clause id → the comment text for its paragraph."""
    reports = _reports(result)
    return {clause.id: _note(clause, reports.get(clause.id)) for clause in result.plan.all_clauses() if clause.id}


def _bare(section: str) -> str:
    """A section name without its own brackets: （总要求） inside （… 第 1 条） reads 总要求."""
    return section[1:-1] if section.startswith("（") and section.endswith("）") else section


def _note(clause: Clause, report: ClauseReport | None) -> str:
    where = f"（{Path(clause.origin).name} 第 {clause.line} 行）" if clause.origin else ""
    lines = [f"条款 {clause.id}{where}"]
    if not clause.origin:
        lines.append("新增条款：来自计划文件，条款库中没有")
    elif clause.sources:
        origins = [f"{s.year or '?'}年 {s.org or ''} {s.file}（{_bare(s.section)} 第 {s.position} 条）".replace("  ", " ") for s in clause.sources]
        lines.append("来源：" + "；".join(origins))
    else:
        lines.append("来源：条款库中直接编写的条款（没有往年出处）")
    done = []
    if report is not None:
        for change in report.changes:
            done.append(f"{change.rule}：“{change.before}”→{'“' + change.after + '”' if change.after else '删去'}")
        done += [f"填入目标 {item}" for item in report.filled]
        done += [f"请核对：{flag.excerpt}（{flag.reason}）" for flag in report.flags]
    lines.append("生成时：" + ("；".join(done) if done else "沿用原文，只更新了年份和单位"))
    return "\n".join(lines)


def sidecar(result: DraftResult, document: Path, library_root: Path | None) -> dict:
    """The sidecar's content: one entry per paragraph of the document, in order."""
    reports = _reports(result)
    paragraphs = []
    for number, block in enumerate(layout(result.plan), 1):
        entry = {"paragraph": number, "role": block.role, "label": block.label, "text": block.text}
        clause = block.clause
        if clause is not None and clause.id:
            report = reports.get(clause.id)
            entry.update(
                clause=clause.id,
                library_file=clause.origin,
                line=clause.line,
                sources=[asdict(s) for s in clause.sources],
                changes=[asdict(c) for c in report.changes] if report else [],
                targets=report.filled if report else [],
            )
        paragraphs.append(entry)
    return {
        "gwplan": __version__,
        "document": document.name,
        "title": result.plan.title,
        "year": result.plan.year,
        "org": result.plan.org,
        "library": str(library_root) if library_root else "",
        "paragraphs": paragraphs,
    }


def sidecar_text(result: DraftResult, document: Path, library_root: Path | None) -> str:
    return json.dumps(sidecar(result, document, library_root), ensure_ascii=False, indent=2) + "\n"
