"""gwplan check --fix: repair the mechanical findings into a new file, never the wording.

Repaired: page size and margins, the line grid, odd/even page-number footers, fonts, sizes,
colour and bold by paragraph role, first-line indents, alignment and spacing, half-width
punctuation and spaces in Chinese text, number ranges, heading marker forms, the 发文字号's brackets.
Text edits are computed on the whole paragraph and mapped back onto its runs, so the runs keep
their formatting and nothing else in the text moves. Safe by construction:
- words never change: only punctuation width, spaces, marker forms, range signs and the
  发文字号's brackets, and never inside quotation marks or 书名号 (a final 。 of a title, a date's
  digits, the 第 of a 发文字号 are reported with their fix, for a person to make);
- a paragraph whose role is not certain (a first line read as the title by position alone, an
  unrecognised element, a text box) keeps its formatting;
- the 版头 and the 版记 are never moved (no alignment or indent changes), 署名 and 成文日期 neither;
- a second run changes nothing (tests run it twice).
"""
from __future__ import annotations

import difflib
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from docx.oxml import parse_xml

from generator.text import zhtext
from generator.check.document import CheckedDocument, Para, load
from generator.check.formatting import BODY_ROLES, RESTYLED, checked_runs
from generator.check.structure import marker_fixable, fix_doc_brackets
from generator.check.wording import _TEXT_ROLES, TEXT_STAGES
from generator.ooxml import W
from generator.check.docxformat import insert_in_order, paragraph_runs, set_run_font
from generator.check.pagenumbers import fix_page_numbers
from generator.profile import Profile, load_profile
from generator.yamlio import atomic_write_bytes


@dataclass
class Change:
    """One change --fix made, where it made it: the audit (tests/fixaudit.py) diffs against these."""

    part: str  # word/document.xml, word/footer1.xml …
    paragraph: int  # the paragraph's number in its part, in document order; -1 for the part as a whole
    kind: str  # text | format | page | replace
    what: str  # in Chinese, as the report says it


class ChangeLog:
    """What --fix changed: each change with its paragraph, and the report's summary lines."""

    def __init__(self, doc: CheckedDocument):
        self.records: list[Change] = []
        self.counts: Counter = Counter()
        self._order = {p: n for n, p in enumerate(doc.document.element.iter(W + "p"))}

    def paragraph(self, element, kind: str, what: str) -> None:
        self.records.append(Change("word/document.xml", self._order.get(element, -1), kind, what))
        self.counts[what] += 1

    def part(self, name: str, kind: str, what: str, paragraph: int = -1, count: bool = True) -> None:
        self.records.append(Change(name, paragraph, kind, what))
        if count:
            self.counts[what] += 1

    def note(self, what: str) -> None:
        """Something --fix left alone on purpose, said in the report with the changes."""
        self.counts[what] += 1

    def summary(self) -> list[str]:
        return [f"{what}（{count} 处）" if count > 1 else what for what, count in self.counts.items()]


def fix_document(path: Path, output: Path, fonts: str = "standard", checked: CheckedDocument | None = None,
                 record: list | None = None) -> list[str]:
    """Write a repaired copy of `path` to `output`; returns what was changed, in Chinese.

    `checked` is the document check_document just read from `path` (checking leaves it as read):
    passing it saves reading the file and resolving its formats a second time. `record`, when
    given, receives every Change with the paragraph it was made in."""
    doc = checked or load(Path(path))
    profile = load_profile(fonts)
    changes = ChangeLog(doc)
    _fix_page(doc, profile, changes)
    fix_page_numbers(doc, profile, changes)
    for para in doc.paragraphs:
        _fix_text(para, changes)
        if para.role in RESTYLED and para.certain and not para.in_table:
            _fix_format(doc, para, profile, changes)
    buffer = io.BytesIO()
    doc.document.save(buffer)
    atomic_write_bytes(Path(output), buffer.getvalue())
    if record is not None:
        record.extend(changes.records)
    return changes.summary()


