"""gwplan draft: the clause library + a plan file + targets + rules → next year's plan model.

Steps: pick clauses (the --plan file, or every active clause in section order), fill their
placeholders in the Jinja sandbox, roll their wording over to the new year with rules/, and
render the document skeleton template into the plan model that the writers print.
"""
from __future__ import annotations

import datetime
import re
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import nodes

from generator.errors import GwplanError, located
from generator.zhtext import unfilled_marks
from generator.library import Library, LibrarySection, load_library
from generator.model import Clause, Plan
from generator.placeholders import org_variables
from generator.render import environment, render_skeleton, render_text
from generator.resources import data_dir
from generator.rules import Change, Flag, load_rules
from generator.targets import Targets, load_targets
from generator.writers import NUMBERING_MODES
from generator.yamlio import LineDict, load_file

PLAN_KEYS = {
    "title", "org", "recipient", "signature", "date", "attachments", "numbering", "template",
    "preamble", "sections", "exclude",
}
SECTION_KEYS = {"from", "heading", "clauses"}
DATE = re.compile(r"^(\d{4})年([1-9]|1[0-2])月([1-9]|[12]\d|3[01])日$")


@dataclass
class Selector:
    """One entry of a plan file's clause list: an id, a tag:…, or a new clause's text."""

    kind: str  # id | tag | new
    value: str
    text: str = ""  # replacement text (for id) or the new clause's text
    line: int = 0


@dataclass
class SectionSpec:
    source: str = ""  # `from`: a library section (file name, theme or heading)
    heading: str = ""
    selectors: list[Selector] | None = None  # None: every active clause of the source section
    line: int = 0


@dataclass
class PlanSpec:
    path: str = ""
    title: str = ""
    org: str = ""
    recipient: str = ""
    signature: str = ""
    date: str = ""
    attachments: list[str] = field(default_factory=list)
    numbering: str = "continuous"
    template: str = "plan.j2"
    preamble: list[Selector] | None = None
    sections: list[SectionSpec] | None = None
    exclude: list[Selector] = field(default_factory=list)


@dataclass
class ClauseReport:
    """What the generator did to one clause (or the title, or a heading)."""

    clause_id: str
    origin: str
    line: int
    changes: list[Change] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)  # targets filled in, as 名称=值


@dataclass
class DraftResult:
    plan: Plan
    reports: list[ClauseReport]
    suggestions: list[str]
    notes: list[str]

    @property
    def changes(self) -> int:
        return sum(len(r.changes) for r in self.reports)

    @property
    def flags(self) -> int:
        return sum(len(r.flags) for r in self.reports)


def build_draft(
    year: int,
    library_path: Path | None = None,
    org: str | None = None,
    targets_path: Path | None = None,
    plan_path: Path | None = None,
    rules_dir: Path | None = None,
    today: datetime.date | None = None,
    template_dir: str | None = None,
) -> DraftResult:
    """Build the plan model of a draft for `year`. Raises GwplanError for any bad input."""
    drafter = Drafter(year, library_path, targets_path, plan_path, rules_dir, template_dir)
    return drafter.draft(org, today=today)


