"""Characters as a reader sees them: full-width ASCII, traditional script, pinyin, mojibake.

Web copies come in every script and width: sites convert pages to traditional characters (and
annotate them with pinyin: 關(guān)), editors type １．２０２４, and a page decoded with the wrong
code page shows runs like 。ㄒ唬┱J識. The first three are undone here; mojibake cannot be
undone, so it is found and reported, never kept silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from generator.text import patterns

_FULL_WIDTH_ASCII = patterns.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_FULL_WIDTH_DOT = patterns.compile(r"(?<=[0-9])．")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# A pinyin syllable in brackets right after a Chinese character: 關(guān), 心（xīn）; a hard wrap
# may fall inside the brackets.
_PINYIN = patterns.compile(rf"(?<=[\u4e00-\u9fff])\n?[（(](?:\n?[a-z{_TONED}]){{1,6}}\n?[1-5]?\n?[)）]")


def half_width_ascii(text: str) -> str:
    """１．２０２４年 → 1.2024年: full-width digits and letters become ASCII (full-width punctuation stays)."""
    text = _FULL_WIDTH_ASCII.sub(lambda m: chr(ord(m.group(0)) - 0xFEE0), text)
    return _FULL_WIDTH_DOT.sub(".", text)


def remove_pinyin(text: str) -> str:
    return _PINYIN.sub("", text)


@lru_cache(maxsize=2)
def _converter(config: str):
    import opencc  # loads its dictionaries: only when a copy is in the other script

    return opencc.OpenCC(config)


def traditional_share(text: str) -> float:
    """Of the characters that differ between the scripts, the share written in traditional form."""
    sample = "".join(re.findall(r"[\u4e00-\u9fff]", text))[:20000]
    if not sample:
        return 0.0
    if surely_simplified(sample):
        return 0.0  # no traditional character can be among them: OpenCC need not load
    simplified = _converter("t2s").convert(sample)
    traditional_chars = sum(1 for a, b in zip(sample, simplified) if a != b)
    back = _converter("s2t").convert(sample)
    simplified_chars = sum(1 for a, b in zip(sample, back) if a != b)
    changed = traditional_chars + simplified_chars
    return traditional_chars / changed if changed else 0.0


# GB2312 is the simplified script's character set: of its 6,763 hanzi only these are ones
# OpenCC's t2s still converts (乾 → 干, 於 → 于 …; tests/readers/test_script.py asks OpenCC).
GB2312_CONVERTED_BY_T2S = frozenset("乾菸薹拚捱摺吒後徵夥榘於袷麴醣麽")


def gb2312_hanzi(last_row: int = 0xF7) -> str:
    """GB2312's hanzi in code order: rows 0xB0–0xD7 are the 3,755 common ones, to 0xF7 all 6,763."""
    rows = last_row - 0xB0 + 1
    codes = bytearray(rows * 188)  # each row: 94 two-byte codes, second bytes 0xA1–0xFE
    codes[0::2] = b"".join(bytes([high]) * 94 for high in range(0xB0, last_row + 1))
    codes[1::2] = bytes(range(0xA1, 0xFF)) * rows
    return codes.decode("gb2312", errors="ignore")


def surely_simplified(text: str) -> bool:
    """No character of `text` can be traditional script, so OpenCC need not load (8 ms) to ask:
    every hanzi in it is one of GB2312's (it encodes) and none is one t2s converts."""
    hanzi = "".join(char for char in text if "\u4e00" <= char <= "\u9fff")
    try:
        hanzi.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return not GB2312_CONVERTED_BY_T2S.intersection(hanzi)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


# --- mojibake ------------------------------------------------------------------------------

# Characters that do not belong in a simplified-Chinese plan but appear when bytes are decoded
# with the wrong code page: kana, bopomofo, box drawing, half-width katakana, replacement
# characters, Latin-1 letters, Greek and Cyrillic, private use, ※.
_ODD = patterns.compile(
    r"[\u3040-\u30ff\u3100-\u312f\u2500-\u257f\uff61-\uff9f\ufffd\u00c0-\u00ff\ue000-\uf8ff\u0080-\u009f"
    r"\u0370-\u04ff\u203b]"
)


@dataclass
class Mojibake:
    run: str
    start: int


@lru_cache(maxsize=1)
def common_characters() -> frozenset[str]:
    """Characters that are never part of mojibake: GB2312's 3,755 common hanzi, digits, ASCII
    punctuation and the full-width punctuation of Chinese text (checked per character otherwise)."""
    common = set(gb2312_hanzi(0xD7))
    common |= {chr(c) for c in range(0x20, 0x7F) if not chr(c).isalpha()}
    common |= set("，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕…—～·％　\n\t")
    return frozenset(common)


