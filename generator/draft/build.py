"""gwplan draft: the clause library + a plan file + targets + rules → next year's plan model.

Steps: choose the clauses (selection.py: by default the unit's most recent plan again), fill
their placeholders in the Jinja sandbox, roll their wording over to the new year (rollover.py),
find what no rule can settle (marks.py) and mark it, and render the skeleton template into the
plan model that the writers print.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import nodes

from generator.draft.unitfit import audience_filter, audience_marks, declared_kind, empty_reason
from generator.rules.audience import load_audience_rules
from generator.rules.units import unit_kind
from generator.errors import GwplanError, located
from generator.library.load import load_library
from generator.draft.marks import clause_flags, short_names, text_flags
from generator.model import Clause, Mark, Plan
from generator.text.placeholders import org_variables
from generator.draft.planfile import PlanSpec, load_plan_spec
from generator.draft.sandbox import within_rendering_budget
from generator.draft.render import environment, render_skeleton, render_text, template_uses
from generator.resources import data_dir
from generator.rules.rollover import Change, roll
from generator.rules.ruleset import load_rules
from generator.draft.selection import Selection, near_duplicates, select
from generator.draft.targets import Targets, load_targets

if TYPE_CHECKING:  # a school is drafted only in a batch, which imports its module
    from generator.draft.schoolplan import SchoolUnit

# Library notes the draft shows in the text itself (as marks), not again as notes.
_NOTES_IN_TEXT = ("待补：", "疑似乱码：")


@dataclass
class ClauseReport:
    """What the generator did to one clause (or the title, or a heading)."""

    clause_id: str
    origin: str
    line: int
    changes: list[Change] = field(default_factory=list)
    flags: list[Mark] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)  # targets filled in, as 名称=值
    left_out: list[str] = field(default_factory=list)  # district sentences a school plan leaves out


@dataclass
class DraftResult:
    plan: Plan
    reports: list[ClauseReport]
    suggestions: list[str]
    notes: list[str]
    warnings: list[str] = field(default_factory=list)  # what the writer must know first (rules out of date)
    selection: Selection | None = None
    spec: PlanSpec | None = None  # the plan file it followed
    everything: bool = False  # drafted with --all

    @property
    def drafted(self) -> list[str]:
        """The ids of the library clauses in the draft, in order."""
        return [c.id for c in self.plan.all_clauses() if c.id]

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
    everything: bool = False,
) -> DraftResult:
    """Build the plan model of a draft for `year`. Raises GwplanError for any bad input."""
    drafter = Drafter(year, library_path, targets_path, plan_path, rules_dir, template_dir, everything)
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
        everything: bool = False,
    ):
        self.year = year
        self.everything = everything
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
        self.rules_dir = rules_dir
        self.template_dir = template_dir
        self.declared_kind = declared_kind(self.library.root)

    @property
    def default_org(self) -> str:
        return self.spec.org or self.library.org

    @within_rendering_budget
    def draft(
        self,
        org: str | None = None,
        *,
        template: str | None = None,
        today: datetime.date | None = None,
        school: SchoolUnit | None = None,
        extra_clauses: list[str] = (),
        extra_context: dict | None = None,
    ) -> DraftResult:
        """One draft: for `org`, a district, or (with `school`) a school of a batch."""
        spec, rules = self.spec, self.rules
        org = org or self.default_org
        if not org:
            raise GwplanError("不知道发文单位：请用 --org 指定，或在条款库 gwplan.yaml 中写上 org。")
        audience = load_audience_rules(self.rules_dir)
        kind = unit_kind(org, self.declared_kind, self.rules_dir)
        if school:
            takes = school.takes
        elif self.everything or not kind.level:
            takes = None  # --all takes every clause; an unknown kind leaves nothing out (said below)
        else:
            takes = audience_filter(kind, audience)
        selection = select(self.library, spec, takes, extra_clauses, self.everything, self.default_org if school else org)
        chosen = selection.preamble + [c for s in selection.sections for c in s.clauses]
        undecided: list[str] = []
        if school:  # a school's own numbers, never the district's totals
            values, undecided = school.target_values(name for c in chosen for name in _target_names(c.text))
            targets = Targets(values, "名册")
        else:
            targets = self.targets
            _check_targets(chosen, targets, self.year)
        context = {"year": self.year, **org_variables(org), "targets": targets.values}
        if school:
            context.update(local=school.local, scope=f"全{school.local[-1]}")

        reports: list[ClauseReport] = []
        rendered: dict[str, Clause] = {}
        notes = list(selection.notes)
        if not school and not kind.level:
            notes.append(f"不知道“{org}”是教育局还是学校（或学校里的组织、处室），没有按读者挑选条款；"
                         f"请在条款库的 unit.yaml 中写上 kind: 教育局 / 学校 / 幼儿园 / 党团组织 / 处室。")

        def roll_clause(clause: Clause) -> dict | None:
            report = ClauseReport(clause.id, clause.origin, clause.line)
            text = render_text(clause.text, context, f"条款 {clause.id}", clause.origin, clause.line, clause.kind == "table")
            version = school.version(clause.text, text) if school else None
            if version is not None:
                text, report.left_out = version.text, [f"{part}（{reason}）" for part, reason in version.dropped]
            text, report.changes, report.flags = roll(rules, text)
            report.flags += clause_flags(clause.text, text, clause, org)
            if school:
                report.flags = school.marks(clause, text, report.flags)
            if version is not None:
                names = [n for n in _target_names(clause.text) if n in undecided]
                report.flags = school.version_marks(version, report.flags, names, text)
            report.flags += [Mark(note, "条款库中给审核人的提示", "提示", rule="条款提示") for note in clause.notes
                             if not note.startswith(_NOTES_IN_TEXT)]
            if self.everything and not school and kind.level:
                report.flags += audience_marks(clause, kind, audience, text)
            report.filled = [f"{name}={targets.values[name]}" for name in _target_names(clause.text) if name not in undecided]
            if report.changes or report.flags or report.filled or report.left_out:
                reports.append(report)
            if not text.strip():
                notes.append(f"条款 {clause.id} 的内容都已过时（{located('', clause.origin, clause.line).rstrip(': ')}），已略去。")
                return None
            rendered[clause.id] = _marked(clause, text, report.flags)
            return {"id": clause.id, "kind": clause.kind, "text": text, "group": clause.group}

        heading_marks: dict[str, list[Mark]] = {}

        def plain(text: str, what: str, origin: str = "", line: int = 0) -> str:
            value, changes, flags = roll(rules, render_text(text, context, what, origin, line))
            flags += text_flags(value)
            if changes or flags:
                reports.append(ClauseReport(what, origin, line, changes, flags))
                heading_marks[value] = _marks(value, flags)
            return value

        def group(item: dict) -> str:
            clause = rendered[item["id"]]
            return plain(item["group"], f"小标题“{item['group']}”", clause.origin, clause.line) if item["group"] else ""

        title_source = spec.title or self.library.title or "{{ org }}{{ year }}年工作要点"
        title = ""  # a school's template names the school in its own title (school.j2)
        if not school or template_uses(template or spec.template, "title", self.template_dir):
            title = plain(title_source, "标题", spec.path or str(self.library.root / "gwplan.yaml"))
        preamble = [item for item in (roll_clause(c) for c in selection.preamble) if item is not None]
        rolled_sections = [[item for item in (roll_clause(c) for c in s.clauses) if item is not None] for s in selection.sections]
        drafted = [(rendered[item["id"]], item["text"]) for items in [preamble, *rolled_sections] for item in items]
        selection.duplicates = near_duplicates(drafted)
        repeated = {id(clause) for clause, _ in selection.duplicates}
        sections = []
        for section, items in zip(selection.sections, rolled_sections):
            items = [item for item in items if id(rendered[item["id"]]) not in repeated]
            if items:
                heading = plain(section.heading, f"节标题“{section.heading}”", section.origin, section.line)
                sections.append({"heading": heading, "theme": section.theme, "groups": _groups(items, group)})
        kept_preamble = [item for item in preamble if id(rendered[item["id"]]) not in repeated]
        if not sections and not kept_preamble:
            raise GwplanError(empty_reason(org, selection, notes), str(self.library.root))
        items = kept_preamble + [c for s in sections for g in s["groups"] for c in g["clauses"]]
        for clause_id, mark in short_names([(item["id"], item["text"]) for item in items], self.library):
            clause = rendered[clause_id]
            clause.marks.append(mark)
            reports.append(ClauseReport(clause_id, clause.origin, clause.line, [], [mark]))
        skeleton = {
            **context,
            **(extra_context or {}),
            "title": title,
            "recipient": spec.recipient,
            "preamble": kept_preamble,
            "sections": sections,
            "attachments": spec.attachments,
            "signature": spec.signature or org,
            "date": spec.date or _chinese_date(today or datetime.date.today()),
        }
        plan = render_skeleton(template or spec.template, skeleton, rendered, self.template_dir, heading_marks)
        # Text written in the template itself is rolled over like any clause.
        for clause in plan.all_clauses():
            if not clause.id:
                clause.text, changes, flags = roll(rules, clause.text)
                clause.marks = _marks(clause.text, flags)
                if changes or flags:
                    reports.append(ClauseReport("模板文字", template or spec.template, 0, changes, flags))
        plan.year, plan.org, plan.numbering = self.year, org, spec.numbering
        warnings = [rules.unknown] if rules.unknown else []
        return DraftResult(plan, reports, rules.suggestions(), notes, warnings, selection, spec, self.everything)


def _marks(text: str, flags: list[Mark]) -> list[Mark]:
    """Flags whose excerpt is in the text become marks (the writer highlights their sentence)."""
    return [Mark(f.excerpt, f.reason, f.kind) for f in flags if f.excerpt and f.excerpt in text]


def _marked(clause: Clause, text: str, flags: list[Mark]) -> Clause:
    """A copy of the library clause carrying this draft's marks (the library's object is shared
    by every draft of a batch)."""
    return Clause(**{**clause.__dict__, "marks": _marks(text, flags)})


def _chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _groups(rendered: list[dict], heading) -> list[dict]:
    """Consecutive clauses with the same （一）-level group heading form one group; `heading`
    rolls a group heading over like any text (headings are checked like clauses)."""
    groups: list[dict] = []
    for item in rendered:
        if not groups or groups[-1]["source"] != item["group"]:
            groups.append({"heading": heading(item), "source": item["group"], "clauses": []})
        groups[-1]["clauses"].append(item)
    return groups


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
    example = "\n".join(f"    {name}: 值" for name in dict.fromkeys(name for _, name in missing))
    first = missing[0][0]
    if _built_in(targets.origin or first.origin):
        # The bundled library lives inside the installed package: a file there is lost on reinstall.
        where = (f"请把目标值写进你自己的文件（如 {year}年目标.yaml），再用 --targets 指定它："
                 f"\n  gwplan draft --year {year} --targets {year}年目标.yaml ……\n文件内容：")
        tail = "\n（用 --library 指向自己的条款库时，也可以写进该条款库的 targets.yaml。）"
    else:
        where, tail = f"请在 {targets.origin or '条款库的 targets.yaml（或用 --targets 指定的文件）'} 中写上：", ""
    raise GwplanError(
        f"缺少 {year} 年的目标值：\n" + "\n".join(lines) + f"\n{where}\n  {year}:\n{example}{tail}",
        first.origin,
        first.line,
    )


def _built_in(path: str) -> bool:
    """Whether `path` is in the library bundled with gwplan (not the user's own)."""
    if not path:
        return False
    return Path(path).resolve().is_relative_to(data_dir("library").resolve())


