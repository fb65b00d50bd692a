"""Where the parts of a 公文 stand: the 版头 (7.2), 署名 and 成文日期 with or without a seal (7.3.5),
附注 and 附件 (7.3.6, 7.3.7), the 版记 (7.4); blank lines inside the text; what could not be
recognised at all. Fonts and sizes are formatting.py's; this module checks places and forms.
"""
from __future__ import annotations

import re

from generator.text import zhtext
from generator.check.findings import Finding
from generator.check.document import CheckedDocument, Para
from generator.ooxml import W
from generator.profile import Profile

TEXT_ROLES = {"body", "heading1", "heading2", "heading3", "heading4"}
UNKNOWN_REASON = "GB/T 9704-2012 第 7 章：公文由版头、主体、版记组成，各要素有规定的位置"
TEXTBOX_REASON = "GB/T 9704-2012 7.3.3：正文在版心内连续排列；文本框中的文字不随正文排版，常在打印或转换时错位"


def check(doc: CheckedDocument, profile: Profile) -> list[Finding]:
    found: list[Finding] = []
    for part in doc.parts:
        found += _header(part, doc, profile) + _closing(part, doc, profile) + _blanks(part) + _appendices(part)
    for para in doc.paragraphs:
        if para.role == "unknown":
            found.append(_finding(para, "part.unknown", "未能识别这一段是公文的哪个部分（成文日期之后只应有附注、印章或版记）",
                                  UNKNOWN_REASON, "核对这一段应放在哪里，或删去", severity="warning"))
        elif para.role == "textbox":
            found.append(_finding(para, "part.textbox", "文字放在文本框里", TEXTBOX_REASON, "把文字移到正文中", severity="warning"))
        elif para.role == "no_body":
            found.append(_finding(para, "part.no_body", "用了“此页无正文”", _reason(profile, "seal") + "；不得采用“此页无正文”的方法解决",
                                  "调整行距、字距，使署名、成文日期与正文同页，删去“此页无正文”"))
    return found


def _finding(para: Para, rule: str, message: str, reason: str, fix: str, fixable: bool = False, severity: str = "error") -> Finding:
    return Finding(rule, severity, "结构", para.index, para.excerpt, message, reason, fix, fixable)


def _reason(profile: Profile, role: str) -> str:
    return profile.parts[role].clause


def _header(part: list[Para], doc: CheckedDocument, profile: Profile) -> list[Finding]:
    found = []
    mark = next((p for p in part if p.role == "issuer_mark"), None)
    number = next((p for p in part if p.role == "doc_number"), None)
    signer = next((p for p in part if p.role == "signer" or (p.role == "doc_number" and "签发人" in p.text)), None)
    for para in part:
        if para.role == "copy_number" and not re.fullmatch(r"\d{6}", para.text.strip()):
            found.append(_finding(para, "header.copy_number", f"份号“{para.text.strip()}”不是 6 位数字", _reason(profile, "copy_number"),
                                  "写成 6 位阿拉伯数字，如 000012"))
    if mark is not None and doc.format(mark).alignment not in ("center", "distribute"):
        found.append(_finding(mark, "header.mark_place", "发文机关标志没有居中", _reason(profile, "issuer_mark"), "段落设为居中"))
    letter = doc.form == "letter" or (mark is not None and number is not None and mark.index < number.index
                                       and _rule_between(part, mark, number))
    title = " ".join(p.text.strip() for p in part if p.role == "title")
    upward = signer is not None or title.endswith(tuple(profile.forms["upward"]["title_ends"]))  # 上行文 (7.2.5)
    form = profile.forms["forms"][doc.form or "document"]
    if number is not None:
        alignment = doc.format(number).alignment
        if letter and alignment in ("right", "end"):
            pass  # 信函格式: the 发文字号 at the right below the red double rule
        elif doc.form in ("order", "minutes") or (upward and signer is None):
            pass  # a 令号 or 纪要 number, or a 上行文 whose 签发人 is not given: placed as the unit likes
        elif signer is None and alignment != "center":
            found.append(_finding(number, "header.number_place", "发文字号没有居中", _reason(profile, "doc_number"), "段落设为居中"))
        elif signer is not None and alignment == "center" and "\t" not in number.text:
            found.append(_finding(number, "header.number_place", "有签发人的上行文，发文字号应居左空一字", _reason(profile, "signer"),
                                  "发文字号居左空一字，签发人居右空一字，排在同一行"))
    if mark is not None and number is not None and form["red_rule"] and not _has_rule(part, number):
        found.append(_finding(number, "header.rule", "版头没有红色分隔线", _reason(profile, "red_rule"),
                              "在发文字号之下 4 mm 处加一条与版心等宽的红色分隔线", severity="warning"))
    return found


