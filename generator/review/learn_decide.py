"""learn, stage 2: decide what the reviewed draft changes in the library.

    reworded  → the edited wording becomes the clause text (placeholders put back), the old
                wording stays as a source;
    deleted   → status: review, with a note;
    added     → a new clause in the section where it stands, after its predecessor;
    moved     → the clause moves to its new place (also to another section file);
    renamed   → a section heading edited in Word becomes the section's heading.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from generator import yamlio
from generator.library import write as libwrite
from generator.library.load import Library, LibrarySection
from generator.library.sources import placeholder_wordings, source_hash
from generator.model import Clause
from generator.rules.audience import judge, load_audience_rules, only_schools
from generator.review.learn_match import MATCH_THRESHOLD, EditedParagraph, EditedSection
from generator.text.placeholders import insert_placeholders
from generator.text.similarity import bigrams, dice


@dataclass
class Action:
    kind: str  # reworded | deleted | added | moved | renamed
    clause_id: str
    detail: str


class LibraryEdits:
    """What learn will do to the library: every rewording, status, note, source, heading,
    order and new clause, decided from the matched draft (written by learn_patch.py)."""

    def __init__(self, library: Library, edited: Path, year: int, org: str, context: dict, targets: dict):
        self.library, self.edited, self.year, self.org = library, edited, year, org
        self.context, self.targets = context, targets
        self.actions: list[Action] = []
        self.section_of = {c.id: s for s, c in library.clauses()}
        self.new_text: dict[str, str] = {}
        self.new_status: dict[str, tuple[str, str]] = {}
        self.new_sources: dict[str, list[dict]] = {}
        self.new_notes: dict[str, list[str]] = {}
        self.new_heading: dict[Path, str] = {}
        self.orders: dict[Path, list[str]] = {}  # section file → clause ids in the edited order
        self.new_clauses: dict[str, dict] = {}  # new clause id → its YAML data
        self.new_files: dict[Path, tuple[str, list[str]]] = {}
        self.placed: dict[str, dict] = {}  # clause id → its source in the reviewed draft
        self.record: dict | None = None  # the reviewed draft as a plan in gwplan.yaml, once it changed anything

    def decide(self, sections: list[EditedSection], drafted: dict[str, str], in_draft: set[str], record: dict) -> None:
        """`record` is the reviewed draft's entry for gwplan.yaml's plans: once it changes anything,
        every clause in it gets a source from it, so the next draft of its year follows it."""
        today = datetime.date.today().isoformat()
        used_ids = {c.id for _, c in self.library.clauses()}
        self.order = 0
        for index, section in enumerate(sections):
            section.target = self._target(index, section)
            if section.target is None and section.paragraphs:
                section.new_file = self._new_file_path(section.heading)
            elif section.target is not None and index > 0 and section.heading != section.target.heading and self._by_votes(section):
                self.new_heading[section.target.path] = section.heading
                self.actions.append(Action("renamed", section.target.path.stem, f"节标题改为“{section.heading}”"))
            for position, para in enumerate(section.paragraphs, 1):
                if para.clause is None:
                    self._add(section, para, position, used_ids)
                else:
                    self._keep(section, para, position, drafted)
        matched = {p.clause.id for s in sections for p in s.paragraphs if p.clause is not None}
        by_id = {c.id: c for _, c in self.library.clauses()}
        for clause_id in sorted(in_draft - matched):
            clause = by_id[clause_id]
            if clause.status == "review" and any(self.edited.name in n and "删除" in n for n in clause.notes):
                continue  # learned from this draft before
            note = f"在 {self.edited.name} 中被审核人删除（{today}），请决定停用还是恢复。"
            self.new_status[clause_id] = ("review", note)
            self.actions.append(Action("deleted", clause_id, "在 Word 中被删除：状态改为 review（待审）"))
        for section in sections:
            path = section.target.path if section.target is not None else section.new_file
            if path is not None and section.paragraphs:
                ids = [p.clause.id if p.clause is not None else p.new_id for p in section.paragraphs]
                self.orders.setdefault(path, []).extend(ids)
        self._note_moves()
        if self.actions:
            self._record_sources(by_id)
            self.record = record

    def _record_sources(self, by_id: dict[str, Clause]) -> None:
        """A source from the reviewed draft for every clause it kept, unless the clause has it."""
        for clause_id, source in self.placed.items():
            known = by_id[clause_id].sources
            if any(s.file == source["file"] and s.hash == source["hash"] and s.section == source["section"] for s in known):
                continue
            if any(s.hash == source["hash"] for s in known):
                source.pop("text", None)  # the wording is stored once per clause
            self.new_sources.setdefault(clause_id, []).insert(0, source)

    def _by_votes(self, section: EditedSection) -> bool:
        return any(p.clause is not None and self.section_of[p.clause.id] is section.target for p in section.paragraphs)

    def _target(self, index: int, section: EditedSection) -> LibrarySection | None:
        if index == 0:
            return next((s for s in self.library.sections if s.role == "preamble"), None)
        votes: dict[int, int] = {}
        for para in section.paragraphs:
            if para.clause is not None:
                home = self.section_of[para.clause.id]
                if home.role == "body":
                    votes[id(home)] = votes.get(id(home), 0) + 1
        if votes:
            best = max(votes, key=votes.get)
            return next(s for s in self.library.sections if id(s) == best)
        scored = [(dice(bigrams(section.heading), bigrams(s.heading)), s) for s in self.library.sections if s.role == "body"]
        score, found = max(scored, key=lambda x: x[0], default=(0, None))
        return found if score >= MATCH_THRESHOLD else None

    def _relearn(self, text: str, clause: Clause | None) -> str:
        """The edited wording with the placeholders put back (year, organisation, targets)."""
        template = insert_placeholders(text, self.year, self.org)
        if clause is not None:
            # A dated fact (2027年是……) stays literal, unless the reviewer made it a template.
            for frame in ("年是", "年为"):
                if "{{ year }}" + frame in clause.text:
                    template = template.replace(f"{self.year}{frame}", "{{ year }}" + frame)
        names = re.findall(r"\{\{\s*targets\.(\w+)\s*\}\}", clause.text) if clause else []
        for name in names:
            value = self.targets.get(name)
            if value is not None:
                template = re.sub(rf"(?<![\d.]){re.escape(value)}(?![\d.%])" if value[-1:].isdigit() else re.escape(value),
                                  f"{{{{ targets.{name} }}}}", template, count=1)
        return template

    def _keep(self, section: EditedSection, para: EditedParagraph, position: int, drafted: dict[str, str]) -> None:
        clause = para.clause
        known = [{"text": s.text, "hash": s.hash, "year": s.year, "org": s.org} for s in clause.sources]
        self.placed[clause.id] = self._source(section, position, para.text, known)
        if clause.status != "active":
            self.new_status[clause.id] = ("active", "")
            self.actions.append(Action("restored", clause.id, f"审核人保留了这一条：状态由 {clause.status} 改为 active"))
        if para.text == drafted.get(clause.id):
            return
        template = self._relearn(para.text, clause)
        if template == clause.text:
            return
        self.new_text[clause.id] = template
        if clause.text not in placeholder_wordings(known):  # a reviewer's own wording: keep it in a note
            self.new_notes.setdefault(clause.id, []).append(f"审核稿改写前的文字：{clause.text}")
        self.actions.append(Action("reworded", clause.id, f"采用审核后的文字：{para.text[:30]}……"))

    def _add(self, section: EditedSection, para: EditedParagraph, position: int, used_ids: set[str]) -> None:
        from generator.ingest.tags import clause_id as new_id, keywords

        template = self._relearn(para.text, None)
        tags = keywords(template)
        clause_id = new_id(tags, template, used_ids)
        used_ids.add(clause_id)
        para.new_id = clause_id
        judged = judge(template, load_audience_rules(), only_schools([{"org": self.org}]))
        self.new_clauses[clause_id] = {
            "id": clause_id,
            "status": "active",
            "audience": libwrite.audience_value(judged.audience, judged.reason),
            "kind": "item" if section.target is None or section.target.role == "body" else "paragraph",
            "text": template,
            "tags": yamlio.Flow(tags),
            "notes": [f"审核人在 {self.edited.name} 中新增的条款"],
            "sources": [self._source(section, position, para.text, [])],
        }
        self.actions.append(Action("added", clause_id, f"新增条款：{para.text[:30]}……"))
        if section.target is None:
            self.new_files.setdefault(section.new_file, (section.heading, []))[1].append(clause_id)

    def _source(self, section: EditedSection, position: int, wording: str, known: list[dict]) -> dict:
        """A source in the library's format: the reviewed wording, verbatim, unless the clause has it."""
        digest = source_hash(wording)
        self.order += 1
        record = {"file": self.edited.name, "year": self.year, "org": self.org, "section": section.heading,
                  "position": position, "order": self.order, "hash": digest}
        if all(s.get("hash") != digest for s in known):
            record["text"] = wording
        return record

    def _note_moves(self) -> None:
        for path, ids in self.orders.items():
            current = [c.id for s in self.library.sections if s.path == path for c in s.clauses]
            for clause_id in ids:
                home = self.section_of.get(clause_id)
                if home is not None and home.path != path:
                    self.actions.append(Action("moved", clause_id, f"移到“{path.stem}”"))
            kept = [i for i in ids if i in current]
            if kept != [i for i in current if i in kept]:
                moved = [i for i, j in zip(kept, [i for i in current if i in kept]) if i != j]
                if moved:
                    self.actions.append(Action("moved", moved[0], f"“{path.stem}”中的条款顺序按审核稿调整"))

    def _new_file_path(self, heading: str) -> Path:
        numbers = [int(m.group(1)) for p in self.library.root.glob("*.yaml") if (m := re.match(r"(\d+)-", p.name))]
        numbers += [int(m.group(1)) for p in self.new_files if (m := re.match(r"(\d+)-", p.name))]
        stem = re.sub(r"[\\/:*?\"<>|“”‘’《》\s，。、；：！？（）()]", "", heading)[:16] or "新增分节"
        return self.library.root / f"{max(numbers + [9]) + 1:02d}-{stem}.yaml"
