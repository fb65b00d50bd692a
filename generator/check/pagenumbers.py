"""Page numbers (7.5): — N — in 4号 half-width 宋体 digits, odd pages at the right and even pages at
the left, each indented one character; none on the 信函格式's first page (10.1). The digits print
in the run's Latin font, theme fonts resolved; a footer's side comes from a frame, its alignment or
its style. --fix adds or corrects the number and nothing else in a footer (issue 20): what else a
footer holds stays where it is and is reported.
"""
from __future__ import annotations

import re

from generator.check.document import CheckedDocument
from generator.check.docxformat import set_run_font
from generator.check.findings import Finding
from generator.ooxml import W
from generator.profile import Profile
from generator.text import patterns


def _finding(rule, message, reason, fix, where, severity="error") -> Finding:
    return Finding(rule, severity, "页面", 0, where, message, reason, fix, fixable=True)


_PAGE_FORM = patterns.compile(r"^—\s*\S+\s*—$")
PAGE_REASON = "GB/T 9704-2012 7.5：页码用 4 号半角宋体阿拉伯数字，数字左右各放一条一字线；单页码居右空一字，双页码居左空一字"
# A paragraph that holds nothing but a page number (— 1 —, - 1 -, 第 1 页): --fix may rewrite it.
_ONLY_NUMBER = patterns.compile(r"^[\s—\-－–]*(?:第\s*)?1(?:\s*页)?[\s—\-－–]*$")


def numbered_sections(doc: CheckedDocument) -> list:
    """The sections whose pages carry numbers: a bundle's 目录 and its blank pages have none."""
    sections = doc.document.sections
    contents = bool(doc.parts) and all(p.role in ("contents", "blank", "page_break") for p in doc.parts[0])
    return list(sections[1:] if contents and len(sections) > 1 else sections)


def check(doc: CheckedDocument, profile: Profile) -> list[Finding]:
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
    numbered_first = profile.forms["forms"][doc.form or "document"]["first_page_number"]  # 10.1: not in a 信函
    if first_page is not None and first_page.get(W + "val", "1") not in ("0", "false") and numbered_first \
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
    """Where the number stands: a text box's or a frame's place, else the paragraph's alignment
    (its style's too)."""
    fmt = doc.resolver.paragraph(paragraph)
    where = _box_side(paragraph) or fmt.frame_align or fmt.alignment or "left"
    return {"end": "right", "start": "left", "inside": "left", "outside": "right", "both": "left"}.get(where, where)


def _box_side(paragraph) -> str | None:
    """left, right or center when the paragraph sits in a text box placed that way on the page."""
    for ancestor in paragraph.iterancestors():
        if ancestor.tag == _WP + "anchor":
            align = ancestor.find(f"{_WP}positionH/{_WP}align")
            return align.text if align is not None else None
        style = ancestor.get("style") if ancestor.tag == "{urn:schemas-microsoft-com:vml}shape" else None
        if style:
            match = re.search(r"mso-position-horizontal:\s*(left|right|center)", style)
            return match.group(1) if match else None
    return None


_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


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
    found = None
    for paragraph in _visible(footer._element, W + "p"):
        fields = "".join(t.text or "" for t in _visible(paragraph, W + "instrText"))
        simple = [f.get(W + "instr", "") for f in _visible(paragraph, W + "fldSimple")]
        if "PAGE" in fields.upper() or any("PAGE" in s.upper() for s in simple):
            found = paragraph  # the innermost one: a number in a text box is the box's paragraph's
    return found


