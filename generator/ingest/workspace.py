"""Stage 2 of ingest: the library as it is on disk, held as text, YAML nodes and clauses.

Existing files are kept as their text and node trees so that later stages can patch exactly the
lines they change; every clause text and source wording goes into a similarity index so a new
plan's clauses find their near-duplicates.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import yamlio
from generator.errors import GwplanError
from generator.library import textpatch
from generator.library.load import META_FILE, load_library, section_files
from generator.library.sources import LIBRARY_FORMAT, placeholder_wordings
from generator.model import Target
from generator.text.similarity import NearDuplicateIndex


@dataclass
class WorkClause:
    id: str
    text: str
    section: WorkSection
    status: str = "active"
    audience: str = ""  # set by ingest for new clauses (audience.py); a reviewer may change it
    audience_reason: str = ""
    kind: str = "paragraph"
    group: str = ""
    tags: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    node: yaml.MappingNode | None = None  # set for clauses already in a file
    new_sources: list[dict] = field(default_factory=list)
    new_text: str | None = None
    migrated: list[tuple] = field(default_factory=list)  # (source node, verbatim text or None, hash)
    indexed: set[str] = field(default_factory=set)  # texts the similarity index knows for this clause

    def all_sources(self) -> list[dict]:
        return self.sources + self.new_sources


@dataclass
class WorkSection:
    path: Path
    heading: str
    role: str = "body"
    theme: str = ""
    clauses: list[WorkClause] = field(default_factory=list)
    headings: list[dict] = field(default_factory=list)
    new_headings: list[dict] = field(default_factory=list)
    new_heading: str | None = None  # an unedited heading replaced by a newer plan's wording
    text: str | None = None  # original file text, for sections that exist on disk
    node: yaml.MappingNode | None = None


class Workspace:
    """The library being updated: existing files as text and nodes, new content as data."""

    def __init__(self, root: Path, themes: list[dict], rules: str | None = None):
        self.root = root
        self.rules = rules  # an extra rules folder (--rules), for the audience of old clauses
        self.audience_added = 0  # clauses of an older library that got their audience now
        self.themes = themes
        self.sections: list[WorkSection] = []
        self.index = NearDuplicateIndex()
        self.ids: set[str] = set()
        self.meta_text: str | None = None
        self.meta_node = None
        self.meta: dict = {}
        self.meta_node_data: dict | None = None  # gwplan.yaml as read, before this run changes it
        self.new_plans: list[dict] = []
        self.superseded: list[dict] = []  # reviewed drafts (gwplan learn) whose issued plan came in
        self.migrated = 0  # source copies removed by the migration to the current format
        if root.exists() and not root.is_dir():
            raise GwplanError("这不是文件夹；--library 应指向条款库文件夹（不存在时会自动创建）。", str(root))
        if root.exists() and any(root.glob("*.yaml")):
            self._open_existing()

    @property
    def format_on_disk(self) -> int:
        """The library's format as read (1 for libraries written before sources were kept small)."""
        if self.meta_text is None:
            return LIBRARY_FORMAT
        value = (self.meta_node_data or {}).get("format", 1)
        return value if isinstance(value, int) else 1

    def known_plans(self) -> list[dict]:
        return list(self.meta.get("plans") or []) + self.new_plans

    def _open_existing(self) -> None:
        library = load_library(self.root)
        if library.errors:
            first = library.errors[0]
            raise GwplanError(
                f"条款库中有 {len(library.errors)} 处错误，收录前请先修正（运行 gwplan lint 查看全部）。第一处：{first}",
                str(self.root),
            )
        meta_path = self.root / META_FILE
        if meta_path.exists():
            self.meta_text = meta_path.read_text(encoding="utf-8-sig")
            self.meta, self.meta_node = yamlio.load_text(self.meta_text, str(meta_path))
            self.meta = self.meta or {}
            self.meta_node_data = dict(self.meta)
        for path in section_files(self.root):
            text = path.read_text(encoding="utf-8-sig")
            data, node = yamlio.load_text(text, str(path))
            if not data:
                continue
            section = WorkSection(
                path=path,
                heading=str(data.get("section") or ""),
                role=str(data.get("role") or "body"),
                theme=str(data.get("theme") or ""),
                headings=list(data.get("headings") or []),
                text=text,
                node=node,
            )
            items = textpatch.mapping_value(node, "clauses")[0]
            for item, item_node in zip(data.get("clauses") or [], items.value if items is not None else []):
                clause = WorkClause(
                    id=str(item["id"]),
                    text=str(item["text"]),
                    section=section,
                    status=str(item.get("status", "active")),
                    audience=str(item.get("audience") or ""),
                    sources=[dict(s) for s in item.get("sources") or []],
                    node=item_node,
                )
                section.clauses.append(clause)
                self.register(clause)
            self.sections.append(section)

    def register(self, clause: WorkClause) -> None:
        """Make the clause findable: its id is taken, its wordings go into the index."""

        self.ids.add(clause.id)
        for text in [clause.text, *placeholder_wordings(clause.all_sources())]:
            self.index_text(clause, text)

    def index_text(self, clause: WorkClause, text: str) -> None:
        if text and text not in clause.indexed:
            clause.indexed.add(text)
            self.index.add(clause, text)
