"""gwplan lint: everything a reviewer could have broken in the clause library, with file:line."""
from __future__ import annotations

import datetime
import re
from pathlib import Path

from generator.errors import GwplanError
from generator.text import zhtext
from generator.text.placeholders import org_variables
from generator.rules.audience import clause_audience, load_audience_rules
from generator.library.load import Library, Problem, load_library
from generator.draft.sandbox import within_rendering_budget
from generator.draft.render import known_variables, placeholder_problems, render_text
from generator.rules.schooltypes import load_school_types


@within_rendering_budget
def lint_library(root: Path | str) -> Library:
    """Load and check a library; `library.problems` holds every finding, errors first by file."""
    library = load_library(root)
    types, audience = load_school_types(), load_audience_rules()
    known = known_variables()
    targets = {t.name for _, clause in library.clauses() for t in clause.targets if t.name}
    sample = _sample_context(library)
    for section, clause in library.clauses():
        line = clause.line + 1 if clause.line else 1
        problems = placeholder_problems(clause.text, known, targets)
        for message in problems:
            library.problems.append(Problem(clause.origin, _text_line(clause.origin, clause.line), f"条款 {clause.id}：{message}"))
        if not problems:  # rendered as draft would, under the same limits: what draft refuses, lint reports
            try:
                render_text(clause.text, sample, f"条款 {clause.id}")
            except GwplanError as exc:
                library.problems.append(Problem(clause.origin, _text_line(clause.origin, clause.line), exc.message))
        if re.search(f"[{zhtext.CJK}] +[{zhtext.CJK}]", clause.text):
            library.problems.append(
                Problem(clause.origin, line, f"条款 {clause.id}：正文中两个汉字之间有空格。", "warning")
            )
        marks = [m for m in zhtext.unfilled_marks(re.sub(r"\{\{.*?\}\}", "", clause.text))]
        if marks and clause.status == "active":
            shown = "”“".join(dict.fromkeys(marks))
            library.problems.append(Problem(
                clause.origin, _text_line(clause.origin, clause.line),
                f"条款 {clause.id}：有隐去或待填写的内容“{shown}”，起草时会标黄留给人工补全；请对照原件补上。", "warning"))
        if clause.status == "active" and clause_audience(clause, audience) != "district":
            if not any(types.fits(clause.tags, clause.text, kind) for kind in types.types):
                library.problems.append(Problem(clause.origin, _key_line(clause.origin, clause.line, "tags"), (
                    f"条款 {clause.id}：标签 [{'、'.join(clause.tags)}] 使它不会进入任何学校的计划"
                    "（学段标签有一个对得上就用，区级、市级、县级标签的条款学校不用）；"
                    "只给区级计划用就把 audience 改为 district，否则请改标签。"), "warning"))
    if library.title:
        problems = placeholder_problems(library.title, known, targets)
        for message in problems:
            library.problems.append(Problem(str(Path(root) / "gwplan.yaml"), 1, f"标题模板：{message}"))
        try:
            if not problems:
                render_text(library.title, sample, "标题模板")
        except GwplanError as exc:
            library.problems.append(Problem(str(Path(root) / "gwplan.yaml"), 1, exc.message))
    meta = Path(root) / "gwplan.yaml"
    if meta.exists() and library.format < 2:
        library.problems.append(Problem(str(meta), 1, "条款库是旧格式（来源中的原话每次都复制一份）；下次运行 gwplan ingest 时会自动升级，审核内容不变。", "warning"))
    for section in library.sections:
        if section.clauses and not any(c.status == "active" for c in section.clauses):
            library.problems.append(Problem(str(section.path), section.line, "本节没有 active 的条款，草稿中不会出现。", "warning"))
    library.problems.sort(key=lambda p: (p.severity != "error", p.file, p.line))
    return library


def _sample_context(library: Library) -> dict:
    """The values a draft for next year would give: every target at the value the library shows."""
    values = {t.name: t.value for _, clause in library.clauses() for t in clause.targets if t.name}
    org = library.org or "某区关心下一代工作委员会"
    return {"year": datetime.date.today().year + 1, **org_variables(org), "targets": values}


def _text_line(path: str, clause_line: int) -> int:
    """The line of the `text:` key of the clause starting at `clause_line` (for editor jumps)."""
    return _key_line(path, clause_line, "text")


def _key_line(path: str, clause_line: int, key: str) -> int:
    """The line of `key:` in the clause starting at `clause_line` (for editor jumps)."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return clause_line
    for number in range(clause_line - 1, min(len(lines), clause_line + 30)):
        if re.match(rf"\s*(-\s+)?{key}\s*:", lines[number]):
            return number + 1
    return clause_line
