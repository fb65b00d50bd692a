"""Heading markers as writers type them, right or wrong, and the level each means (7.3.3)."""
from __future__ import annotations

import re

from generator.text import zhtext

MARKER_FORMS = [
    (re.compile(r"^[一二三四五六七八九十]+、"), 1, ""),
    (re.compile(r"^[一二三四五六七八九十]+[.．,，。]"), 1, "一级标题序号应为“一、”"),
    (re.compile(r"^（[一二三四五六七八九十]+）(?![、.．])"), 2, ""),
    (re.compile(r"^（[一二三四五六七八九十]+）[、.．]"), 2, "二级标题序号“（一）”后不加标点"),
    (re.compile(r"^\([一二三四五六七八九十]+\)"), 2, "二级标题序号应使用全角括号“（一）”"),
    (re.compile(rf"^\d{{1,2}}\.{zhtext.AFTER_ITEM_DOT}"), 3, ""),
    (re.compile(rf"^\d{{1,2}}[、．]{zhtext.AFTER_ITEM_DOT}"), 3, "三级标题序号应为“1.”（阿拉伯数字加下脚点）"),
    (re.compile(r"^（\d{1,2}）"), 4, ""),
    (re.compile(r"^\(\d{1,2}\)"), 4, "四级标题序号应使用全角括号“（1）”"),
]
MARKER_TEXT = re.compile(r"^(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)][、.．]?|[一二三四五六七八九十]+\s*[、.．,，。]|\d{1,2}\s*[.．、])")


def marker(text: str) -> tuple[int, str]:
    for pattern, level, problem in MARKER_FORMS:
        if pattern.match(text):
            return level, problem
    return 0, ""