def _fix_page(doc: CheckedDocument, profile: Profile, changes: ChangeLog) -> None:
    for section in doc.document.sections:
        sect = section._sectPr
        size = sect.find(W + "pgSz")
        if size is None or abs(int(size.get(W + "w", 0)) - profile.page_width) > profile.tolerance or \
                abs(int(size.get(W + "h", 0)) - profile.page_height) > profile.tolerance:
            size = _child(sect, "pgSz")
            size.attrib.clear()
            size.set(W + "w", str(profile.page_width))
            size.set(W + "h", str(profile.page_height))
            changes.part("word/document.xml", "page", "纸张改为 A4 纵向")
        margins = _child(sect, "pgMar")
        wanted = {"top": profile.top, "bottom": profile.bottom, "left": profile.left, "right": profile.right}
        if any(abs(int(float(margins.get(W + k, 0))) - v) > profile.tolerance for k, v in wanted.items()):
            for key, value in wanted.items():
                margins.set(W + key, str(value))
            margins.set(W + "footer", str(profile.footer))
            margins.set(W + "header", margins.get(W + "header", "851"))
            margins.set(W + "gutter", "0")
            changes.part("word/document.xml", "page", f"页边距改为{profile.margins_text}")
        grid = _child(sect, "docGrid")
        if grid.get(W + "type") not in ("lines", "linesAndChars") or grid.get(W + "linePitch") != str(profile.line_pitch):
            grid.attrib.clear()
            grid.set(W + "type", "lines")
            grid.set(W + "linePitch", str(profile.line_pitch))
            changes.part("word/document.xml", "page", f"版面网格设为每面 {profile.lines_per_page} 行")


# Roles whose place on the page --fix may change (alignment, first-line indent).
_MOVABLE = RESTYLED


def _fix_format(doc: CheckedDocument, para: Para, profile: Profile, changes: ChangeLog) -> None:
    part = profile.parts[para.role]
    if part.font and part.size:
        # A list keeps the lxml proxies alive, so the same runs compare equal below.
        heading_runs = list(checked_runs(para)) if para.role in ("heading1", "heading2") else None
        changed = False
        runs = list(checked_runs(para)) if para.role == "doc_number" else paragraph_runs(para.element)  # not 签发人's name
        for run in runs:
            if run.find(W + "t") is None:
                continue
            role = part.font if heading_runs is None or run in heading_runs else "body"
            effective = doc.resolver.run(para.element, run)
            if effective.east_asia in profile.accepted_fonts(role) and effective.size_pt == part.size:
                continue  # already right (from its style or its own formatting): add nothing
            changed |= set_run_font(run, profile.fonts[role], part.size)
        if changed:
            changes.paragraph(para.element, "format", f"{part.name}字体字号改为{profile.fonts[part.font]} {part.size:g} 磅")
    _fix_colour_and_bold(doc, para, part, changes)
    if para.role not in _MOVABLE or para.in_header:
        return
    if para.role in BODY_ROLES | {"recipient"}:  # the 附件说明's space above may be its required blank line
        _fix_spacing(doc, para, profile, changes)
    p_pr = para.element.get_or_add_pPr()
    fmt = doc.format(para)
    if part.align == "center":
        if fmt.alignment not in ("center", "distribute"):
            _child(p_pr, "jc").set(W + "val", "center")
            changes.paragraph(para.element, "format", f"{part.name}改为居中")
        return
    if fmt.alignment in ("center", "right"):
        _child(p_pr, "jc").set(W + "val", "left" if part.align == "left" else "both")
        changes.paragraph(para.element, "format", f"{part.name}改为{'左对齐' if part.align == 'left' else '两端对齐'}")
    indent_chars = part.indent if part.indent is not None else (2 if para.role in ("attachment", "note") else None)
    if indent_chars is None or (para.role == "attachment" and not para.text.strip().startswith("附件")):
        return
    chars = (fmt.first_line_chars / 100) if fmt.first_line_chars is not None else (fmt.first_line or 0) / (profile.body_size * 20)
    chars += (fmt.left or 0) / (profile.body_size * 20)
    if abs(chars - indent_chars) > 0.25:
        indent = _child(p_pr, "ind")
        for key in ("hanging", "hangingChars", "left", "leftChars", "start", "startChars"):
            indent.attrib.pop(W + key, None)
        indent.set(W + "firstLineChars", str(int(indent_chars * 100)))
        indent.set(W + "firstLine", str(round(indent_chars * profile.body_size * 20)))
        changes.paragraph(para.element, "format", f"{part.name}首行缩进改为 {indent_chars:g} 个字")
        if _strip_typed_indent(para):
            changes.paragraph(para.element, "text", f"{part.name}删去代替缩进的行首空格")


