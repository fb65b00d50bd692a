"""Where the text ends, measured with the writer's own line model (writers/pagination.py: the
22 × 28 grid, half-width digits, kinsoku, keep-with-next and widow control): a page holding only
the 署名 and 成文日期 (7.3.5.4), the date's offset from the 署名 (7.3.5), a title line of one
character (7.3.1), a wrapped 附件说明 not under the first character of the name (7.3.4).
Each finding names the page (counted from the document's first page; in a bundle, the plan's).
"""
from __future__ import annotations

import re

from generator.check.document import CheckedDocument, Para
from generator.check.docxformat import W
from generator.check.findings import Finding
from generator.profile import Profile
from generator.writers.closing import KEEP_REASON, chars, closing_starts
from generator.writers.pagination import (
    Measure,
    Paragraph,
    attachment_indents,
    measure_of,
    paginate,
)

TEXT_ROLES = {"recipient", "body", "heading1", "heading2", "heading3", "heading4", "attachment"}
TITLE_ROLES = {"title", "appendix_title"}
TOLERANCE = 0.25  # characters: where 7.3.5 puts the date, give or take a quarter character
ATTACHMENT_REASON = "GB/T 9704-2012 7.3.4：附件名称较长需回行时，应当与上一行附件名称的首字对齐"
TITLE_REASON = "GB/T 9704-2012 7.3.1：标题回行时要做到词意完整，排列对称，长短适宜，间距恰当"


def check(doc: CheckedDocument, profile: Profile, found_before: list[Finding] = ()) -> list[Finding]:
    """The findings; the date's offset is left out where places.py already placed the 署名 or date."""
    placed = {f.paragraph for f in found_before if f.rule in ("place.date", "place.signature")}
    measure = measure_of(profile)
    found: list[Finding] = []
    for part in doc.parts:
        lines = [_lines(para, doc, measure) for para in part]
        places = _places(part, lines, doc, profile)
        if _on_grid(part, doc, profile):
            found += _signature_page(part, lines, places)
        if not placed & {p.index for p in part if p.role in ("signature", "date")}:
            found += _date_offset(part, doc, measure, profile, places)
        found += _title_lines(part, lines, places, doc)
        found += _attachment_wrap(part, lines, doc, measure, places)
    return found


def _finding(para: Para, rule: str, message: str, reason: str, fix: str, severity: str = "error") -> Finding:
    return Finding(rule, severity, "结构", para.index, para.excerpt, message, reason, fix)


def _indents(para: Para, doc: CheckedDocument, profile: Profile) -> tuple[float, float]:
    """(left, first-line) indents in characters of the line model."""
    fmt = doc.format(para)
    char = profile.body_char_twips
    first = fmt.first_line_chars / 100 if fmt.first_line_chars else (fmt.first_line or 0) / char
    return (fmt.left or 0) / char, first


def _lines(para: Para, doc: CheckedDocument, measure: Measure) -> list[str]:
    """The lines the paragraph is set in (an empty one takes a line; the 版头 is measured apart)."""
    profile = measure.profile
    if para.in_header or para.role == "textbox":
        return []
    if para.role in TITLE_ROLES or para.role == "contents" and doc.format(para).style_id == "Title":
        return measure.broken(para.text.strip(), _size(para, doc) or profile.title_size) or [""]
    if para.in_table:
        return [para.text]
    left, first = _indents(para, doc, profile)
    return measure.broken(para.text, profile.body_size, first, left) or [""]


def _size(para: Para, doc: CheckedDocument) -> float:
    """The point size of the paragraph's first run with text (0 when none)."""
    run = next((r for r in para.element.iter(f"{W}r") if r.find(f"{W}t") is not None), None)
    return (doc.resolver.run(para.element, run).size_pt or 0.0) if run is not None else 0.0


def _on_grid(part: list[Para], doc: CheckedDocument, profile: Profile) -> bool:
    """Whether the text is set on the 22-line grid (exact line pitch), so that pages can be counted
    in lines; a document in single spacing or small type is not measured for pages."""
    body = [p for p in part if p.role in TEXT_ROLES and not p.in_table]
    exact = [p for p in body if doc.format(p).line_rule == "exact" and abs((doc.format(p).line or 0) - profile.line_pitch) <= profile.line_pitch / 10]
    return bool(body) and len(exact) >= len(body) / 2