class Drafter:
    """Everything a draft needs that is the same for every unit: loaded once, used for many drafts."""

    def __init__(
        self,
        year: int,
        library_path: Path | None = None,
        targets_path: Path | None = None,
        plan_path: Path | None = None,
        rules_dir: Path | None = None,
        template_dir: str | None = None,
    ):
        self.year = year
        self.library = load_library(library_path or data_dir("library"))
        errors = self.library.errors
        if errors:
            shown = "\n".join(f"  {p}" for p in errors[:5])
            more = f"\n  ……共 {len(errors)} 处" if len(errors) > 5 else ""
            raise GwplanError(
                f"条款库有错误，请先修正（gwplan lint --library {self.library.root} 列出全部）：\n{shown}{more}",
                str(self.library.root),
            )
        self.spec = load_plan_spec(plan_path) if plan_path else PlanSpec()
        self.targets = load_targets(year, targets_path, self.library.root)
        self.rules = load_rules(year, rules_dir)
        self.template_dir = template_dir

    @property
    def default_org(self) -> str:
        return self.spec.org or self.library.org

    def draft(
        self,
        org: str | None = None,
        *,
        template: str | None = None,
        today: datetime.date | None = None,
        exclude_tags: set[str] | frozenset[str] = frozenset(),
        extra_clauses: list[str] = (),
        target_overrides: dict[str, str] | None = None,
        extra_context: dict | None = None,
    ) -> DraftResult:
        """One draft: for `org` (a district, or a school in a batch), with per-unit overrides."""
        spec, rules = self.spec, self.rules
        org = org or self.default_org
        if not org:
            raise GwplanError("不知道发文单位：请用 --org 指定，或在条款库 gwplan.yaml 中写上 org。")
        targets = Targets({**self.targets.values, **(target_overrides or {})}, self.targets.origin)
        context = {"year": self.year, **org_variables(org), "targets": targets.values}
        notes: list[str] = []
        preamble, sections = _select(self.library, spec, notes, exclude_tags, extra_clauses)
        _check_targets(preamble + [c for _, clauses in sections for c in clauses], targets, self.year)

        reports: list[ClauseReport] = []
        rendered: dict[str, Clause] = {}

        def roll(clause: Clause) -> dict:
            report = ClauseReport(clause.id, clause.origin, clause.line)
            text = render_text(clause.text, context, f"条款 {clause.id}", clause.origin, clause.line)
            text, report.changes, report.flags = rules.apply(text)
            report.flags += [Flag("条款提示", note, "条款库中给审核人的提示") for note in clause.notes]
            report.flags += [Flag("未填内容", mark, "疑似未填写的占位符或被隐去的文字") for mark in unfilled_marks(text)]
            report.filled = [f"{name}={targets.values[name]}" for name in _target_names(clause.text)]
            if report.changes or report.flags or report.filled:
                reports.append(report)
            rendered[clause.id] = clause
            return {"id": clause.id, "kind": clause.kind, "text": text}

        def plain(text: str, what: str, origin: str = "", line: int = 0) -> str:
            value, changes, flags = rules.apply(render_text(text, context, what, origin, line))
            if changes or flags:
                reports.append(ClauseReport(what, origin, line, changes, flags))
            return value

        title_source = spec.title or self.library.title or "{{ org }}{{ year }}年工作要点"
        title = plain(title_source, "标题", spec.path or str(self.library.root / "gwplan.yaml"))
        skeleton = {
            **context,
            **(extra_context or {}),
            "title": title,
            "recipient": spec.recipient,
            "preamble": [roll(c) for c in preamble],
            "sections": [
                {
                    "heading": plain(heading, f"节标题“{heading}”", origin),
                    "theme": theme,
                    "groups": _groups([roll(c) for c in clauses], clauses),
                }
                for (heading, origin, theme), clauses in sections
            ],
            "attachments": spec.attachments,
            "signature": spec.signature or org,
            "date": spec.date or _chinese_date(today or datetime.date.today()),
        }
        plan = render_skeleton(template or spec.template, skeleton, rendered, self.template_dir)
        # Text written in the template itself is rolled over like any clause.
        for clause in plan.all_clauses():
            if not clause.id:
                clause.text, changes, flags = rules.apply(clause.text)
                if changes or flags:
                    reports.append(ClauseReport("模板文字", template or spec.template, 0, changes, flags))
        plan.year, plan.org, plan.numbering = self.year, org, spec.numbering
        return DraftResult(plan, reports, rules.suggestions(), notes)


def _chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _groups(rendered: list[dict], clauses: list[Clause]) -> list[dict]:
    """Consecutive clauses with the same （一）-level group heading form one group."""
    groups: list[dict] = []
    for item, clause in zip(rendered, clauses):
        if not groups or groups[-1]["heading"] != clause.group:
            groups.append({"heading": clause.group, "clauses": []})
        groups[-1]["clauses"].append(item)
    return groups


# --- choosing clauses ------------------------------------------------------------------------


