"""learn, stage 3: the decided edits written into the library's YAML as text surgery.

Files are edited as text, never re-serialised, so reviewers' YAML comments survive: scalars are
set in place, notes and sources appended, clause blocks reordered and moved between files.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from generator import yamlio
from generator.library import textpatch
from generator.library import write as libwrite
from generator.library.commit import commit_library
from generator.library.load import META_FILE, LibrarySection
from generator.library.sources import LIBRARY_FORMAT
from generator.review.learn_decide import LibraryEdits


def write_edits(edits: LibraryEdits, dry_run: bool) -> list[Path]:
    """Apply the decided edits to the library files as text; returns the files written."""
    files: dict[Path, str] = {}
    moved_blocks: dict[str, tuple[str, int]] = {}
    patched: dict[Path, str] = {}
    for section in edits.library.sections:
        text = section.path.read_text(encoding="utf-8-sig")
        patched[section.path] = _patch(edits, section, text)
    # Blocks leave their old file before they join the new one.
    for path, text in patched.items():
        _, node = yamlio.load_text(text, str(path))
        _, blocks, _ = libwrite.clause_blocks(text, node)
        column = _items_column(node)
        for clause_id, block in blocks:
            moved_blocks[clause_id] = (block, column)
    leaving = {i for ids in edits.orders.values() for i in ids}
    for path, text in patched.items():
        order = edits.orders.get(path, [])
        moves_out = any(i in leaving and edits.section_of[i].path == path for i in edits.section_of)
        new_text = _reorder(edits, path, text, order, moved_blocks) if order or moves_out else text
        if new_text != path.read_text(encoding="utf-8-sig"):
            files[path] = new_text
    for path, (heading, ids) in edits.new_files.items():
        clauses = [edits.new_clauses[i] for i in ids]
        files[path] = libwrite.new_section_file(heading, "body", "", [], clauses)
    if edits.record is not None:  # in the same step as the clauses: never recorded without them
        meta = edits.library.root / META_FILE
        files[meta] = _meta_text(meta, edits.record, edits.org)
    if not dry_run and files:
        commit_library(edits.library.root, files)
    return sorted(files)

def _patch(edits: LibraryEdits, section: LibrarySection, text: str) -> str:
    _, node = yamlio.load_text(text, str(section.path))
    patch = textpatch.TextPatch(text)
    if section.path in edits.new_heading:
        libwrite.set_scalar(patch, node, "section", edits.new_heading[section.path])
    items = textpatch.mapping_value(node, "clauses")[0]
    for item in items.value if items is not None else []:
        id_node = textpatch.mapping_value(item, "id")[0]
        clause_id = id_node.value if id_node is not None else ""
        if clause_id in edits.new_text:
            libwrite.set_scalar(patch, item, "text", edits.new_text[clause_id])
        if clause_id in edits.new_status:
            status, note = edits.new_status[clause_id]
            libwrite.set_scalar(patch, item, "status", status)
            if note:
                edits.new_notes.setdefault(clause_id, []).append(note)
        if clause_id in edits.new_notes:
            libwrite.append_items(patch, item, "notes", edits.new_notes[clause_id])
        if clause_id in edits.new_sources:
            libwrite.append_items(patch, item, "sources", edits.new_sources[clause_id])
    return patch.result() if patch.changed else text

def _reorder(edits: LibraryEdits, path: Path, text: str, order: list[str], moved_blocks: dict[str, tuple[str, int]]) -> str:
    _, node = yamlio.load_text(text, str(path))
    head, blocks, tail = libwrite.clause_blocks(text, node)
    column = _items_column(node)
    if not blocks:  # an empty section (`clauses: []`, or emptied by a reviewer): the key is rewritten
        items, key = textpatch.mapping_value(node, "clauses")
        if key is not None and (isinstance(items, yaml.ScalarNode) or not items.value):
            lines = text.splitlines(keepends=True)
            last = key.start_mark.line if isinstance(items, yaml.ScalarNode) else textpatch.last_line(items)
            head = "".join(lines[: key.start_mark.line]) + " " * key.start_mark.column + "clauses:\n"
            tail = "".join(lines[last + 1 :])
            column = key.start_mark.column + 2
    own = dict(blocks)
    elsewhere = {i for p, ids in edits.orders.items() if p != path for i in ids} - set(order)
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
        elif clause_id in edits.new_clauses:
            pieces.append(yamlio.dump([edits.new_clauses[clause_id]], column))
    return head + "".join(pieces) + tail


def _meta_text(meta: Path, record: dict, org: str) -> str:
    """gwplan.yaml with the reviewed draft added to its plans, as text so comments stay."""
    if not meta.exists():
        return libwrite.META_HEADER + yamlio.dump({"title": "", "org": org, "format": LIBRARY_FORMAT, "plans": [record]})
    text = meta.read_text(encoding="utf-8-sig")
    data, node = yamlio.load_text(text, str(meta))
    patch = textpatch.TextPatch(text)
    plans = textpatch.mapping_value(node, "plans")[0]
    if isinstance(plans, yaml.SequenceNode) and not plans.flow_style:
        for entry, item in zip((data or {}).get("plans") or [], plans.value):
            # An earlier reviewed draft of the same unit and year: this one takes its place.
            if isinstance(entry, dict) and entry.get("learned") and entry.get("year") == record["year"] and entry.get("org") == record["org"]:
                patch.replace(item.start_mark.line, textpatch.last_line(item), "")
    libwrite.append_items(patch, node, "plans", [record])
    return patch.result()


def _items_column(node) -> int:
    items = textpatch.mapping_value(node, "clauses")[0]
    return items.start_mark.column if items is not None and not items.flow_style else 2


def _ensure_newline(block: str) -> str:
    return block if block.endswith("\n") else block + "\n"
