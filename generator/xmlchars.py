"""Characters an XML 1.0 document cannot hold (NUL, ESC, the other C0 controls but tab and line
breaks, lone surrogates, U+FFFE and U+FFFF).

Word files are XML, so such a character in a clause makes a .docx no program can open. Readers
remove them where text enters gwplan and say where; writers refuse any that remain.
"""
from __future__ import annotations

import re

from generator.errors import GwplanError

INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_NAMES = {"\x00": "空字符", "\x0b": "垂直制表符", "\x0c": "换页符", "\x1b": "转义符"}


def invalid_chars(text: str) -> list[str]:
    """The distinct characters of `text` XML cannot hold, in order of first appearance."""
    return list(dict.fromkeys(INVALID.findall(text))) if INVALID.search(text) else []


def describe(chars) -> str:
    """U+001B（转义符）、U+0007: how a message names invisible characters."""
    return "、".join(f"U+{ord(c):04X}" + (f"（{_NAMES[c]}）" if c in _NAMES else "") for c in chars)


def strip_invalid(text: str) -> tuple[str, list[str]]:
    """`text` without the characters XML cannot hold, and which ones were removed."""
    found = invalid_chars(text)
    return (INVALID.sub("", text), found) if found else (text, [])


def removed_note(line: int, chars) -> str:
    """The report line for characters a reader removed."""
    return f"第 {line} 行有 Word 文档不能保存的控制字符 {describe(chars)}，已删去；请对照原件核对这一行。"


def refuse_invalid(text: str, what: str, file: str | None = None, line: int | None = None) -> None:
    """Raise a Chinese error when `text` holds a character XML cannot hold."""
    found = invalid_chars(text)
    if found:
        raise GwplanError(f"{what}含有 Word 文档不能保存的控制字符 {describe(found)}；请删去后再试。", file, line)
