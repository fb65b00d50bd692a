"""One printable .docx holding many plans written by gwplan, composed in linear time.

Every plan gwplan writes shares one base package (styles, footers, settings from the same
profile), so plans are joined at the XML level: each plan's paragraphs form a section of their
own, ending in a section break that starts the next plan on a new page and restarts its page
numbers at 1. Styles, fonts and odd/even footers stay exactly those of the single plans.

docxcompose is not used here: appending documents one by one it rescans the whole bundle after
each append (quadratic time), drops an appended document's styles when the master has a
differently defined style of the same name, drops comments, and keeps only the master's footers.
Here review comments travel with their plan into the bundle.
"""
from __future__ import annotations

import re
from pathlib import Path

from generator.profile import Profile
from generator.writers.docx import Body, package_bytes, section_properties
from generator.yamlio import atomic_write_bytes

_COMMENT_ID = re.compile(r'(<w:(?:commentRangeStart|commentRangeEnd|commentReference|comment) w:id=")(\d+)"')
_BOOKMARK = re.compile(r"<w:bookmark(?:Start|End) [^>]*/>")


def bundle_body(bodies: list[Body], profile: Profile) -> Body:
    """Join plan bodies; every plan but the last ends with its own section break.

    Comment ids are renumbered so each plan keeps its own comments; the per-clause bookmarks
    (which repeat from plan to plan) are left out of the bundle.
    """
    sectpr = section_properties(profile)
    joined = Body("")
    parts = []
    for index, body in enumerate(bodies):
        offset = len(joined.comments)
        xml = _BOOKMARK.sub("", body.xml)
        if offset:
            xml = _shift(xml, offset)
        joined.comments += [_shift(comment, offset) for comment in body.comments]
        parts.append(_end_section(xml, sectpr) if index < len(bodies) - 1 else xml)
    joined.xml = "".join(parts)
    return joined


def _shift(xml: str, offset: int) -> str:
    return _COMMENT_ID.sub(lambda m: f'{m.group(1)}{int(m.group(2)) + offset}"', xml) if offset else xml


def _end_section(body: str, sectpr: str) -> str:
    """Put the section properties into the last paragraph's properties, as Word does."""
    start = body.rfind("<w:p>")
    close = body.find("</w:pPr>", start)
    if start < 0 or close < 0:  # a plan without paragraphs: a paragraph of its own carries the break
        return body + f"<w:p><w:pPr>{sectpr}</w:pPr></w:p>"
    return body[:close] + sectpr + body[close:]


def write_bundle(bodies: list[Body], path: Path, profile: Profile, title: str, creator: str) -> None:
    atomic_write_bytes(path, package_bytes(bundle_body(bodies, profile), profile, title, creator))
