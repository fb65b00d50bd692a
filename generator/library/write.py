"""Writing the clause library: new files in the house format, and text edits to existing ones.

Existing files are edited as text (textpatch.TextPatch), never re-serialized, so whatever a
reviewer wrote (comments, blank lines, quoting, order) stays as it was. ingest and learn both
write through this module.
"""
from __future__ import annotations

import yaml

from generator import yamlio
from generator.library import textpatch

META_HEADER = """\
# yaml-language-server: $schema=schema/library.schema.json
# gwplan 条款库的总文件。
# title：草稿标题模板，可用 {{ org }}、{{ year }}；org：默认发文单位。
# plans：已收录的往年计划（gwplan ingest 自动追加；fingerprint 相同的计划不会重复收录）。
"""

SECTION_HEADER = """\
# yaml-language-server: $schema=schema/section.schema.json
# 条款库的一节：{heading}
# 审核时可以直接修改 section（本节标题）、条款的 text、status（active 使用 / retired 停用 / review 待审）、
# kind、tags、targets，也可以加 # 注释、调整顺序、把条款移到别的分节文件。
# 再次运行 gwplan ingest 只会追加新条款和新来源，不会改动这里已有的内容和注释。
"""


def clause_data(clause) -> dict:
    """A new clause as YAML-ready data, keys in the order reviewers read them."""
    data: dict = {"id": clause.id, "status": clause.status}
    if clause.audience:
        data["audience"] = audience_value(clause.audience, clause.audience_reason)
    data["kind"] = clause.kind
    if clause.group:
        data["group"] = clause.group
    data["text"] = clause.text
    data["tags"] = yamlio.Flow(clause.tags)
    if clause.targets:
        data["targets"] = [{"value": t.value, "context": t.context} for t in clause.targets]
    if clause.notes:
        data["notes"] = clause.notes
    data["sources"] = clause.sources
    return data


def audience_value(audience: str, reason: str):
    """The audience as written into the library, with why ingest judged it so (for reviewers)."""
    if not reason or audience == "both":
        return audience
    other = "学校计划不用" if audience == "district" else "区级计划不用"
    return yamlio.Commented(audience, f"依据：{reason}；{other}")


def new_section_file(heading: str, role: str, theme: str, headings: list[dict], clauses: list[dict]) -> str:
    data: dict = {"section": heading}
    if role != "body":
        data["role"] = role
    if theme:
        data["theme"] = theme
    if headings:
        data["headings"] = headings
    data["clauses"] = clauses
    return SECTION_HEADER.format(heading=heading) + yamlio.dump(data)


def append_items(patch: textpatch.TextPatch, mapping_node, key: str, items: list) -> None:
    """Append items to the block list under `key`, or add the key when the mapping lacks it."""
    value, key_node = textpatch.mapping_value(mapping_node, key)
    if value is None:
        patch.insert_after(textpatch.last_line(mapping_node), yamlio.dump({key: items}, mapping_node.start_mark.column))
    elif isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
        patch.insert_after(textpatch.last_line(value), yamlio.dump(items, value.start_mark.column))
    else:  # flow style or empty: rewrite just this key with old and new items in block style
        first = key_node.start_mark.line
        if isinstance(value, yaml.ScalarNode):  # `key:` with nothing under it (a reviewer emptied the list)
            old, last = [], first if value.value in ("", "~", "null") else textpatch.last_line(value)
        else:
            old, last = yaml.safe_load(yaml.serialize(value)) or [], textpatch.last_line(value)
        patch.replace(first, last, yamlio.dump({key: list(old) + items}, key_node.start_mark.column))


def set_scalar(patch: textpatch.TextPatch, mapping_node, key: str, value, after: str | None = None) -> None:
    """Set `key: value` in a block mapping: replace the value (keeping a comment after it) or add
    the key, at the end of the mapping or right after the key `after`."""
    node, key_node = textpatch.mapping_value(mapping_node, key)
    if mapping_node.flow_style:
        return
    if node is None:
        anchor = textpatch.mapping_value(mapping_node, after)[0] if after else None
        line = textpatch.last_line(anchor if anchor is not None else mapping_node)
        patch.insert_after(line, yamlio.dump({key: value}, mapping_node.start_mark.column))
        return
    single_line = isinstance(node, yaml.ScalarNode) and not node.style and node.start_mark.line == node.end_mark.line
    new = yamlio.dump({key: value}, key_node.start_mark.column)
    if single_line and new.count("\n") == 1 and "|" not in new:
        line = patch.lines[node.start_mark.line]
        rendered = new.strip().split(":", 1)[1].strip()
        patch.replace(node.start_mark.line, node.start_mark.line, line[: node.start_mark.column] + rendered + line[node.end_mark.column :])
        return
    patch.replace(key_node.start_mark.line, textpatch.last_line(node), new)


def clause_blocks(text: str, node) -> tuple[str, list[tuple[str, str]], str]:
    """Split a section file into the text before its clauses, each clause's lines, and the rest.

    A clause's block runs from the line after the previous clause's last line (so comments
    written above a clause travel with it) to its own last line.
    """
    lines = text.splitlines(keepends=True)
    items = textpatch.mapping_value(node, "clauses")[0]
    if items is None or items.flow_style or not items.value:
        return text, [], ""
    starts = [items.value[0].start_mark.line] + [textpatch.last_line(item) + 1 for item in items.value[:-1]]
    ends = [textpatch.last_line(item) for item in items.value]
    blocks = []
    for item, start, end in zip(items.value, starts, ends):
        clause_id = textpatch.mapping_value(item, "id")[0]
        blocks.append((clause_id.value if clause_id is not None else "", "".join(lines[start : end + 1])))
    return "".join(lines[: starts[0]]), blocks, "".join(lines[ends[-1] + 1 :])


def reindent(block: str, from_column: int, to_column: int) -> str:
    """Shift a clause block written at one list indentation to another."""
    if from_column == to_column:
        return block
    shift = to_column - from_column
    out = []
    for line in block.splitlines(keepends=True):
        if shift > 0:
            out.append(" " * shift + line if line.strip() else line)
        else:
            out.append(line[min(-shift, len(line) - len(line.lstrip(" "))):])
    return "".join(out)


def remove_key(patch: textpatch.TextPatch, mapping_node, key: str) -> None:
    """Remove `key` and its value from a block mapping (not a key that opens a list item)."""
    value, key_node = textpatch.mapping_value(mapping_node, key)
    if value is None or mapping_node.flow_style:
        return
    first = key_node.start_mark.line
    if patch.lines[first].lstrip().startswith("- "):
        return
    patch.replace(first, textpatch.last_line(value), "")