def _select(library: Library, spec: PlanSpec, notes: list[str], exclude_tags, extra_clauses):
    excluded = {id(c) for s in spec.exclude for c in _resolve(s, library, None, notes)}
    excluded |= {id(c) for _, c in library.clauses() if exclude_tags & set(c.tags)}

    def keep(clauses: list[Clause]) -> list[Clause]:
        return [c for c in clauses if id(c) not in excluded]

    preamble_sections = [s for s in library.sections if s.role == "preamble"]
    if spec.preamble is not None:
        preamble = keep([c for s in spec.preamble for c in _resolve(s, library, None, notes)])
    else:
        candidates = keep([c for s in preamble_sections for c in s.clauses if c.status == "active"])
        preamble = [max(candidates, key=_newest_year)] if candidates else []
    sections: list[tuple[tuple[str, str, str], list[Clause]]] = []
    if spec.sections is None:
        for section in library.sections:
            if section.role == "body":
                active = [c for c in section.clauses if c.status == "active"]
                sections.append(((section.heading, str(section.path), section.theme), keep(active)))
    else:
        for entry in spec.sections:
            source = _find_section(entry, library, spec.path) if entry.source else None
            heading = entry.heading or (source.heading if source else "")
            if not heading:
                raise GwplanError("这一节既没有 from 也没有 heading，不知道标题是什么。", spec.path, entry.line)
            if entry.selectors is None:
                chosen = [c for c in source.clauses if c.status == "active"] if source else []
            else:
                chosen = [c for s in entry.selectors for c in _resolve(s, library, source, notes)]
            origin = spec.path or str(source.path if source else "")
            sections.append(((heading, origin, source.theme if source else ""), keep(chosen)))
    for clause_id in extra_clauses:
        section, clause = library.find(clause_id)
        if clause is None:
            raise GwplanError(f"要追加的条款 {clause_id} 不在条款库中。")
        target = next((clauses for (heading, *_), clauses in sections if heading == section.heading), None)
        if target is None:
            target = []
            sections.append(((section.heading, str(section.path), section.theme), target))
        if clause not in target:
            target.append(clause)
    for (heading, *_), clauses in sections:
        if not clauses:
            notes.append(f"“{heading}”一节没有可用的条款，已略去。")
    under_review = sum(1 for _, c in library.clauses() if c.status == "review")
    if under_review:
        notes.append(f"{under_review} 条条款状态为 review（待审），没有写入草稿。")
    return preamble, [(h, c) for h, c in sections if c]


def _newest_year(clause: Clause) -> int:
    return max((s.year for s in clause.sources if s.year), default=0)


def _resolve(selector: Selector, library: Library, section: LibrarySection | None, notes: list[str]) -> list[Clause]:
    if selector.kind == "new":
        clause = Clause(text=selector.text, kind="item", id=f"新增-{selector.line}", origin="", line=selector.line)
        return [clause]
    pool = section.clauses if section is not None else [c for _, c in library.clauses()]
    if selector.kind == "tag":
        found = [c for c in pool if selector.value in c.tags and c.status == "active"]
        if not found:
            notes.append(f"标签“{selector.value}”没有选中任何使用中的条款。")
        return found
    _, clause = library.find(selector.value)
    if clause is None:
        raise GwplanError(f"条款库中没有 id 为“{selector.value}”的条款（用 gwplan lint 可列出所有 id）。", None, None)
    if clause.status != "active":
        notes.append(f"条款 {clause.id} 的状态是 {clause.status}，按计划文件的要求仍写入了草稿。")
    if selector.text:
        clause = Clause(**{**clause.__dict__, "text": selector.text})
    return [clause]


def _find_section(entry: SectionSpec, library: Library, path: str) -> LibrarySection:
    for section in library.sections:
        if entry.source in (section.path.stem, section.theme, section.heading):
            return section
    names = "、".join(s.path.stem for s in library.sections if s.role == "body")
    raise GwplanError(f"条款库中没有“{entry.source}”这一节（可用：{names}）。", path, entry.line)


@lru_cache(maxsize=8192)
def _target_names(text: str) -> tuple[str, ...]:
    if "targets" not in text:
        return ()
    try:
        tree = environment().parse(text)
    except Exception:  # syntax errors are reported when the clause is rendered
        return ()
    return tuple(sorted(
        {n.attr for n in tree.find_all(nodes.Getattr) if isinstance(n.node, nodes.Name) and n.node.name == "targets"}
    ))


def _check_targets(clauses: list[Clause], targets: Targets, year: int) -> None:
    missing = [(c, name) for c in clauses for name in _target_names(c.text) if name not in targets.values]
    if not missing:
        return
    lines = [f"  条款 {c.id}（{located('', c.origin, c.line).rstrip(': ')}）需要目标“{name}”" for c, name in missing]
    source = targets.origin or "条款库的 targets.yaml（或用 --targets 指定的文件）"
    example = "\n".join(f"    {name}: 值" for name in dict.fromkeys(name for _, name in missing))
    first = missing[0][0]
    raise GwplanError(
        f"缺少 {year} 年的目标值：\n" + "\n".join(lines) + f"\n请在 {source} 中写上：\n  {year}:\n{example}",
        first.origin,
        first.line,
    )


# --- the plan file -------------------------------------------------------------------------


