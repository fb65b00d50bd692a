"""Stage 3 of ingest: where each clause came from, kept small.

A source records one plan's item: file, year, unit, section, position and the hash of its wording.
The wording itself is stored once per clause, verbatim as the plan had it (before placeholders),
on the first source that used it; a later plan with the same wording adds only the reference.
So a library grows by a few lines per plan, not by a copy of every clause.

Libraries written before this format kept a placeholder copy of the wording on every source.
`migrate` turns them into the current format in place: each wording rendered back to the plan's
own words, hashed, and kept once. Files are patched line by line, so comments survive.
"""
from __future__ import annotations

import hashlib

from generator.ingest.workspace import LIBRARY_FORMAT, Workspace
from generator.placeholders import insert_placeholders, org_variables


def source_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def new_source(plan, clause, heading: str, existing: list[dict], order: int = 0) -> dict:
    """The source record of `clause` from `plan`; its wording only when the clause lacks it."""
    digest = source_hash(clause.text)
    record = {
        "file": plan.source_file,
        "year": plan.year,
        "org": plan.org,
        "section": heading,
        "position": clause.sources[0].position if clause.sources else 0,
        **({"order": order} if order else {}),
        "hash": digest,
    }
    if all(s.get("hash") != digest for s in existing):
        record["text"] = clause.text
    return record


def wording(source: dict, sources: list[dict]) -> str:
    """The plan's own wording for `source`: its text, or the text stored with the same hash."""
    if source.get("text"):
        return str(source["text"])
    digest = source.get("hash")
    return next((str(s["text"]) for s in sources if digest and s.get("hash") == digest and s.get("text")), "")


def placeholder_form(source: dict, sources: list[dict]) -> str:
    """The wording with the plan's own year and unit as placeholders, comparable with clause texts.

    A source of the old format (no hash) already holds that form."""
    text = wording(source, sources)
    if not source.get("hash"):
        return text
    year = source.get("year") if isinstance(source.get("year"), int) else None
    return insert_placeholders(text, year, str(source.get("org") or ""))


def placeholder_wordings(sources: list[dict]) -> list[str]:
    return [form for form in (placeholder_form(s, sources) for s in sources) if form]


def migrate(workspace: Workspace) -> None:
    """Bring an older library's sources to the current format (recorded for the save stage)."""
    if workspace.format_on_disk >= LIBRARY_FORMAT:
        return
    from generator import yamlio

    for section in workspace.sections:
        for clause in section.clauses:
            nodes = yamlio.mapping_value(clause.node, "sources")[0] if clause.node is not None else None
            if nodes is None or nodes.flow_style:
                continue
            seen: set[str] = {s["hash"] for s in clause.sources if s.get("hash")}
            for source, node in zip(clause.sources, nodes.value):
                if source.get("hash") or node.flow_style or not source.get("text"):
                    continue
                verbatim = _render(str(source["text"]), source)
                digest = source_hash(verbatim)
                if digest in seen:
                    source.pop("text")
                    clause.migrated.append((node, None, digest))
                    workspace.migrated += 1
                else:
                    source["text"] = verbatim
                    clause.migrated.append((node, verbatim, digest))
                    seen.add(digest)
                source["hash"] = digest
    workspace.meta["format"] = LIBRARY_FORMAT


def _render(text: str, source: dict) -> str:
    """An old source's placeholder wording in the plan's own words (year, unit, 全区/我区)."""
    year = source.get("year")
    org = str(source.get("org") or "")
    values = {**(org_variables(org) if org else {}), **({"year": str(year)} if isinstance(year, int) else {})}
    text = text.replace("{{ '{{' }}", "\x00")
    for name, value in values.items():
        if value:  # what is not known (a unit's 全区 when the unit is unknown) stays a placeholder
            text = text.replace(f"{{{{ {name} }}}}", value)
    return text.replace("\x00", "{{")