def _has_rule(part: list[Para], number: Para) -> bool:
    """A line in the 版头: a paragraph border (under the 字号, or the 信函格式's under the 标志),
    a rule paragraph, or a drawn line."""
    title = next((p.index for p in part if p.role == "title"), number.index + 4)
    return any(p.role == "red_rule" for p in part) or any(
        p.element.find(f"{W}pPr/{W}pBdr") is not None or p.element.find(f".//{W}drawing") is not None
        or p.element.find(f".//{W}pict") is not None
        for p in part if p.in_header
    ) or any(_bordered_table(p) for p in part if p.in_table and not p.text.strip() and number.index < p.index < title)


def _bordered_table(para: Para) -> bool:
    """An empty table drawn only for its border: a rule."""
    table = next((a for a in para.element.iterancestors() if a.tag == W + "tbl"), None)
    return table is not None and table.find(f"{W}tblPr/{W}tblBorders") is not None


def _rule_between(part: list[Para], mark: Para, number: Para) -> bool:
    return any(
        p.element.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None or p.role == "red_rule"
        for p in part if mark.index <= p.index < number.index
    )


def _closing(part: list[Para], doc: CheckedDocument, profile: Profile) -> list[Finding]:
    """署名 and 成文日期 where 7.3.5 puts them; 附件说明 names without final punctuation; 附注 in ()."""
    found = []
    signature = next((p for p in part if p.role == "signature" and p.certain), None)
    date = next((p for p in part if p.role == "date"), None)
    closing = [p for p in part if p.role in ("signature", "date", "seal")]
    sealed = any(p.role == "seal" for p in part) or any(
        p.element.find(f".//{W}drawing") is not None or p.element.find(f".//{W}pict") is not None for p in closing)
    placeholder = any(p.text.strip().startswith(("[", "【", "［")) for p in (signature, date) if p)  # [发文单位]: no width
    # A 命令's 签发人 title and 签名章 (7.3.5.3) and the 署名 of several organs on one line are set
    # as the office sets them: not measured.
    several = signature is not None and re.search(r"\S(?: {2,}|\u3000+|\t)\S", signature.text.strip())
    measured = profile.forms["forms"][doc.form or "document"]["signature_place"]
    if date is not None and not placeholder and measured and not several:
        found += _positions(signature, date, sealed, doc, profile)
    for para in part:
        text = para.text.strip()
        if para.role == "attachment" and re.search(r"[。，；：、.,;:]$", text):
            found.append(_finding(para, "attachment.punct", "附件名称后加了标点", _reason(profile, "attachment") + "；附件名称后不加标点符号",
                                  "删去附件名称末尾的标点"))
    return found


