"""gwplan ingest: past plans → the YAML clause library, created or updated in place.

Every numbered item or body paragraph becomes a clause with placeholders for year, organisation
and scope. A clause that is a near-duplicate of one already in the library (see similarity.py)
adds a source to it instead. Sections of different plans about the same topic share one section
file (themes in rules/sections.yaml). Existing files are patched as text, never re-serialized.
"""
from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import libwrite, yamlio
from generator.errors import GwplanError
from generator.library import META_FILE, SCHEMA_DIR, load_library, section_files
from generator.model import Plan, Section, Target
from generator.placeholders import insert_placeholders, target_candidates
from generator.readers import read_plan
from generator.rules import section_themes
from generator.similarity import NearDuplicateIndex, similarity

HEADING_MATCH = 0.5  # headings are short: half their bigrams shared means the same heading reworded
PREAMBLE_FILE = "00-总要求.yaml"
_SCHEMA_SOURCE = Path(__file__).resolve().parent / "schema"


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
    warnings: list[str] = field(default_factory=list)


@dataclass
class IngestResult:
    library: Path
    plans: list[PlanResult]
    written: list[Path]
    sections: int
    clauses: int


def ingest(paths: list[Path | str], library_root: Path | str, rules: Path | str | None = None) -> IngestResult:
    """Read `paths` and merge them into the library at `library_root`; returns what happened."""
    plans = [read_plan(p) for p in paths]  # all input is checked before the library is touched
    workspace = Workspace(Path(library_root), section_themes(rules))
    results = [workspace.add_plan(plan) for plan in sorted(plans, key=lambda p: p.year or 0)]
    written = workspace.save()
    return IngestResult(
        library=workspace.root,
        plans=results,
        written=written,
        sections=len(workspace.sections),
        clauses=sum(len(s.clauses) for s in workspace.sections),
    )


def fingerprint(plan: Plan) -> str:
    """Identity of a plan's content, whatever its encoding, line breaks or web noise."""
    text = "\n".join([plan.title] + [c.text for c in plan.all_clauses()])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class WorkClause:
    id: str
    text: str
    section: WorkSection
    status: str = "active"
    kind: str = "paragraph"
    group: str = ""
    tags: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    node: yaml.MappingNode | None = None  # set for clauses already in a file
    new_sources: list[dict] = field(default_factory=list)
    new_text: str | None = None
    indexed: set[str] = field(default_factory=set)  # texts the similarity index knows for this clause

    def newest_source(self) -> dict | None:
        dated = [s for s in self.sources if isinstance(s.get("year"), int)]
        return max(dated, key=lambda s: s["year"]) if dated else None


@dataclass
class WorkSection:
    path: Path
    heading: str
    role: str = "body"
    theme: str = ""
    clauses: list[WorkClause] = field(default_factory=list)
    headings: list[dict] = field(default_factory=list)
    new_headings: list[dict] = field(default_factory=list)
    new_heading: str | None = None  # an unedited heading replaced by a newer plan's wording
    text: str | None = None  # original file text, for sections that exist on disk
    node: yaml.MappingNode | None = None


