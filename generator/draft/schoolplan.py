"""What makes a school's plan its own: which clauses it takes, in whose voice, with whose numbers.

A school plan (gwplan batch) takes the clauses a school can act on: not the district's own work
(audience.py), not clauses for other school stages (rules/school_types.yaml: tags match with OR,
else the stage words in the text). Its targets are the school's own, from the roster or the plan
file's per-type defaults, never the district's totals; a value nobody gave is left as 【待定】,
highlighted and reported for that school.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.rules.audience import AudienceRules, SchoolVersion, clause_audience, only_schools, school_version, sentences
from generator.model import Clause, Mark
from generator.rules.schooltypes import SchoolTypes

UNDECIDED = "【待定】"  # a target nobody gave for this school (zhtext.UNFILLED knows it)


@dataclass
class SchoolUnit:
    type: str  # canonical school type (rules/school_types.yaml)
    types: SchoolTypes
    audience: AudienceRules
    targets: dict[str, str] = field(default_factory=dict)  # this school's own values
    local: str = "我校"  # 我校 or 我园

    def takes(self, clause: Clause) -> str:
        """Why this school's plan leaves `clause` out ("" when it takes it), remembered per library
        clause and school type."""
        key = ("takes", id(clause), self.type)
        known = self.audience.memo.get(key)
        if known is None or known[0] is not clause:
            if clause_audience(clause, self.audience) == "district":
                why = "条款库中标为只用于区级计划（audience: district）"
            else:
                why = self.types.misfit(clause.tags, clause.text, self.type)
            known = self.audience.memo[key] = (clause, why)
        return known[1]

    def marks(self, clause: Clause, text: str, marks: list[Mark]) -> list[Mark]:
        """This school's marks for a drafted clause: a number a district plan wrote is the
        district's (a total, or a quota for every school), and words of another school stage."""
        out = []
        district = not only_schools(clause.sources)
        given = "、".join(f"{k}={v}" for k, v in self.targets.items())
        for mark in marks:
            if mark.kind == "数字" and district:
                hint = f"；计划文件和名册给出的本校目标（{given}）只填入写成 {{{{ targets.名称 }}}} 的条款" if given else ""
                mark = Mark(mark.excerpt, f"这是区级计划中的数字（全区的总数或往年的目标），不是本校的目标；请改成本校的数{hint}", "数字", mark.rule)
            out.append(mark)
        for word, stages in self.types.foreign_words(text, self.type):
            out.append(Mark(word, f"“{word}”说的是{stages}的事，本校是{self.type}；请删去或改成本校的说法", "学段", rule="学段"))
        return out

    def version(self, template: str, text: str) -> SchoolVersion:
        return school_version(template, text, self.audience, self.type, self.local)

    def version_marks(self, version: SchoolVersion, marks: list[Mark], undecided: list[str], text: str) -> list[Mark]:
        """`marks` of a clause in this school's version: a target left 【待定】 is marked once, as
        the school's missing target; a clause whose sentences all read as district work is marked."""
        if undecided:
            marks = [m for m in marks if m.excerpt != UNDECIDED] + undecided_flags(undecided, text)
        if version.all_district:
            marks = marks + [district_flag(version.all_district, text)]
        return marks

    def target_values(self, names) -> tuple[dict[str, str], list[str]]:
        """Values for the targets `names` used by the chosen clauses, and the names left undecided."""
        missing = sorted(n for n in set(names) if n not in self.targets)
        return {**self.targets, **{n: UNDECIDED for n in missing}}, missing


def undecided_flags(names: list[str], text: str) -> list[Mark]:
    """A mark for every target of a clause that stayed 【待定】 in this school's plan."""
    if UNDECIDED not in text:
        return []
    return [Mark(UNDECIDED, f"名册和计划文件都没有给出本校的“{name}”，请填写本校的目标", "目标", rule="目标") for name in names]


def district_flag(reason: str, text: str) -> Mark:
    """A clause the library gives to schools although every sentence reads as district work."""
    return Mark(sentences(text)[0] if text else "", f"这一条像是教育局关工委自己的工作（{reason}），条款库却标为学校也用；请核对本校能否照做", "读者", rule="读者")