def _places(part: list[Para], lines: list[list[str]], doc: CheckedDocument, profile: Profile) -> list[list[tuple[int, int]]]:
    """(page, row) of each line, pages from 0; the 版头 takes the rows above the title."""
    items = []
    for para in part:
        fmt = doc.format(para)
        items.append(Paragraph(
            "", para.text, page_break=para.new_page and para is not part[0],
            keep_next=para.element.find(f"{W}pPr/{W}keepNext") is not None, widow=fmt.widow_control,
        ))
    counts = [len(found) for found in lines]
    mark = next((p for p in part if p.role == "issuer_mark"), None)
    first_row = 0
    if mark is not None:  # the 版头 down to the title is measured in points, not lines
        title = next((i for i, p in enumerate(part) if p.role == "title"), 0)
        first_row = _header_rows(part[:title], doc, profile)
        counts[:title] = [0] * title
    return paginate(counts, items, profile.lines_per_page, first_row)


def _header_rows(header: list[Para], doc: CheckedDocument, profile: Profile) -> int:
    """Grid rows the paragraphs above the title take: their space before, their lines (exact, or
    the grid's) and the rule under the 发文字号; the title starts on the next whole row."""
    height = 0
    for para in header:
        fmt = doc.format(para)
        height += (fmt.before or 0) + (fmt.line if fmt.line_rule == "exact" and fmt.line else profile.line_pitch)
        border = para.element.find(f"{W}pPr/{W}pBdr/{W}bottom")
        if border is not None:
            height += int(border.get(f"{W}space", "0")) * 20 + int(border.get(f"{W}sz", "0")) * 20 // 8
    free = (profile.lines_per_page * profile.line_pitch - height) // profile.line_pitch
    return max(profile.lines_per_page - free, 0)


def _signature_page(part: list[Para], lines, places) -> list[Finding]:
    last = next((i for i, para in enumerate(part) if para.role == "date"), None)
    if last is None:
        return []
    first = next((i for i in range(last - 1, -1, -1) if part[i].role == "signature" and part[i].text.strip()), last)
    if first < last - 2 or not places[first] or not places[last]:
        first = last  # no 署名 right above the date: the date alone is checked
    if not places[last]:
        return []
    page = places[first][0][0]
    text = sum(1 for i in range(first) if part[i].role in TEXT_ROLES for p, _ in places[i] if p == page)
    if text and places[last][-1][0] == page:
        return []
    parted = places[last][-1][0] != page
    what = "署名和成文日期分在两页" if parted else f"第 {page + 1} 页只有署名和成文日期，没有正文"
    where = f"（第 {page + 1}–{page + 2} 页）" if parted else ""
    return [_finding(part[first], "layout.signature_page", f"{what}{where}（按 22 行 × 28 字的版面推算）", KEEP_REASON,
                     "紧缩最后几段的字距，或从上一段移两行到署名所在页，使署名、成文日期与正文同页")]


def _start(para: Para, doc: CheckedDocument, measure: Measure) -> float | None:
    """The column (characters from the left of the type area) of the paragraph's first character."""
    text = para.text
    if "\t" in text:
        return None  # set with tabs: not measured
    fmt = doc.format(para)
    profile = measure.profile
    left, first = _indents(para, doc, profile)
    right = (fmt.right or 0) / profile.body_char_twips
    lead = chars(measure, text[: len(text) - len(text.lstrip(" \u3000"))])
    width = chars(measure, text.strip())
    if fmt.alignment in ("right", "end"):
        return profile.chars_per_line - right - width
    if fmt.alignment == "center":
        return left + first + (profile.chars_per_line - left - first - right - width) / 2
    return left + first + lead


