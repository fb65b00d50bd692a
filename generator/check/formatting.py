"""Fonts (East Asian slot), sizes, first-line indent and alignment of each paragraph by its role.

Formatting is resolved as Word does (docxformat.FormatResolver): direct formatting, character
style, paragraph style chain, document defaults.
"""
from __future__ import annotations

import re

from generator import zhtext
from generator.check import Finding
from generator.check.document import CheckedDocument, Para
from generator.docxformat import W
from generator.profile import Profile

# role → (font role in the profile, size key, first-line indent in characters or None, label)
EXPECTED = {
    "title": ("title", "title", None, "标题"),
    "heading1": ("heading1", "body", 2, "一级标题"),
    "heading2": ("heading2", "body", 2, "二级标题"),
    "heading3": ("heading3", "body", 2, "三级标题"),
    "heading4": ("heading4", "body", 2, "四级标题"),
    "body": ("body", "body", 2, "正文"),
    "recipient": ("body", "body", 0, "主送机关"),
    "attachment": ("body", "body", None, "附件说明"),
    "signature": ("body", "body", None, "署名"),
    "date": ("body", "body", None, "成文日期"),
}
REASONS = {
    "title": "GB/T 9704-2012 7.3.1：标题一般用 2 号小标宋体字，居中排布",
    "heading1": "GB/T 9704-2012 7.3.3：第一层“一、”用黑体字；正文用 3 号仿宋体字，每个自然段左空二字",
    "heading2": "GB/T 9704-2012 7.3.3：第二层“（一）”用楷体字；每个自然段左空二字",
    "heading3": "GB/T 9704-2012 7.3.3：第三层“1.”用仿宋体字",
    "heading4": "GB/T 9704-2012 7.3.3：第四层“（1）”用仿宋体字",
    "body": "GB/T 9704-2012 7.3.3：正文用 3 号仿宋体字，每个自然段左空二字，回行顶格",
    "recipient": "GB/T 9704-2012 7.3.2：主送机关居左顶格，用 3 号仿宋体字",
    "attachment": "GB/T 9704-2012 7.3.4：附件说明用 3 号仿宋体字",
    "signature": "GB/T 9704-2012 7.3.5：署名用 3 号仿宋体字",
    "date": "GB/T 9704-2012 7.3.5：成文日期用 3 号仿宋体字",
}
_HAS_CJK = re.compile(f"[{zhtext.CJK}]")


def check(doc: CheckedDocument, profile: Profile) -> list[Finding]:
    found: list[Finding] = []
    for para in doc.paragraphs:
        if para.role in EXPECTED:
            found += _fonts(doc, para, profile)
            found += _layout(doc, para, profile)
    return found


def _finding(para: Para, rule: str, message: str, fix: str, severity: str = "error", fixable: bool = True) -> Finding:
    return Finding(rule, severity, "字体字号", para.index, para.excerpt, message, REASONS[para.role], fix, fixable)


def _checked_runs(para: Para):
    """Runs with Chinese text; for 一级/二级 headings only the heading itself, not run-in body text."""
    limit = None
    if para.role in ("heading1", "heading2"):
        stop = para.text.find("。")
        limit = stop if stop > 0 else None
    offset = len(para.label)
    for run in para.element.xpath("./w:r|./*/w:r"):
        text = "".join(t.text or "" for t in run.findall(W + "t"))
        if limit is not None and offset >= limit:
            break
        offset += len(text)
        if _HAS_CJK.search(text):
            yield run


def _fonts(doc: CheckedDocument, para: Para, profile: Profile) -> list[Finding]:
    font_role, size_key, _, label = EXPECTED[para.role]
    accepted = profile.accepted_fonts(font_role)
    expected_font = profile.fonts[font_role]
    expected_size = profile.title_size if size_key == "title" else profile.body_size
    font_problem = size_problem = None
    for run in _checked_runs(para):
        fmt = doc.resolver.run(para.element, run)
        if font_problem is None and fmt.east_asia not in accepted:
            if fmt.east_asia is None and fmt.east_asia_theme:
                font_problem = f"主题字体（{fmt.east_asia_theme}）"
            else:
                font_problem = fmt.east_asia or "未设置中文字体"
        if size_problem is None and fmt.size_pt != expected_size:
            size_problem = f"{fmt.size_pt:g} 磅" if fmt.size_pt else "未设置字号"
    found = []
    if font_problem:
        found.append(_finding(para, f"font.{para.role}", f"{label}的中文字体是{font_problem}，应为{expected_font}", f"字体改为{expected_font}（中文字体）"))
    if size_problem:
        size_name = "2 号（22 磅）" if size_key == "title" else "3 号（16 磅）"
        found.append(_finding(para, f"size.{para.role}", f"{label}字号是{size_problem}，应为{size_name}", f"字号改为{size_name}"))
    return found


def _layout(doc: CheckedDocument, para: Para, profile: Profile) -> list[Finding]:
    fmt = doc.resolver.paragraph(para.element)
    _, size_key, indent_chars, label = EXPECTED[para.role]
    found = []
    if para.role == "title":
        if fmt.alignment != "center":
            found.append(_finding(para, "align.title", "标题没有居中", "段落设为居中"))
        return found
    if fmt.alignment in ("center", "right") and para.role not in ("signature", "date"):
        found.append(_finding(para, f"align.{para.role}", f"{label}是{'居中' if fmt.alignment == 'center' else '右对齐'}排列", "段落设为两端对齐"))
    if indent_chars is None:
        return found
    char = profile.body_size * 20
    typed = re.match(r"^[\u3000 \t]+", "".join(t.text or "" for t in para.element.iter(W + "t")))
    chars = (fmt.first_line_chars / 100) if fmt.first_line_chars is not None else (fmt.first_line or 0) / char
    if abs(chars - indent_chars) > 0.25:
        if indent_chars == 2 and typed and chars < 0.25:
            found.append(_finding(para, f"indent.{para.role}", f"{label}用空格代替首行缩进", "删去行首空格，首行缩进设为 2 字符", severity="warning"))
        elif indent_chars == 2:
            found.append(_finding(para, f"indent.{para.role}", f"{label}首行缩进是 {chars:g} 个字，应为 2 个字", "段落 → 特殊格式：首行缩进 2 字符"))
        else:
            found.append(_finding(para, f"indent.{para.role}", f"{label}应顶格，现在首行缩进 {chars:g} 个字", "首行缩进设为 0", severity="warning"))
    return found