def _positions(signature: Para | None, date: Para, sealed: bool, doc: CheckedDocument, profile: Profile) -> list[Finding]:
    """7.3.5.2 without a seal: 署名 right-indented 2 characters, the date's first character 2 to the right
    of the 署名's. 7.3.5.1 with a seal: the date right-indented 4, the 署名 centred over it. A date
    right-indented 4 with the 署名 ending where it ends is accepted beside a seal, as offices set it."""
    line = profile.chars_per_line
    date_start, date_width = _start(date, doc, profile), zhtext.text_width(date.text.strip())
    if date_start is None or signature is None:
        return []
    sig_start, sig_width = _start(signature, doc, profile), zhtext.text_width(signature.text.strip())
    if sig_start is None:
        return []
    date_right = line - date_start - date_width
    sig_right = line - sig_start - sig_width
    rules = profile.forms["signature_blocks"]["sealed"]
    offset = abs((sig_start + sig_width / 2) - (date_start + date_width / 2))
    centred = offset <= rules["centre_tolerance_chars" if sealed else "centre_tolerance_without_seal_chars"]
    # The seal is often pressed on paper after printing: a date right-indented 4 with the 署名
    # centred over it is the sealed layout even without a seal in the file.
    seal_layout = abs(date_right - rules["date_right_chars"]) <= 0.5 and (centred or (sealed and abs(sig_right - date_right) <= 0.5))
    # A date longer than the 署名 keeps two characters at the right, and the 署名 moves left with it.
    shifted = abs(date_start - sig_start - 2) <= 0.5
    plain_layout = shifted and (abs(sig_right - 2) <= 0.5 or (abs(date_right - 2) <= 0.5 and sig_right > 2))
    expected_date = min(line - 2 - sig_width + 2, line - 2 - date_width)  # where the date goes beside a right 署名
    if seal_layout or plain_layout or sig_right < 0 or date_right < 0:
        return []  # negative: the line wraps or is placed some other way; nothing to measure
    found = []
    if sealed:
        found.append(_finding(date, "place.date", f"加盖印章时成文日期应右空四字，现在右空 {chars(date_right)} 字", _reason(profile, "date"), "成文日期右空四字"))
        if not centred:
            found.append(_finding(signature, "place.signature", "加盖印章时署名应以成文日期为准居中", _reason(profile, "signature"), "署名居中对齐成文日期"))
    else:
        long_date = date_width > sig_width + 2
        if abs(sig_right - 2) > 0.5 and not long_date:
            found.append(_finding(signature, "place.signature", f"署名应右空二字，现在右空 {chars(sig_right)} 字", _reason(profile, "signature"), "署名右空二字"))
        if not shifted or abs(date_start - expected_date) > 0.5:
            found.append(_finding(date, "place.date", "成文日期首字应比署名首字右移二字", _reason(profile, "date"),
                                  "成文日期首字比署名首字右移二字（日期较长时日期右空二字，署名相应左移）"))
    return found


def chars(value: float) -> str:
    """A distance in characters as a clerk reads it: to the quarter character."""
    return f"{round(value * 4) / 4:g}"


def _start(para: Para, doc: CheckedDocument, profile: Profile) -> float | None:
    """The column (in body characters from the left of the type area) where the paragraph's text starts."""
    fmt = doc.format(para)
    char = round(profile.body_size * 20)  # Word counts indents in characters of the font's size
    pitch = profile.body_char_twips / char  # a character on the 28-character line, in those units
    text = para.text
    lead = zhtext.text_width(text[: len(text) - len(text.lstrip(" \u3000\t"))]) if "\t" not in text[:1] else None
    if lead is None:
        return None  # positioned with tabs: not measured
    width = zhtext.text_width(text.strip())
    right = (fmt.right or 0) / char / pitch
    left = (fmt.left or 0) / char / pitch + ((fmt.first_line_chars or 0) / 100 if fmt.first_line_chars is not None else (fmt.first_line or 0) / char)
    if fmt.alignment in ("right", "end"):
        return profile.chars_per_line - right - width
    if fmt.alignment == "center":
        return left + (profile.chars_per_line - left - right - width) / 2
    return left + lead


def _blanks(part: list[Para]) -> list[Finding]:
    """Blank lines between two paragraphs of the text (not before 附件说明, 署名 or after the title),
    a run of them said once."""
    found = []
    index = 1
    while index < len(part):
        if part[index].role != "blank":
            index += 1
            continue
        end = index
        while end < len(part) and part[end].role == "blank":
            end += 1
        before, after = part[index - 1], part[end] if end < len(part) else None
        if after is not None and before.role in TEXT_ROLES and after.role in TEXT_ROLES and before.scope == after.scope:
            count = end - index
            message = "正文段落之间有空行" if count == 1 else f"正文段落之间有 {count} 个空行"
            found.append(_finding(part[index], "blank.body", message, "GB/T 9704-2012 7.3.3：正文连续排列，段落之间不空行",
                                  "删去空行", severity="warning"))
        index = end
    return found


def _appendices(part: list[Para]) -> list[Finding]:
    found = []
    for para in part:
        if para.role == "appendix_label" and not para.new_page:
            found.append(_finding(para, "appendix.page", "附件没有另起一页", "GB/T 9704-2012 7.3.7：附件应当另面编排",
                                  "在“附件”前插入分页符"))
    return found
