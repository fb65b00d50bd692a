"""The plan file (--plan): which sections and clauses a draft takes, and its title, 主送, 署名.

Read and checked line by line: every problem is reported at its file and line.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import GwplanError
from generator.text import patterns
from generator.writers import NUMBERING_MODES
from generator.yamlio import LineDict, load_file

PLAN_KEYS = {
    "title", "org", "recipient", "signature", "date", "attachments", "numbering", "template",
    "preamble", "sections", "exclude", "school_targets", "notice",
}
ALL_SCHOOLS = "所有学校"  # school_targets key whose values every school type takes
SECTION_KEYS = {"from", "heading", "clauses"}
DATE = patterns.compile(r"^(\d{4})年([1-9]|1[0-2])月([1-9]|[12]\d|3[01])日$")


@dataclass
class Selector:
    """One entry of a plan file's clause list: an id, a tag:…, or a new clause's text."""

    kind: str  # id | tag | new
    value: str
    text: str = ""  # replacement text (for id) or the new clause's text
    line: int = 0
    file: str = ""  # the plan file, so a new clause's problems are reported at its file:line


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
    # gwplan batch: target values by school type (or 所有学校), and the line of each type
    school_targets: dict[str, dict[str, str]] = field(default_factory=dict)
    school_target_lines: dict[str, int] = field(default_factory=dict)
    notice: object = None  # notice.NoticeSpec: issue the plan as the 附件 of a 印发通知


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
    if data.get("notice") not in (None, False):
        from generator.draft.notice import notice_spec

        spec.notice = notice_spec(data["notice"], name, data.key_lines["notice"])
    if "school_targets" in data:
        _school_targets(spec, data["school_targets"], name, data.key_lines["school_targets"])
    if "sections" in data:
        sections = data["sections"]
        if not isinstance(sections, list):
            raise GwplanError("sections 应是列表，每项写 from（条款库中的一节）和/或 heading、clauses。", name, data.key_lines["sections"])
        spec.sections = [_section_spec(entry, name) for entry in sections]
    return spec


def _school_targets(spec: PlanSpec, data, name: str, line: int) -> None:
    """school_targets: {学校类型 or 所有学校: {目标名称: 值}} — a school's own numbers for batch."""
    if not isinstance(data, LineDict):
        raise GwplanError(f"school_targets 应按学校类型分组：{ALL_SCHOOLS}: {{名称: 值}}、小学: {{名称: 值}} ……", name, line)
    for school_type, values in data.items():
        type_line = data.key_lines.get(school_type, line)
        if not isinstance(values, LineDict):
            raise GwplanError(f"school_targets 中“{school_type}”下应是“目标名称: 值”的映射。", name, type_line)
        for target, value in values.items():
            if isinstance(value, (dict, list)) or value is None:
                raise GwplanError(f"“{school_type}”的目标“{target}”应是一个数字或一段文字，如 20 或 90%。", name, values.key_lines.get(target, type_line))
        spec.school_targets[str(school_type)] = {str(k): str(v) for k, v in values.items()}
        spec.school_target_lines[str(school_type)] = type_line


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
    for selector in found:
        selector.file = name
    return found


def _check_date(value: str, name: str, line: int) -> None:
    match = DATE.match(value)
    if not match:
        raise GwplanError(f"成文日期“{value}”应写成阿拉伯数字的“2027年1月5日”，月、日不补零。", name, line)
    try:
        datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise GwplanError(f"成文日期“{value}”不是真实存在的日期。", name, line) from None
