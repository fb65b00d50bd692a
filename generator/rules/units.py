"""Units: how two spellings of a unit's name are the same unit, and what kind of unit drafts.

A unit's kind decides which clauses its plan takes (draft/selection.py): a district-level unit
(a bureau, a district committee) leaves out what only a school can do; a school-level unit
(a school, a kindergarten, a committee or an office inside one) leaves out what only the bureau
can do. The spellings and the kinds are data in rules/units.yaml; unit.yaml's `kind:` overrides.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.errors import GwplanError
from generator.rules.ruleset import compile_pattern, load_rules_data

LEVELS = {"district": "区（市、县）级", "school": "学校（幼儿园）"}


@dataclass(frozen=True)
class UnitKind:
    kind: str  # 教育局, 学校, 幼儿园, 党团组织, 处室; "" when neither name nor unit.yaml says
    level: str  # district | school | ""
    reason: str  # how it was known, for the report


@dataclass
class UnitRules:
    names: list[tuple[str, str]]
    kinds: list[tuple[str, str, re.Pattern]]  # (kind, level, pattern)


@lru_cache(maxsize=4)
def _load(extra: str | None) -> UnitRules:
    rules = UnitRules([], [])
    for path, data in load_rules_data("units.yaml", extra):
        for entry in data.get("names") or []:
            if not isinstance(entry, dict) or not entry.get("full"):
                raise GwplanError("names 的每一项应写 {full: 全称, short: 简称}。", str(path), getattr(entry, "line", 1))
            rules.names.append((str(entry["full"]), str(entry.get("short") or "")))
        for entry in data.get("kinds") or []:
            if not isinstance(entry, dict) or not entry.get("kind") or entry.get("level") not in ("district", "school", "inherit"):
                raise GwplanError("kinds 的每一项应写 kind、level（district、school 或 inherit）和 match。", str(path), getattr(entry, "line", 1))
            rules.kinds.append((str(entry["kind"]), str(entry["level"]), compile_pattern(entry.get("match", "$^"), path, entry)))
    rules.names.sort(key=lambda pair: len(pair[0]), reverse=True)
    return rules


def unit_rules(extra: Path | str | None = None) -> UnitRules:
    return _load(str(extra) if extra else None)


def normal_name(name: str, extra: Path | str | None = None) -> str:
    """The unit's name in one spelling: short forms, no spaces, no bracketed remarks."""
    name = re.sub(r"[（(][^）)]*[）)]|\s", "", str(name or ""))
    for full, short in unit_rules(extra).names:
        name = name.replace(full, short)
    return name


def same_unit(a: str, b: str, extra: Path | str | None = None) -> bool:
    return bool(a and b) and normal_name(a, extra) == normal_name(b, extra)


def unit_kind(name: str, declared: str = "", extra: Path | str | None = None) -> UnitKind:
    """The kind of the unit `name`; `declared` is unit.yaml's kind, which wins."""
    rules = unit_rules(extra)
    if declared:
        for kind, level, _ in rules.kinds:
            if kind == declared:
                return UnitKind(kind, _inherit(level, name, rules), "unit.yaml 的 kind")
        raise GwplanError(f"unit.yaml 的 kind“{declared}”不是已知的单位类别（可用：{'、'.join(k for k, _, _ in rules.kinds)}）。")
    short = normal_name(name, extra)
    for kind, level, pattern in rules.kinds:
        if pattern.search(short):
            return UnitKind(kind, _inherit(level, short, rules), f"单位名称“{name}”")
    return UnitKind("", "", "")


def _inherit(level: str, name: str, rules: UnitRules) -> str:
    if level != "inherit":
        return level
    schools = [p for kind, lvl, p in rules.kinds if lvl == "school" and kind in ("学校", "幼儿园")]
    if any(p.search(name) for p in schools):
        return "school"
    bureau = [p for kind, lvl, p in rules.kinds if lvl == "district"]
    return "district" if any(p.search(re.sub(r"(?:关工委|党委|党总支|党支部|团委|工会|妇委会|妇联)$", "", name)) for p in bureau) else ""
