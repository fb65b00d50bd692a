"""Sandboxed Jinja: clause placeholders and document templates, rendered with no way out.

Clause text comes from files anyone may edit, so it is rendered in a SandboxedEnvironment
(no attribute tricks like ''.__class__) with StrictUndefined (a missing value is an error,
never an empty string in an official document).
"""
from __future__ import annotations

import functools
import math
import re
import threading
import time
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from jinja2.visitor import NodeTransformer

from generator.errors import GwplanError
from generator.model import Clause, Plan, Section
from generator.text.placeholders import BUILTIN_VARIABLES
from generator.resources import data_dir


# Limits on what one rendering may do (docs/limits.md): clause text and templates are input, and
# input must not make gwplan run for hours or fill the memory.
MAX_OUTPUT = 200_000  # characters a rendering produces (a whole plan is some 20,000)
MAX_STEPS = 100_000  # loop iterations and calls in one rendering
MAX_DIGITS = 20  # digits of a number a placeholder computes (targets are a few digits)
MAX_SECONDS = 10  # seconds of one rendering
MAX_ARGUMENT = 10_000  # an integer given to a filter or method (a width, a count)


class LimitError(GwplanError):
    """A rendering went past one of the limits above."""


class _Budget(threading.local):
    steps = 0
    deadline = 0.0


_budget = _Budget()


def _start_budget() -> None:
    _budget.steps, _budget.deadline = 0, time.monotonic() + MAX_SECONDS


def _step(count: int = 1) -> None:
    _budget.steps += count
    if _budget.steps > MAX_STEPS:
        raise LimitError(f"循环和调用超过 {MAX_STEPS} 次（上限），不像一段公文文字；请去掉多余的循环。")
    if time.monotonic() > _budget.deadline:
        raise LimitError(f"计算超过 {MAX_SECONDS} 秒（上限），已停止；请简化占位符或模板。")


def _sized(value):
    if isinstance(value, (str, list, tuple, dict)) and len(value) > MAX_OUTPUT:
        raise LimitError(f"生成的文字超过 {MAX_OUTPUT} 字（上限），不像一段公文文字。")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**MAX_DIGITS:
        raise LimitError(f"数字超过 {MAX_DIGITS} 位（上限），不像公文里的数字。")
    return value


def _loop(iterable):
    """Every {% for %} iterates through here (see _LimitLoops): each pass is one step."""
    for item in iterable:
        _step()
        yield item


def _argument(value) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARGUMENT:
        raise LimitError(f"参数 {value} 超过 {MAX_ARGUMENT}（上限）；公文里的宽度、次数用不到这么大。")
    if isinstance(value, str) and _WIDE_FORMAT.search(value):
        raise LimitError("格式写法里的宽度或精度超过四位数（上限），会生成过长的文字。")


_WIDE_FORMAT = re.compile(r"(?:%[-#0 +]*|\{[^{}]*:[^{}]*?)\d{5,}")  # '%99999d', '{:>99999}'


def _limited_filter(function):
    @functools.wraps(function)
    def limited(*args, **kwargs):
        _step()
        for value in (*args, *kwargs.values()):
            _argument(value)
        return _sized(function(*args, **kwargs))

    return limited


class _LimitLoops(NodeTransformer):
    """Every loop counts its passes and every ~ join checks its size: templates cannot loop or
    grow text without limit (Jinja has no hook for either, so the tree gets one)."""

    def visit_For(self, node):
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, "gwplan_loop", [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node):
        self.generic_visit(node)
        return nodes.Filter(node, "gwplan_sized", [], [], None, None, lineno=node.lineno)


