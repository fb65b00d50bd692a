"""Which clauses a draft takes, and in what order.

By default a draft follows the most recent plan of the library's own unit: that plan's sections
in its order, and its clauses in the library's (reviewed) wording. Clauses of other years and
units stay out, unless a plan file names them or --all asks for every active clause; even then
two near-duplicates never both appear. A library with no such plan (the bundled starter library)
is drafted whole, in the order of its files. The report says which active clauses stayed out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from generator.errors import GwplanError
from generator.library.load import Library, LibrarySection
from generator.model import Clause
from generator.rules.units import same_unit
from generator.draft.planfile import PlanSpec, SectionSpec, Selector
from generator.text.similarity import bigrams, dice

NEAR_DUPLICATE = 0.45  # two different items of one plan stay below 0.35 (corpus and seeds: 0.34 at most)


@dataclass
class DraftSection:
    heading: str
    origin: str  # the library file (or plan file) the heading comes from, for messages
    theme: str
    clauses: list[Clause]
    line: int = 0  # the heading's line in `origin`


@dataclass
class Selection:
    preamble: list[Clause]
    sections: list[DraftSection]
    base: dict | None = None  # the plan the draft follows (gwplan.yaml's entry), if any
    left_out: list[Clause] = field(default_factory=list)  # active clauses not in the draft
    dropped: dict[str, str] = field(default_factory=dict)  # clause id → why this unit's plan leaves it out
    other_preambles: list[Clause] = field(default_factory=list)  # preambles of other plans: a draft has one
    duplicates: list[tuple[Clause, Clause]] = field(default_factory=list)  # (left out, kept)
    notes: list[str] = field(default_factory=list)


def base_plan(library: Library, org: str = "") -> dict | None:
    """The most recent plan of the drafting unit (`org`, else the library's), from gwplan.yaml.

    Unit names match after normalisation (教育局关工委 = 教育局关心下一代工作委员会). The draft
    never guesses between plans: when a plan whose unit or year is unknown could be the newest,
    or no plan is the unit's, it refuses and lists them.
    None only for a library with no ingested plan (the starter library).
    """
    org = org or library.org
    # A 工作总结 is never a draft's skeleton (ingest records it with kind: summary).
    plans = [p for p in library.plans if isinstance(p, dict) and p.get("kind", "plan") == "plan"]
    if not plans:
        return None
    own = [p for p in plans if same_unit(str(p.get("org") or ""), org)]
    dated = [p for p in own if isinstance(p.get("year"), int)]
    newest = max((p["year"] for p in dated), default=None)
    unknown = [p for p in plans if p not in own and not p.get("org") and (newest is None or not isinstance(p.get("year"), int) or p["year"] > newest)]
    unknown += [p for p in own if not isinstance(p.get("year"), int)]
    if dated and not unknown:
        return [p for p in dated if p["year"] == newest][-1]  # of two of one year, the last ingested (said in a note)
    if not own and not unknown:
        why = f"条款库中没有“{org}”的计划" if org else "不知道发文单位"
    else:
        why = f"条款库中有单位或年份不明的计划，它可能是“{org}”最近的一份"
    raise GwplanError(why + "，草稿不在几份计划之间猜测。条款库中的计划：\n" + "\n".join(_candidate(p) for p in plans)
                      + "\n请用 --org 写明单位（上面列出的名称之一），或在 gwplan.yaml 的 plans 中补上 org 和 year，"
                      "或用 --plan 计划文件挑选条款，或加 --all 写入全部条款。", str(library.root / "gwplan.yaml"))


def _candidate(plan: dict) -> str:
    year = plan.get("year") if isinstance(plan.get("year"), int) else "年份不明"
    return f"  {year}　{plan.get('org') or '单位不明'}　{plan.get('file', '')}（{plan.get('clauses', '?')} 条）"


def select(library: Library, spec: PlanSpec, takes=None, extra_clauses=(), everything: bool = False, org: str = "") -> Selection:
    """The clauses of a draft for the unit `org`. `takes(clause)` is "" when this unit's plan may
    use a clause, else why not (a district plan: not what only a school can do; a school's plan:
    not the bureau's own work, not another school stage's). Every clause kept out for a reason
    is in Selection.dropped with it, for the report."""
    notes: list[str] = []
    dropped: dict[str, str] = {}
    excluded = {id(c) for s in spec.exclude for c in _resolve(s, library, None, notes)}
    for _, clause in library.clauses():
        if id(clause) in excluded:
            dropped[clause.id] = "计划文件的 exclude 要求不写入"
    if takes is not None:
        for _, clause in library.clauses():
            why = takes(clause) if clause.status == "active" and id(clause) not in excluded else ""
            if why:
                excluded.add(id(clause))
                dropped[clause.id] = why
    base = None if everything or spec.sections is not None else base_plan(library, org)
    if spec.sections is not None:
        preamble, sections = _preamble(library), _from_plan_file(library, spec, notes)
    elif base is not None:
        preamble, sections = _skeleton(library, base)
    else:
        preamble, sections = _preamble(library), _whole(library)
    if spec.preamble is not None:
        preamble = [c for s in spec.preamble for c in _resolve(s, library, None, notes)]
    _append_extra(library, sections, extra_clauses)
    if base is not None:
        twins = [p for p in library.plans if p is not base and p.get("year") == base["year"] and same_unit(str(p.get("org") or ""), str(base.get("org") or ""))]
        if twins:
            notes.append(f"{base['year']}年有 {len(twins) + 1} 份计划，底稿用最后收录的 {base.get('file')}；"
                         f"另有 {'、'.join(str(p.get('file')) for p in twins)}，要改用它请用 --plan 计划文件。")
    selection = Selection(preamble, sections, base, notes=notes)
    chosen = {id(c) for c in selection.preamble} | {id(c) for s in selection.sections for c in s.clauses}
    selection.dropped = {c.id: dropped[c.id] for _, c in library.clauses() if c.id in dropped and id(c) in chosen}
    _drop(selection, excluded)
    chosen = {id(c) for c in selection.preamble} | {id(c) for s in selection.sections for c in s.clauses}
    active = [c for _, c in library.clauses() if c.status == "active"]
    selection.left_out = [c for c in active if id(c) not in chosen and c.id not in selection.dropped]
    preambles = {id(c) for s in library.sections if s.role == "preamble" for c in s.clauses}
    selection.other_preambles = [c for c in selection.left_out if id(c) in preambles]
    for section in sections:
        if not section.clauses:
            notes.append(f"“{section.heading}”一节没有可用的条款，已略去。")
    selection.sections = [s for s in selection.sections if s.clauses]
    under_review = sum(1 for _, c in library.clauses() if c.status == "review")
    if under_review:
        notes.append(f"{under_review} 条条款状态为 review（待审），没有写入草稿。")
    return selection


def _skeleton(library: Library, base: dict) -> tuple[list[Clause], list[DraftSection]]:
    """The base plan again: its clauses under its headings, its sections in its order.

    Within a section the clauses follow the library's order, which a reviewer may have changed;
    a clause no ingested plan wrote (a reviewer's or one learned from a reviewed draft) goes with
    the clause before it in the library. A clause a reviewer moved to another library section
    goes under the base heading that section's other clauses had.
    """
    ingested = {str(p.get("file")) for p in library.plans}
    first_order: dict[str, int] = {}
    preamble: list[Clause] = []
    groups: dict[str, list[tuple[LibrarySection, Clause]]] = {}
    home = _base_headings(library, base)
    current = ""
    for section, clause in library.clauses():
        if clause.status != "active":
            continue
        source = next((s for s in clause.sources if s.file == base.get("file")), None)
        own = not any(s.file in ingested for s in clause.sources)
        if source is None and not own:
            continue
        if section.role == "preamble":
            preamble.append(clause)
            continue
        current = home.get(section.path, source.section if source is not None else current)
        if source is not None and source.section == current:
            first_order[current] = min(first_order.get(current, source.order or 10**6), source.order or 10**6)
        groups.setdefault(current, []).append((section, clause))
    ordered = sorted(groups, key=lambda heading: first_order.get(heading, 10**6))
    return preamble, [_draft_section(heading, groups[heading]) for heading in ordered]


def _base_headings(library: Library, base: dict) -> dict:
    """Library section → the base plan's heading most of its active clauses had there."""
    counts: dict = {}
    for section, clause in library.clauses():
        source = next((s for s in clause.sources if s.file == base.get("file")), None)
        if clause.status == "active" and source is not None:
            tally = counts.setdefault(section.path, {})
            tally[source.section] = tally.get(source.section, 0) + 1
    return {path: max(tally, key=tally.get) for path, tally in counts.items()}


def _draft_section(heading: str, members: list[tuple[LibrarySection, Clause]]) -> DraftSection:
    homes = {id(section): section for section, _ in members}
    home = members[0][0]
    if not heading or (len(homes) == 1 and heading in home.variants + [home.heading]):
        heading = home.heading  # the section's current heading, which a reviewer may have edited
    return DraftSection(heading, str(home.path), home.theme, [clause for _, clause in members], home.heading_line)


def _whole(library: Library) -> list[DraftSection]:
    return [
        DraftSection(s.heading, str(s.path), s.theme, [c for c in s.clauses if c.status == "active"], s.heading_line)
        for s in library.sections
        if s.role == "body"
    ]


def _preamble(library: Library) -> list[Clause]:
    candidates = [c for s in library.sections if s.role == "preamble" for c in s.clauses if c.status == "active"]
    return [max(candidates, key=_newest_year)] if candidates else []


def _from_plan_file(library: Library, spec: PlanSpec, notes: list[str]) -> list[DraftSection]:
    sections = []
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
        sections.append(DraftSection(heading, origin, source.theme if source else "", chosen, entry.line))
    return sections


def _append_extra(library: Library, sections: list[DraftSection], extra_clauses) -> None:
    for clause_id in extra_clauses:
        section, clause = library.find(clause_id)
        if clause is None:
            raise GwplanError(f"要追加的条款 {clause_id} 不在条款库中。")
        target = next((s for s in sections if s.heading == section.heading or s.origin == str(section.path)), None)
        if target is None:
            target = DraftSection(section.heading, str(section.path), section.theme, [], section.heading_line)
            sections.append(target)
        if clause not in target.clauses:
            target.clauses.append(clause)


def _drop(selection: Selection, excluded: set[int]) -> None:
    selection.preamble = [c for c in selection.preamble if id(c) not in excluded]
    for section in selection.sections:
        section.clauses = [c for c in section.clauses if id(c) not in excluded]


def near_duplicates(drafted: list[tuple[Clause, str]]) -> list[tuple[Clause, Clause]]:
    """(left out, kept) for each clause whose drafted text nearly repeats another's: the one from
    the most recent plan is kept. Compared as drafted, after the year's rewrites, since those can
    bring two versions of an item closer. Clauses a plan file writes are never left out."""
    key = tuple((text, _newest_year(clause), bool(clause.origin)) for clause, text in drafted)
    return [(drafted[left][0], drafted[right][0]) for left, right in _near_duplicate_indexes(key)]


@lru_cache(maxsize=1024)
def _near_duplicate_indexes(drafted: tuple[tuple[str, int, bool], ...]) -> tuple[tuple[int, int], ...]:
    """near_duplicates by position: (text, newest year, from the library) in → (left out, kept) pairs
    of indexes out. The schools of a batch draft the same texts again and again."""
    kept: list[tuple[int, frozenset]] = []
    pairs = []
    for index in sorted(range(len(drafted)), key=lambda i: drafted[i][1], reverse=True):
        text, _, from_library = drafted[index]
        grams = _bigrams(text)
        twin = next((other for other, other_grams in kept if dice(grams, other_grams) >= NEAR_DUPLICATE), None)
        if twin is not None and from_library:
            pairs.append((index, twin))
        else:
            kept.append((index, grams))
    return tuple(pairs)


_bigrams = lru_cache(maxsize=8192)(bigrams)  # a batch drafts the same texts for many schools


def _newest_year(clause: Clause) -> int:
    return max((s.year for s in clause.sources if s.year), default=0)


def _resolve(selector: Selector, library: Library, section: LibrarySection | None, notes: list[str]) -> list[Clause]:
    if selector.kind == "new":
        return [Clause(text=selector.text, kind="item", id=f"新增-{selector.line}", origin=selector.file, line=selector.line)]
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
