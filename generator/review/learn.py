"""gwplan learn: read a draft a reviewer edited in Word back into the clause library.

Paragraphs are matched to clauses by the bookmark every drafted clause carries, then by
similarity to the drafted text (from the provenance sidecar when it is there, else from the
library rendered for the plan's year). Then:
    reworded  → the edited wording becomes the clause text (placeholders put back), the old
                wording stays as a source;
    deleted   → status: review, with a note;
    added     → a new clause in the section where it stands, after its predecessor;
    moved     → the clause moves to its new place (also to another section file);
    renamed   → a section heading edited in Word becomes the section's heading.
Files are edited as text, so reviewers' YAML comments survive; --dry-run writes nothing.
"""
from __future__ import annotations

import contextlib
import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.library import write as libwrite

from generator import yamlio

from generator.text import zhtext
from generator.check.document import load as load_document
from generator.check.docxformat import W
from generator.errors import GwplanError
from generator.library.commit import commit_library
from generator.library.load import Library, LibrarySection, load_library
from generator.library.lock import library_lock
from generator.model import Clause
from generator.library.sources import placeholder_wordings, source_hash
from generator.text.placeholders import insert_placeholders, org_variables
from generator.draft.provenance import sidecar_path
from generator.readers.structure import parse_title
from generator.draft.render import render_text
from generator.rules.ruleset import load_rules
from generator.text.similarity import bigrams, dice
from generator.draft.targets import load_targets
from generator.writers.docx import clause_bookmark, embedded_provenance
from generator.rules.rollover import roll

MATCH_THRESHOLD = 0.5
_CLAUSE_ROLES = {"body", "heading3", "heading4"}
_SKIPPED_ROLES = {"title", "blank", "recipient", "signature", "date", "docnum", "attachment", "table", "heading2"}


@dataclass
class Action:
    kind: str  # reworded | deleted | added | moved | renamed
    clause_id: str
    detail: str


@dataclass
class LearnResult:
    actions: list[Action]
    written: list[Path]
    dry_run: bool
    notes: list[str] = field(default_factory=list)


@dataclass
class _Paragraph:
    section: int  # index of the edited section; 0 is the preamble
    text: str
    bookmarks: list[str]
    clause: Clause | None = None
    new_id: str = ""


@dataclass
class _EditedSection:
    heading: str
    paragraphs: list[_Paragraph] = field(default_factory=list)
    target: LibrarySection | None = None
    new_file: Path | None = None


def learn(edited: Path, library_root: Path, provenance: Path | None = None, dry_run: bool = False) -> LearnResult:
    # The whole read-decide-write under the library's lock, so no ingest or learn comes between.
    writing = not dry_run and Path(library_root).is_dir()
    with library_lock(library_root) if writing else contextlib.nullcontext():
        return _learn(Path(edited), Path(library_root), provenance, dry_run)


def _learn(edited: Path, library_root: Path, provenance: Path | None, dry_run: bool) -> LearnResult:
    library = load_library(library_root)
    if library.errors:
        raise GwplanError(f"条款库有 {len(library.errors)} 处错误，请先修正（gwplan lint）。第一处：{library.errors[0]}", str(library.root))
    document = load_document(edited)
    side = _provenance(edited, provenance)
    title = next((p.text.replace("\n", "") for p in document.paragraphs if p.role == "title"), "")
    parts = parse_title(title)
    year = side.get("year") or parts.year
    org = side.get("org") or parts.org or library.org
    if not year:
        raise GwplanError("看不出这份计划是哪一年的（标题中没有年份，也没有出处文件）。", str(edited))
    sections = _edited_sections(document, library)
    drafted = _drafted_texts(library, side, year, org)
    notes = []
    if side:
        in_draft = {e["clause"] for e in side["paragraphs"] if e.get("clause") in drafted}
    else:
        # Without the draft's provenance only the clauses still marked in the document are known
        # to have been in it: deletions cannot be told apart from clauses never drafted.
        in_draft = {clause_id for s in sections for p in s.paragraphs for clause_id in p.bookmarks}
        notes.append("草稿中没有出处信息（不是 gwplan 生成的，或出处部分已丢失），无法判断哪些条款被删除；只学习改写、新增和移动。")
    _match(sections, library, drafted)
    context = {"year": year, **org_variables(org)}
    targets = load_targets(year, None, library.root).values
    plan = _Plan(library, edited, year, org, context, targets)
    plan.decide(sections, drafted, in_draft)
    written = plan.write(dry_run)
    return LearnResult(plan.actions, written, dry_run, notes)


