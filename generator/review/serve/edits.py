"""Saving a reviewer's edits from the browser: patch section files as text, lint, then write.

Every save runs the same steps under the library lock:
1. the files it touches must still be the ones the page was built from (else `Conflict`);
2. the new texts are made by the text-preserving writer (library/write.py), so comments,
   blank lines and quoting stay as the reviewer left them;
3. the library with the new texts is linted in a scratch copy; an error the library did not
   have before, or any error the loader finds (which no write may leave, see commit_library),
   refuses the save (`Refused`, each message placed beside its field) and nothing is written;
4. the files are written together through commit_library (all or none, even after a kill).
"""
from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import yamlio
from generator.errors import GwplanError
from generator.library import write as libwrite
from generator.library.commit import commit_library
from generator.library.load import Problem, load_library
from generator.library.lock import library_lock
from generator.review.lint import lint_library

LOCK_WAIT = 10  # seconds a save waits for another writer (ingest, learn) before giving up
FIELDS = ("id", "text", "status", "audience", "kind", "tags", "targets", "notes")  # fields a lint message is placed beside


def file_version(path: Path) -> str:
    """What the page remembers of a file: a digest of its bytes."""
    return hashlib.sha1(path.read_bytes()).hexdigest()[:16]


def library_versions(root: Path) -> dict[str, str]:
    return {p.name: file_version(p) for p in sorted(root.glob("*.yaml")) if not p.name.startswith(".")}


@dataclass
class FieldProblem:
    field: str  # a key of the clause (text, tags, ...) or "" for the clause as a whole
    message: str  # "file:line: message", with the library's own file name