def _fix_colour_and_bold(doc: CheckedDocument, para: Para, part, changes: ChangeLog) -> None:
    """Black text (the 标志 red), and no bold on titles, headings and text."""
    from generator.check.masthead import is_red

    runs = [(run, doc.resolver.run(para.element, run)) for run in checked_runs(para)]
    all_bold = bool(runs) and all(effective.bold for _, effective in runs)
    for run, effective in runs:
        needs_colour = (part.color and not is_red(effective.color)) or (
            not part.color and effective.color and effective.color.lower() not in ("auto", "000000"))
        if not needs_colour and not (all_bold and para.role in ("title", "appendix_title", "heading1", "heading2")):
            continue
        r_pr = run.find(W + "rPr")
        if r_pr is None:
            r_pr = parse_xml(f'<w:rPr xmlns:w="{W[1:-1]}"/>')
            run.insert(0, r_pr)
        if part.color and not is_red(effective.color):
            _child(r_pr, "color").set(W + "val", part.color)
            changes.paragraph(para.element, "format", f"{part.name}改为红色")
        elif not part.color and effective.color and effective.color.lower() not in ("auto", "000000"):
            _child(r_pr, "color").attrib.clear()
            _child(r_pr, "color").set(W + "val", "auto")
            changes.paragraph(para.element, "format", f"{part.name}的颜色改为黑色")
        if all_bold and para.role in ("title", "appendix_title", "heading1", "heading2"):  # bold words in text are the writer's
            _child(r_pr, "b").set(W + "val", "0")
            changes.paragraph(para.element, "format", f"{part.name}取消加粗")


def _fix_spacing(doc: CheckedDocument, para: Para, profile: Profile, changes: ChangeLog) -> None:
    """No space before or after a paragraph of the text; its lines on the grid's pitch."""
    fmt = doc.format(para)
    if not ((fmt.before or 0) > 20 or (fmt.after or 0) > 20 or (fmt.line and fmt.line_rule == "exact" and abs(fmt.line - profile.line_pitch) > 15)
            or (fmt.line_rule in (None, "auto") and fmt.line and fmt.line != 240)):
        return
    spacing = _child(para.element.get_or_add_pPr(), "spacing")
    if (fmt.before or 0) > 20 or (fmt.after or 0) > 20:
        spacing.set(W + "before", "0")
        spacing.set(W + "after", "0")
        for key in ("beforeLines", "afterLines", "beforeAutospacing", "afterAutospacing"):
            spacing.attrib.pop(W + key, None)
        changes.paragraph(para.element, "format", "正文段前、段后间距改为 0")
    wrong_exact = fmt.line_rule == "exact" and fmt.line and abs(fmt.line - profile.line_pitch) > 15
    wrong_auto = fmt.line_rule in (None, "auto") and fmt.line and fmt.line != 240
    if wrong_exact or wrong_auto:
        spacing.set(W + "line", str(profile.line_pitch))
        spacing.set(W + "lineRule", "exact")
        changes.paragraph(para.element, "format", f"正文行距改为固定值 {profile.line_pitch / 20:g} 磅")


