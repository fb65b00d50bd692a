"""Sandboxed Jinja: clause placeholders and document templates, rendered with no way out.

Clause text comes from files anyone may edit, so it is rendered in the sandbox of sandbox.py
(limits on loops, size, numbers and time) with StrictUndefined (a missing value is an error,
never an empty string in an official document). Templates print records, one a line, whose
values are escaped: only the template itself can start a title, heading or paragraph.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import SecurityError

from generator.draft.sandbox import environment, render_limited, unescape
from generator.errors import GwplanError
from generator.model import Clause, Plan, Section
from generator.resources import data_dir
from generator.text import patterns
from generator.text.placeholders import BUILTIN_VARIABLES


# A clause's text is its own template name: Jinja's bytecode cache (sandbox.environment) then
# keeps its compiled code between runs, as it does the templates' (the name is only hashed).
_CLAUSE_LOADER = jinja2.FunctionLoader(lambda text: (text, None, lambda: True))


@lru_cache(maxsize=8192)
def _compiled(text: str) -> jinja2.Template:
    """Clause texts repeat across the schools of a batch and across runs: compile each once."""
    env = environment()
    return _CLAUSE_LOADER.load(env, text, env.make_globals(None))


def render_text(text: str, context: dict, what: str, origin: str = "", line: int = 0, rows: bool = False) -> str:
    """Render one clause (or title) text; every failure becomes a Chinese error at its file:line.
    Line breaks go (a YAML line wrap), except between a table's `rows`."""
    joined = "\n" if rows else ""
    if "{" not in text:
        return text.replace("\n", joined)
    try:
        return unescape(render_limited(_compiled(text), context)).replace("\n", joined)
    except GwplanError as exc:  # a limit, or a value that is not text
        raise GwplanError(f"{what}的占位符无法使用：{exc.message}", origin, line) from None
    except jinja2.TemplateSyntaxError as exc:
        raise GwplanError(f"{what}的占位符语法错误：{_syntax_message(exc)}", origin, line) from None
    except SecurityError:
        raise GwplanError(f"{what}的占位符试图访问程序内部（如 __class__），出于安全已拒绝；占位符只能写 {{{{ 名称 }}}}。", origin, line) from None
    except jinja2.UndefinedError as exc:
        raise GwplanError(f"{what}的占位符无法填写：{_undefined_message(exc)}", origin, line) from None
    except RecursionError:
        raise GwplanError(f"{what}的占位符嵌套或递归太深，已停止。", origin, line) from None
    except Exception as exc:  # a clause is data: whatever it does wrong is bad input, not a crash
        raise GwplanError(f"{what}的占位符无法计算：{exc}", origin, line) from None


@lru_cache(maxsize=32)
def template_uses(template_name: str, name: str, template_dir: str | None = None) -> bool:
    """Whether a skeleton template may print the value `name` (one that includes, imports or
    extends another template may: yes). A template that cannot be read: yes (rendering says why)."""
    env = environment(template_dir)
    try:
        tree = env.parse(env.loader.get_source(env, template_name)[0])
    except Exception:  # noqa: BLE001 - render_lines reports it
        return True
    return any(True for _ in meta.find_referenced_templates(tree)) or name in meta.find_undeclared_variables(tree)


def render_lines(template_name: str, context: dict, template_dir: str | None = None) -> list[str]:
    """Render a template file (templates/*.j2) under the limits; its output lines, still escaped
    (see unescape). Lines are split where the template itself breaks them, never inside a value."""
    folder = str(Path(template_dir or data_dir("templates")))
    try:
        output = render_limited(environment(template_dir).get_template(template_name), context)
    except GwplanError as exc:  # a limit, or a value that is not text
        raise GwplanError(f"模板无法使用：{exc.message}", template_name) from None
    except jinja2.TemplateNotFound as exc:
        if exc.name == template_name:
            raise GwplanError(f"找不到模板 {template_name}。", folder) from None
        if str(exc.name).startswith(("/", "\\")) or ".." in str(exc.name).replace("\\", "/").split("/"):
            raise GwplanError(f"模板 {template_name} 引用了模板文件夹之外的“{exc.name}”，出于安全已拒绝；只能引用 {folder} 中的文件。", template_name) from None
        raise GwplanError(f"模板 {template_name} 引用的“{exc.name}”在模板文件夹 {folder} 中找不到。", template_name) from None
    except jinja2.TemplateSyntaxError as exc:
        raise GwplanError(f"模板语法错误：{_syntax_message(exc)}", exc.filename or template_name, exc.lineno) from None
    except SecurityError:
        raise GwplanError("模板试图访问程序内部，出于安全已拒绝。", template_name) from None
    except jinja2.UndefinedError as exc:
        raise GwplanError(f"模板用到了不存在的值：{_undefined_message(exc)}", template_name) from None
    except RecursionError:
        raise GwplanError("模板嵌套或递归太深，已停止。", template_name) from None
    except Exception as exc:  # an edited template is input too: its failures are bad input, not crashes
        raise GwplanError(f"模板无法计算：{exc}", template_name) from None
    return output.split("\n")