def _date_offset(part: list[Para], doc: CheckedDocument, measure: Measure, profile: Profile, places) -> list[Finding]:
    """The date's first character against the 署名's, where places.py measures the block at all
    (its form places them by 7.3.5.1/7.3.5.2, one 署名, no placeholder) and found it in place to
    its half character: here to a quarter, with the line model's widths."""
    signature = next((p for p in part if p.role == "signature" and p.certain), None)
    date = next((p for p in part if p.role == "date"), None)
    if signature is None or date is None or not profile.forms["forms"][doc.form or "document"]["signature_place"]:
        return []
    if re.search(r"\S(?: {2,}|\u3000+|\t)\S", signature.text.strip()) or signature.text.strip()[:1] in "[【［":
        return []  # several organs on one line, or a placeholder: not measured
    sig_start, date_start = _start(signature, doc, measure), _start(date, doc, measure)
    if sig_start is None or date_start is None:
        return []
    sig_text, date_text = signature.text.strip(), date.text.strip()
    shift = date_start - sig_start
    plain_sig, plain_date = closing_starts(sig_text, date_text, False, profile)
    sealed_sig, sealed_date = closing_starts(sig_text, date_text, True, profile)
    if abs(shift - (plain_date - plain_sig)) <= TOLERANCE or abs(shift - (sealed_date - sealed_sig)) <= TOLERANCE:
        return []
    sig_end, date_end = sig_start + chars(measure, sig_text), date_start + chars(measure, date_text)
    if abs(sig_end - date_end) <= TOLERANCE and abs(profile.chars_per_line - date_end - profile.sealed_date_right_chars) <= TOLERANCE:
        return []  # the date 右空四字 and the 署名 ending with it: offices' layout beside a seal pressed on paper
    page = places[part.index(date)][0][0] + 1 if places[part.index(date)] else 0
    return [_finding(date, "layout.date_offset",
                     f"第 {page} 页：成文日期首字比署名首字右移 {shift:.2f} 字，应为 {plain_date - plain_sig:g} 字"
                     f"（加盖印章时署名以日期为准居中：{sealed_date - sealed_sig:.2f} 字）",
                     profile.parts["date"].clause,
                     "不加盖印章：署名右空二字，成文日期首字比署名首字右移二字（日期较长时日期右空二字，署名随之左移）；"
                     "加盖印章：成文日期右空四字，署名以日期为准居中")]


def _title_lines(part: list[Para], lines, places, doc: CheckedDocument) -> list[Finding]:
    found = []
    for index, para in enumerate(part):
        if para.role not in TITLE_ROLES and not (para.role == "contents" and doc.format(para).style_id == "Title"):
            continue
        for number, line in enumerate(lines[index]):
            if len(re.sub(r"\s", "", line)) == 1:
                page = places[index][number][0] + 1 if number < len(places[index]) else 0
                found.append(_finding(para, "layout.title_line", f"第 {page} 页：标题第 {number + 1} 行只有一个字“{line.strip()}”",
                                      TITLE_REASON, "在词与词之间回行，使每行至少两个字、各行长短相近（梯形或菱形）"))
    return found


def _attachment_wrap(part: list[Para], lines, doc: CheckedDocument, measure: Measure, places) -> list[Finding]:
    found = []
    for index, para in enumerate(part):
        if para.role != "attachment" or len(lines[index]) < 2:
            continue
        left, first = _indents(para, doc, measure.profile)
        _, hanging = attachment_indents(para.text.strip(), measure)
        if hanging >= 0:
            continue  # no 附件： nor number: nothing to align with
        lead = chars(measure, para.text[: len(para.text) - len(para.text.lstrip())])
        name_at = left + first + lead - hanging  # the name's first character
        if abs(left - name_at) <= TOLERANCE:
            continue
        page = places[index][1][0] + 1
        found.append(_finding(para, "layout.attachment_wrap",
                              f"第 {page} 页：附件说明回行从第 {left:.1f} 字处开始，附件名称首字在第 {name_at:.1f} 字处，没有对齐",
                              ATTACHMENT_REASON, "段落设悬挂缩进：左缩进到附件名称首字处，悬挂缩进为“附件：”（和序号）的宽度"))
    return found
