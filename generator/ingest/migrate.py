"""Stage 3 of ingest: bring an older library's source records to the current format.

Libraries written before format 2 kept a placeholder copy of the wording on every source.
`migrate` turns them into the current format in place: each wording rendered back to the plan's
own words, hashed, and kept once. Files are patched line by line, so comments survive.
"""
from __future__ import annotations

from generator.ingest.workspace import Workspace
from generator.library import textpatch
from generator.library.sources import LIBRARY_FORMAT, source_hash
from generator.text.placeholders import org_variables, unescape_jinja


def migrate(workspace: Workspace) -> None:
    """Bring an older library's sources to the current format (recorded for the save stage)."""
    if workspace.format_on_disk >= LIBRARY_FORMAT:
        return
    for section in workspace.sections:
        for clause in section.clauses:
            nodes = textpatch.mapping_value(clause.node, "sources")[0] if clause.node is not None else None
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
    for name, value in values.items():
        if value:  # what is not known (a unit's 全区 when the unit is unknown) stays a placeholder
            text = text.replace(f"{{{{ {name} }}}}", value)
    return unescape_jinja(text)
