"""The Jinja sandbox gwplan renders clause text and templates in, with limits and a record format.

Clause text and templates are input: the sandbox (no attribute tricks like ''.__class__) is
bounded in loop passes, calls, text size, number size and time (docs/limits.md), and every
value a template prints is escaped so that no character of any input can start a new record.
"""
from __future__ import annotations

import contextlib
import functools
import re
import math
import threading
import time
from functools import lru_cache

import jinja2
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

from generator.errors import GwplanError
from generator.resources import data_dir, jinja_bytecode_cache
from generator.text import patterns

# Limits on what one rendering may do (docs/limits.md): clause text and templates are input, and
# input must not make gwplan run for hours or fill the memory.
MAX_OUTPUT = 200_000  # characters a rendering produces (a whole plan is some 20,000)
MAX_STEPS = 100_000  # loop iterations and calls in one rendering
MAX_DIGITS = 20  # digits of a number a placeholder computes (targets are a few digits)
MAX_SECONDS = 10  # seconds of one rendering
MAX_TOTAL_SECONDS = 60  # seconds of all the renderings of one draft (one school's, in a batch) or one lint
MAX_ARGUMENT = 10_000  # an integer given to a filter or method (a width, a count)


class LimitError(GwplanError):
    """A rendering went past one of the limits above."""


class _Budget(threading.local):
    steps = 0
    deadline = 0.0
    total_deadline = float("inf")  # set while a whole draft or lint runs (rendering_budget)


_budget = _Budget()


def _start_budget() -> None:
    _budget.steps = 0
    _budget.deadline = min(time.monotonic() + MAX_SECONDS, _budget.total_deadline)


def within_rendering_budget(function):
    """Run `function` (a whole draft, a whole lint) under one rendering_budget."""
    @functools.wraps(function)
    def bounded(*args, **kwargs):
        with rendering_budget():
            return function(*args, **kwargs)

    return bounded


@contextlib.contextmanager
def rendering_budget():
    """All renderings inside share MAX_TOTAL_SECONDS: a draft or a lint ends within its limit
    however many clauses loop."""
    outer = _budget.total_deadline
    _budget.total_deadline = min(outer, time.monotonic() + MAX_TOTAL_SECONDS)
    try:
        yield
    finally:
        _budget.total_deadline = outer


def _step(count: int = 1) -> None:
    _budget.steps += count
    if _budget.steps > MAX_STEPS:
        raise LimitError(f"循环和调用超过 {MAX_STEPS} 次（上限），不像一段公文文字；请去掉多余的循环。")
    if time.monotonic() > _budget.deadline:
        raise LimitError(f"计算超过时间上限（每段 {MAX_SECONDS} 秒，整份 {MAX_TOTAL_SECONDS} 秒），已停止；请简化占位符或模板。")


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


# Checked before the work, since the work itself would take the time and memory: a width or a
# count (not a value: a sum of money may be large), a format's width, text about to be joined.
def _width(value) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARGUMENT:
        raise LimitError(f"宽度或次数 {value} 超过 {MAX_ARGUMENT}（上限）；公文里用不到这么大。")


def _format(text) -> None:
    if isinstance(text, str) and _WIDE_FORMAT.search(text):
        raise LimitError("格式写法里的宽度或精度超过四位数（上限），会生成过长的文字。")


def _joined(values) -> None:
    if isinstance(values, (list, tuple)) and sum(len(v) for v in values if isinstance(v, str)) > MAX_OUTPUT:
        raise LimitError(f"要连接的文字合计超过 {MAX_OUTPUT} 字（上限），不像公文文字。")  # ([s] * n)|join


_WIDE_FORMAT = patterns.compile(r"(?:%[-#0 +]*|\{[^{}]*:[^{}]*?)\d{5,}")  # '%99999d', '{:>99999}'
_WIDTH_FILTERS = {"center", "indent", "wordwrap", "truncate", "batch", "slice", "round", "random"}


def _limited_filter(name: str, function):
    @functools.wraps(function)
    def limited(*args, **kwargs):
        _step()
        values = [v for v in (*args, *kwargs.values()) if not isinstance(v, (jinja2.runtime.Context, jinja2.Environment, nodes.EvalContext))]
        for value in values:
            _joined(value)
        if name == "format" and values:
            _format(values[0])
        if name in _WIDTH_FILTERS:
            for value in values[1:]:
                _width(value)
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
        self.filters = {name: _limited_filter(name, f) for name, f in self.filters.items()}
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
            _format(left)
            if "*" in left:  # '%*d' % (width, value)
                for value in right if isinstance(right, tuple) else (right,):
                    _width(value)
        return _sized(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (the sandbox's own signature)
        _step()
        for value in (*args, *kwargs.values()):
            _joined(value)
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
        if isinstance(getattr(method, "__self__", None), str):
            if method.__name__ in ("format", "format_map"):
                _format(method.__self__)  # '{:>99999}'.format(…)
            else:
                for value in (*args, *kwargs.values()):
                    _width(value)  # 'x'.ljust(99999), 'x'.zfill(99999)
        return _sized(super().call(__context, __obj, *args, **kwargs))


def _limited_range(*args):
    for value in args:
        _width(value)
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
        auto_reload=False,  # templates do not change during a run: no stat per get_template
        bytecode_cache=jinja_bytecode_cache(),
    )


# --- the record format --------------------------------------------------------------------
# A template's output is records, one a line: "类型 #id: 内容". Every value a template prints
# ({{ … }}) is escaped first, so no character of a clause, a roster or a plan file can end a
# line: a value cannot add, change or remove a title, signature, heading or paragraph.
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_ESCAPE = {ord("\\"): "\\\\", **{ord(c): f"\\u{ord(c):04x}" for c in _BREAKS}}
_UNESCAPE = patterns.compile(r"\\(\\|u[0-9a-f]{4})")
_TO_ESCAPE = patterns.compile("[" + re.escape("\\" + _BREAKS) + "]")  # most values hold none: no translate


def _record_value(value) -> str:
    """finalize: what {{ value }} prints. Only text and numbers (never an object's repr, such as
    {{ self }}), within the size limits, escaped for the record format."""
    _step()
    if isinstance(value, jinja2.Undefined):
        return str(value)  # StrictUndefined: raises the usual "no such value"
    if value is None or not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise GwplanError(f"占位符的值不是文字或数字（是 {type(value).__name__}），不能写进公文。")
    text = str(_sized(value))
    return text.translate(_ESCAPE) if _TO_ESCAPE.search(text) else text


def unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _UNESCAPE.sub(lambda m: "\\" if m.group(1) == "\\" else chr(int(m.group(1)[1:], 16)), text)


def render_limited(template: jinja2.Template, context: dict) -> str:
    """Render under the limits: the output is gathered piece by piece and stopped at MAX_OUTPUT."""
    _start_budget()
    pieces, size = [], 0
    for piece in template.generate(context):
        size += len(piece)
        if size > MAX_OUTPUT:
            raise LimitError(f"生成的文字超过 {MAX_OUTPUT} 字（上限），不像一份公文。")
        pieces.append(piece)
    return "".join(pieces)
