"""Fonts (East Asian slot), sizes, colour, bold, indents, alignment and spacing of each paragraph,
by the part of the 公文 it is (profile.parts: the same model the writers use).

Formatting is resolved as Word does (docxformat.FormatResolver): direct formatting, character
style, paragraph style chain, document defaults.
"""
from __future__ import annotations

import re
from dataclasses import replace

from docx.oxml import parse_xml

from generator.check.document import CheckedDocument, Para
from generator.check.docxformat import child, paragraph_runs, set_run_font
from generator.check.findings import ChangeLog, Finding
from generator.check.masthead import is_red
from generator.check.wording import strip_typed_indent
from generator.ooxml import W
from generator.profile import Part, Profile
from generator.text import patterns, zhtext

BODY_ROLES = {"body", "heading1", "heading2", "heading3", "heading4"}
# Roles --fix may restyle. The 版头, 署名, 成文日期, seal placeholders, 附注 and 版记 are only reported:
# their places and sizes follow the unit's own layout (sealed or not, 信函, 命令, 纪要).
RESTYLED = BODY_ROLES | {"title", "appendix_title", "recipient", "attachment", "appendix_label"}
_HAS_CJK = patterns.compile(f"[{zhtext.CJK}]")
_SIZE_NAMES = {22.0: "2 号（22 磅）", 16.0: "3 号（16 磅）", 14.0: "4 号（14 磅）"}
SPACING_REASON = "GB/T 9704-2012 5.2.3：一般每面排 22 行，每行排 28 个字；段落之间不另加段前段后间距"


def check(doc: CheckedDocument, profile: Profile) -> list[Finding]:
    found: list[Finding] = []
    levels = {p.level for p in doc.paragraphs if p.role.startswith("heading")}
    for para in doc.paragraphs:
        part = _named(profile.parts.get(_part_key(para.role)), para.role, levels)
        if part is None or para.role == "seal" or para.in_table and para.role not in ("copy_to", "printed_by"):
            continue  # a seal placeholder is set as the unit likes it (often red): nothing to say
        found += _fonts(doc, para, part, profile)
        found += _layout(doc, para, part, profile)
    found += _spacing(doc, profile)
    return found


def _named(part: Part | None, role: str, levels: set[int]) -> Part | None:
    """A heading level named as the document has it: 第三层 only under 第一层 and 第二层; a
    notice's only list (1. 2. 3.) is its 条目."""
    if part is None or not role.startswith("heading") or role == "heading1":
        return part
    level = int(role[-1])
    if any(higher in levels for higher in range(1, level)):
        return part
    return replace(part, name={2: "“（一）”层标题", 3: "“1.”条目", 4: "“（1）”条目"}[level])


def _indent(value: float) -> str:
    """An indent as Word's paragraph dialog says it, to the quarter character, never negative."""
    amount = f"{round(abs(value) * 4) / 4:g}"
    return f"悬挂缩进 {amount} 个字" if value < -0.125 else f"首行缩进 {amount} 个字"


def _part_key(role: str) -> str:
    return role


def _finding(para: Para, part: Part, rule: str, message: str, fix: str, severity: str = "error", fixable: bool = True) -> Finding:
    return Finding(rule, severity, "字体字号", para.index, para.excerpt, message, part.clause, fix, fixable and para.certain and para.role in RESTYLED)


def checked_runs(para: Para):
    """Runs with Chinese text; for 一级/二级 headings only the heading itself, not run-in body text."""
    limit = None
    if para.role in ("heading1", "heading2"):
        stop = para.text.find("。")
        limit = stop if stop > 0 else None
    offset = len(para.label)
    for run in paragraph_runs(para.element):
        text = "".join(t.text or "" for t in run.findall(W + "t"))
        if limit is not None and offset >= limit:
            break
        if para.role == "doc_number" and (run.find(W + "tab") is not None or "签发人" in text):
            break  # 签发人 and the name after it have fonts of their own (7.2.6)
        offset += len(text)
        if _HAS_CJK.search(text) or para.role in ("copy_number", "page_number"):
            yield run


def font_name(name: str | None, theme: str | None = None) -> str:
    """A font as a clerk sees it in Word's font box."""
    if not name:
        return "未指定的字体（Word 按默认字体显示）"
    return f"{name}（主题字体）" if theme else name


