"""Sandboxed Jinja: clause placeholders and document templates, rendered with no way out.

Clause text comes from files anyone may edit, so it is rendered in a SandboxedEnvironment
(no attribute tricks like ''.__class__) with StrictUndefined (a missing value is an error,
never an empty string in an official document).
"""
from __future__ import annotations

import jinja2
from jinja2 import meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from generator.placeholders import BUILTIN_VARIABLES

_ENVIRONMENT: SandboxedEnvironment | None = None


def environment() -> SandboxedEnvironment:
    global _ENVIRONMENT
    if _ENVIRONMENT is None:
        _ENVIRONMENT = SandboxedEnvironment(
            undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False
        )
    return _ENVIRONMENT


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
