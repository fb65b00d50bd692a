"""Stage 5 of ingest: write what changed, all files at once.

New section files are written whole in the house format. Existing files are patched as text:
new clauses inserted where they belong, new sources and headings appended, a newer wording set,
the sources of an older library migrated. Every comment and edit of a reviewer stays as it was.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from generator import yamlio
from generator.ingest.workspace import WorkSection, Workspace
from generator.library import textpatch
from generator.library import write as libwrite
from generator.library.commit import commit_library
from generator.library.load import META_FILE, SCHEMA_DIR
from generator.library.sources import LIBRARY_FORMAT
from generator.rules.audience import judge, load_audience_rules, only_schools

_SCHEMA_SOURCE = Path(__file__).resolve().parent.parent / "schema"


def save(ws: Workspace) -> list[Path]:
    files: dict[Path, str] = {}
    for section in ws.sections:
        text = _section_text(section, ws)
        if text is not None:
            files[section.path] = text
    meta = _meta_text(ws)
    if meta is not None:
        files[ws.root / META_FILE] = meta
    for schema in sorted(_SCHEMA_SOURCE.glob("*.json")):
        target = ws.root / SCHEMA_DIR / schema.name
        if not target.exists() or target.read_text(encoding="utf-8") != schema.read_text(encoding="utf-8"):
            files[target] = schema.read_text(encoding="utf-8")
    if files:
        commit_library(ws.root, files)
    return sorted(files)


def _section_text(section: WorkSection, ws: Workspace) -> str | None:
    if section.text is None:
        clauses = [libwrite.clause_data(c) for c in section.clauses]
        return libwrite.new_section_file(section.heading, section.role, section.theme, section.headings, clauses)
    patch = textpatch.TextPatch(section.text)
    _clause_edits(patch, section, ws)
    # Last: a new `headings:` key goes after the file's last line, after any clause's new lines.
    if section.new_heading is not None:
        libwrite.set_scalar(patch, section.node, "section", section.new_heading)
    if section.new_headings:
        libwrite.append_items(patch, section.node, "headings", section.new_headings)
    return patch.result() if patch.changed else None


def _clause_edits(patch: textpatch.TextPatch, section: WorkSection, ws: Workspace) -> None:
    items_node = textpatch.mapping_value(section.node, "clauses")[0]
    existing = [c for c in section.clauses if c.node is not None]
    if not existing or items_node.flow_style:
        new = [libwrite.clause_data(c) for c in section.clauses if c.node is None]
        if new:
            libwrite.append_items(patch, section.node, "clauses", new)
        return
    column = items_node.start_mark.column
    anchor_line = existing[0].node.start_mark.line - 1  # new clauses before the first existing one
    for clause in section.clauses:
        if clause.node is None:
            patch.insert_after(anchor_line, yamlio.dump([libwrite.clause_data(clause)], column))
            continue
        anchor_line = textpatch.last_line(clause.node)
        for node, text, digest in clause.migrated:
            if text is None:
                libwrite.remove_key(patch, node, "text")
            else:
                libwrite.set_scalar(patch, node, "text", text)
            libwrite.set_scalar(patch, node, "hash", digest)
        if clause.new_text is not None:
            libwrite.set_scalar(patch, clause.node, "text", clause.new_text)
        if not clause.audience:  # a library written before clauses had an audience
            judged = judge(clause.text, load_audience_rules(ws.rules), only_schools(clause.all_sources()))
            libwrite.set_scalar(patch, clause.node, "audience", libwrite.audience_value(judged.audience, judged.reason), after="status")
            clause.audience = judged.audience
            ws.audience_added += 1
        if clause.new_sources:
            libwrite.append_items(patch, clause.node, "sources", clause.new_sources)


def _meta_text(ws: Workspace) -> str | None:
    migrated = ws.meta_text is not None and ws.meta.get("format") == LIBRARY_FORMAT and ws.format_on_disk < LIBRARY_FORMAT
    if not ws.new_plans and not migrated:
        return None
    if ws.meta_text is None:
        data = {"title": ws.meta.get("title", ""), "org": ws.meta.get("org", ""), "format": LIBRARY_FORMAT, "plans": ws.new_plans}
        return libwrite.META_HEADER + yamlio.dump(data)
    patch = textpatch.TextPatch(ws.meta_text)
    if migrated:
        libwrite.set_scalar(patch, ws.meta_node, "format", LIBRARY_FORMAT, after="org")
    if ws.superseded:
        plans = textpatch.mapping_value(ws.meta_node, "plans")[0]
        for data, node in zip(ws.meta.get("plans") or [], plans.value if isinstance(plans, yaml.SequenceNode) else []):
            if data in ws.superseded and not plans.flow_style:
                patch.replace(node.start_mark.line, textpatch.last_line(node), "")
    if ws.new_plans:
        libwrite.append_items(patch, ws.meta_node, "plans", ws.new_plans)
    return patch.result()