def _provenance(edited: Path, explicit: Path | None) -> dict:
    """The draft's provenance: the --provenance file, else the copy inside the .docx, else the
    sidecar next to it; {} when there is none."""
    if explicit is not None:
        if not explicit.exists():
            raise GwplanError("找不到出处文件。", str(explicit))
        return _parse_provenance(explicit.read_text(encoding="utf-8"), str(explicit))
    embedded = embedded_provenance(edited)
    if embedded:
        return _parse_provenance(embedded, str(edited))
    beside = sidecar_path(edited)
    return _parse_provenance(beside.read_text(encoding="utf-8"), str(beside)) if beside.exists() else {}


def _parse_provenance(text: str, name: str) -> dict:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GwplanError(f"出处信息不是有效的 JSON（{exc}）。", name) from None
    if not isinstance(data, dict) or not isinstance(data.get("paragraphs"), list):
        raise GwplanError("出处信息缺少 paragraphs 列表，不是 gwplan draft 生成的。", name)
    return data


def _edited_sections(document, library: Library) -> list[_EditedSection]:
    names = {clause_bookmark(c.id): c.id for _, c in library.clauses()}
    sections = [_EditedSection("（总要求）")]
    for para in document.paragraphs:
        if para.role == "heading1":
            sections.append(_EditedSection(zhtext.heading_level(para.text.strip())[2] or para.text.strip()))
            continue
        if para.role in _SKIPPED_ROLES or para.role not in _CLAUSE_ROLES:
            continue
        text = para.text.strip()
        if para.role in ("heading3", "heading4"):
            text = text[len(para.marker):].lstrip()  # the item number is the draft's, never the clause's
        marks = [names[b.get(W + "name")] for b in para.element.iter(W + "bookmarkStart") if b.get(W + "name") in names]
        sections[-1].paragraphs.append(_Paragraph(len(sections) - 1, text, marks))
    return sections


def _drafted_texts(library: Library, side: dict, year: int, org: str) -> dict[str, str]:
    """Clause id → the text as it was drafted (from the provenance, else rendered for `year`)."""
    known = {c.id for _, c in library.clauses()}
    if side:
        return {e["clause"]: e.get("text", "") for e in side["paragraphs"] if e.get("clause") in known}
    rules = load_rules(year)
    targets = load_targets(year, None, library.root).values
    context = {"year": year, **org_variables(org), "targets": targets}
    drafted = {}
    for _, clause in library.clauses():
        if clause.status != "active":
            continue
        try:
            drafted[clause.id] = roll(rules, render_text(clause.text, context, clause.id))[0]
        except GwplanError:
            drafted[clause.id] = re.sub(r"\{\{.*?\}\}", "", clause.text)
    return drafted


def _match(sections: list[_EditedSection], library: Library, drafted: dict[str, str]) -> None:
    """Bookmarks first, then the most similar drafted text, best pairs first."""
    by_id = {c.id: c for _, c in library.clauses()}
    used: set[str] = set()
    paragraphs = [p for s in sections for p in s.paragraphs]
    for para in paragraphs:
        for clause_id in para.bookmarks:
            if clause_id not in used:
                para.clause = by_id[clause_id]
                used.add(clause_id)
                break
    scored = []
    for index, para in enumerate(paragraphs):
        if para.clause is not None:
            continue
        grams = bigrams(para.text)
        for clause_id, text in drafted.items():
            if clause_id not in used:
                score = 1.0 if text == para.text else dice(grams, bigrams(text))
                if score >= MATCH_THRESHOLD:
                    scored.append((score, index, clause_id))
    for score, index, clause_id in sorted(scored, reverse=True):
        if paragraphs[index].clause is None and clause_id not in used:
            paragraphs[index].clause = by_id[clause_id]
            used.add(clause_id)


