"""Chinese text conventions shared by the readers, the renderer and the checker.

Heading markers (一、 （一） 1. （1）), Chinese numerals, and the mechanical fixes of spacing and
punctuation that GB/T 9704 text needs. Every part of gwplan that touches these uses this module.
"""
from __future__ import annotations

import re

from generator.text.patterns import lazy

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Full-width punctuation that may sit directly against Chinese text.
FULL_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕…—～·％"

_CJK_OR_PUNCT = f"[{CJK}{FULL_PUNCT}]"
# `*` stands in for characters a site redacted (充分挖掘*本地): it sits against Chinese text.
_NEAR_CJK = f"[{CJK}{FULL_PUNCT}0-9%*]"

# Heading markers in their standard form (GB/T 9704 7.3.3) and the variants writers type.
L1 = lazy(r"^([一二三四五六七八九十]+)、")
L2 = lazy(r"^（([一二三四五六七八九十]+)）")
# After an item number's dot: no digit (1.5万 is a number), unless a year follows (15.2027年是…).
AFTER_ITEM_DOT = r"(?:(?!\d)|(?=(?:19|20)\d{2}\s*年))"
L3 = lazy(rf"^(\d{{1,2}})\.{AFTER_ITEM_DOT}")
L4 = lazy(r"^（(\d{1,2})）")
_L1_ANY = lazy(r"^([一二三四五六七八九十]+)\s*[、．.，,。]\s*")
_L2_ANY = lazy(r"^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*[、.．，,]?\s*")
_L3_ANY = lazy(r"^(\d{1,2})\s*[.．、]\s*(?:(?![\d%])|(?=(?:19|20)\d{2}\s*年))")
_L4_ANY = lazy(r"^[（(]\s*(\d{1,2})\s*[）)]\s*[、.．]?\s*")

SENTENCE_END = lazy(r"[。！？!?…][”’」』）)]*$")

_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def text_width(text: str) -> float:
    """Width in Chinese characters: half-width digits and Latin letters count as half."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


def inside_quotes(text: str, index: int) -> bool:
    """Whether `index` falls inside 《书名号》 or “quotation marks” (a title or a slogan)."""
    for open_mark, close_mark in (("《", "》"), ("“", "”")):
        if text.count(open_mark, 0, index) > text.count(close_mark, 0, index):
            return True
    return False


_PAST_BEFORE = lazy(r"(?:自|从|于|截至|截止|早在|始于|止)[^，。\d]{0,2}\s*$")
_PAST_AFTER = lazy(
    r"^\s*年(?:度)?(?:\d{1,2}月(?:\d{1,2}日)?)?(?:起|以来|开始|至|到|[—\-－~～]|下发|印发|出台|颁布|发布|制定|修订|通过|召开|实施|施行)"
)


def year_in_context(text: str, start: int, end: int) -> bool:
    """Whether the year at text[start:end] dates a past fact or a range, so no rollover touches it.

    `自2025年起`, `2021年以来`, `2024—2026年`, `2021年下发的`, and years inside 《》 or “”.
    Ingest keeps such years literal and the freshness rules do not flag them: one definition.
    """
    if _PAST_BEFORE.search(text[max(0, start - 4) : start]):
        return True
    if _PAST_AFTER.match(text[end : end + 12]) or re.match(r"\s*[—\-－~～至到]", text[end:]):
        return True
    if re.search(r"(?:19|20)\d{2}\s*[—\-－~～至到]\s*$", text[max(0, start - 8) : start]):
        return True
    return inside_quotes(text, start)


_HAS_CJK = lazy(f"[{CJK}]")
_CJKISH = lazy(_CJK_OR_PUNCT)


def has_cjk(text: str) -> bool:
    return _HAS_CJK.search(text) is not None


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (enough for heading numbers)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def parse_cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20; returns 0 for text that is not a Chinese numeral."""
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["两"] = 2
    if not text:
        return 0
    if "十" in text:
        tens, _, ones = text.partition("十")
        if (tens and tens not in digits) or (ones and ones not in digits):
            return 0
        return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
    if len(text) == 1 and text in digits:
        return digits[text]
    return 0


def heading_level(text: str) -> tuple[int, int, str]:
    """Return (level, number, rest) for a paragraph starting with a standard marker, else (0, 0, text)."""
    for level, pattern in ((2, L2), (4, L4), (1, L1), (3, L3)):
        match = pattern.match(text)
        if match:
            raw = match.group(1)
            number = int(raw) if raw.isdigit() else parse_cn_number(raw)
            return level, number, text[match.end():].lstrip()
    return 0, 0, text


def normalize_marker(text: str) -> str:
    """Rewrite a typed heading marker into its standard form: `( 一)` → `（一）`, `1、` → `1.`."""
    for pattern, fmt in ((_L2_ANY, "（{}）"), (_L4_ANY, "（{}）"), (_L1_ANY, "{}、"), (_L3_ANY, "{}.")):
        match = pattern.match(text)
        if match:
            return fmt.format(match.group(1)) + text[match.end():]
    return text


def remove_cjk_spaces(text: str) -> str:
    """Drop spaces that sit against Chinese text: `全市近 60%` → `全市近60%`, `达 到` → `达到`.

    Spaces between two Latin words or numbers stay (`Windows 10`).
    """
    text = re.sub(f"(?<={_CJK_OR_PUNCT})[ \u3000\u00a0\t]+(?={_NEAR_CJK})", "", text)
    return re.sub(f"(?<={_NEAR_CJK})[ \u3000\u00a0\t]+(?={_CJK_OR_PUNCT})", "", text)