class LimitedEnvironment(SandboxedEnvironment):
    """The sandbox, plus limits on loop passes, calls, text size, number size and time."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, finalize=_record_value, **kwargs)
        self.filters = {name: _limited_filter(f) for name, f in self.filters.items()}
        self.filters.update(gwplan_loop=_loop, gwplan_sized=_sized)
        self.globals.pop("lipsum", None)
        self.globals["range"] = _limited_range

    def _parse(self, source, name, filename):
        return _LimitLoops().visit(super()._parse(source, name, filename))

    def call_binop(self, context, operator, left, right):
        _step()
        numbers = all(isinstance(v, int) and not isinstance(v, bool) for v in (left, right))
        if operator == "**" and numbers and right > 0 and abs(left) > 1 and right * math.log10(abs(left)) >= MAX_DIGITS:
            raise LimitError(f"乘方的结果超过 {MAX_DIGITS} 位（上限），不像公文里的数字。")
        if operator == "*" and not numbers:
            count = right if isinstance(right, int) else left if isinstance(left, int) else 1
            other = left if isinstance(right, int) else right
            if isinstance(other, (str, list, tuple)) and len(other) * max(count, 0) > MAX_OUTPUT:
                raise LimitError(f"重复生成的文字超过 {MAX_OUTPUT} 字（上限），不像公文文字。")
        if operator == "%" and isinstance(left, str):
            _argument(left)
            for value in right if isinstance(right, tuple) else (right,):
                _argument(value)
        return _sized(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (the sandbox's own signature)
        _step()
        for value in (*args, *kwargs.values()):
            _argument(value)
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)  # the sandbox wraps str.format
        if isinstance(owner, str):
            _argument(owner)  # '{:>99999}'.format(…)
        return _sized(super().call(__context, __obj, *args, **kwargs))


def _limited_range(*args):
    for value in args:
        _argument(value)
    return range(*args)


@lru_cache(maxsize=4)
def environment(template_dir: str | None = None) -> LimitedEnvironment:
    """The one Jinja environment for clause text and skeleton templates."""
    return LimitedEnvironment(
        loader=jinja2.FileSystemLoader(template_dir or str(data_dir("templates"))),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


# --- the record format --------------------------------------------------------------------
# A template's output is records, one a line: "类型 #id: 内容". Every value a template prints
# ({{ … }}) is escaped first, so no character of a clause, a roster or a plan file can end a
# line: a value cannot add, change or remove a title, signature, heading or paragraph.
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_ESCAPE = {ord("\\"): "\\\\", **{ord(c): f"\\u{ord(c):04x}" for c in _BREAKS}}
_UNESCAPE = re.compile(r"\\(\\|u[0-9a-f]{4})")


def _record_value(value) -> str:
    """finalize: what {{ value }} prints. Only text and numbers (never an object's repr, such as
    {{ self }}), within the size limits, escaped for the record format."""
    _step()
    if isinstance(value, jinja2.Undefined):
        return str(value)  # StrictUndefined: raises the usual "no such value"
    if value is None or not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise GwplanError(f"占位符的值不是文字或数字（是 {type(value).__name__}），不能写进公文。")
    return str(_sized(value)).translate(_ESCAPE)


def unescape(text: str) -> str:
    return _UNESCAPE.sub(lambda m: "\\" if m.group(1) == "\\" else chr(int(m.group(1)[1:], 16)), text)


def _render(template: jinja2.Template, context: dict) -> str:
    """Render under the limits: the output is gathered piece by piece and stopped at MAX_OUTPUT."""
    _start_budget()
    pieces, size = [], 0
    for piece in template.generate(context):
        size += len(piece)
        if size > MAX_OUTPUT:
            raise LimitError(f"生成的文字超过 {MAX_OUTPUT} 字（上限），不像一份公文。")
        pieces.append(piece)
    return "".join(pieces)


@lru_cache(maxsize=8192)
def _compiled(text: str) -> jinja2.Template:
    """Clause texts repeat across the schools of a batch: compile each once."""
    return environment().from_string(text)


def render_text(text: str, context: dict, what: str, origin: str = "", line: int = 0) -> str:
    """Render one clause (or title) text; every failure becomes a Chinese error at its file:line."""
    if "{" not in text:
        return text.replace("\n", "")
    try:
        return unescape(_render(_compiled(text), context)).replace("\n", "")
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


def render_lines(template_name: str, context: dict, template_dir: str | None = None) -> list[str]:
    """Render a template file (templates/*.j2) under the limits; its output lines, still escaped
    (see unescape). Lines are split where the template itself breaks them, never inside a value."""
    folder = str(Path(template_dir or data_dir("templates")))
    try:
        output = _render(environment(template_dir).get_template(template_name), context)
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


_LINE = re.compile(r"^(?P<kind>[a-z0-9]+)(?:\s+#(?P<id>\S+))?:\s?(?P<text>.*)$")
_KINDS = {
    "title", "recipient", "paragraph", "heading1", "heading2", "item", "subitem", "closing", "attachment", "signature", "date",
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
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        match = _LINE.match(raw.strip())
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
            target = Section(heading=text, level=2)
            section.subsections.append(target)
        else:
            clause = _clause_for(clauses, clause_id, text, kind)
            (plan.preamble if target is None else target.clauses).append(clause)
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