class _Plan:
    """What learn will do to the library, then doing it file by file."""

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

    # --- deciding ------------------------------------------------------------------------

    def decide(self, sections: list[_EditedSection], drafted: dict[str, str], in_draft: set[str]) -> None:
        today = datetime.date.today().isoformat()
        used_ids = {c.id for _, c in self.library.clauses()}
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
        for clause_id in sorted(in_draft - matched):
            note = f"在 {self.edited.name} 中被审核人删除（{today}），请决定停用还是恢复。"
            self.new_status[clause_id] = ("review", note)
            self.actions.append(Action("deleted", clause_id, "在 Word 中被删除：状态改为 review（待审）"))
        for section in sections:
            path = section.target.path if section.target is not None else section.new_file
            if path is not None and section.paragraphs:
                ids = [p.clause.id if p.clause is not None else p.new_id for p in section.paragraphs]
                self.orders.setdefault(path, []).extend(ids)
        self._note_moves()

    def _by_votes(self, section: _EditedSection) -> bool:
        return any(p.clause is not None and self.section_of[p.clause.id] is section.target for p in section.paragraphs)

    def _target(self, index: int, section: _EditedSection) -> LibrarySection | None:
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

    def _keep(self, section: _EditedSection, para: _Paragraph, position: int, drafted: dict[str, str]) -> None:
        clause = para.clause
        if clause.status != "active":
            self.new_status[clause.id] = ("active", "")
            self.actions.append(Action("restored", clause.id, f"审核人保留了这一条：状态由 {clause.status} 改为 active"))
        if para.text == drafted.get(clause.id):
            return
        template = self._relearn(para.text, clause)
        if template == clause.text:
            return
        self.new_text[clause.id] = template
        known = [{"text": s.text, "hash": s.hash, "year": s.year, "org": s.org} for s in clause.sources]
        if clause.text not in placeholder_wordings(known):  # a reviewer's own wording: keep it in a note
            self.new_notes.setdefault(clause.id, []).append(f"审核稿改写前的文字：{clause.text}")
        self.new_sources[clause.id] = [self._source(section, position, para.text, known)]
        self.actions.append(Action("reworded", clause.id, f"采用审核后的文字：{para.text[:30]}……"))

    def _add(self, section: _EditedSection, para: _Paragraph, position: int, used_ids: set[str]) -> None:
        from generator.ingest.tags import clause_id as new_id, keywords

        template = self._relearn(para.text, None)
        tags = keywords(template)
        clause_id = new_id(tags, template, used_ids)
        used_ids.add(clause_id)
        para.new_id = clause_id
        self.new_clauses[clause_id] = {
            "id": clause_id,
            "status": "active",
            "kind": "item" if section.target is None or section.target.role == "body" else "paragraph",
            "text": template,
            "tags": yamlio.Flow(tags),
            "notes": [f"审核人在 {self.edited.name} 中新增的条款"],
            "sources": [self._source(section, position, para.text, [])],
        }
        self.actions.append(Action("added", clause_id, f"新增条款：{para.text[:30]}……"))
        if section.target is None:
            self.new_files.setdefault(section.new_file, (section.heading, []))[1].append(clause_id)

    def _source(self, section: _EditedSection, position: int, wording: str, known: list[dict]) -> dict:
        """A source in the library's format: the reviewed wording, verbatim, unless the clause has it."""
        digest = source_hash(wording)
        record = {"file": self.edited.name, "year": self.year, "org": self.org, "section": section.heading,
                  "position": position, "hash": digest}
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

    # --- writing -------------------------------------------------------------------------

    def write(self, dry_run: bool) -> list[Path]:
        files: dict[Path, str] = {}
        moved_blocks: dict[str, tuple[str, int]] = {}
        patched: dict[Path, str] = {}
        for section in self.library.sections:
            text = section.path.read_text(encoding="utf-8-sig")
            patched[section.path] = self._patch(section, text)
        # Blocks leave their old file before they join the new one.
        for path, text in patched.items():
            _, node = yamlio.load_text(text, str(path))
            _, blocks, _ = libwrite.clause_blocks(text, node)
            column = _items_column(node)
            for clause_id, block in blocks:
                moved_blocks[clause_id] = (block, column)
        leaving = {i for ids in self.orders.values() for i in ids}
        for path, text in patched.items():
            order = self.orders.get(path, [])
            moves_out = any(i in leaving and self.section_of[i].path == path for i in self.section_of)
            new_text = self._reorder(path, text, order, moved_blocks) if order or moves_out else text
            if new_text != path.read_text(encoding="utf-8-sig"):
                files[path] = new_text
        for path, (heading, ids) in self.new_files.items():
            clauses = [self.new_clauses[i] for i in ids]
            files[path] = libwrite.new_section_file(heading, "body", "", [], clauses)
        if not dry_run and files:
            commit_library(self.library.root, files)
        return sorted(files)

    def _patch(self, section: LibrarySection, text: str) -> str:
        _, node = yamlio.load_text(text, str(section.path))
        patch = yamlio.TextPatch(text)
        if section.path in self.new_heading:
            libwrite.set_scalar(patch, node, "section", self.new_heading[section.path])
        items = yamlio.mapping_value(node, "clauses")[0]
        for item in items.value if items is not None else []:
            id_node = yamlio.mapping_value(item, "id")[0]
            clause_id = id_node.value if id_node is not None else ""
            if clause_id in self.new_text:
                libwrite.set_scalar(patch, item, "text", self.new_text[clause_id])
            if clause_id in self.new_status:
                status, note = self.new_status[clause_id]
                libwrite.set_scalar(patch, item, "status", status)
                if note:
                    self.new_notes.setdefault(clause_id, []).append(note)
            if clause_id in self.new_notes:
                libwrite.append_items(patch, item, "notes", self.new_notes[clause_id])
            if clause_id in self.new_sources:
                libwrite.append_items(patch, item, "sources", self.new_sources[clause_id])
        return patch.result() if patch.changed else text

    def _reorder(self, path: Path, text: str, order: list[str], moved_blocks: dict[str, tuple[str, int]]) -> str:
        _, node = yamlio.load_text(text, str(path))
        head, blocks, tail = libwrite.clause_blocks(text, node)
        column = _items_column(node)
        own = dict(blocks)
        elsewhere = {i for p, ids in self.orders.items() if p != path for i in ids} - set(order)
        existing = [i for i, _ in blocks]
        wanted = [i for i in order]
        # Clauses not in the edited order keep their place after the clause they followed.
        anchored: dict[str | None, list[str]] = {}
        anchor = None
        for clause_id in existing:
            if clause_id in wanted:
                anchor = clause_id
            elif clause_id not in elsewhere:
                anchored.setdefault(anchor, []).append(clause_id)
        final = anchored.get(None, [])
        for clause_id in wanted:
            final.append(clause_id)
            final += anchored.get(clause_id, [])
        pieces = []
        for clause_id in final:
            if clause_id in own:
                pieces.append(_ensure_newline(own[clause_id]))
            elif clause_id in moved_blocks:
                block, from_column = moved_blocks[clause_id]
                pieces.append(_ensure_newline(libwrite.reindent(block, from_column, column)))
            elif clause_id in self.new_clauses:
                pieces.append(yamlio.dump([self.new_clauses[clause_id]], column))
        return head + "".join(pieces) + tail


def _items_column(node) -> int:
    items = yamlio.mapping_value(node, "clauses")[0]
    return items.start_mark.column if items is not None and not items.flow_style else 2


def _ensure_newline(block: str) -> str:
    return block if block.endswith("\n") else block + "\n"
