"""School types for batch and audience: their spellings, the stages they take, stage words.

Read from rules/school_types.yaml of every rules folder: a roster's 类型 column is matched to a
canonical type by its aliases, and a clause fits a type when its stages (tags, or words such as
中考) are among that type's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import GwplanError
from generator.rules.ruleset import load_rules_data
from generator.text import patterns


@dataclass
class SchoolTypes:
    stage_tags: set[str]
    district_only_tags: set[str]
    types: dict[str, set[str]]  # canonical type → the stage tags it takes
    aliases: dict[str, str]  # any spelling → canonical type
    stage_words: dict[str, set[str]] = field(default_factory=dict)  # 中考 → {初中}
    excludes: dict[str, re.Pattern] = field(default_factory=dict)  # type → words its plan never takes
    _words: re.Pattern | None = None

    def stages(self, tags, text: str) -> set[str]:
        """The stages a clause is for: its stage tags, or else the stage words in its text."""
        tagged = set(tags) & self.stage_tags
        if tagged or not self.stage_words:
            return tagged
        if self._words is None:
            self._words = patterns.compile("|".join(map(re.escape, sorted(self.stage_words, key=len, reverse=True))))
        found = [self.stage_words[word] for word in set(self._words.findall(text))]
        if not found:
            return set()
        # 初三学生: the stages every word allows; 学生和幼儿: no stage fits every word, so any of them.
        return set.intersection(*found) or set.union(*found)

    def fits(self, tags, text: str, school_type: str) -> bool:
        """Whether a clause with these tags and this text belongs in this type of school's plan:
        no district-only tag, none of the type's excluded words, and one of its stages (if it
        names any) is the school's."""
        return not self.misfit(tags, text, school_type)

    def misfit(self, tags, text: str, school_type: str) -> str:
        """Why a clause does not belong in this type of school's plan ("" when it does)."""
        if set(tags) & self.district_only_tags:
            return f"条款带有区级标签（{'、'.join(sorted(set(tags) & self.district_only_tags))}）"
        excluded = self.excludes.get(school_type)
        if excluded is not None and (found := excluded.search(text)):
            return f"“{found.group(0)}”不是{school_type}的工作（rules/school_types.yaml 的 excludes）"
        stages = self.stages(tags, text)
        if stages and not stages & self.types[school_type]:
            return f"条款写的是{'、'.join(sorted(stages))}的工作，不是{school_type}的"
        return ""

    def foreign_words(self, text: str, school_type: str) -> list[tuple[str, str]]:
        """Stage words in a clause this school takes that name only other stages (中考 in a 高中's
        plan, from a clause for 初三 and 高三 alike): (word, the stages it names)."""
        if self._words is None:
            self.stages((), "")
        own = self.types[school_type]
        found = dict.fromkeys(self._words.findall(text)) if self._words else {}
        return [(w, "、".join(sorted(self.stage_words[w]))) for w in found
                if len(self.stage_words[w]) <= 2 and not self.stage_words[w] & own]

    @property
    def reserved(self) -> set[str]:
        """Words automatic tags never use: type names, their spellings and the stage tags."""
        return set(self.types) | set(self.aliases) | self.stage_tags | self.district_only_tags

    def canonical(self, spelling: str) -> str | None:
        spelling = spelling.strip()
        if spelling in self.aliases:
            return self.aliases[spelling]
        # "XX中心幼儿园" in the type column still says 幼儿园: take the longest alias it ends with.
        endings = [alias for alias in self.aliases if spelling.endswith(alias)]
        return self.aliases[max(endings, key=len)] if endings else None


def load_school_types(extra: Path | str | None = None) -> SchoolTypes:
    types = SchoolTypes(set(), set(), {}, {})
    for path, data in load_rules_data("school_types.yaml", extra):
        types.stage_tags |= {str(t) for t in data.get("stage_tags") or []}
        types.district_only_tags |= {str(t) for t in data.get("district_only_tags") or []}
        for word, stages in (data.get("stage_words") or {}).items():
            unknown = [str(s) for s in stages or [] if str(s) not in types.stage_tags]
            if unknown or not stages:
                line = getattr(data.get("stage_words"), "key_lines", {}).get(word, 1)
                raise GwplanError(f"学段用语“{word}”的学段应取自 stage_tags，“{'、'.join(unknown) or '（空）'}”不在其中。", str(path), line)
            types.stage_words[str(word)] = {str(s) for s in stages}
        for name, entry in (data.get("types") or {}).items():
            if not isinstance(entry, dict):
                raise GwplanError(f"学校类型“{name}”应写 aliases 和 tags。", str(path), getattr(data.get("types"), "key_lines", {}).get(name, 1))
            types.types[str(name)] = {str(t) for t in entry.get("tags") or []}
            if entry.get("excludes"):
                words = "|".join(re.escape(str(w)) for w in entry["excludes"])
                types.excludes[str(name)] = patterns.compile(words)
            for alias in [name] + list(entry.get("aliases") or []):
                types.aliases[str(alias)] = str(name)
    return types
