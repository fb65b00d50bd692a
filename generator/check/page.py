"""Page setup and page numbers: paper, margins, line grid, odd/even footers with — N —."""
from __future__ import annotations

import re

from generator.check.findings import Finding
from generator.check.document import CheckedDocument
from generator.ooxml import TWIPS_PER_MM, W
from generator.profile import Profile



def check(doc: CheckedDocument, profile: Profile) -> list[Finding]:
    found: list[Finding] = []
    for number, section in enumerate(doc.document.sections, 1):
        where = f"第 {number} 节" if len(doc.document.sections) > 1 else "全文"
        found += _paper(section._sectPr, profile, where)
        found += _margins(section._sectPr, profile, where)
        found += _grid(section._sectPr, doc, profile, where)
    found += page_numbers(doc, profile)
    return found


def _finding(rule, message, reason, fix, where, severity="error") -> Finding:
    return Finding(rule, severity, "页面", 0, where, message, reason, fix, fixable=True)


def _paper(sect, profile: Profile, where: str) -> list[Finding]:
    size = sect.find(W + "pgSz")
    width = int(size.get(W + "w", "0")) if size is not None else 0
    height = int(size.get(W + "h", "0")) if size is not None else 0
    tolerance = profile.tolerance
    if abs(width - profile.page_width) <= tolerance and abs(height - profile.page_height) <= tolerance:
        return []
    name = " (Letter)" if abs(width - 12240) < 60 and abs(height - 15840) < 60 else ""
    if abs(width - profile.page_height) <= tolerance and abs(height - profile.page_width) <= tolerance:
        name = "（横向）"
    return [
        _finding(
            "page.size",
            f"纸张是 {width / TWIPS_PER_MM:.0f} mm × {height / TWIPS_PER_MM:.0f} mm{name}，不是 A4 纵向",
            "GB/T 9704-2012 5.1：公文用纸采用 A4 型纸，210 mm × 297 mm",
            "页面设置 → 纸张大小选 A4，方向纵向",
            where,
        )
    ]


def _margins(sect, profile: Profile, where: str) -> list[Finding]:
    margins = sect.find(W + "pgMar")
    found = []
    expected = {"top": ("天头（上边距）", profile.top), "left": ("订口（左边距）", profile.left),
                "bottom": ("下边距", profile.bottom), "right": ("右边距", profile.right)}
    for side, (label, value) in expected.items():
        actual = int(float(margins.get(W + side, "0"))) if margins is not None else 0
        if abs(actual - value) > profile.tolerance:
            found.append(
                _finding(
                    f"page.margin.{side}",
                    f"{label}是 {actual / TWIPS_PER_MM:.1f} mm，应为 {value / TWIPS_PER_MM:.0f} mm",
                    "GB/T 9704-2012 5.2.1：天头 37 mm ± 1 mm，订口 28 mm ± 1 mm，版心 156 mm × 225 mm",
                    f"页面设置 → 页边距：{profile.margins_text}",
                    where,
                )
            )
    return found


def _grid(sect, doc: CheckedDocument, profile: Profile, where: str) -> list[Finding]:
    """22 lines a page: a line grid of the right pitch, or exact body line spacing of that pitch."""
    grid = sect.find(W + "docGrid")
    pitch = int(grid.get(W + "linePitch", "0")) if grid is not None and grid.get(W + "type") in ("lines", "linesAndChars") else 0
    body = next((p for p in doc.paragraphs if p.role == "body"), None)
    fmt = doc.resolver.paragraph(body.element) if body is not None else None
    exact = fmt is not None and fmt.line_rule == "exact" and abs((fmt.line or 0) - profile.line_pitch) <= 1
    gridded = abs(pitch - profile.line_pitch) <= 1 and (fmt is None or fmt.line_rule in (None, "auto") or exact)
    if exact or gridded:
        return []
    lines = (profile.page_height - profile.top - profile.bottom) / (fmt.line if fmt and fmt.line_rule == "exact" and fmt.line else pitch or 1)
    detail = f"（按现在的行距约 {lines:.1f} 行）" if 10 < lines < 40 else ""
    return [
        _finding(
            "page.grid",
            f"没有设置每面 {profile.lines_per_page} 行的版面{detail}",
            "GB/T 9704-2012 5.2.3：一般每面排 22 行，每行排 28 个字",
            f"页面设置 → 文档网格：只指定行网格，每页 {profile.lines_per_page} 行（行距 {profile.line_pitch / 20:g} 磅）",
            where,
            severity="warning",
        )
    ]


_PAGE_FORM = re.compile(r"^—\s*\S+\s*—$")
PAGE_REASON = "GB/T 9704-2012 7.5：页码用 4 号半角宋体阿拉伯数字，数字左右各放一条一字线；单页码居右空一字，双页码居左空一字"
# A paragraph that holds nothing but a page number (— 1 —, - 1 -, 第 1 页): --fix may rewrite it.
_ONLY_NUMBER = re.compile(r"^[\s—\-－–]*(?:第\s*)?1(?:\s*页)?[\s—\-－–]*$")


def numbered_sections(doc: CheckedDocument) -> list:
    """The sections whose pages carry numbers: a bundle's 目录 and its blank pages have none."""
    sections = doc.document.sections
    contents = bool(doc.parts) and all(p.role in ("contents", "blank", "page_break") for p in doc.parts[0])
    return list(sections[1:] if contents and len(sections) > 1 else sections)