def load_plan_spec(path: Path) -> PlanSpec:
    """Read and check a --plan file; every problem is reported at its line."""
    name = str(path)
    data = load_file(path)
    if data is None:
        return PlanSpec(path=name)
    if not isinstance(data, LineDict):
        raise GwplanError("计划文件应是“键: 值”形式的映射。", name, 1)
    for key in data:
        if key not in PLAN_KEYS:
            raise GwplanError(f"未知字段“{key}”（可用：{'、'.join(sorted(PLAN_KEYS))}）。", name, data.key_lines.get(key, 1))
    spec = PlanSpec(path=name)
    for key in ("title", "org", "recipient", "signature", "date", "template"):
        value = data.get(key)
        if value is not None:
            if isinstance(value, (dict, list)):
                raise GwplanError(f"{key} 应是一段文字。", name, data.key_lines[key])
            setattr(spec, key, str(value))
    if spec.date:
        _check_date(spec.date, name, data.key_lines["date"])
    numbering = str(data.get("numbering", spec.numbering))
    if numbering not in NUMBERING_MODES:
        choices = "、".join(f"{k}（{v}）" for k, v in NUMBERING_MODES.items())
        raise GwplanError(f"numbering 只能是 {choices}。", name, data.key_lines.get("numbering", 1))
    spec.numbering = numbering
    attachments = data.get("attachments") or []
    if isinstance(attachments, str):
        attachments = [attachments]
    if not isinstance(attachments, list) or any(isinstance(a, (dict, list)) for a in attachments):
        raise GwplanError("attachments 应是附件名称的列表。", name, data.key_lines.get("attachments", 1))
    spec.attachments = [str(a).rstrip("。.") for a in attachments]
    if "preamble" in data:
        spec.preamble = _selectors(data["preamble"], name, data.key_lines["preamble"])
    spec.exclude = _selectors(data.get("exclude") or [], name, data.key_lines.get("exclude", 1))
    if "sections" in data:
        sections = data["sections"]
        if not isinstance(sections, list):
            raise GwplanError("sections 应是列表，每项写 from（条款库中的一节）和/或 heading、clauses。", name, data.key_lines["sections"])
        spec.sections = [_section_spec(entry, name) for entry in sections]
    return spec


def _section_spec(entry, name: str) -> SectionSpec:
    if isinstance(entry, str):
        return SectionSpec(source=entry, line=0)
    if not isinstance(entry, LineDict):
        raise GwplanError("sections 的每一项应是一节的名称，或含 from / heading / clauses 的映射。", name, 1)
    for key in entry:
        if key not in SECTION_KEYS:
            raise GwplanError(f"节中有未知字段“{key}”（可用：from、heading、clauses）。", name, entry.key_lines[key])
    spec = SectionSpec(source=str(entry.get("from") or ""), heading=str(entry.get("heading") or ""), line=entry.line)
    if "clauses" in entry:
        spec.selectors = _selectors(entry["clauses"], name, entry.key_lines["clauses"])
    return spec


def _selectors(items, name: str, line: int) -> list[Selector]:
    if not isinstance(items, list):
        raise GwplanError("这里应是列表：条款 id、tag:标签，或 {text: 新条款文字}。", name, line)
    found = []
    for offset, item in enumerate(items):
        item_line = getattr(item, "line", line + offset + 1)
        if isinstance(item, (str, int)):
            value = str(item)
            if value.startswith("tag:"):
                found.append(Selector("tag", value[4:].strip(), line=item_line))
            else:
                found.append(Selector("id", value, line=item_line))
        elif isinstance(item, LineDict) and ("id" in item or "text" in item):
            unknown = set(item) - {"id", "text"}
            if unknown:
                raise GwplanError(f"条款项中有未知字段“{unknown.pop()}”（可用：id、text）。", name, item_line)
            if "id" in item:
                found.append(Selector("id", str(item["id"]), str(item.get("text") or ""), item_line))
            else:
                found.append(Selector("new", "", str(item["text"]), item_line))
        else:
            raise GwplanError("条款项应是 id、tag:标签，或 {text: 新条款文字}。", name, item_line)
    return found


def _check_date(value: str, name: str, line: int) -> None:
    match = DATE.match(value)
    if not match:
        raise GwplanError(f"成文日期“{value}”应写成阿拉伯数字的“2027年1月5日”，月、日不补零。", name, line)
    try:
        datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise GwplanError(f"成文日期“{value}”不是真实存在的日期。", name, line) from None
