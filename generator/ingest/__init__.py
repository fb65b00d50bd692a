"""gwplan ingest: past plans → the YAML clause library, created or updated in place.

Every numbered item or body paragraph becomes a clause with placeholders for year, organisation
and scope. The work goes in stages, one module each:

1. read       every plan is read and checked before the library is touched (readers/)
2. open       the library as it is on disk: files, nodes, clauses, a similarity index (workspace.py)
3. sources    an older library's sources brought to the current, small format (sources.py)
4. place      each plan's sections and clauses: merged into near-duplicates or added (placement.py)
5. save       existing files patched as text, new files written, checked and committed at once (save.py)

The library's lock is held from 2 to 5 (library/lock.py).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator.ingest.placement import PlanResult, add_plan, fingerprint
from generator.ingest.save import save
from generator.ingest.migrate import migrate
from generator.ingest.workspace import Workspace
from generator.library.lock import library_lock
from generator.readers import read_plans
from generator.rules.ruleset import section_themes

__all__ = ["IngestResult", "PlanResult", "fingerprint", "ingest"]


@dataclass
class IngestResult:
    library: Path
    plans: list[PlanResult]
    written: list[Path]
    sections: int
    clauses: int
    migrated: int = 0  # duplicate wordings removed while bringing an older library up to date
    upgraded: bool = False  # the library was brought to the current format
    audiences: dict[str, int] = field(default_factory=dict)  # active clauses by audience
    audience_added: int = 0  # clauses of an older library that got an audience in this run


def ingest(
    paths: list[Path | str], library_root: Path | str, rules: Path | str | None = None,
    org: str | None = None, year: int | None = None,
) -> IngestResult:
    """Read `paths` and merge them into the library at `library_root`; returns what happened.

    `org` and `year` (ingest --org/--year) settle what the documents leave unknown, or correct them."""
    plans = [plan for p in paths for plan in read_plans(p)]  # all input is checked before the library is touched
    for plan in plans:
        _settle(plan, org, year)
    themes = section_themes(rules)
    with library_lock(library_root):  # read, place and write with no other writer in between
        workspace = Workspace(Path(library_root), themes, str(rules) if rules else None)
        upgrading = workspace.meta_text is not None and workspace.format_on_disk < 2
        migrate(workspace)
        rules_key = str(rules) if rules else None
        results = [add_plan(workspace, plan, rules_key) for plan in sorted(plans, key=lambda p: p.year or 0)]
        written = save(workspace)
    return IngestResult(
        library=workspace.root,
        plans=results,
        written=written,
        sections=len(workspace.sections),
        clauses=sum(len(s.clauses) for s in workspace.sections),
        migrated=workspace.migrated,
        upgraded=upgrading,
        audiences=dict(Counter(c.audience or "both" for s in workspace.sections for c in s.clauses if c.status == "active")),
        audience_added=workspace.audience_added,
    )


def _settle(plan, org: str | None, year: int | None) -> None:
    """Apply --org/--year; where the document said otherwise, the report says so."""
    for what, given, field_name in (("发文单位", org, "org"), ("年份", year, "year")):
        if not given:
            continue
        found = getattr(plan, field_name)
        if found and found != given:
            plan.warnings.append(f"文件中的{what}是“{found}”，已按 --{field_name} 改为“{given}”。")
        setattr(plan, field_name, given)
    if org or year:
        plan.warnings = [w for w in plan.warnings if not ("--org" in w and _settled(w, plan))]
        for clause in plan.all_clauses():
            for source in clause.sources:
                source.org, source.year = plan.org, plan.year


def _settled(warning: str, plan) -> bool:
    """A reader's "unknown unit/year" warning that --org/--year has now answered."""
    return ("发文单位" not in warning or bool(plan.org)) and ("年份" not in warning or bool(plan.year)) and "无法确定" in warning
