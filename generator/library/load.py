"""The YAML clause library: a folder of section files plus gwplan.yaml, read into the plan model.

Layout (see docs/library.md):
    gwplan.yaml            title template, default organisation, the plans ingested so far
    00-总要求.yaml          the preamble clauses (role: preamble)
    01-思想政治引领.yaml     one file per section, in drafting order (the number orders them)
    targets.yaml           optional: target values by year, for {{ targets.名称 }}
    schema/                JSON Schema for editors (VS Code YAML extension)

Loading validates as it goes: every problem is collected with its file and line, so `lint`
reports them all and `draft` refuses a library with errors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import GwplanError, located
from generator.library.journal import JOURNAL
from generator.library.lock import library_lock
from generator.model import Clause, Source, Target
from generator.text import patterns
from generator.yamlio import LineDict, load_file, load_text

META_FILE = "gwplan.yaml"
TARGETS_FILE = "targets.yaml"  # this year's target values, by year (see targets.py)
UNIT_FILE = "unit.yaml"  # the unit's 版头 and 版记 details for draft --notice (see notice.py)
SCHEMA_DIR = "schema"
STATUSES = {"active": "使用", "retired": "停用", "review": "待审（草稿暂不使用）"}
AUDIENCES = {"district": "只用于区级计划", "school": "只用于学校计划", "both": "区级和学校计划都用"}
KINDS = {"item": "编号条目", "paragraph": "正文段落", "subitem": "（1）级条目", "table": "表格（每行一行，单元格以制表符分隔）"}
ROLES = {"preamble": "总要求/导语", "body": "正文一节"}

CLAUSE_KEYS = {"id", "status", "audience", "kind", "group", "text", "tags", "targets", "sources", "notes"}
SOURCE_KEYS = {"file", "year", "org", "section", "position", "order", "hash", "text"}
TARGET_KEYS = {"name", "value", "context"}
SECTION_KEYS = {"section", "role", "theme", "headings", "clauses"}
HEADING_KEYS = {"text", "file", "year"}
META_KEYS = {"title", "org", "format", "plans"}
ID_PATTERN = patterns.compile(r"^[^\s{}\[\],:#&*!|>'\"%@`]+$")


@dataclass
class Problem:
    file: str
    line: int
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        label = "" if self.severity == "error" else "提示："
        return located(label + self.message, self.file, self.line)


@dataclass
class LibrarySection:
    path: Path
    heading: str
    role: str = "body"
    theme: str = ""
    clauses: list[Clause] = field(default_factory=list)
    line: int = 1
    variants: list[str] = field(default_factory=list)  # this section's headings in the plans ingested
    heading_line: int = 1  # the line of `section:`, for messages about the heading


@dataclass
class Library:
    root: Path
    title: str = ""
    org: str = ""
    format: int = 1  # 2: sources keep each wording once, verbatim (see ingest/sources.py)
    plans: list[dict] = field(default_factory=list)
    sections: list[LibrarySection] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def clauses(self):
        for section in self.sections:
            for clause in section.clauses:
                yield section, clause

    def find(self, clause_id: str) -> tuple[LibrarySection, Clause] | tuple[None, None]:
        for section, clause in self.clauses():
            if clause.id == clause_id:
                return section, clause
        return None, None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def section_files(root: Path, overlay: dict[Path, str | None] | None = None) -> list[Path]:
    """The section files of a library, or of the library as it would be with `overlay` written."""
    paths = set(root.glob("*.yaml")) | {p for p, text in (overlay or {}).items() if text is not None and p.parent == root}
    paths -= {p for p, text in (overlay or {}).items() if text is None}
    return sorted(p for p in paths if p.suffix == ".yaml" and p.name not in (META_FILE, TARGETS_FILE, UNIT_FILE) and not p.name.startswith("."))


def load_library(root: Path | str, overlay: dict[Path, str | None] | None = None) -> Library:
    """Read a library folder. Structural problems are collected in `problems`, not raised.

    `overlay` (path → text, or None for a removed file) reads the library as a write would leave
    it, before the write: library writes check their result with it (library/commit.py).
    """
    root = Path(root)
    overlay = {Path(p): text for p, text in (overlay or {}).items()}
    if not root.exists():
        raise GwplanError("条款库文件夹不存在；先用 gwplan ingest 收录往年计划来创建它。", str(root))
    if not root.is_dir():
        raise GwplanError("这不是文件夹；--library 应指向条款库文件夹。", str(root))
    if (root / JOURNAL).exists():  # a write was cut off half-way: finish it before reading
        with library_lock(root):
            pass
    files = section_files(root, overlay)
    has_meta = overlay[root / META_FILE] is not None if root / META_FILE in overlay else (root / META_FILE).exists()
    if not has_meta and not files:
        raise GwplanError(f"这里不是条款库：既没有 {META_FILE}，也没有分节 .yaml 文件。", str(root))
    library = Library(root=root)
    if has_meta:
        meta = _load(root / META_FILE, library, overlay)
        if meta is not None:
            _read_meta(meta, root / META_FILE, library)
    for path in files:
        data = _load(path, library, overlay)
        if data is not None:
            _read_section(data, path, library)
    _check_unique_ids(library)
    return library


def _load(path: Path, library: Library, overlay: dict[Path, str | None]):
    try:
        if overlay.get(path) is not None:
            return load_text(overlay[path].removeprefix("\ufeff"), str(path))[0]
        return load_file(path)
    except GwplanError as exc:
        library.problems.append(Problem(exc.file or str(path), exc.line or 1, exc.message))
        return None


def _problem(library: Library, path: Path, line: int, message: str, severity: str = "error") -> None:
    library.problems.append(Problem(str(path), line, message, severity))


def _expect_mapping(data, path: Path, library: Library, what: str) -> bool:
    if not isinstance(data, LineDict):
        line = getattr(data, "line", 1)
        _problem(library, path, line, f"{what}应是“键: 值”形式的映射，这里却是 {_type_name(data)}。")
        return False
    return True


def _unknown_keys(data: LineDict, allowed: set[str], path: Path, library: Library, what: str) -> None:
    for key in data:
        if key not in allowed:
            hint = "、".join(sorted(allowed))
            _problem(library, path, data.key_lines.get(key, data.line), f"{what}中有未知字段“{key}”（可用字段：{hint}）；是不是拼错了？")
    for key, line in data.duplicate_keys:
        _problem(library, path, line, f"{what}中字段“{key}”出现了两次，只有最后一个会生效；请删去多余的一个。")


def _read_meta(meta, path: Path, library: Library) -> None:
    if meta is None:
        return
    if not _expect_mapping(meta, path, library, "gwplan.yaml"):
        return
    _unknown_keys(meta, META_KEYS, path, library, "gwplan.yaml")
    library.title = _string(meta, "title", path, library, required=False)
    library.org = _string(meta, "org", path, library, required=False)
    library.format = meta.get("format") if isinstance(meta.get("format"), int) else 1
    plans = meta.get("plans") or []
    if not isinstance(plans, list):
        _problem(library, path, meta.key_lines.get("plans", 1), "plans 应是列表。")
        plans = []
    library.plans = [p for p in plans if isinstance(p, dict)]


def _read_section(data, path: Path, library: Library) -> None:
    if data is None:
        _problem(library, path, 1, "文件是空的；删除它，或写上 section 和 clauses。", "warning")
        return
    if not _expect_mapping(data, path, library, "分节文件"):
        return
    _unknown_keys(data, SECTION_KEYS, path, library, "分节文件")
    role = data.get("role", "body")
    if role not in ROLES:
        _problem(library, path, data.key_lines.get("role", 1), f"role 只能是 {'、'.join(ROLES)}，这里是“{role}”。")
        role = "body"
    heading = _string(data, "section", path, library, required=role == "body")
    section = LibrarySection(path=path, heading=heading, role=role, theme=str(data.get("theme") or ""), line=data.line)
    for variant in data.get("headings") or []:
        if isinstance(variant, LineDict):
            _unknown_keys(variant, HEADING_KEYS, path, library, "标题原文")
    section.variants = [str(h.get("text")) for h in data.get("headings") or [] if isinstance(h, dict) and h.get("text")]
    section.heading_line = data.key_lines.get("section", data.line)
    clauses = data.get("clauses")
    if clauses is None:  # `clauses:` with nothing under it is a section a reviewer emptied
        if "clauses" not in data:
            _problem(library, path, data.line, "缺少 clauses（本节的条款列表）。")
        clauses = []
    if not isinstance(clauses, list):
        _problem(library, path, data.key_lines.get("clauses", 1), "clauses 应是列表，每项以“- id: …”开头。")
        clauses = []
    for item in clauses:
        clause = _read_clause(item, path, library)
        if clause is not None:
            section.clauses.append(clause)
    library.sections.append(section)


def _read_clause(item, path: Path, library: Library) -> Clause | None:
    if not _expect_mapping(item, path, library, "条款"):
        return None
    _unknown_keys(item, CLAUSE_KEYS, path, library, "条款")
    clause = Clause(text="", origin=str(path), line=item.line)
    clause.id = _string(item, "id", path, library)
    if clause.id and not ID_PATTERN.match(clause.id):
        _problem(library, path, item.key_lines["id"], f"id“{clause.id}”含有空格或 YAML 特殊字符；请只用汉字、字母、数字、-、_ 和 .。")
    clause.text = _string(item, "text", path, library)
    clause.status = str(item.get("status", "active"))
    if clause.status not in STATUSES:
        choices = "、".join(f"{k}（{v}）" for k, v in STATUSES.items())
        _problem(library, path, item.key_lines.get("status", item.line), f"status“{clause.status}”无效，只能是 {choices}。")
    clause.audience = str(item.get("audience") or "")
    if clause.audience and clause.audience not in AUDIENCES:
        choices = "、".join(f"{k}（{v}）" for k, v in AUDIENCES.items())
        _problem(library, path, item.key_lines.get("audience", item.line), f"audience“{clause.audience}”无效，只能是 {choices}。")
    clause.kind = str(item.get("kind", "paragraph"))
    if clause.kind not in KINDS:
        _problem(library, path, item.key_lines.get("kind", item.line), f"kind“{clause.kind}”无效，只能是 {'、'.join(KINDS)}。")
    clause.group = _string(item, "group", path, library, required=False)
    clause.tags = _string_list(item, "tags", path, library)
    clause.notes = _string_list(item, "notes", path, library)
    for entry in _list(item, "targets", path, library):
        if _expect_mapping(entry, path, library, "目标"):
            _unknown_keys(entry, TARGET_KEYS, path, library, "目标")
            name = str(entry.get("name") or "")
            if name and not re.fullmatch(r"[^\W\d]\w*", name):
                _problem(library, path, entry.key_lines.get("name", entry.line), f"目标名“{name}”不能作为占位符名：只能用汉字、字母、数字和下划线，且不以数字开头。")
            clause.targets.append(Target(value=str(entry.get("value", "")), context=str(entry.get("context", "")), name=name))
    for entry in _list(item, "sources", path, library):
        if _expect_mapping(entry, path, library, "来源"):
            _unknown_keys(entry, SOURCE_KEYS, path, library, "来源")
            year = entry.get("year")
            if year is not None and not isinstance(year, int):
                _problem(library, path, entry.key_lines.get("year", entry.line), f"来源年份应是四位数字，这里是“{year}”。")
                year = None
            clause.sources.append(
                Source(
                    file=str(entry.get("file", "")),
                    year=year,
                    org=str(entry.get("org") or ""),
                    section=str(entry.get("section") or ""),
                    position=entry.get("position") if isinstance(entry.get("position"), int) else 0,
                    order=entry.get("order") if isinstance(entry.get("order"), int) else 0,
                    text=str(entry.get("text") or ""),
                    hash=str(entry.get("hash") or ""),
                )
            )
    return clause


def _string(data: LineDict, key: str, path: Path, library: Library, required: bool = True) -> str:
    value = data.get(key)
    if value is None or value == "":
        if required:
            _problem(library, path, data.line, f"缺少 {key}。")
        return ""
    if isinstance(value, (dict, list)):
        _problem(library, path, data.key_lines.get(key, data.line), f"{key} 应是一段文字，这里却是{_type_name(value)}。")
        return ""
    return str(value)


def _list(data: LineDict, key: str, path: Path, library: Library) -> list:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        _problem(library, path, data.key_lines.get(key, data.line), f"{key} 应是列表（每项以“- ”开头，或写成 [a, b]）。")
        return []
    return value


def _string_list(data: LineDict, key: str, path: Path, library: Library) -> list[str]:
    items = _list(data, key, path, library)
    bad = [i for i in items if isinstance(i, (dict, list))]
    if bad:
        _problem(library, path, data.key_lines.get(key, data.line), f"{key} 的每一项应是一段文字。")
    return [str(i) for i in items if not isinstance(i, (dict, list))]


def _type_name(value) -> str:
    if isinstance(value, dict):
        return "映射"
    if isinstance(value, list):
        return "列表"
    if value is None:
        return "空值"
    return f"“{value}”"


def _check_unique_ids(library: Library) -> None:
    first_seen: dict[str, Clause] = {}
    for _, clause in library.clauses():
        if not clause.id:
            continue
        if clause.id in first_seen:
            other = first_seen[clause.id]
            library.problems.append(
                Problem(clause.origin, clause.line, f"id“{clause.id}”重复：{located('', other.origin, other.line).rstrip(': ')} 已经用过；请改成另一个 id。")
            )
        else:
            first_seen[clause.id] = clause
