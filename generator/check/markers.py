"""Heading markers as writers type them, right or wrong, and the level each means (7.3.3)."""
from __future__ import annotations

from generator.text import patterns, zhtext

MARKER_FORMS = [
    (patterns.compile(r"^[一二三四五六七八九十]+、"), 1, ""),
    (patterns.compile(r"^[一二三四五六七八九十]+[.．,，。]"), 1, "一级标题序号应为“一、”"),
    (patterns.compile(r"^（[一二三四五六七八九十]+）(?![、.．])"), 2, ""),
    (patterns.compile(r"^（[一二三四五六七八九十]+）[、.．]"), 2, "二级标题序号“（一）”后不加标点"),
    (patterns.compile(r"^\([一二三四五六七八九十]+\)"), 2, "二级标题序号应使用全角括号“（一）”"),
    (patterns.compile(rf"^\d{{1,2}}\.{zhtext.AFTER_ITEM_DOT}"), 3, ""),
    (patterns.compile(rf"^\d{{1,2}}[、．]{zhtext.AFTER_ITEM_DOT}"), 3, "三级标题序号应为“1.”（阿拉伯数字加下脚点）"),
    (patterns.compile(r"^（\d{1,2}）"), 4, ""),
    (patterns.compile(r"^\(\d{1,2}\)"), 4, "四级标题序号应使用全角括号“（1）”"),
]
MARKER_TEXT = patterns.compile(r"^(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)][、.．]?|[一二三四五六七八九十]+\s*[、.．,，。]|\d{1,2}\s*[.．、])")


def marker(text: str) -> tuple[int, str]:
    for pattern, level, problem in MARKER_FORMS:
        if pattern.match(text):
            return level, problem
    return 0, ""
