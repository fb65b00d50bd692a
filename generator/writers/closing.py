"""The end of a 公文's text: 附件说明 (7.3.4), 署名 and 成文日期 (7.3.5), kept with the text (7.3.5.4).

Positions are computed with the line model's glyph widths (pagination.Measure: a Chinese character
of 3号 less the condensing, half-width digits half of it) and written as left indents of
left-aligned paragraphs, so the first character of the 署名 and of the date stands where the
rule puts it in every renderer, whatever its digits' widths.

Keeping (7.3.5.4, 不得采用“此页无正文”): when the 署名 would start a page without text, or be
parted from its date, the last paragraphs are condensed further, as long as a line still holds
28 characters; when that is not enough (or when LibreOffice's preview could still part them),
the last lines of text are kept with the 署名 (keep-with-next, and widow control so at least
keep_body_lines lines move); what still fails is reported with its page.
"""
from __future__ import annotations

import math

from generator.profile import Profile
from generator.writers.pagination import (
    Measure,
    Paragraph,
    attachment_indents,
    measure_of,
    paginate,
)

TEXT_ROLES = {"recipient", "paragraph", "item", "subitem", "heading1", "heading2", "attachment"}
CLOSING_ROLES = ("signature", "date")
KEEP_REASON = "GB/T 9704-2012 7.3.5.4：署名、成文日期应与正文同页，不得采用“此页无正文”的方法"


def chars(measure: Measure, text: str) -> float:
    """Width of `text` in body characters, as the line model sets it."""
    profile = measure.profile
    return measure.width_of(text) / (profile.body_size + profile.char_spacing / 20)


def closing_starts(signature: str, date: str, seal: bool, profile: Profile) -> tuple[float | None, float | None]:
    """Where the 署名's and the date's first characters stand, in characters from the left of the
    type area (7.3.5.1 with a seal, 7.3.5.2 without); None for a part that is absent."""
    measure = measure_of(profile)
    line, right = profile.chars_per_line, profile.signature_right_chars
    sig = chars(measure, signature) if signature else 0.0
    day = chars(measure, date) if date else 0.0
    if not date:
        return (line - right - sig if signature else None), None
    if seal:
        date_start = line - profile.sealed_date_right_chars - day
        if not signature:
            return None, date_start
        sig_start = date_start + (day - sig) / 2
        if sig_start + sig <= line:
            return sig_start, date_start
        # A 署名 too long to centre over the date inside the type area: placed as without a seal.
    if not signature:
        return None, line - right - day
    sig_start = line - right - sig
    date_start = sig_start + profile.date_shift_chars
    if date_start + day > line - right:  # the date longer: it is 右空二字, the 署名 moves left with it
        date_start = line - right - day
        sig_start = date_start - profile.date_shift_chars
    return sig_start, date_start


def left_indent(start: float, profile: Profile) -> str:
    """pPr children putting a line's first character `start` characters from the left edge."""
    twips = round(max(start, 0.0) * profile.body_char_twips)
    return f'<w:ind w:left="{twips}" w:right="0" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="left"/>'


def attachment_indent(text: str, profile: Profile) -> str:
    """A 附件说明 line's indents: wrapped lines under the name's first character (7.3.4)."""
    left, first = attachment_indents(text, measure_of(profile))
    char = profile.body_char_twips
    first_line = f'w:hanging="{round(-first * char)}"' if first < 0 else f'w:firstLine="{round(first * char)}"'
    return f'<w:ind w:left="{round(left * char)}" {first_line} w:firstLineChars="0"/>'


def attachment_text(text: str, profile: Profile) -> str:
    """A 附件说明 line whose name would end with one character alone on a line, with a line break
    before its last two characters instead (as Word or the preview would set it)."""
    for measure in (measure_of(profile), measure_of(profile, preview=True)):
        lines = measure.set_lines("Attachment", text)
        if len(lines) > 1 and len(lines[-1].strip()) < 2:
            cut = len(text) - 2
            while cut > 0 and text[cut - 1].isdigit() and text[cut].isdigit():
                cut -= 1  # a number stays whole
            return text[:cut] + "\n" + text[cut:]
    return text


def tightest_spacing(profile: Profile) -> int:
    """The most condensed character spacing (twentieths of a point) at which a line of the type
    area still holds no more than chars_per_line Chinese characters (5.2.3)."""
    width = (profile.page_width - profile.left - profile.right) / 20
    return math.ceil((width / (profile.chars_per_line + 1) - profile.body_size) * 20) + 1


