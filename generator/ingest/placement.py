"""Stage 4 of ingest: where a new plan's sections and clauses go.

A section joins the library section of its theme (rules/sections.yaml), else the one with the
most similar heading, else the one most of its clauses already live in, else a new file. A clause
that is a near-duplicate of a library clause (similarity.py) adds a source to it, and takes the
newer wording while nobody has reviewed it; any other clause is new, placed right after the clause
it followed in the plan.
"""
from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.rules.audience import judge, load_audience_rules, only_schools
from generator.library.sources import new_source, placeholder_form
from generator.ingest.workspace import WorkClause, WorkSection, Workspace
from generator.model import Plan, Section
from generator.text.placeholders import insert_placeholders, target_candidates
from generator.text.similarity import similarity

HEADING_MATCH = 0.5  # headings are short: half their bigrams shared means the same heading reworded
PREAMBLE_FILE = "00-总要求.yaml"
# A summary states what was done: its sentences enter a draft only once a reviewer rewrites them as tasks.
SUMMARY_NOTE = "出自工作总结，写的是已经做过的事；改写成新一年的任务后把 status 改为 active，草稿才会用它。"


@dataclass
class PlanResult:
    file: str
    title: str
    org: str
    year: int | None
    sections: int
    clauses: int
    added: int = 0
    merged: int = 0
    skipped: str = ""
    kind: str = "plan"  # plan | summary
    warnings: list[str] = field(default_factory=list)
    removed_chars: int = 0  # lines whose control characters the reader removed: the writer must look


def fingerprint(plan: Plan) -> str:
    """Identity of a plan's content, whatever its encoding, line breaks or web noise."""
    text = "\n".join([plan.title] + [c.text for c in plan.all_clauses()])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def add_plan(ws: Workspace, plan: Plan, rules: str | None = None) -> PlanResult:
    clauses = plan.all_clauses()
    result = PlanResult(plan.source_file, plan.title, plan.org, plan.year, len(plan.sections), len(clauses))
    result.warnings, result.removed_chars = list(plan.warnings), plan.removed_chars
    result.kind = plan.kind
    plan_print = fingerprint(plan)
    known = [p for p in ws.known_plans() if p.get("fingerprint") == plan_print]
    if known:
        result.skipped = f"内容与已收录的 {known[0].get('file')} 相同，未重复收录"
        return result
    if not plan.preamble and not plan.sections:
        result.skipped = "没有可收录的正文"
        return result
    placer = _Placer(ws, plan, result, rules)
    if plan.preamble:
        placer.clauses(plan.preamble, _preamble_section(ws), "（总要求）")
    for plan_section in plan.sections:
        section = _match_section(ws, plan, plan_section)
        placer.clauses(plan_section.clauses, section, plan_section.heading)
        for sub in plan_section.subsections:
            placer.clauses(sub.clauses, section, plan_section.heading, group=sub.heading)
    ws.superseded += _reviewed_drafts(ws, plan)
    ws.new_plans.append(
        {
            "file": plan.source_file,
            "title": plan.title,
            "org": plan.org,
            "year": plan.year,
            **({"kind": plan.kind} if plan.kind != "plan" else {}),
            **({"school_year": plan.school_year, "term": plan.term} if plan.school_year else {}),
            "fingerprint": plan_print,
            "sections": len(plan.sections),
            "clauses": len(clauses),
            "ingested": datetime.date.today().isoformat(),
            **({"warnings": list(plan.warnings)} if plan.warnings else {}),
        }
    )
    if ws.meta_text is None and plan.title and plan.kind == "plan":  # a new library takes the newest plan's title and org
        ws.meta["title"] = insert_placeholders(plan.title, plan.year, plan.org)
        ws.meta["org"] = plan.org
    return result


def _reviewed_drafts(ws: Workspace, plan: Plan) -> list[dict]:
    """The reviewed drafts of this plan's unit and year that gwplan learn recorded: the issued plan
    takes their place in gwplan.yaml (its text is theirs), so one plan per unit and year remains."""
    def same(org: str) -> bool:
        return bool(org and plan.org) and (org in plan.org or plan.org in org)

    return [p for p in ws.meta.get("plans") or [] if isinstance(p, dict) and p.get("learned")
            and p.get("year") == plan.year and same(str(p.get("org") or "")) and p not in ws.superseded]


