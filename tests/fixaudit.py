"""Audit of `gwplan check --fix`: diff every paragraph's text and properties before and after,
against the changes --fix says it made (issue 22).

A paragraph is compared by its place in its part (word/document.xml, each footer and header):
its text, its paragraph properties and each run's properties. Every difference must be covered
by a change --fix lists for that paragraph (text for text, format for properties); besides, no
whitespace that separates two items may disappear, and the 版头, 署名, 日期, seal placeholders,
附注 and 版记 keep their alignment, indents, size and colour.

    audit(original, fixed, changes, roles) → list of problems (empty when --fix did only what it said)
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Whitespace that separates two items on one line: never removed by --fix.
SEPARATORS = re.compile(r" {2,}|\t|\u3000")
PROTECTED_ROLES = {"copy_number", "secrecy", "urgency", "issuer_mark", "doc_number", "signer", "red_rule", "signature",
                   "date", "seal", "note", "copy_to", "printed_by", "imprint_rule", "unknown", "textbox"}
PLACE = ("jc", "ind", "sz", "color", "framePr")


def parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if re.fullmatch(r"word/(document|footer\d*|header\d*)\.xml", name)}


def text(paragraph) -> str:
    out = []
    for node in paragraph.iter(W + "t", W + "tab", W + "br", W + "delText"):
        if node.tag == W + "t":
            out.append(node.text or "")
        elif node.tag == W + "tab" and node.getparent().tag == W + "r":
            out.append("\t")
        elif node.tag == W + "br":
            out.append("\n")
    return "".join(out)


def _properties(paragraph) -> tuple[str, list[str]]:
    ppr = paragraph.find(W + "pPr")
    ppr_xml = ""
    if ppr is not None:
        copy = etree.fromstring(etree.tostring(ppr))
        for sect in copy.findall(W + "sectPr"):  # page setup is reported as such, not per paragraph
            copy.remove(sect)
        ppr_xml = etree.tostring(copy, encoding="unicode")
    runs = [etree.tostring(r.find(W + "rPr"), encoding="unicode") if r.find(W + "rPr") is not None else ""
            for r in paragraph.iter(W + "r")]
    return ppr_xml, runs


def _places(paragraph) -> list[str]:
    """The properties that set where and how large a protected paragraph stands."""
    found = []
    for node in paragraph.iter():
        name = node.tag.replace(W, "") if isinstance(node.tag, str) else ""
        if name in PLACE:
            found.append(name + repr(sorted(node.attrib.items())))
    return found


def _pictures(root) -> int:
    return sum(1 for _ in root.iter(W + "drawing", "{urn:schemas-microsoft-com:vml}shape", W + "pict"))


def audit(original: Path, fixed: Path, changes: list, roles: dict[int, str] | None = None) -> list[str]:
    """Problems with a --fix run. `changes` are fix's records (part, paragraph number in that part,
    kind "text" / "format" / "replace"); `roles` maps document.xml paragraph numbers to roles."""
    roles = roles or {}
    listed: dict[tuple[str, int], set[str]] = {}
    for change in changes:
        listed.setdefault((change.part, change.paragraph), set()).add(change.kind)
    problems = []
    before, after = parts(original), parts(fixed)
    for name, root in before.items():
        if name not in after:
            problems.append(f"{name}: part removed")
            continue
        old_ps, new_ps = list(root.iter(W + "p")), list(after[name].iter(W + "p"))
        replaced = any((name, n) in listed and "replace" in listed[(name, n)] for n in range(-1, len(old_ps)))
        if replaced:
            old_text = [t for t in (text(p) for p in old_ps) if t.strip()]
            kept = "\n".join(text(p) for p in new_ps)
            for line in old_text:  # a replaced footer keeps every word it had
                if re.sub(r"\s", "", line) not in re.sub(r"\s", "", kept) and not re.fullmatch(r"[\s\d—\-－–第页共/PAGE]*", line):
                    problems.append(f"{name}: lost “{line[:20]}”")
            continue
        added = {n for (part, n), kinds in listed.items() if part == name and "add" in kinds}
        if len(old_ps) != len(new_ps) and set(range(len(old_ps), len(new_ps))) != added:
            problems.append(f"{name}: {len(old_ps)} paragraphs became {len(new_ps)}")
            continue
        if len(new_ps) > len(old_ps):  # paragraphs --fix added at the end (a page number), listed
            new_ps = new_ps[: len(old_ps)]
        if _pictures(root) > _pictures(after[name]):
            problems.append(f"{name}: a picture or shape was removed")
        for number, (old, new) in enumerate(zip(old_ps, new_ps)):
            kinds = listed.get((name, number), set())
            old_text, new_text = text(old), text(new)
            where = f"{name} ¶{number} “{old_text.strip()[:12]}”"
            if old_text != new_text:
                if "text" not in kinds:
                    problems.append(f"{where}: text changed without a listed change")
                lost = SEPARATORS.findall(old_text.strip())
                number_only = re.fullmatch(r"[\s\d—\-－–第页]*", old_text)  # a page number rewritten as — N —
                if len(SEPARATORS.findall(new_text.strip())) < len(lost) and not number_only:
                    problems.append(f"{where}: separating whitespace removed")
            if _properties(old) != _properties(new) and "format" not in kinds:
                problems.append(f"{where}: properties changed without a listed change")
            role = roles.get(number) if name == "word/document.xml" else None
            if role in PROTECTED_ROLES and _places(old) != _places(new):
                problems.append(f"{where}: {role} moved, resized or recoloured")
    return problems
