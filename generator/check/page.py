"""Page setup: paper, margins, line grid; the page numbers are pagenumbers.py's."""
from __future__ import annotations


from generator.check.docxformat import child
from generator.check.findings import ChangeLog, Finding
from generator.check.document import CheckedDocument
from generator.check import pagenumbers
from generator.ooxml import TWIPS_PER_MM, W
from generator.profile import Profile



def check(doc: CheckedDocument, profile: Profile) -> list[Finding]:
    found: list[Finding] = []
    for number, section in enumerate(doc.document.sections, 1):
        where = f"第 {number} 节" if len(doc.document.sections) > 1 else "全文"
        found += _paper(section._sectPr, profile, where)
        found += _margins(section._sectPr, profile, where)
        found += _grid(section._sectPr, doc, profile, where)
    found += pagenumbers.check(doc, profile)
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


def fix_page_setup(doc: CheckedDocument, profile: Profile, changes: ChangeLog) -> None:
    """--fix: paper, margins and the line grid of every section, as the profile has them."""
    for section in doc.document.sections:
        sect = section._sectPr
        size = sect.find(W + "pgSz")
        if size is None or abs(int(size.get(W + "w", 0)) - profile.page_width) > profile.tolerance or \
                abs(int(size.get(W + "h", 0)) - profile.page_height) > profile.tolerance:
            size = child(sect, "pgSz")
            size.attrib.clear()
            size.set(W + "w", str(profile.page_width))
            size.set(W + "h", str(profile.page_height))
            changes.part("word/document.xml", "page", "纸张改为 A4 纵向")
        margins = child(sect, "pgMar")
        wanted = {"top": profile.top, "bottom": profile.bottom, "left": profile.left, "right": profile.right}
        if any(abs(int(float(margins.get(W + k, 0))) - v) > profile.tolerance for k, v in wanted.items()):
            for key, value in wanted.items():
                margins.set(W + key, str(value))
            margins.set(W + "footer", str(profile.footer))
            margins.set(W + "header", margins.get(W + "header", "851"))
            margins.set(W + "gutter", "0")
            changes.part("word/document.xml", "page", f"页边距改为{profile.margins_text}")
        grid = child(sect, "docGrid")
        if grid.get(W + "type") not in ("lines", "linesAndChars") or grid.get(W + "linePitch") != str(profile.line_pitch):
            grid.attrib.clear()
            grid.set(W + "type", "lines")
            grid.set(W + "linePitch", str(profile.line_pitch))
            changes.part("word/document.xml", "page", f"版面网格设为每面 {profile.lines_per_page} 行")
