"""gwplan learn: read a draft a reviewer edited in Word back into the clause library.

Three stages: learn_match.py groups the draft's paragraphs by section and matches them to
clauses; learn_decide.py decides what changed (reworded, deleted, added, moved, renamed);
learn_patch.py writes it into the YAML as text, so reviewers' comments survive. --dry-run
writes nothing.
"""
from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.check.document import load as load_document
from generator.draft.provenance import sidecar_path
from generator.draft.targets import load_targets
from generator.errors import GwplanError
from generator.library.load import load_library
from generator.library.lock import library_lock
from generator.readers.title import parse_title
from generator.review.learn_decide import Action, LibraryEdits
from generator.review.learn_match import drafted_texts, edited_sections, match, outside_body
from generator.review.learn_patch import write_edits
from generator.text.placeholders import org_variables
from generator.readers.limits import MAX_PLAN_PARAGRAPHS, refuse
from generator.writers.package import embedded_provenance


@dataclass
class LearnResult:
    actions: list[Action]
    written: list[Path]
    dry_run: bool
    notes: list[str] = field(default_factory=list)


def learn(edited: Path, library_root: Path, provenance: Path | None = None, dry_run: bool = False, force: bool = False) -> LearnResult:
    """Read the reviewed draft `edited` back into the library. A document gwplan did not write is
    refused unless `force`; learning the same draft again changes nothing."""
    # The whole read-decide-write under the library's lock, so no ingest or learn comes between.
    writing = not dry_run and Path(library_root).is_dir()
    with library_lock(library_root) if writing else contextlib.nullcontext():
        return _learn(Path(edited), Path(library_root), provenance, dry_run, force)


def _learn(edited: Path, library_root: Path, provenance: Path | None, dry_run: bool, force: bool) -> LearnResult:
    library = load_library(library_root)
    if library.errors:
        raise GwplanError(f"条款库有 {len(library.errors)} 处错误，请先修正（gwplan lint）。第一处：{library.errors[0]}", str(library.root))
    document = load_document(edited)
    refuse(len(document.paragraphs), MAX_PLAN_PARAGRAPHS, "段", str(edited))  # a draft is one plan, matched clause by clause
    side = _provenance(edited, provenance)
    title = next((p.text.replace("\n", "") for p in document.paragraphs if p.role == "title"), "")
    parts = parse_title(title)
    year = side.get("year") or parts.year
    org = side.get("org") or parts.org or library.org
    if not year:
        raise GwplanError("看不出这份计划是哪一年的（标题中没有年份，也没有出处文件）。", str(edited))
    sections = edited_sections(document, library)
    notes = outside_body(document)
    marked = any(p.bookmarks for s in sections for p in s.paragraphs)
    if not side and not marked and not force:
        raise GwplanError(
            "这份文档不是 gwplan draft 生成的草稿（没有出处信息，也没有条款标记），learn 无法判断改了什么。"
            "要把一份往年计划或别人写的计划收进条款库，请用 gwplan ingest；确实要把它当作审核稿学习，请加 --force。",
            str(edited),
        )
    print_ = fingerprint(title, sections)
    done = next((p for p in library.plans if p.get("fingerprint") == print_), None)
    if done is not None:
        notes.append(f"这份审核稿已经学习过（{done.get('learned') or done.get('ingested') or ''}，记为 {done.get('file')}），条款库没有改动。")
        return LearnResult([], [], dry_run, notes)
    drafted = drafted_texts(library, side, year, org)
    if side:
        in_draft = {e["clause"] for e in side["paragraphs"] if e.get("clause") in drafted}
    else:
        # Without the draft's provenance only the clauses still marked in the document are known
        # to have been in it: deletions cannot be told apart from clauses never drafted.
        in_draft = {clause_id for s in sections for p in s.paragraphs for clause_id in p.bookmarks}
        notes.append("草稿中没有出处信息（不是 gwplan 生成的，或出处部分已丢失），无法判断哪些条款被删除；只学习改写、新增和移动。")
    match(sections, library, drafted, edited.name)
    notes += [f"“{s.heading}”一节在审核稿中没有条款，下次起草时不会出现；要保留这一节，请在其中写上条款。"
              for s in sections[1:] if not s.paragraphs]
    context = {"year": year, **org_variables(org)}
    targets = load_targets(year, None, library.root).values
    edits = LibraryEdits(library, edited, year, org, context, targets)
    record = {"file": edited.name, "title": title, "org": org, "year": year, "fingerprint": print_,
              "sections": len(sections) - 1, "clauses": sum(len(s.paragraphs) for s in sections),
              "learned": datetime.date.today().isoformat()}
    edits.decide(sections, drafted, in_draft, record)
    written = write_edits(edits, dry_run)
    return LearnResult(edits.actions, written, dry_run, notes)


def fingerprint(title: str, sections) -> str:
    """Identity of a reviewed draft's text: its title, headings and paragraphs, whatever file holds it."""
    text = "\n".join([title] + [line for s in sections for line in [f"# {s.heading}"] + [p.text for p in s.paragraphs]])
    return "learn-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


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