class Workspace:
    """The library being updated: existing files as text and nodes, new content as data."""

    def __init__(self, root: Path, themes: list[dict]):
        self.root = root
        self.themes = themes
        self.sections: list[WorkSection] = []
        self.index = NearDuplicateIndex()
        self.ids: set[str] = set()
        self.meta_text: str | None = None
        self.meta_node = None
        self.meta: dict = {}
        self.new_plans: list[dict] = []
        if root.exists() and (any(root.glob("*.yaml"))):
            self._open_existing()
        elif root.exists() and not root.is_dir():
            raise GwplanError("这不是文件夹；--library 应指向条款库文件夹（不存在时会自动创建）。", str(root))

    # --- reading the existing library --------------------------------------------------

    def _open_existing(self) -> None:
        library = load_library(self.root)
        if library.errors:
            first = library.errors[0]
            raise GwplanError(
                f"条款库中有 {len(library.errors)} 处错误，收录前请先修正（运行 gwplan lint 查看全部）。第一处：{first}",
                str(self.root),
            )
        meta_path = self.root / META_FILE
        if meta_path.exists():
            self.meta_text = meta_path.read_text(encoding="utf-8-sig")
            self.meta, self.meta_node = yamlio.load_text(self.meta_text, str(meta_path))
            self.meta = self.meta or {}
        for path in section_files(self.root):
            text = path.read_text(encoding="utf-8-sig")
            data, node = yamlio.load_text(text, str(path))
            if not data:
                continue
            section = WorkSection(
                path=path,
                heading=str(data.get("section") or ""),
                role=str(data.get("role") or "body"),
                theme=str(data.get("theme") or ""),
                headings=list(data.get("headings") or []),
                text=text,
                node=node,
            )
            items = yamlio.mapping_value(node, "clauses")[0]
            for item, item_node in zip(data.get("clauses") or [], items.value if items is not None else []):
                clause = WorkClause(
                    id=str(item["id"]),
                    text=str(item["text"]),
                    section=section,
                    status=str(item.get("status", "active")),
                    sources=[dict(s) for s in item.get("sources") or []],
                    node=item_node,
                )
                self._register(clause)
                section.clauses.append(clause)
            self.sections.append(section)

    def _register(self, clause: WorkClause) -> None:
        self.ids.add(clause.id)
        for text in [clause.text] + [str(s.get("text") or "") for s in clause.sources]:
            self._index(clause, text)

    def _index(self, clause: WorkClause, text: str) -> None:
        if text and text not in clause.indexed:
            clause.indexed.add(text)
            self.index.add(clause, text)

    # --- adding a plan -----------------------------------------------------------------

    def add_plan(self, plan: Plan) -> PlanResult:
        clauses = plan.all_clauses()
        result = PlanResult(plan.source_file, plan.title, plan.org, plan.year, len(plan.sections), len(clauses))
        result.warnings = list(plan.warnings)
        plan_print = fingerprint(plan)
        known = [p for p in (self.meta.get("plans") or []) + self.new_plans if p.get("fingerprint") == plan_print]
        if known:
            result.skipped = f"内容与已收录的 {known[0].get('file')} 相同，未重复收录"
            return result
        if not plan.preamble and not plan.sections:
            result.skipped = "没有可收录的正文"
            return result
        if plan.preamble:
            section = self._preamble_section()
            self._add_clauses(plan, plan.preamble, section, "（总要求）", result)
        for plan_section in plan.sections:
            section = self._match_section(plan, plan_section)
            self._add_clauses(plan, plan_section.clauses, section, plan_section.heading, result)
            for sub in plan_section.subsections:
                self._add_clauses(plan, sub.clauses, section, plan_section.heading, result, group=sub.heading)
        self.new_plans.append(
            {
                "file": plan.source_file,
                "title": plan.title,
                "org": plan.org,
                "year": plan.year,
                "fingerprint": plan_print,
                "sections": len(plan.sections),
                "clauses": len(clauses),
                "ingested": datetime.date.today().isoformat(),
                **({"warnings": list(plan.warnings)} if plan.warnings else {}),
            }
        )
        if self.meta_text is None and plan.title:  # a new library takes the newest plan's title and org
            self.meta["title"] = insert_placeholders(plan.title, plan.year, plan.org)
            self.meta["org"] = plan.org
        return result

    def _add_clauses(self, plan: Plan, clauses, section: WorkSection, heading: str, result: PlanResult, group: str = "") -> None:
        previous: WorkClause | None = None
        for clause in clauses:
            text = insert_placeholders(clause.text, plan.year, plan.org)
            source = {
                "file": plan.source_file,
                "year": plan.year,
                "org": plan.org,
                "section": heading,
                "position": clause.sources[0].position if clause.sources else 0,
                "text": text,
            }
            match, _ = self.index.best(text)
            if match is not None:
                if self._merge(match, source, plan.year):
                    result.merged += 1
                previous = match if match.section is section else previous
                continue
            created = self._create(text, clause, section, source, group, previous)
            result.added += 1
            previous = created

    def _merge(self, clause: WorkClause, source: dict, year: int | None) -> bool:
        """Add `source` to an existing clause; adopt its wording when newer and nobody reviewed it.

        A clause counts as unreviewed while it is active and its text is still the newest plan's
        wording; a reviewer's rewording or retirement is never overwritten.
        """
        everything = clause.sources + clause.new_sources
        if any(s.get("file") == source["file"] and s.get("position") == source["position"] for s in everything):
            return False
        newest = clause.newest_source()
        unedited = newest is not None and newest.get("text") == clause.text and clause.status == "active"
        if unedited and year and newest.get("year") and year > newest["year"] and source["text"] != clause.text:
            clause.text = source["text"]
            if clause.node is not None:
                clause.new_text = source["text"]
        (clause.sources if clause.node is None else clause.new_sources).append(source)
        self._index(clause, source["text"])
        return True

    def _create(self, text, clause, section: WorkSection, source: dict, group: str, previous) -> WorkClause:
        from generator.tags import keywords  # jieba loads only when a clause is new

        tags = keywords(text)
        created = WorkClause(
            id=self._new_id(tags, text),
            text=text,
            section=section,
            kind=clause.kind,
            group=group,
            tags=tags,
            targets=target_candidates(text),
            notes=list(clause.notes),
            sources=[source],
        )
        position = section.clauses.index(previous) + 1 if previous in section.clauses else len(section.clauses)
        section.clauses.insert(position, created)
        self._register(created)
        return created

    def _new_id(self, tags: list[str], text: str) -> str:
        words = [t for t in tags if re.fullmatch(r"[^\s{}\[\],:#&*!|>'\"%@`]+", t)][:2]
        base = "-".join(words) or re.sub(r"\W", "", re.sub(r"\{\{.*?\}\}", "", text))[:6] or "条款"
        candidate, number = base, 2
        while candidate in self.ids:
            candidate, number = f"{base}-{number}", number + 1
        self.ids.add(candidate)
        return candidate

    # --- sections ----------------------------------------------------------------------

    def _preamble_section(self) -> WorkSection:
        for section in self.sections:
            if section.role == "preamble":
                return section
        section = WorkSection(path=self.root / PREAMBLE_FILE, heading="总要求", role="preamble")
        self.sections.insert(0, section)
        return section

    def _match_section(self, plan: Plan, plan_section: Section) -> WorkSection:
        variant = {"text": plan_section.heading, "file": plan.source_file, "year": plan.year}
        theme = self._theme(plan_section)
        found = None
        if theme:
            found = next((s for s in self.sections if s.theme == theme), None)
        if found is None:
            found = self._by_heading(plan_section.heading) or self._by_clause_votes(plan, plan_section)
        if found is None:
            found = WorkSection(path=self._new_path(theme, plan_section.heading), heading=plan_section.heading, theme=theme)
            found.headings.append(variant)
            self.sections.append(found)
            return found
        variants = found.headings + found.new_headings
        if all(h.get("text") != plan_section.heading for h in variants):
            _adopt_newer_heading(found, variants, variant)
            (found.new_headings if found.text is not None else found.headings).append(variant)
        return found

    def _theme(self, plan_section: Section) -> str:
        """The theme whose keywords best fit the heading (or, failing that, the body)."""
        body = "".join(c.text for c in plan_section.all_clauses())
        for text, weight in ((plan_section.heading, 1.0), (body, 0.2)):
            scores = [(sum(len(k) for k in t["keywords"] if k in text) * weight, -t["order"], t["name"]) for t in self.themes]
            best = max(scores, default=(0, 0, ""))
            if best[0] >= 2:
                return best[2]
        return ""

    def _by_heading(self, heading: str) -> WorkSection | None:
        best, score = None, 0.0
        for section in self.sections:
            if section.role != "body":
                continue
            for text in [section.heading] + [h.get("text", "") for h in section.headings + section.new_headings]:
                value = similarity(text, heading)
                if value > score:
                    best, score = section, value
        return best if score >= HEADING_MATCH else None

    def _by_clause_votes(self, plan: Plan, plan_section: Section) -> WorkSection | None:
        votes: dict[int, int] = {}
        clauses = plan_section.all_clauses()
        for clause in clauses:
            match, _ = self.index.best(insert_placeholders(clause.text, plan.year, plan.org))
            if match is not None and match.section.role == "body":
                votes[id(match.section)] = votes.get(id(match.section), 0) + 1
        for section in self.sections:
            if clauses and votes.get(id(section), 0) * 2 >= len(clauses):
                return section
        return None

    def _new_path(self, theme: str, heading: str) -> Path:
        taken = {s.path.name for s in self.sections} | {p.name for p in self.root.glob("*.yaml")}
        numbers = [int(m.group(1)) for name in taken if (m := re.match(r"(\d+)-", name))]
        order = next((t["order"] for t in self.themes if t["name"] == theme), None)
        number = order if order is not None else max([n for n in numbers if n >= 10] + [9]) + 1
        stem = re.sub(r"[\\/:*?\"<>|“”‘’《》\s，。、；：！？（）()]", "", theme or heading)[:16] or "分节"
        name, counter = f"{number:02d}-{stem}.yaml", 2
        while name in taken:
            name, counter = f"{number:02d}-{stem}-{counter}.yaml", counter + 1
        return self.root / name

    # --- writing -----------------------------------------------------------------------

    def save(self) -> list[Path]:
        files: dict[Path, str] = {}
        for section in self.sections:
            text = self._section_text(section)
            if text is not None:
                files[section.path] = text
        meta = self._meta_text()
        if meta is not None:
            files[self.root / META_FILE] = meta
        for schema in sorted(_SCHEMA_SOURCE.glob("*.json")):
            target = self.root / SCHEMA_DIR / schema.name
            if not target.exists() or target.read_text(encoding="utf-8") != schema.read_text(encoding="utf-8"):
                files[target] = schema.read_text(encoding="utf-8")
        if files:
            yamlio.atomic_write_many(files)
        return sorted(files)

    def _section_text(self, section: WorkSection) -> str | None:
        if section.text is None:
            clauses = [libwrite.clause_data(c) for c in section.clauses]
            return libwrite.new_section_file(section.heading, section.role, section.theme, section.headings, clauses)
        patch = yamlio.TextPatch(section.text)
        if section.new_heading is not None:
            libwrite.set_scalar(patch, section.node, "section", section.new_heading)
        if section.new_headings:
            libwrite.append_items(patch, section.node, "headings", section.new_headings)
        items_node = yamlio.mapping_value(section.node, "clauses")[0]
        existing = [c for c in section.clauses if c.node is not None]
        if not existing or items_node.flow_style:
            libwrite.append_items(patch, section.node, "clauses", [libwrite.clause_data(c) for c in section.clauses if c.node is None])
            return patch.result()
        column = items_node.start_mark.column
        anchor_line = existing[0].node.start_mark.line - 1  # new clauses before the first existing one
        for clause in section.clauses:
            if clause.node is None:
                patch.insert_after(anchor_line, yamlio.dump([libwrite.clause_data(clause)], column))
                continue
            anchor_line = yamlio.last_line(clause.node)
            if clause.new_text is not None:
                libwrite.set_scalar(patch, clause.node, "text", clause.new_text)
            if clause.new_sources:
                libwrite.append_items(patch, clause.node, "sources", clause.new_sources)
        return patch.result() if patch.changed else None

    def _meta_text(self) -> str | None:
        if not self.new_plans:
            return None
        if self.meta_text is None:
            data = {"title": self.meta.get("title", ""), "org": self.meta.get("org", ""), "plans": self.new_plans}
            return libwrite.META_HEADER + yamlio.dump(data)
        patch = yamlio.TextPatch(self.meta_text)
        libwrite.append_items(patch, self.meta_node, "plans", self.new_plans)
        return patch.result()


def _adopt_newer_heading(section: WorkSection, variants: list[dict], variant: dict) -> None:
    """Take a newer plan's heading wording, unless a reviewer has edited the heading."""
    dated = [v for v in variants if isinstance(v.get("year"), int)]
    newest = max(dated, key=lambda v: v["year"]) if dated else None
    year = variant.get("year")
    if newest and newest.get("text") == section.heading and year and year > newest["year"]:
        section.heading = variant["text"]
        if section.text is not None:
            section.new_heading = variant["text"]

