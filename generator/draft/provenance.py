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
    return {
        **_head(result, document, library_root),
        "paragraphs": [_entry(number, block, reports) for number, block in enumerate(layout(result.plan), 1)],
    }


def _head(result: DraftResult, document: Path, library_root: Path | None) -> dict:
    return {
        "gwplan": __version__,
        "document": document.name,
        "title": result.plan.title,
        "year": result.plan.year,
        "org": result.plan.org,
        "library": str(library_root) if library_root else "",
    }


def _entry(number: int, block, reports: dict[str, ClauseReport]) -> dict:
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
    return entry


def sidecar_text(result: DraftResult, document: Path, library_root: Path | None) -> str:
    """The sidecar as JSON: exactly json.dumps(sidecar(…), indent=2), put together from the JSON
    of each paragraph's entry, which a batch keeps for the next school (most are the same)."""
    reports = _reports(result)
    entries = [_entry_json(number, block, reports) for number, block in enumerate(layout(result.plan), 1)]
    head = json.dumps(_head(result, document, library_root), ensure_ascii=False, indent=2)
    paragraphs = "[\n" + ",\n".join(entries) + "\n  ]" if entries else "[]"
    return f'{head[:-2]},\n  "paragraphs": {paragraphs}\n}}\n'


_ENTRIES: dict[tuple, tuple[object, str]] = {}  # a clause paragraph's key → (its sources list, JSON)


def _entry_json(number: int, block, reports: dict[str, ClauseReport]) -> str:
    """One entry as it stands inside the sidecar (indented two levels). A clause's entry is kept
    under everything it holds; its sources by identity, as the library's list is shared."""
    clause = block.clause
    if clause is None or not clause.id:
        key = (number, block.role, block.label, block.text)
        if key not in _ENTRIES:
            _ENTRIES[key] = (None, _indented(_entry(number, block, reports)))
        return _ENTRIES[key][1]
    report = reports.get(clause.id)
    changes = tuple((c.rule, c.before, c.after, c.reason) for c in report.changes) if report else ()
    key = (number, block.role, block.label, block.text, clause.id, clause.origin, clause.line, id(clause.sources),
           changes, tuple(report.filled) if report else ())
    cached = _ENTRIES.get(key)
    if cached is None or cached[0] is not clause.sources:
        if len(_ENTRIES) > 50_000:
            _ENTRIES.clear()
        cached = _ENTRIES[key] = (clause.sources, _indented(_entry(number, block, reports)))
    return cached[1]


def _indented(entry: dict) -> str:
    return "    " + json.dumps(entry, ensure_ascii=False, indent=2).replace("\n", "\n    ")