class _Placer:
    """Merges or adds the clauses of one plan."""

    def __init__(self, ws: Workspace, plan: Plan, result: PlanResult, rules: str | None):
        self.ws, self.plan, self.result, self.rules = ws, plan, result, rules
        self.order = {id(c): number for number, c in enumerate(plan.all_clauses(), 1)}

    def clauses(self, clauses, section: WorkSection, heading: str, group: str = "") -> None:
        previous: WorkClause | None = None
        for clause in clauses:
            text = insert_placeholders(clause.text, self.plan.year, self.plan.org)
            match, _ = self.ws.index.best(text)
            if match is not None:
                if self._merge(match, clause, heading, text):
                    self.result.merged += 1
                previous = match if match.section is section else previous
                continue
            previous = self._create(text, clause, section, heading, group, previous)
            self.result.added += 1

    def _merge(self, existing: WorkClause, clause, heading: str, text: str) -> bool:
        """Add a source to `existing`; adopt the newer wording while nobody has reviewed the clause.

        A clause counts as unreviewed while it is active and its text is still the newest
        plan's wording; a reviewer's rewording or retirement is never overwritten.
        """
        sources = existing.all_sources()
        position = clause.sources[0].position if clause.sources else 0
        if any(s.get("file") == self.plan.source_file and s.get("position") == position for s in sources):
            return False
        record = new_source(self.plan, clause, heading, sources, self.order[id(clause)])
        dated = [s for s in sources if isinstance(s.get("year"), int)]
        newest = max(dated, key=lambda s: s["year"]) if dated else None
        year = self.plan.year
        unedited = newest is not None and placeholder_form(newest, sources) == existing.text and existing.status == "active"
        if unedited and year and year > newest["year"] and text != existing.text and self.plan.kind == "plan":
            existing.text = text
            if existing.node is not None:
                existing.new_text = text
        (existing.sources if existing.node is None else existing.new_sources).append(record)
        self.ws.index_text(existing, text)
        return True

    def _create(self, text: str, clause, section: WorkSection, heading: str, group: str, previous) -> WorkClause:
        from generator.ingest.tags import clause_id, keywords  # jieba loads only when a clause is new

        tags = keywords(text, rules=self.rules)
        judged = judge(text, load_audience_rules(self.rules), only_schools([{"org": self.plan.org}]))
        created = WorkClause(
            id=clause_id(tags, text, self.ws.ids),
            text=text,
            section=section,
            status="review" if self.plan.kind == "summary" else "active",
            kind=clause.kind,
            audience=judged.audience,
            audience_reason=judged.reason,
            group=group,
            tags=tags,
            targets=target_candidates(text),
            notes=list(clause.notes) + ([SUMMARY_NOTE] if self.plan.kind == "summary" else []),
            sources=[new_source(self.plan, clause, heading, [], self.order[id(clause)])],
        )
        position = section.clauses.index(previous) + 1 if previous in section.clauses else len(section.clauses)
        section.clauses.insert(position, created)
        self.ws.register(created)
        return created


# --- sections --------------------------------------------------------------------------------


def _preamble_section(ws: Workspace) -> WorkSection:
    for section in ws.sections:
        if section.role == "preamble":
            return section
    section = WorkSection(path=ws.root / PREAMBLE_FILE, heading="总要求", role="preamble")
    ws.sections.insert(0, section)
    return section


def _match_section(ws: Workspace, plan: Plan, plan_section: Section) -> WorkSection:
    variant = {"text": plan_section.heading, "file": plan.source_file, "year": plan.year}
    theme = _theme(ws, plan_section)
    found = next((s for s in ws.sections if s.theme == theme), None) if theme else None
    if found is None:
        found = _by_heading(ws, plan_section.heading) or _by_clause_votes(ws, plan, plan_section)
    if found is None:
        heading = plan_section.heading or "正文"
        found = WorkSection(path=_new_path(ws, theme, heading), heading=heading, theme=theme)
        if plan_section.heading:
            found.headings.append(variant)
        ws.sections.append(found)
        return found
    variants = found.headings + found.new_headings
    if plan_section.heading and all(h.get("text") != plan_section.heading for h in variants):
        _adopt_newer_heading(found, variants, variant)
        (found.new_headings if found.text is not None else found.headings).append(variant)
    return found


def _theme(ws: Workspace, plan_section: Section) -> str:
    """The theme whose keywords best fit the heading (or, failing that, the body)."""
    body = "".join(c.text for c in plan_section.all_clauses())
    for text, weight in ((plan_section.heading, 1.0), (body, 0.2)):
        scores = [(sum(len(k) for k in t["keywords"] if k in text) * weight, -t["order"], t["name"]) for t in ws.themes]
        best = max(scores, default=(0, 0, ""))
        if best[0] >= 2:
            return best[2]
    return ""


def _by_heading(ws: Workspace, heading: str) -> WorkSection | None:
    if not heading:
        return None
    best, score = None, 0.0
    for section in ws.sections:
        if section.role != "body":
            continue
        for text in [section.heading] + [h.get("text", "") for h in section.headings + section.new_headings]:
            value = similarity(text, heading)
            if value > score:
                best, score = section, value
    return best if score >= HEADING_MATCH else None


def _by_clause_votes(ws: Workspace, plan: Plan, plan_section: Section) -> WorkSection | None:
    votes: dict[int, int] = {}
    clauses = plan_section.all_clauses()
    for clause in clauses:
        match, _ = ws.index.best(insert_placeholders(clause.text, plan.year, plan.org))
        if match is not None and match.section.role == "body":
            votes[id(match.section)] = votes.get(id(match.section), 0) + 1
    for section in ws.sections:
        if clauses and votes.get(id(section), 0) * 2 >= len(clauses):
            return section
    return None


def _new_path(ws: Workspace, theme: str, heading: str) -> Path:
    taken = {s.path.name for s in ws.sections} | {p.name for p in ws.root.glob("*.yaml")}
    numbers = [int(m.group(1)) for name in taken if (m := re.match(r"(\d+)-", name))]
    order = next((t["order"] for t in ws.themes if t["name"] == theme), None)
    number = order if order is not None else max([n for n in numbers if n >= 10] + [9]) + 1
    stem = re.sub(r"[\\/:*?\"<>|“”‘’《》\s，。、；：！？（）()]", "", theme or heading)[:16] or "分节"
    name, counter = f"{number:02d}-{stem}.yaml", 2
    while name in taken:
        name, counter = f"{number:02d}-{stem}-{counter}.yaml", counter + 1
    return ws.root / name


def _adopt_newer_heading(section: WorkSection, variants: list[dict], variant: dict) -> None:
    """Take a newer plan's heading wording, unless a reviewer has edited the heading."""
    dated = [v for v in variants if isinstance(v.get("year"), int)]
    newest = max(dated, key=lambda v: v["year"]) if dated else None
    year = variant.get("year")
    if newest and newest.get("text") == section.heading and year and year > newest["year"]:
        section.heading = variant["text"]
        if section.text is not None:
            section.new_heading = variant["text"]