def _undefined_message(exc: jinja2.UndefinedError) -> str:
    match = re.search(r"'(\w+)' is undefined", str(exc))
    if match:
        return f"没有名为 {match.group(1)} 的值（可用：{'、'.join(sorted(BUILTIN_VARIABLES))}）"
    match = re.search(r"has no attribute '(\w+)'", str(exc))
    if match:
        return f"没有名为 {match.group(1)} 的目标值"
    return str(exc)


_LINE = patterns.compile(r"^(?P<kind>[a-z0-9]+)(?:\s+#(?P<id>\S+))?:\s?(?P<text>.*)$")
_KINDS = {
    "title", "recipient", "paragraph", "heading1", "heading2", "item", "subitem", "table", "closing", "attachment",
    "signature", "date",
}


def render_skeleton(
    template_name: str,
    context: dict,
    clauses: dict[str, Clause],
    template_dir: str | None = None,
    heading_marks: dict | None = None,
) -> Plan:
    """Render a skeleton template (templates/*.j2) and read its lines into the plan model.

    Clause lines carry their clause's id, so the clause (sources, marks) comes back with them;
    headings take their marks from `heading_marks` (heading text → marks)."""
    lines = render_lines(template_name, context, template_dir)
    plan = Plan(year=context.get("year"), org=context.get("org", ""))
    section: Section | None = None
    target: Section | None = None
    table: Clause | None = None  # a table clause's text runs on over several lines, one per row
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        match = _LINE.match(raw.strip())
        if table is not None and "\t" in raw and (not match or match.group("kind") not in _KINDS):
            table.text += "\n" + unescape(raw.strip("\n"))
            continue
        table = None
        if not match or match.group("kind") not in _KINDS:
            raise GwplanError(
                f"模板输出的第 {number} 行不是“类型: 内容”（类型可用：{'、'.join(sorted(_KINDS))}）：{unescape(raw.strip())[:30]}",
                template_name,
            )
        kind, clause_id, text = match.group("kind"), match.group("id"), unescape(match.group("text").strip())
        if kind in ("title", "recipient", "signature", "date"):
            setattr(plan, kind, text)
        elif kind == "attachment":
            plan.attachments.append(text)
        elif kind == "closing":
            plan.closing.append(_clause_for(clauses, clause_id, text, "paragraph"))
        elif kind == "heading1":
            section = target = Section(heading=text, level=1, marks=list((heading_marks or {}).get(text, [])))
            plan.sections.append(section)
        elif kind == "heading2":
            if section is None:
                raise GwplanError(f"模板输出的第 {number} 行：二级标题之前没有一级标题。", template_name)
            target = Section(heading=text, level=2, marks=list((heading_marks or {}).get(text, [])))
            section.subsections.append(target)
        else:
            clause = _clause_for(clauses, clause_id, text, kind)
            (plan.preamble if target is None else target.clauses).append(clause)
            table = clause if kind == "table" else None
    return plan


def _clause_for(clauses: dict[str, Clause], clause_id: str | None, text: str, kind: str) -> Clause:
    known = clauses.get(clause_id or "")
    if known is None:
        return Clause(text=text, kind="paragraph" if kind == "paragraph" else kind, id=clause_id or "")
    return Clause(
        text=text, kind=kind, id=known.id, status=known.status, tags=known.tags, sources=known.sources,
        targets=known.targets, notes=known.notes, origin=known.origin, line=known.line, group=known.group,
        marks=[m for m in known.marks if m.excerpt in text],
    )


def placeholder_problems(text: str, known: set[str], targets: set[str]) -> list[str]:
    """What is wrong with the placeholders of one clause text (Chinese messages), or []."""
    env = environment()
    try:
        tree = env.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        return [f"占位符语法错误：{_syntax_message(exc)}（占位符写作 {{{{ 名称 }}}}，两边各两个花括号）"]
    problems = []
    for name in sorted(meta.find_undeclared_variables(tree)):
        if name not in known:
            problems.append(f"占位符 {{{{ {name} }}}} 没有规则或目标能填写（可用：{'、'.join(sorted(known))}）。")
    for node in tree.find_all(nodes.Getattr):
        if node.attr.startswith("_"):
            problems.append(f"占位符不允许访问内部属性“{node.attr}”。")
        elif isinstance(node.node, nodes.Name) and node.node.name == "targets" and node.attr not in targets:
            problems.append(
                f"目标 {{{{ targets.{node.attr} }}}} 没有定义：请在某条条款的 targets 里写上 name: {node.attr}。"
            )
    for node in tree.find_all(nodes.Getitem):
        problems.append("占位符里不要用方括号取值，请写成 {{ targets.名称 }}。")
    return problems


def known_variables() -> set[str]:
    return set(BUILTIN_VARIABLES)


def _syntax_message(exc: jinja2.TemplateSyntaxError) -> str:
    message = exc.message or ""
    translations = {
        "unexpected '}'": "多了一个 }",
        "unexpected end of template": "占位符没有闭合（缺少 }}）",
        "expected token 'end of print statement'": "占位符里只能写一个名称",
        "unexpected char": "占位符中有不能识别的字符",
    }
    for key, value in translations.items():
        if key in message:
            return f"{value}（{message}）"
    return message
