"""gwplan diff: what changed between two plans, clause by clause, for a year-over-year report.

Clauses of the two plans are matched by similarity (the measure of similarity.py, after each
plan's own year and organisation are replaced by placeholders, so a rolled-over year alone does
not count as a change). A matched pair is kept or reworded; the rest were added or dropped.
Reworded pairs get a word-level diff (jieba tokens) and feed the summary of policy wording,
anniversary and target changes.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.model import Clause, Plan
from generator.text.placeholders import insert_placeholders, target_candidates
from generator.readers import read_plan
from generator.rules.current import MEETING_LIST
from generator.rules.ruleset import load_rules
from generator.text.similarity import bigrams, dice

MATCH_THRESHOLD = 0.5  # two versions of one plan: a clause and its rewording share half their bigrams
REWORD_THRESHOLD = 0.3  # the only clause left in the same place: a deeper rewording of it


@dataclass
class Row:
    status: str  # kept | reworded | added | dropped
    old: str = ""
    new: str = ""
    old_html: str = ""  # the text with deleted words marked
    new_html: str = ""  # the text with inserted words marked


@dataclass
class SectionPair:
    old_heading: str
    new_heading: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Change:
    kind: str  # 政策表述 / 周年 / 目标数字 / 过时表述
    old: str
    new: str
    where: str


@dataclass
class DiffReport:
    old: Plan
    new: Plan
    old_name: str
    new_name: str
    sections: list[SectionPair]
    changes: list[Change]

    def count(self, status: str) -> int:
        return sum(1 for s in self.sections for r in s.rows if r.status == status)


@dataclass
class _Item:
    section: int
    clause: Clause
    norm: str
    grams: frozenset


def compare_files(old_path: Path, new_path: Path) -> DiffReport:
    return compare(read_plan(old_path), read_plan(new_path), Path(old_path).name, Path(new_path).name)


def compare(old: Plan, new: Plan, old_name: str = "", new_name: str = "") -> DiffReport:
    old_items, new_items = _items(old), _items(new)
    pairs = _match(old_items, new_items)
    by_new = {id(n): o for o, n in pairs}
    matched_old = {id(o) for o, _ in pairs}
    section_of = _pair_sections(old, new, pairs)
    sections = [SectionPair(section_of.get(i, ""), s.heading) for i, s in enumerate(_sections_with_preamble(new))]
    for item in new_items:
        old_item = by_new.get(id(item))
        sections[item.section].rows.append(_row(old_item, item))
    # Dropped clauses go to the section paired with theirs, after the row of their old predecessor.
    old_to_new_section = {old_index: new_index for new_index, old_index in _section_map(old, new, pairs).items()}
    for position, item in enumerate(old_items):
        if id(item) in matched_old:
            continue
        target = old_to_new_section.get(item.section)
        row = Row("dropped", old=item.clause.text, old_html=_escape(item.clause.text))
        if target is None:
            sections.append(pair := SectionPair(_sections_with_preamble(old)[item.section].heading, ""))
            old_to_new_section[item.section] = len(sections) - 1
            pair.rows.append(row)
        else:
            sections[target].rows.insert(_insert_at(sections[target].rows, old_items[:position]), row)
    changes = _changes(pairs, new.year or old.year)
    return DiffReport(old, new, old_name, new_name, [s for s in sections if s.rows], changes)


def _sections_with_preamble(plan: Plan):
    from generator.model import Section

    return [Section(heading="（总要求）", clauses=plan.preamble)] + plan.sections


def _items(plan: Plan) -> list[_Item]:
    items = []
    for index, section in enumerate(_sections_with_preamble(plan)):
        for clause in section.all_clauses():
            norm = insert_placeholders(clause.text, plan.year, plan.org)
            items.append(_Item(index, clause, norm, bigrams(norm)))
    return items


def _match(old_items: list[_Item], new_items: list[_Item]) -> list[tuple[_Item, _Item]]:
    """Greedy best-first matching of clauses above the threshold; then a clause reworded more
    deeply still pairs with the one clause left in the same place (same section, between the same
    matched neighbours), so the report shows it as 改写, not as 删除 plus 新增."""
    pairs = _greedy(old_items, new_items, MATCH_THRESHOLD)
    used = {id(o) for o, _ in pairs} | {id(n) for _, n in pairs}
    partner = {id(o): n for o, n in pairs}
    sections = {n.section: o.section for o, n in pairs}
    old_anchor, new_anchor = _anchors(old_items, used), _anchors(new_items, used)
    slot_old: dict[tuple, list[_Item]] = {}
    for o in old_items:
        if id(o) not in used:
            anchor = old_anchor[id(o)]
            slot_old.setdefault((o.section, id(partner[id(anchor)]) if anchor is not None else None), []).append(o)
    slot_new: dict[tuple, list[_Item]] = {}
    for n in new_items:
        if id(n) not in used:
            anchor = new_anchor[id(n)]
            slot_new.setdefault((sections.get(n.section, n.section), id(anchor) if anchor is not None else None), []).append(n)
    for slot, news in slot_new.items():
        pairs += _greedy(slot_old.get(slot, []), news, REWORD_THRESHOLD)
    return pairs


def _anchors(items: list[_Item], matched: set[int]) -> dict[int, _Item | None]:
    """For each item, the closest matched item before it in its section (None at the section's start)."""
    anchors, last = {}, None
    for index, item in enumerate(items):
        if index and items[index - 1].section != item.section:
            last = None
        anchors[id(item)] = last
        if id(item) in matched:
            last = item
    return anchors


def _greedy(old_items: list[_Item], new_items: list[_Item], threshold: float) -> list[tuple[_Item, _Item]]:
    scored = []
    for o in old_items:
        for n in new_items:
            score = 1.0 if o.norm == n.norm else dice(o.grams, n.grams)
            if score >= threshold:
                scored.append((score, o.section == n.section, id(o), id(n), o, n))
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    used_old, used_new, pairs = set(), set(), []
    for _, _, old_id, new_id, o, n in scored:
        if old_id not in used_old and new_id not in used_new:
            used_old.add(old_id)
            used_new.add(new_id)
            pairs.append((o, n))
    return pairs


def _section_map(old: Plan, new: Plan, pairs) -> dict[int, int]:
    """new section index → old section index, by where most of its clauses came from, else by heading."""
    votes: dict[int, dict[int, int]] = {}
    for o, n in pairs:
        votes.setdefault(n.section, {}).setdefault(o.section, 0)
        votes[n.section][o.section] += 1
    mapping = {new_index: max(counts, key=counts.get) for new_index, counts in votes.items()}
    old_sections, new_sections = _sections_with_preamble(old), _sections_with_preamble(new)
    for new_index, section in enumerate(new_sections):
        if new_index not in mapping:
            scores = [(dice(bigrams(section.heading), bigrams(o.heading)), i) for i, o in enumerate(old_sections)]
            best = max(scores, default=(0, -1))
            if best[0] >= MATCH_THRESHOLD and best[1] not in mapping.values():
                mapping[new_index] = best[1]
    return mapping


def _pair_sections(old: Plan, new: Plan, pairs) -> dict[int, str]:
    old_sections = _sections_with_preamble(old)
    return {new_index: old_sections[old_index].heading for new_index, old_index in _section_map(old, new, pairs).items()}


def _insert_at(rows: list[Row], earlier_old: list[_Item]) -> int:
    """Put a dropped clause after the row holding the closest earlier old clause of the section."""
    texts = [item.clause.text for item in earlier_old]
    for index in range(len(rows) - 1, -1, -1):
        if rows[index].old and rows[index].old in texts:
            return index + 1
    return 0


def _row(old_item: _Item | None, new_item: _Item) -> Row:
    new_text = new_item.clause.text
    if old_item is None:
        return Row("added", new=new_text, new_html=_escape(new_text))
    old_text = old_item.clause.text
    if old_item.norm == new_item.norm:
        return Row("kept", old=old_text, new=new_text, old_html=_escape(old_text), new_html=_escape(new_text))
    old_html, new_html = word_diff(old_text, new_text)
    return Row("reworded", old=old_text, new=new_text, old_html=old_html, new_html=new_html)


def word_diff(old: str, new: str) -> tuple[str, str]:
    """Both texts as HTML, words removed from the old one and added to the new one marked."""
    from generator.ingest.tags import tokens

    a, b = tokens(old), tokens(new)
    left, right = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old_part, new_part = _escape("".join(a[i1:i2])), _escape("".join(b[j1:j2]))
        if tag == "equal":
            left.append(old_part)
            right.append(new_part)
            continue
        if old_part:
            left.append(f"<del>{old_part}</del>")
        if new_part:
            right.append(f"<ins>{new_part}</ins>")
    return "".join(left), "".join(right)


def _changes(pairs, year: int | None) -> list[Change]:
    """Policy wording, anniversaries and target numbers that differ between matched clauses."""
    rules = load_rules(year or 2000)
    found: list[Change] = []
    for o, n in pairs:
        if o.norm == n.norm:
            continue
        old_text, new_text = o.clause.text, n.clause.text
        where = new_text[:18] + "…"
        old_policy, new_policy = _phrases([MEETING_LIST], old_text), _phrases([MEETING_LIST], new_text)
        if old_policy != new_policy:
            found.append(Change("政策表述", "、".join(sorted(old_policy - new_policy)) or "（无）", "、".join(sorted(new_policy - old_policy)) or "（无）", where))
        old_years = set(re.findall(r"[^，。；、]{0,12}\d+周年", old_text))
        new_years = set(re.findall(r"[^，。；、]{0,12}\d+周年", new_text))
        if old_years != new_years:
            found.append(Change("周年", "、".join(sorted(old_years - new_years)) or "（无）", "、".join(sorted(new_years - old_years)) or "（无）", where))
        old_targets = [t.value for t in target_candidates(o.norm)]
        new_targets = [t.value for t in target_candidates(n.norm)]
        if old_targets != new_targets:
            found.append(Change("目标数字", "、".join(old_targets) or "（无）", "、".join(new_targets) or "（无）", where))
        for rule in rules.phrases:
            if rule.pattern.search(old_text) and not rule.pattern.search(new_text):
                found.append(Change("过时表述", rule.pattern.search(old_text).group(0), "已改写或删去", where))
    return found


def _phrases(patterns, text: str) -> set[str]:
    """The policy wordings in `text`: whole matches only, never a part of a longer one that also matched."""
    spans = sorted({m.span() for p in patterns for m in p.finditer(text)}, key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if not any(start >= a and end <= b for a, b in kept):
            kept.append((start, end))
    return {text[a:b] for a, b in kept}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