def _outside_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return False


def _rare(char: str) -> bool:
    """A Chinese character outside GB2312's 3,755 common ones (level 1): rare in a plan."""
    if not "\u4e00" <= char <= "\u9fff":
        return False
    try:
        encoded = char.encode("gb2312")
    except UnicodeEncodeError:
        return True
    return encoded[0] >= 0xD8


def _weird(text: str, index: int) -> bool:
    char = text[index]
    if _ODD.match(char) or _rare(char):
        return True
    # A lone Latin letter wedged between Chinese characters (唬┱J識) is part of a run too.
    if char.isascii() and char.isalpha():
        before, after = text[index - 1 : index], text[index + 1 : index + 2]
        return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())
    return False


# What a lost character (U+FFFD) becomes in GBK, and what uninitialised memory shows.
_KNOWN = patterns.compile(r"(?:锟斤拷)+|(?:烫){3,}|(?:屯){3,}")


def garbled_share(text: str) -> float:
    """The share of `text`'s visible characters that are no script a plan is written in: not
    ASCII, not a CJK ideograph (simplified or traditional), not CJK punctuation. 0 for no text."""
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return 0.0
    return sum(1 for c in visible if not _PLAN_SCRIPT.match(c)) / len(visible)


_PLAN_SCRIPT = patterns.compile(r"[\x21-\x7e\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u2027\u00b7\u2160-\u216b\u2460-\u2473]")


def find_mojibake(text: str) -> list[Mojibake]:
    """Runs of mis-decoded characters.

    The well-known 锟斤拷; any character no plan uses (kana, bopomofo, box drawing, the
    replacement character); or two rare characters side by side (or one apart), which is what
    UTF-8 read as GBK (鍏冲績涓嬩) or GBK read as Big5 leaves. A run takes in the ordinary
    characters between its odd ones.
    """
    known = [Mojibake(m.group(0), m.start()) for m in _KNOWN.finditer(text)]
    if known:
        text = _KNOWN.sub(lambda m: "\u3000" * len(m.group(0)), text)
    common = common_characters()
    marks = [i for i, char in enumerate(text) if char not in common and _weird(text, i)]
    runs: list[list[int]] = []
    for index in marks:
        if runs and index - runs[-1][-1] <= 2:
            runs[-1].append(index)
        else:
            runs.append([index])
    found = known
    for run in runs:
        odd = sum(1 for i in run if _ODD.match(text[i]))
        if odd or (len(run) >= 2 and not _traditional_words(text[run[0] : run[-1] + 1])):
            found.append(Mojibake(text[run[0] : run[-1] + 1], run[0]))
        elif _outside_gb2312(text[run[0]]) and (span := _gibberish_around(text, run[0])) is not None:
            if not _traditional_words(text[span[0] : span[1]]):
                found.append(Mojibake(text[span[0] : span[1]], span[0]))
    return sorted(found, key=lambda m: m.start)


def _traditional_words(run: str) -> bool:
    """Traditional script, not mojibake: in simplified form the run is common characters that
    make words (組織 → 组织), where mis-decoded bytes (蚕苺酗 → 蚕莓酗) make none."""
    simplified = to_simplified(run)
    if simplified == run or any(_rare(char) for char in simplified):
        return False
    freq = _dictionary()
    pairs = [simplified[i : i + 2] for i in range(len(simplified) - 1)]
    return any(freq.get(pair) for pair in pairs)


_UNCOMMON = 500  # a character this rare in jieba's dictionary is unusual in running text


def _gibberish_around(text: str, index: int) -> tuple[int, int] | None:
    """A lone rare character inside three characters that form no word and hold two uncommon ones:
    GBK read as Big5 (由校长 → 蚕苺酗). A rare character in a name (王喆同志) sits among words."""
    freq = _dictionary()
    for start in range(max(0, index - 2), index + 1):
        window = text[start : start + 3]
        if len(window) < 3 or not all("\u4e00" <= c <= "\u9fff" for c in window):
            continue
        words = any(freq.get(window[i : i + 2], 0) for i in range(2))
        uncommon = sum(1 for c in window if freq.get(c, 0) < _UNCOMMON)
        if not words and uncommon >= 3:
            return start, start + 3
    return None


@lru_cache(maxsize=1)
def _dictionary() -> dict:
    import jieba

    from generator.text.words import quiet_jieba

    quiet_jieba()
    jieba.initialize()
    return jieba.dt.FREQ