class Refused(Exception):
    """The edit would break the library: lint's errors, nothing written."""

    def __init__(self, problems: list[FieldProblem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems

    def for_field(self, name: str) -> list[str]:
        return [p.message for p in self.problems if p.field == name]


class Conflict(Exception):
    """A file changed on disk after the page was loaded; the save was not written."""

    def __init__(self, names: list[str]):
        self.names = names
        self.message = (f"{'、'.join(names)} 在页面打开后已被改动（可能是在编辑器里改的，或别人刚保存过），"
                        "这次没有写入。请重新载入页面，看过最新内容后再改。")
        super().__init__(self.message)


@dataclass
class Saved:
    files: list[str]
    warnings: list[str] = field(default_factory=list)  # lint's new hints after the save


@dataclass
class ClauseEdit:
    """The values of a clause's form. None: the field was not on the form (left as it is)."""

    text: str | None = None
    status: str | None = None
    audience: str | None = None
    tags: list[str] | None = None
    targets: list[dict] | None = None
    notes: list[str] | None = None


def split_tags(value: str) -> list[str]:
    return [t for t in re.split(r"[,，、;；\s]+", value) if t]


def split_notes(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


# --- the save ------------------------------------------------------------------------------


def save(root: Path, seen: dict[str, str], make, focus: tuple[str, str] | None = None) -> Saved:
    """Run `make(texts) -> {name: new text}` on the current texts of the library's files and
    write the result, as described in the module's docstring. `seen` maps file names to the
    versions the page showed; `focus` (file name, clause id) places lint messages by field."""
    with library_lock(root, wait=LOCK_WAIT):
        texts = {p.name: p.read_bytes().decode("utf-8-sig") for p in sorted(root.glob("*.yaml")) if not p.name.startswith(".")}
        new = make(texts)
        touched = sorted(new)
        changed = [name for name in touched if name not in texts or seen.get(name) != file_version(root / name)]
        if changed:
            raise Conflict(changed)
        new = {name: text for name, text in new.items() if text != texts.get(name)}
        if not new:
            return Saved([])
        refused, warnings = _lint_difference(root, new)
        if refused:
            raise Refused(_place(refused, new, focus))
        commit_library(root, {root / name: text for name, text in new.items()})
    return Saved(sorted(new), [_named(p) for p in warnings])


def _lint_difference(root: Path, new: dict[str, str]) -> tuple[list[Problem], list[Problem]]:
    """The errors that refuse the new texts (lint's new ones and every one of the loader's) and
    lint's new hints."""
    before = lint_library(root).problems
    with tempfile.TemporaryDirectory(prefix="gwplan-serve-") as scratch:
        copy = Path(scratch) / root.name
        copy.mkdir()
        for path in root.glob("*.yaml"):
            shutil.copyfile(path, copy / path.name)
        for name, text in new.items():
            (copy / name).write_text(text, encoding="utf-8")
        after = lint_library(copy).problems
        structural = {(Path(p.file).name, p.message.replace(str(copy), str(root))) for p in load_library(copy).errors}
        for problem in after:  # messages name the library's files, not the scratch copy
            problem.file = str(root / Path(problem.file).name) if Path(problem.file).parent == copy else problem.file
            problem.message = problem.message.replace(str(copy), str(root))
    old = Counter((Path(p.file).name, p.severity, p.message) for p in before)
    fresh: list[Problem] = []
    for problem in after:
        key = (Path(problem.file).name, problem.severity, problem.message)
        if old[key]:
            old[key] -= 1
        else:
            fresh.append(problem)
    refused = [p for p in after if p.severity == "error" and (p in fresh or (Path(p.file).name, p.message) in structural)]
    return refused, [p for p in fresh if p.severity != "error"]


def _named(problem: Problem) -> str:
    return f"{Path(problem.file).name}:{problem.line}: {problem.message}"


def _place(problems: list[Problem], new: dict[str, str], focus: tuple[str, str] | None) -> list[FieldProblem]:
    """Each lint error beside the field whose lines hold it, else beside the clause."""
    ranges: dict[str, tuple[int, int]] = {}
    if focus and focus[0] in new:
        try:
            _, node = yamlio.load_text(new[focus[0]], focus[0])
        except GwplanError:
            node = None
        item = find_item(node, focus[1]) if node is not None else None
        if item is not None:
            for key_node, value_node in item.value:
                ranges[key_node.value] = (key_node.start_mark.line + 1, yamlio.last_line(value_node) + 1)
    placed = []
    for problem in problems:
        name = ""
        if focus and Path(problem.file).name == focus[0]:
            name = next((key for key, (first, last) in ranges.items() if first <= problem.line <= last and key in FIELDS), "")
            if not name:  # lint names a clause by the line of its `text:` or its first key
                name = next((key for key in FIELDS if f"条款 {focus[1]}：" in problem.message and key in problem.message), "")
        placed.append(FieldProblem(name, _named(problem)))
    return placed


# --- the edits, each a `make` for save() -------------------------------------------------------


def find_item(node, clause_id: str):
    """The mapping node of the clause `clause_id` in a section file's node, or None."""
    items = yamlio.mapping_value(node, "clauses")[0]
    if not isinstance(items, yaml.SequenceNode):
        return None
    for item in items.value:
        id_node = yamlio.mapping_value(item, "id")[0]
        if isinstance(id_node, yaml.ScalarNode) and id_node.value == clause_id:
            return item
    return None


def _locate(texts: dict[str, str], clause_id: str) -> tuple[str, object, object]:
    for name, text in texts.items():
        try:
            data, node = yamlio.load_text(text, name)
        except GwplanError:
            continue
        item = find_item(node, clause_id) if isinstance(data, dict) else None
        if item is not None:
            return name, node, item
    raise GwplanError(f"条款库中已经没有条款 {clause_id}（可能刚被别人改名或删去）；请重新载入页面。")


def _section_node(texts: dict[str, str], name: str):
    if name not in texts:
        raise GwplanError(f"条款库中没有分节文件 {name}；请重新载入页面。")
    return yamlio.load_text(texts[name], name)[1]


def edit_clause(clause_id: str, edit: ClauseEdit):
    """Change the fields of one clause that differ from the file."""

    def make(texts: dict[str, str]) -> dict[str, str]:
        name, _, item = _locate(texts, clause_id)
        data = yaml.safe_load(yaml.serialize(item)) or {}
        patch = yamlio.TextPatch(texts[name])
        if edit.text is not None and edit.text != str(data.get("text") or ""):
            libwrite.set_scalar(patch, item, "text", edit.text, after="kind")
        if edit.status is not None and edit.status != str(data.get("status", "active")):
            libwrite.set_scalar(patch, item, "status", edit.status, after="id")
        if edit.audience is not None and edit.audience != str(data.get("audience") or ""):
            _set_or_remove(patch, item, "audience", edit.audience, after="status")
        if edit.tags is not None and edit.tags != [str(t) for t in data.get("tags") or []]:
            _set_or_remove(patch, item, "tags", yamlio.Flow(edit.tags), after="text")
        if edit.targets is not None and edit.targets != _targets(data):
            _set_or_remove(patch, item, "targets", edit.targets, after="tags")
        if edit.notes is not None and edit.notes != [str(n) for n in data.get("notes") or []]:
            _set_or_remove(patch, item, "notes", edit.notes, after="targets" if "targets" in data else "tags")
        return {name: patch.result()} if patch.changed else {}

    return make


def _targets(data: dict) -> list[dict]:
    return [{k: str(t[k]) for k in ("name", "value", "context") if t.get(k) not in (None, "")}
            for t in data.get("targets") or [] if isinstance(t, dict)]


def _set_or_remove(patch: yamlio.TextPatch, item, key: str, value, after: str) -> None:
    if value in ("", []):
        libwrite.remove_key(patch, item, key)
    else:
        libwrite.set_scalar(patch, item, key, value, after=after)


def add_clause(section_name: str, clause: dict):
    """A new clause at the end of a section, written in the house format."""

    def make(texts: dict[str, str]) -> dict[str, str]:
        node = _section_node(texts, section_name)
        patch = yamlio.TextPatch(texts[section_name])
        libwrite.append_items(patch, node, "clauses", [clause])
        return {section_name: patch.result()}

    return make


def move_clause(clause_id: str, target_name: str):
    """Move a clause, with the comments written above it, to the end of another section."""

    def make(texts: dict[str, str]) -> dict[str, str]:
        name, node, _ = _locate(texts, clause_id)
        if name == target_name:
            return {}
        head, blocks, tail = _blocks(texts[name], node)
        block = dict(blocks)[clause_id]
        target = _section_node(texts, target_name)
        target_head, target_blocks, target_tail = _blocks(texts[target_name], target)
        if not target_blocks:
            raise GwplanError(f"{target_name} 中还没有按行书写的条款列表，不能把条款移过去；请先在那一节新增一条条款。")
        moved = libwrite.reindent(block, _items_column(node), _items_column(target))
        rest = "".join(_line_end(b) for i, b in blocks if i != clause_id)
        return {
            name: head + rest + tail,
            target_name: target_head + "".join(_line_end(b) for _, b in target_blocks) + _line_end(moved) + target_tail,
        }

    return make


def shift_clause(clause_id: str, step: int):
    """Move a clause one place up (-1) or down (+1) in its section."""

    def make(texts: dict[str, str]) -> dict[str, str]:
        name, node, _ = _locate(texts, clause_id)
        head, blocks, tail = _blocks(texts[name], node)
        index = [i for i, _ in blocks].index(clause_id)
        other = index + step
        if not 0 <= other < len(blocks):
            return {}
        blocks[index], blocks[other] = blocks[other], blocks[index]
        return {name: head + "".join(_line_end(b) for _, b in blocks) + tail}

    return make


def _blocks(text: str, node) -> tuple[str, list[tuple[str, str]], str]:
    """The file's clause blocks (library/write.py), with the comment lines right above the first
    clause counted as its own, as they are for every later clause."""
    head, blocks, tail = libwrite.clause_blocks(text, node)
    if not blocks:
        return head, blocks, tail
    lines = head.splitlines(keepends=True)
    keep = len(lines)
    while keep > 0 and lines[keep - 1].lstrip().startswith("#"):
        keep -= 1
    if keep == len(lines) or keep == 0:
        return head, blocks, tail
    first_id, first = blocks[0]
    return "".join(lines[:keep]), [(first_id, "".join(lines[keep:]) + first)] + blocks[1:], tail


def _items_column(node) -> int:
    items = yamlio.mapping_value(node, "clauses")[0]
    return items.start_mark.column if items is not None and not items.flow_style else 2


def _line_end(block: str) -> str:
    return block if block.endswith("\n") else block + "\n"