def _fonts(doc: CheckedDocument, para: Para, part: Part, profile: Profile) -> list[Finding]:
    accepted = profile.accepted_fonts(part.font) if part.font else set()
    font_problem = size_problem = colour = None
    formats = [doc.resolver.run(para.element, run) for run in checked_runs(para)]
    bold = bool(formats) and all(fmt.bold for fmt in formats)
    for fmt in formats:
        if part.font and font_problem is None and fmt.east_asia not in accepted:
            font_problem = font_name(fmt.east_asia, fmt.east_asia_theme)
        if part.size and size_problem is None and fmt.size_pt != part.size:
            size_problem = f"{fmt.size_pt:g} 磅" if fmt.size_pt else "未设置字号"
        red = is_red(fmt.color)
        if colour is None and part.color and not red:
            colour = f"不是红色（{fmt.color or '自动'}）"
        elif colour is None and not part.color and fmt.color and fmt.color.lower() not in ("auto", "000000"):
            colour = f"有颜色（{fmt.color}）"
    found = []
    if font_problem:
        expected = profile.fonts[part.font]
        found.append(_finding(para, part, f"font.{para.role}", f"{part.name}的中文字体是{font_problem}，应为{expected}", f"字体改为{expected}（中文字体）"))
    if size_problem:
        name = _SIZE_NAMES.get(part.size, f"{part.size:g} 磅")
        found.append(_finding(para, part, f"size.{para.role}", f"{part.name}字号是{size_problem}，应为{name}", f"字号改为{name}"))
    if colour:
        fix = "字体颜色改为红色" if part.color else "字体颜色改为黑色（自动）"
        found.append(_finding(para, part, f"color.{para.role}", f"{part.name}{colour}", fix))
    if bold and para.role in ("title", "appendix_title", "heading1", "heading2"):
        found.append(_finding(para, part, f"bold.{para.role}", f"{part.name}加了粗（{profile.fonts.get(part.font, '')}本身已是标准字形）",
                              "取消加粗", severity="warning"))
    return found


def _layout(doc: CheckedDocument, para: Para, part: Part, profile: Profile) -> list[Finding]:
    """Alignment and indents. The 版头 and 版记 have places of their own (checked in structure)."""
    fmt = doc.format(para)
    found = []
    if para.in_header or para.role in ("signature", "date", "seal", "copy_to", "printed_by"):
        return found
    if part.align == "center" and fmt.alignment not in ("center", "distribute"):  # 分散对齐 fills the line: centred
        found.append(_finding(para, part, f"align.{para.role}", f"{part.name}没有居中", "段落设为居中"))
        return found
    if part.align == "center":
        return found
    if part.align == "left" and fmt.alignment in ("center", "right"):
        found.append(_finding(para, part, f"align.{para.role}", f"{part.name}应顶格居左，现在是{'居中' if fmt.alignment == 'center' else '右对齐'}", "段落设为左对齐"))
    elif fmt.alignment in ("center", "right"):
        found.append(_finding(para, part, f"align.{para.role}", f"{part.name}是{'居中' if fmt.alignment == 'center' else '右对齐'}排列", "段落设为两端对齐"))
    expected = part.indent if part.indent is not None else (2 if para.role in ("attachment", "note") else None)
    if expected is None:
        return found
    char = profile.body_size * 20
    typed = re.match(r"^[\u3000 \t]+", "".join(t.text or "" for t in para.element.iter(W + "t")))
    chars = (fmt.first_line_chars / 100) if fmt.first_line_chars else (fmt.first_line or 0) / char  # Chars="0" defers to twips (Word)
    left = (fmt.left or 0) / char
    if para.role == "attachment" and not para.text.strip().startswith("附件"):
        return found  # 2. 3. names line up under the first name, however that is done
    if abs(chars + left - expected) > 0.25:
        if expected == 2 and typed and chars + left < 0.25:
            found.append(_finding(para, part, f"indent.{para.role}", f"{part.name}用空格代替首行缩进", "删去行首空格，首行缩进设为 2 字符", severity="warning"))
        elif expected == 2:
            found.append(_finding(para, part, f"indent.{para.role}", f"{part.name}{_indent(chars + left)}，应为首行缩进 2 个字", "段落 → 特殊格式：首行缩进 2 字符"))
        else:
            found.append(_finding(para, part, f"indent.{para.role}", f"{part.name}应顶格，现在{_indent(chars + left)}", "首行缩进设为 0", severity="warning"))
    return found


