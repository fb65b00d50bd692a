"""Several documents on one page: a 合集 of plans, or a site's own text before the plan it offers.

A second document begins where a line shaped like a plan's title (once the site's 第2篇, 范文 and
list number are taken off it) stands after body text, and the numbering of 一、 starts again
right after it. The reader then gives one plan per document; `read_plan`, which must return one,
refuses such a file and names the line where the second document begins.
"""
from __future__ import annotations

from dataclasses import replace

from generator.readers.cleanup import Cleaned, Para
from generator.readers.furniture import numbered_title, strip_brackets, title_like
from generator.text import zhtext

_LOOK_AHEAD = 3  # the restarted 一、 follows the title within this many paragraphs


def split_documents(cleaned: Cleaned) -> list[Cleaned]:
    """The documents in `cleaned`, in order; one when the page holds one."""
    starts = _starts(cleaned.paragraphs)
    if not starts:
        return [cleaned]
    parts = []
    bounds = [(0, cleaned.title)] + starts
    for number, (start, title) in enumerate(bounds):
        end = bounds[number + 1][0] if number + 1 < len(bounds) else len(cleaned.paragraphs)
        first = start + (1 if number else 0)  # the title line of a later document is its title
        part = replace(cleaned, paragraphs=cleaned.paragraphs[first:end], title=title)
        if number:
            part.warnings, part.header = [], []
        parts.append(part)
    return parts


def _starts(paragraphs: list[Para]) -> list[tuple[int, Para]]:
    """(index, title) of each document after the first."""
    found = []
    body_seen = False
    for index, para in enumerate(paragraphs):
        level, number, _ = zhtext.heading_level(para.text)
        if level == 1:
            body_seen = True
            continue
        title = numbered_title(para.text) or strip_brackets(para.text)
        if body_seen and title_like(title) and _restarts(paragraphs, index):
            found.append((index, Para(title, para.line)))
            body_seen = False
    return found


def _restarts(paragraphs: list[Para], index: int) -> bool:
    for para in paragraphs[index + 1 : index + 1 + _LOOK_AHEAD]:
        level, number, _ = zhtext.heading_level(para.text)
        if level == 1:
            return number == 1
    return False
