"""Regular expressions compiled when first used, from programs kept between runs.

A module's patterns are compiled when it is imported; most commands use few of them (a draft
uses 12 of the 57 its modules define), and compiling the rest costs a start-up tenth of a
second. `lazy(…)` stands where `re.compile(…)` stood and compiles on the first call.

Even the patterns a draft does use cost 40 ms to compile, mostly character classes over the
CJK block, which Python's compiler walks character by character. So, as Jinja keeps compiled
templates, `compile` keeps each pattern's compiled program in the cache folder, keyed by the
pattern and the interpreter's regex engine version; a program is stored only after the pattern
built from it compared equal (pattern, flags and program) to what `re.compile` builds, and the
engine validates every program it is given.
"""
from __future__ import annotations

import atexit
import marshal
from array import array
import re
import sys

from generator.resources import cached, keep

try:  # CPython's regex compiler; elsewhere patterns are simply compiled
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover
    _sre = None

_CODE = "I" if array("I").itemsize == 4 else "L"  # the engine's code words (_sre.CODESIZE, 4 bytes)
_MAX_PROGRAMS = 5000  # patterns built from library text can add up; past this the file starts over
_programs: dict | None = None
_added = 0


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - it is re.compile's stand-in
    """re.compile(pattern, flags), from the kept program when there is one."""
    flags = int(flags)
    if _sre is None:
        return re.compile(pattern, flags)
    programs = _load()
    kept = programs.get((pattern, flags))
    if kept is not None:
        try:
            flags_used, code, *groups = kept
            return _sre.compile(pattern, flags_used, array(_CODE, code).tolist(), *groups)
        except (TypeError, ValueError, RuntimeError):
            pass  # a damaged entry: compile afresh below
    compiled = re.compile(pattern, flags)
    program = _program(pattern, flags)
    if program is not None and _sre.compile(pattern, *program) == compiled:
        flags_used, code, *groups = program
        try:
            _keep(pattern, flags, (flags_used, array(_CODE, code).tobytes(), *groups))  # bytes load fast
        except OverflowError:
            pass  # a code word wider than the array's: not kept
    return compiled


def _program(pattern: str, flags: int):
    """What re.compile hands the engine (re/_compiler.compile, CPython 3.11–3.13)."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
    except Exception:  # noqa: BLE001 - another interpreter's internals: just do not keep it
        return None
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), [int(op) for op in code], parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _cache_name() -> str:
    return f"regex-{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}-{array(_CODE).itemsize}.marshal"


def _load() -> dict:
    global _programs
    if _programs is None:
        _programs = {}
        kept = cached(_cache_name())
        try:
            table = marshal.loads(kept) if kept else {}
            if isinstance(table, dict):
                _programs = table
        except (EOFError, ValueError, TypeError):
            pass  # a damaged table: it is rewritten at exit
    return _programs


def _keep(pattern: str, flags: int, program) -> None:
    global _added, _programs
    if len(_programs) >= _MAX_PROGRAMS:
        _programs = {}
    _programs[(pattern, flags)] = program
    _added += 1
    if _added == 1:
        atexit.register(_save)


def _save() -> None:
    try:
        keep(_cache_name(), marshal.dumps(_programs))
    except ValueError:
        pass  # cannot happen for ints, strings and dicts; the next run compiles again


class LazyPattern:
    """compile(pattern, flags) on first use; then every attribute is the compiled pattern's."""

    __slots__ = ("_source", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = compile(*self._source)
        return getattr(self._compiled, name)


def lazy(pattern: str, flags: int = 0) -> re.Pattern:
    """A pattern compiled on first use (typed as re.Pattern: it answers as one)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