def keep_signature(paragraphs: list[Paragraph], profile: Profile, first_row: int = 0) -> list[str]:
    """Make the 署名 and date stand with at least keep_body_lines lines of text; the paragraphs'
    char_spacing, keep_next and widow are set. Returns what could not be done, with the page."""
    roles = [p.role for p in paragraphs]
    signature = next((i for i, role in enumerate(roles) if role in CLOSING_ROLES), None)
    if signature is None or not any(role in TEXT_ROLES for role in roles[:signature]):
        return []
    word, preview = measure_of(profile), measure_of(profile, preview=True)
    end = max(i for i, role in enumerate(roles) if role in CLOSING_ROLES)
    for index in range(signature, end):
        paragraphs[index].keep_next = True  # 署名 and date never parted
    if all(parted_page(paragraphs, m, profile, first_row, signature, end, need=profile.keep_body_lines) is None
           for m in (word, preview)):
        return []  # the usual case: it stands with enough text as Word and as LibreOffice set it
    if parted_page(paragraphs, word, profile, first_row, signature, end) is not None:
        _tighten(paragraphs, profile, first_row, signature, end)
    if any(parted_page(paragraphs, m, profile, first_row, signature, end, need=profile.keep_body_lines) is not None
           for m in (word, preview)):
        _keep_lines(paragraphs, word, profile, signature)
    page = parted_page(paragraphs, word, profile, first_row, signature, end)
    if page is None:
        return []
    return [f"署名和成文日期排在第 {page} 页，与正文分开了（{KEEP_REASON}）：紧缩字距、从上一段移行都没能解决。"
            "请增删正文最后几段的文字，或缩短附注，使署名页上有正文。"]


def parted_page(paragraphs: list[Paragraph], measure: Measure, profile: Profile, first_row: int,
                signature: int, end: int, need: int = 1) -> int | None:
    """The page (from 1) of a 署名 standing with fewer than `need` lines of text, or parted from
    its date; None when it stands well."""
    counts = [0 if p.role == "header" else count for p, count in zip(paragraphs, measure.counts(paragraphs))]
    places = paginate(counts, paragraphs, profile.lines_per_page, first_row)
    if not places[signature] or not places[end]:
        return None
    page = places[signature][0][0]
    if places[end][-1][0] != page:
        return page + 1
    text = sum(1 for i in range(signature) if paragraphs[i].role in TEXT_ROLES for p, _ in places[i] if p == page)
    return page + 1 if text < need else None


def _text_before(paragraphs: list[Paragraph], signature: int) -> list[int]:
    return [i for i in range(signature) if paragraphs[i].role in TEXT_ROLES]


def _tighten(paragraphs: list[Paragraph], profile: Profile, first_row: int, signature: int, end: int) -> None:
    """7.3.5.4, first: condense the last paragraphs (fewest first) until the 署名 stands with text."""
    word = measure_of(profile)
    tight = tightest_spacing(profile)
    text = [i for i in _text_before(paragraphs, signature) if paragraphs[i].style not in ("Title", "AppendixTitle")]
    for count in range(1, min(len(text), 12) + 1):
        chosen = text[-count:]
        if paragraphs[chosen[0]].page_break:
            break
        for i in chosen:
            paragraphs[i].char_spacing = tight
        if parted_page(paragraphs, word, profile, first_row, signature, end, need=profile.keep_body_lines) is None:
            return
    for i in text:
        paragraphs[i].char_spacing = None


def _keep_lines(paragraphs: list[Paragraph], measure: Measure, profile: Profile, signature: int) -> None:
    """7.3.5.4, second: the last keep_body_lines lines of text go to the 署名's page with it."""
    counts = measure.counts(paragraphs)
    lines, first = 0, signature
    for i in range(signature - 1, -1, -1):
        if paragraphs[i].role == "header" or paragraphs[i].page_break and paragraphs[i].role not in TEXT_ROLES:
            break
        first = i
        if paragraphs[i].role in TEXT_ROLES:
            lines += counts[i]
            if lines >= profile.keep_body_lines:
                break
    for i in range(first, signature):
        paragraphs[i].keep_next = True
    paragraphs[first].widow = counts[first] > 1