def _spacing(doc: CheckedDocument, profile: Profile) -> list[Finding]:
    """Space before or after body paragraphs, and a line pitch other than the grid's 28.95 pt."""
    found = []
    spaced, pitched = [], []
    for para in doc.paragraphs:
        if para.role not in BODY_ROLES | {"recipient"} or para.in_table:  # 附件说明: its space above is its blank line
            continue
        fmt = doc.format(para)
        if (fmt.before or 0) > 20 or (fmt.after or 0) > 20:
            spaced.append(para)
        if fmt.line_rule == "exact" and fmt.line and abs(fmt.line - profile.line_pitch) > 15:
            pitched.append((para, f"固定值 {fmt.line / 20:g} 磅"))
        elif fmt.line_rule in (None, "auto") and fmt.line and fmt.line != 240:
            pitched.append((para, f"{fmt.line / 240:g} 倍行距"))
    if spaced:
        para = spaced[0]
        found.append(Finding("spacing.paragraph", "warning", "字体字号", para.index, para.excerpt,
                             f"{len(spaced)} 段正文设了段前或段后间距", SPACING_REASON, "段前、段后间距设为 0", True))
    if pitched:
        para, what = pitched[0]
        found.append(Finding("spacing.line", "error", "字体字号", para.index, para.excerpt,
                             f"{len(pitched)} 段正文的行距是{what}，每面排不成 {profile.lines_per_page} 行", SPACING_REASON,
                             f"行距设为固定值 {profile.line_pitch / 20:g} 磅（或按文档网格每页 {profile.lines_per_page} 行）", True))
    return found


# --- --fix ----------------------------------------------------------------------------------------


# Roles whose place on the page --fix may change (alignment, first-line indent).
_MOVABLE = RESTYLED


def fix_format(doc: CheckedDocument, para: Para, profile: Profile, changes: ChangeLog) -> None:
    """--fix: fonts, sizes, colour, bold, alignment, indent and spacing of a paragraph of certain role."""
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
            child(p_pr, "jc").set(W + "val", "center")
            changes.paragraph(para.element, "format", f"{part.name}改为居中")
        return
    if fmt.alignment in ("center", "right"):
        child(p_pr, "jc").set(W + "val", "left" if part.align == "left" else "both")
        changes.paragraph(para.element, "format", f"{part.name}改为{'左对齐' if part.align == 'left' else '两端对齐'}")
    indent_chars = part.indent if part.indent is not None else (2 if para.role in ("attachment", "note") else None)
    if indent_chars is None or (para.role == "attachment" and not para.text.strip().startswith("附件")):
        return
    chars = (fmt.first_line_chars / 100) if fmt.first_line_chars else (fmt.first_line or 0) / (profile.body_size * 20)
    chars += (fmt.left or 0) / (profile.body_size * 20)
    if abs(chars - indent_chars) > 0.25:
        indent = child(p_pr, "ind")
        for key in ("hanging", "hangingChars", "left", "leftChars", "start", "startChars"):
            indent.attrib.pop(W + key, None)
        indent.set(W + "firstLineChars", str(int(indent_chars * 100)))
        indent.set(W + "firstLine", str(round(indent_chars * profile.body_size * 20)))
        changes.paragraph(para.element, "format", f"{part.name}首行缩进改为 {indent_chars:g} 个字")
        if strip_typed_indent(para):
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
            child(r_pr, "color").set(W + "val", part.color)
            changes.paragraph(para.element, "format", f"{part.name}改为红色")
        elif not part.color and effective.color and effective.color.lower() not in ("auto", "000000"):
            child(r_pr, "color").attrib.clear()
            child(r_pr, "color").set(W + "val", "auto")
            changes.paragraph(para.element, "format", f"{part.name}的颜色改为黑色")
        if all_bold and para.role in ("title", "appendix_title", "heading1", "heading2"):  # bold words in text are the writer's
            child(r_pr, "b").set(W + "val", "0")
            changes.paragraph(para.element, "format", f"{part.name}取消加粗")


def _fix_spacing(doc: CheckedDocument, para: Para, profile: Profile, changes: ChangeLog) -> None:
    """No space before or after a paragraph of the text; its lines on the grid's pitch."""
    fmt = doc.format(para)
    if not ((fmt.before or 0) > 20 or (fmt.after or 0) > 20 or (fmt.line and fmt.line_rule == "exact" and abs(fmt.line - profile.line_pitch) > 15)
            or (fmt.line_rule in (None, "auto") and fmt.line and fmt.line != 240)):
        return
    spacing = child(para.element.get_or_add_pPr(), "spacing")
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
