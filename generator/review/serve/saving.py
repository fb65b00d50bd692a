"""Saving a reviewer's edits from the browser: the files as the page saw them, linted, then written.

Every save runs the same steps under the library lock:
1. the files it touches must still be the ones the page was built from (else `Conflict`);
2. the new texts are made by an edit of edits.py, through the text-preserving writer
   (library/write.py), so comments, blank lines and quoting stay as the reviewer left them;
3. the library with the new texts is linted in a scratch copy; an error the library did not
   have before, or any error the loader finds (which no write may leave, see commit_library),
   refuses the save (`Refused`, each message placed beside its field) and nothing is written;
4. the files are written together through commit_library (all or none, even after a kill).
"""
from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator import yamlio
from generator.errors import GwplanError
from generator.library import textpatch
from generator.library.commit import commit_library
from generator.library.load import Problem, load_library
from generator.library.lock import library_lock
from generator.review.lint import lint_library
from generator.review.serve.catalog import file_version, memo
from generator.review.serve.edits import find_item

LOCK_WAIT = 10  # seconds a save waits for another writer (ingest, learn) before giving up
FIELDS = ("id", "text", "status", "audience", "kind", "tags", "targets", "notes")  # fields a lint message is placed beside


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
    before = memo(root, ("lint",), lambda: lint_library(root)).problems
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
                ranges[key_node.value] = (key_node.start_mark.line + 1, textpatch.last_line(value_node) + 1)
    placed = []
    for problem in problems:
        name = ""
        if focus and Path(problem.file).name == focus[0]:
            name = next((key for key, (first, last) in ranges.items() if first <= problem.line <= last and key in FIELDS), "")
            if not name:  # lint names a clause by the line of its `text:` or its first key
                name = next((key for key in FIELDS if f"条款 {focus[1]}：" in problem.message and key in problem.message), "")
        placed.append(FieldProblem(name, _named(problem)))
    return placed
