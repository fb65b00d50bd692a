"""Regular expressions compiled when first used.

A module's patterns are compiled when it is imported; most commands use few of them (a draft
uses 12 of the 57 its modules define), and compiling the rest costs a start-up tenth of a
second. `lazy(…)` stands where `re.compile(…)` stood and compiles on the first call.
"""
from __future__ import annotations

import re


class LazyPattern:
    """re.compile(pattern, flags) on first use; then every attribute is the compiled pattern's."""

    __slots__ = ("_source", "_compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        return getattr(self._compiled, name)


def lazy(pattern: str, flags: int = 0) -> re.Pattern:
    """A pattern compiled on first use (typed as re.Pattern: it answers as one)."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]