def _fix_text(para: Para, changes: ChangeLog) -> None:
    """Text repairs, one kind at a time so each small edit lands in the run it belongs to."""
    if para.role not in _TEXT_ROLES | {"date", "doc_number"}:
        return
    stages = []
    if para.role.startswith("heading") and para.marker_problem and marker_fixable(para):
        stages.append(("标题序号改为规范写法", zhtext.normalize_marker))  # before 二. can look like a full stop
    stages += [("半角标点、空格、数值范围改为规范写法", fix_stage) for fix_stage in TEXT_STAGES]
    if para.role == "doc_number" and "签发人" not in para.text:
        stages.append(("发文字号的年份改用六角括号〔〕", lambda t: fix_doc_brackets(t.strip())))
    for what, stage in stages:
        nodes = _text_nodes(para)
        old = "".join(node.text or "" for node in nodes)
        new = stage(old)
        if new != old:
            _apply_edit(nodes, old, new)
            changes.paragraph(para.element, "text", what)


def _text_nodes(para: Para) -> list:
    return [text for run in paragraph_runs(para.element) for text in run.iterchildren(W + "t")]


def _apply_edit(nodes: list, old: str, new: str) -> None:
    """Apply the edit old → new to the text nodes, each change landing in the run it touches."""
    if len(nodes) == 1:  # one run, the usual case: it takes the whole new text
        _set_texts(nodes, [new])
        return
    owner, texts = [], [list(node.text or "") for node in nodes]
    for number, text in enumerate(texts):
        owner += [(number, offset) for offset in range(len(text))]
    if len(old) == len(new):  # character for character (punctuation width): no diff needed
        for index, (a, b) in enumerate(zip(old, new)):
            if a != b:
                number, offset = owner[index]
                texts[number][offset] = b
        _set_texts(nodes, texts)
        return
    removed = _deleted(old, new)
    if removed is not None:  # characters taken out (spaces): delete each from its run, last first
        for index in reversed(removed):
            number, offset = owner[index]
            del texts[number][offset]
        _set_texts(nodes, texts)
        return
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        for index in range(i2 - 1, i1 - 1, -1):  # delete the old characters, last first
            number, offset = owner[index]
            del texts[number][offset]
        if tag == "replace" and i2 - i1 == j2 - j1:  # character for character: each stays in its run
            for k in range(i2 - i1):
                number, offset = owner[i1 + k]
                texts[number][offset:offset] = [new[j1 + k]]
            continue
        if j2 > j1:  # the new text goes where the old span began (or after the character before it)
            if i1 < len(owner):
                number, offset = owner[i1]
            else:
                number, offset = owner[-1][0], len(texts[owner[-1][0]])
            texts[number][offset:offset] = list(new[j1:j2])
    _set_texts(nodes, texts)


def _set_texts(nodes: list, texts: list) -> None:
    for node, text in zip(nodes, texts):
        node.text = "".join(text)
        if node.text != node.text.strip():  # Word drops unprotected leading and trailing spaces
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _deleted(old: str, new: str) -> list[int] | None:
    """The indices of `old` whose removal gives `new`, when that is all the edit does; else None."""
    if len(new) >= len(old):
        return None
    removed, j = [], 0
    for i, char in enumerate(old):
        if j < len(new) and new[j] == char:
            j += 1
        else:
            removed.append(i)
    return removed if j == len(new) else None


def _strip_typed_indent(para: Para) -> bool:
    nodes = _text_nodes(para)
    if nodes and nodes[0].text and nodes[0].text != nodes[0].text.lstrip(" \u3000\t"):
        nodes[0].text = nodes[0].text.lstrip(" \u3000\t")
        return True
    return False


def _child(parent, name: str):
    """The child element `name` of `parent`, created in schema order when missing."""
    node = parent.find(W + name)
    if node is None:
        node = parent.makeelement(W + name, {})
        insert_in_order(parent, node)
    return node


# Child order of the property elements --fix creates (ECMA-376 CT_SectPr, CT_PPr, CT_RPr), in full:
# an element appended after a later sibling (rFonts after w:lang) is a schema error Word may ignore.
def _val(parent, name: str):
    node = parent.find(W + name)
    return node.get(W + "val") if node is not None else None