_QUOTED = lazy(r"“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』|《[^》]*》|\"[^\"\n]*\"")


def outside_quotes(text: str, fix) -> str:
    """`fix` applied to the text outside quotation marks and 书名号 only: what is quoted (a title,
    a slogan, 半角“.”) is someone's wording and keeps every character."""
    out, last = [], 0
    for match in _QUOTED.finditer(text):
        out.append(fix(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(fix(text[last:]))
    return "".join(out)


def full_width_punctuation(text: str) -> str:
    """Half-width , ; : ? ! . ( ) " next to Chinese text become full-width; `8:30`, `1,000` stay."""
    out = list(text)
    for match in _HALF_WIDTH.finditer(text):
        i, ch = match.start(), match.group()
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if before in "Xx×*＊" and _REDACTED_BEFORE.search(text[:i]):
            before = "某"  # 为**, or 参观XX, : a redaction mark stands for Chinese text
        if ch == ".":
            # Only a sentence-final full stop: 工作. → 工作。 (never 3.5, a 1. marker, or the
            # dot of a mistyped 二. marker, which normalize_marker turns into 二、).
            if _is_cjkish(before) and (not after or _is_cjkish(after)) and not _LEADING_NUMERAL.match(text[:i]):
                out[i] = "。"
        elif _is_cjkish(before) or (_is_cjkish(after) and not (before.isascii() and before.isalnum())):
            out[i] = _ASCII_TO_FULL[ch]
    return _full_width_quotes(_full_width_brackets("".join(out)))


_HALF_WIDTH = lazy(r"[,;:?!.]")


_LEADING_NUMERAL = lazy(r"^\s*[一二三四五六七八九十]+\s*$")
_REDACTED_BEFORE = lazy(rf"[{CJK}](?:[Xx×]{{2,}}|[*＊]+)\s*$")


def _neighbour(text: str, index: int, step: int) -> str:
    index += step
    while 0 <= index < len(text) and text[index] in " \u3000\t":
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _is_cjkish(ch: str) -> bool:
    return bool(ch) and _CJKISH.match(ch) is not None


def _full_width_brackets(text: str) -> str:
    def bracket(match: re.Match) -> str:
        before, inner = match.group(1), match.group(2)
        if has_cjk(inner) or _is_cjkish(before):
            return f"{before}（{inner.strip()}）"
        return match.group(0)

    return re.sub(r"(^|.)\(([^()]*)\)", bracket, text)


def _full_width_quotes(text: str) -> str:
    """Pair straight double quotes into “ ” when the text is Chinese and they pair up."""
    if '"' not in text or text.count('"') % 2 or not has_cjk(text):
        return text
    parts = text.split('"')
    return "".join(part + ("“" if i % 2 == 0 else "”") for i, part in enumerate(parts[:-1])) + parts[-1]


def normalize_text(text: str) -> str:
    """All mechanical fixes of one paragraph: spacing, punctuation, then the heading marker."""
    text = normalize_marker(text.strip())
    text = remove_cjk_spaces(text)
    return remove_cjk_spaces(full_width_punctuation(text))


# Marks a writer leaves for text still to be filled in, and what sites put where they hid a name
# or a number: {{ }}, 【待补】, XX/xx/××, **, 20xx, 202X年X月X日, 十x大, 党的_精神, [主送单位], □□□.
# An underscore inside a name (仿宋_GB2312) is part of the name.
UNFILLED = lazy(
    r"\{\{|\}\}|【待[补定][^】]*】|【[^】]{0,12}(?:输入|填写)[^】]{0,12}】|（待补）|○○"
    rf"|20\d?[×Xx]{{1,2}}(?=年)|[×Xx]{{2,}}|(?<=[{CJK}])[Xx×](?=[{CJK}])"
    # an X standing alone between spaces or Chinese ("开展“ X 新实践”"), and two capitals inside
    # Chinese words where a site hid a word ("WZ头脑" for 武装头脑); common abbreviations excepted
    rf"|(?:(?<=[\s“‘（《{CJK}])|^)X(?=\s)|(?<=\s)X(?=[{CJK}”’）》])"
    rf"|(?<=[{CJK}])(?!(?:AI|VR|AR|IT|QQ|PK|CT|TV|PC|UP|DV|MV|GDP|PPT|APP)(?![A-Z]))[A-Z]{{2}}(?=[{CJK}])"
    r"|\*+|＊+|_{2,}|(?<![A-Za-z0-9_])_(?![A-Za-z0-9_])|＿+|□{2,}"
    r"|\[[^\[\]]{0,12}(?:单位|输入|填写|名称|日期|此处|姓名)[^\[\]]{0,12}\]"
)


def unfilled_marks(text: str) -> list[str]:
    """Placeholders left unfilled in `text`, and redactions: see UNFILLED."""
    return [m.group(0) for m in UNFILLED.finditer(text) if not _inside_latin_word(text, m)]


def _inside_latin_word(text: str, match: re.Match) -> bool:
    """`xx` inside an English word (a URL, 'Linux') is not a placeholder."""
    before = text[match.start() - 1 : match.start()]
    after = text[match.end() : match.end() + 1]
    return match.group(0).lower().startswith("x") and (before.isascii() and before.isalpha() or after.isascii() and after.isalpha())
