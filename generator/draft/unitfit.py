"""Which clauses fit the drafting unit: its kind (rules/units.py) against each clause's audience.

A district-level unit's plan leaves out what only a school can do; a school-level unit's plan
(a school, a kindergarten, a committee or an office inside one) what only the bureau can do.
Every clause left out comes back with its reason for the report; under --all such a clause is
written and marked instead; a draft left with no body is refused with the reasons.
"""
from __future__ import annotations

from pathlib import Path

from generator.draft.selection import Selection
from generator.library.load import AUDIENCES, UNIT_FILE
from generator.model import Clause, Mark
from generator.rules.audience import clause_audience
from generator.rules.units import LEVELS, UnitKind
from generator.yamlio import load_file


def empty_reason(org: str, selection: Selection, notes: list[str]) -> str:
    """Why a draft would have no body: said instead of writing a document with only a title."""
    lines = [f"草稿没有正文：{org} 的计划选不出任何条款，没有生成文件。"]
    if selection.base is not None:
        lines.append(f"底稿是 {selection.base.get('year')}年 {selection.base.get('file')}。")
    reasons: dict[str, list[str]] = {}
    for clause_id, why in selection.dropped.items():
        reasons.setdefault(why, []).append(clause_id)
    lines += [f"  {len(ids)} 条按读者略去（{why}）：{'、'.join(ids[:8])}" for why, ids in reasons.items()]
    lines += [f"  {note}" for note in notes if "已略去" in note or "没有写入" in note]
    lines.append("请核对 unit.yaml 的 kind 或条款的 audience，或加 --all 写入全部条款，或用 --plan 计划文件挑选条款。")
    return "\n".join(lines)


def declared_kind(root: Path) -> str:
    """unit.yaml's `kind:` (教育局, 学校, …), or "" when the library's unit.yaml does not say."""
    path = root / UNIT_FILE
    if not path.exists():
        return ""
    data = load_file(path)
    return str(data.get("kind") or "") if isinstance(data, dict) else ""


def audience_filter(kind: UnitKind, audience):
    """Why a clause is not for this unit's own plan ("" when it is): a district plan leaves out what
    only a school can do, a school's plan what only the bureau can do."""
    other = {"district": "school", "school": "district"}[kind.level]

    def takes(clause: Clause) -> str:
        if clause_audience(clause, audience) != other:
            return ""
        return f"条款库中标为{AUDIENCES[other]}（audience: {other}），而{kind.reason}是{LEVELS[kind.level]}的单位"
    return takes


def audience_marks(clause: Clause, kind: UnitKind, audience, text: str) -> list[Mark]:
    """Under --all a clause for the other kind of unit is written, and marked."""
    why = audience_filter(kind, audience)(clause)
    first = text.strip()[:24]
    return [Mark(first, why + "；加了 --all 仍写入，请核对本单位能否照做", "读者", rule="读者")] if why and first else []


def left_out_lines(selection: Selection, everything: bool) -> list[str]:
    """The report's lines for every active clause not drafted, with why: the unit's kind, one
    preamble per draft, not in the base plan, a near-duplicate."""
    lines = []
    if selection.dropped:
        lines.append(f"按本单位的类别没有写入 {len(selection.dropped)} 条：" + "".join(f"\n  · {i}：{why}" for i, why in selection.dropped.items()))
    if selection.other_preambles:
        used = selection.preamble[0].id if selection.preamble else "无"
        lines.append(f"导语只用一段（{used}），没有写入的导语：{'、'.join(c.id for c in selection.other_preambles)}。")
    others = [c for c in selection.left_out if c not in selection.other_preambles]
    if others:
        ids = "、".join(c.id for c in others[:12]) + ("……" if len(others) > 12 else "")
        where = "（不在底稿中）" if selection.base is not None else ""
        lines.append(f"没有写入的使用中条款 {len(others)} 条{where}：{ids}；要写入请在计划文件中列出{'' if everything else '，或加 --all'}。")
    if selection.duplicates:
        lines.append("近似重复、只保留较新的一条：" + "；".join(f"{a.id}（与 {b.id} 近似）" for a, b in selection.duplicates[:8]))
    return lines
