"""Source records: where each clause came from, kept small.

A source records one plan's item: file, year, unit, section, position and the hash of its wording.
The wording itself is stored once per clause, verbatim as the plan had it (before placeholders),
on the first source that used it; a later plan with the same wording adds only the reference.
So a library grows by a few lines per plan, not by a copy of every clause.

Libraries written before this format are brought to it by ingest/migrate.py.
"""
from __future__ import annotations

import hashlib

from generator.text.placeholders import insert_placeholders

LIBRARY_FORMAT = 2  # sources hold each wording once, verbatim, and a hash


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
