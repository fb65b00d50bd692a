"""The edits a reviewer makes in the browser, each a function from the library's current file
texts to the new texts (save.py checks and writes them).

Existing files are edited as text through library/write.py (set_scalar, append_items,
clause_blocks), never re-serialized: comments, blank lines and quoting stay as they were, and
the comments written above a clause travel with it when it moves.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from generator import yamlio
from generator.errors import GwplanError
from generator.library import textpatch
from generator.library import write as libwrite


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


def find_item(node, clause_id: str):
    """The mapping node of the clause `clause_id` in a section file's node, or None."""
    items = textpatch.mapping_value(node, "clauses")[0]
    if not isinstance(items, yaml.SequenceNode):
        return None
    for item in items.value:
        id_node = textpatch.mapping_value(item, "id")[0]
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
        patch = textpatch.TextPatch(texts[name])
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


def _set_or_remove(patch: textpatch.TextPatch, item, key: str, value, after: str) -> None:
    if value in ("", []):
        libwrite.remove_key(patch, item, key)
    else:
        libwrite.set_scalar(patch, item, key, value, after=after)


def new_clause(clause_id: str, status: str, audience: str, kind: str, text: str, tags: list[str], notes: list[str]) -> dict:
    """A clause a reviewer wrote, as YAML-ready data in the house order (no sources: no plan had it)."""
    data = {"id": clause_id, "status": status, **({"audience": audience} if audience else {}), "kind": kind, "text": text,
            "tags": yamlio.Flow(tags), "notes": notes or ["审核人在条款库工作台中新增的条款"]}
    return data


def add_clause(section_name: str, clause: dict):
    """A new clause at the end of a section, written in the house format."""

    def make(texts: dict[str, str]) -> dict[str, str]:
        node = _section_node(texts, section_name)
        patch = textpatch.TextPatch(texts[section_name])
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
    items = textpatch.mapping_value(node, "clauses")[0]
    return items.start_mark.column if items is not None and not items.flow_style else 2


def _line_end(block: str) -> str:
    return block if block.endswith("\n") else block + "\n"