def page_numbers(doc: CheckedDocument, profile: Profile) -> list[Finding]:
    plans = numbered_sections(doc)
    section = next((s for s in plans if _footer_paragraph(s.footer) is not None), plans[0] if plans else None)
    found = []
    odd = _footer_paragraph(section.footer) if section is not None else None  # no sectPr: Word's defaults, no footer
    if odd is None:
        return [_finding("footer.missing", "没有页码", PAGE_REASON, "插入页脚：— 1 —（4 号宋体），奇数页居右、偶数页居左", "页脚")]
    fmt_node = section._sectPr.find(W + "pgNumType")
    if fmt_node is not None and fmt_node.get(W + "fmt") == "numberInDash":
        found.append(_finding("footer.form", "页码格式是“- 1 -”（半字线）", PAGE_REASON, "页码两侧用一字线“—”，写成 — 1 —", "页脚"))
    else:
        found += [_finding("footer.form", problem, PAGE_REASON, "页码两侧各加一条一字线“—”", "页脚") for problem in _form(odd)]
    found += [_finding("footer.font", problem, PAGE_REASON, "页码设为 4 号宋体", "页脚") for problem in _font(doc, odd, profile)]
    first_page = section._sectPr.find(W + "titlePg")
    letter = doc.form == "letter"  # 10.1: the 信函格式's first page shows no number
    if first_page is not None and first_page.get(W + "val", "1") not in ("0", "false") and not letter \
            and _footer_paragraph(section.first_page_footer) is None:
        found.append(Finding("footer.first", "error", "页面", 0, "页脚", "首页不同，首页没有页码",
                             PAGE_REASON + "；只有版记页（及其前的空白页）不编排页码", "取消“首页不同”，或在首页页脚也插入页码"))
    if not doc.document.settings.odd_and_even_pages_header_footer:
        found.append(_finding("footer.odd-even", "奇偶页页码位置相同（没有设置奇偶页不同）", PAGE_REASON,
                              "页面设置 → 版式 → 奇偶页不同；奇数页页码居右、偶数页居左", "页脚"))
    else:
        even = _footer_paragraph(section.even_page_footer)
        for paragraph, side, label in ((odd, "right", "奇数页"), (even, "left", "偶数页")):
            if paragraph is None or _side(doc, paragraph) != side:
                found.append(_finding("footer.side", f"{label}页码没有{'居右' if side == 'right' else '居左'}", PAGE_REASON,
                                      f"{label}页码{'居右空一字' if side == 'right' else '居左空一字'}", "页脚", severity="warning"))
    return found


def _form(paragraph) -> list[str]:
    text = _footer_text(paragraph).strip()
    return [] if _PAGE_FORM.match(text) else [f"页码写成“{text}”，应为“— 1 —”"]


def _digit_run(paragraph):
    """The run whose font the page number is printed in: the field's result, else its code."""
    runs = list(_visible(paragraph, W + "r"))
    for wanted in (lambda r: any(re.search(r"\d", t.text or "") for t in r.findall(W + "t")),
                   lambda r: r.find(W + "instrText") is not None, lambda r: r.find(W + "t") is not None):
        run = next((r for r in runs if wanted(r)), None)
        if run is not None:
            return run
    return None


def _font(doc: CheckedDocument, paragraph, profile: Profile) -> list[str]:
    """Digits print in the run's Latin (ascii) font, theme fonts resolved as Word shows them."""
    run = _digit_run(paragraph)
    if run is None:
        return []
    fmt = doc.resolver.run(paragraph, run)
    accepted = profile.accepted_fonts("page_number")
    if fmt.ascii in accepted and fmt.size_pt == profile.page_number_size:
        return []
    font = fmt.ascii or "未指定的字体（Word 按默认字体显示）"
    size = f"{fmt.size_pt:g} 磅" if fmt.size_pt else "未指定字号"
    return [f"页码数字是{font} {size}，应为 4 号（14 磅）宋体"]


def _side(doc: CheckedDocument, paragraph) -> str:
    """Where the number stands: a frame's place, else the paragraph's alignment (its style's too)."""
    fmt = doc.resolver.paragraph(paragraph)
    where = fmt.frame_align or fmt.alignment or "left"
    return {"end": "right", "start": "left", "inside": "left", "outside": "right", "both": "left"}.get(where, where)


def _visible(element, *tags):
    """Elements under `element`, leaving out the copies Word keeps for older readers (mc:Fallback)."""
    for node in element.iter(*tags):
        if not any(a.tag == _FALLBACK for a in node.iterancestors()):
            yield node


_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _footer_text(paragraph) -> str:
    """The footer as printed: a PAGE field stands for its number (Word fills it in when it lays
    the page out, so a saved result may be missing or stale)."""
    out, depth, page = [], 0, False
    for node in _visible(paragraph, W + "t", W + "fldChar", W + "instrText", W + "fldSimple"):
        if node.tag == W + "fldSimple":
            out.append("1" if "PAGE" in node.get(W + "instr", "").upper() else "")
        elif node.tag == W + "fldChar":
            kind = node.get(W + "fldCharType")
            if kind == "begin":
                depth, page = depth + 1, False
            elif kind == "end":
                depth -= 1
                if page:
                    out.append("1")
        elif node.tag == W + "instrText":
            page = page or "PAGE" in (node.text or "").upper()
        elif depth == 0 and not any(a.tag == W + "fldSimple" for a in node.iterancestors()):
            out.append(node.text or "")
    return "".join(out)


def _footer_paragraph(footer):
    """The footer paragraph that holds a PAGE field, or None."""
    if footer is None or footer.is_linked_to_previous:
        return None
    for paragraph in footer._element.iter(W + "p"):
        fields = "".join(t.text or "" for t in paragraph.iter(W + "instrText"))
        simple = [f.get(W + "instr", "") for f in paragraph.iter(W + "fldSimple")]
        if "PAGE" in fields.upper() or any("PAGE" in s.upper() for s in simple):
            return paragraph
    return None