def fix_page_numbers(doc: CheckedDocument, profile: Profile, changes) -> None:
    """--fix: add or correct the page number, and nothing else in a footer. A paragraph that holds
    only the number is rewritten as — N — in 4号宋体 at its side; a footer without a number gets
    one after what it holds; everything else stays where it is and is reported."""
    plans = numbered_sections(doc)
    for section in plans:
        number_type = section._sectPr.find(W + "pgNumType")
        if number_type is not None and number_type.get(W + "fmt") == "numberInDash":
            del number_type.attrib[W + "fmt"]
            changes.part("word/document.xml", "page", "页码格式改为一字线“— 1 —”")
    settings = doc.document.settings
    if not settings.odd_and_even_pages_header_footer:
        others = [text for s in plans for text in _other_content(s.footer)]
        if others:  # even pages would lose what the footer holds besides the number
            changes.note(f"页脚中还有“{others[0][:20]}”，没有设置奇偶页不同（偶数页会没有这些内容）：请在 Word 中设置，并把这些内容也放进偶数页页脚")
        else:
            settings.odd_and_even_pages_header_footer = True
            changes.part("word/settings.xml", "page", "设置奇偶页不同：奇数页页码居右、偶数页居左")
    even_odd = settings.odd_and_even_pages_header_footer
    for number, section in enumerate(plans):
        for footer, side in [(section.footer, "right")] + ([(section.even_page_footer, "left")] if even_odd else []):
            if footer.is_linked_to_previous and number > 0:
                continue  # it shows the footer of the section before, repaired there
            _fix_footer(doc, footer, side, profile, changes)


def _other_content(footer) -> list[str]:
    """What a footer shows besides its page number: text, pictures, boxes."""
    if footer is None or footer.is_linked_to_previous:
        return []
    found = []
    for paragraph in footer._element.iter(W + "p"):
        if any(a.tag == W + "txbxContent" for a in paragraph.iterancestors()):
            continue  # read with the paragraph that holds the box
        text = _footer_text(paragraph).strip()
        if text and not _ONLY_NUMBER.match(text):
            found.append(text)
        elif not text and (paragraph.find(f".//{W}drawing") is not None or paragraph.find(f".//{W}pict") is not None):
            found.append("图片")
    return found


def _fix_footer(doc: CheckedDocument, footer, side: str, profile: Profile, changes) -> None:
    created = footer.is_linked_to_previous
    footer.is_linked_to_previous = False
    element, name = footer._element, footer.part.partname.lstrip("/")
    label = "奇数页" if side == "right" else "偶数页"
    what = f"{label}页码改为“— 1 —”4 号宋体，{'居右' if side == 'right' else '居左'}空一字"
    if created:  # a new footer part: python-docx's empty paragraph would push the number up a line
        for child in list(element):
            element.remove(child)
    paragraph = _footer_paragraph(footer)
    if paragraph is None:
        before = len(list(element.iter(W + "p")))
        kept = _other_content(footer)
        element.append(_number_paragraph(doc, side, profile))
        changes.part(name, "add", what, paragraph=before)
        if kept:
            changes.note(f"{label}页脚原有的“{kept[0][:20]}”保留未动，页码加在其后")
        return
    if not (_form(paragraph) or _font(doc, paragraph, profile) or _side(doc, paragraph) != side):
        return
    text = _footer_text(paragraph).strip()
    boxed = paragraph.find(f".//{W}txbxContent") is not None or paragraph.find(f".//{W}drawing") is not None or \
        any(a.tag == W + "txbxContent" for a in paragraph.iterancestors())
    if not _ONLY_NUMBER.match(text) or boxed:
        where = "放在文本框中" if boxed else f"与“{text[:20]}”同在一段"
        changes.note(f"{label}页码{where}，没有改动：请手工调整页码")
        return
    index = list(element.iter(W + "p")).index(paragraph)
    paragraph.getparent().replace(paragraph, _number_paragraph(doc, side, profile))
    changes.part(name, "text", what, paragraph=index)
    changes.part(name, "format", what, paragraph=index, count=False)


def _number_paragraph(doc: CheckedDocument, side: str, profile: Profile):
    """gwplan's own page-number paragraph (writers/docx), formatted directly: the document's
    footer style may be anything, or missing."""
    from docx.oxml import parse_xml

    from generator.writers.package import static_parts

    part = dict(static_parts(profile))["word/footer1.xml" if side == "right" else "word/footer2.xml"]
    paragraph = parse_xml(part).find(W + "p")
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    if style is not None and not doc.resolver.has_style(style.get(W + "val")):
        style.getparent().remove(style)
    indent = paragraph.find(f"{W}pPr/{W}ind")
    if indent is not None:
        indent.set(W + "firstLine", "0")
    for run in paragraph.iter(W + "r"):
        set_run_font(run, profile.fonts["page_number"], profile.page_number_size)
    return paragraph
