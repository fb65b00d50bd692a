"""Script checks: which texts can skip OpenCC, and that skipping never hides a traditional character."""
from __future__ import annotations

import opencc

from generator.readers import script


def _gb2312_hanzi(last_row: int = 0xF7) -> str:  # the plain way: two bytes at a time
    raw = bytes(b for high in range(0xB0, last_row + 1) for low in range(0xA1, 0xFF) for b in (high, low))
    return raw.decode("gb2312", errors="ignore")


def test_the_gb2312_table_is_built_right():
    assert script.gb2312_hanzi() == _gb2312_hanzi()
    assert script.gb2312_hanzi(0xD7) == _gb2312_hanzi(0xD7) and len(script.gb2312_hanzi(0xD7)) == 3755


def test_the_gb2312_characters_opencc_converts_are_exactly_the_listed_ones():
    converter = opencc.OpenCC("t2s")
    hanzi = _gb2312_hanzi()
    assert len(hanzi) == 6763
    assert {char for char in hanzi if converter.convert(char) != char} == script.GB2312_CONVERTED_BY_T2S


def test_a_text_is_surely_simplified_only_when_opencc_would_leave_it_alone():
    converter = opencc.OpenCC("t2s")
    for text in ["遴选示范校八所", "关心下一代工作", "後勤保障", "於是", "關心下一代", "乾部"]:
        if script.surely_simplified(text):
            assert converter.convert(text) == text, text
    assert script.surely_simplified("遴选示范校八所")  # a second-level GB2312 character: no OpenCC
    assert not script.surely_simplified("關心下一代")
    assert not script.surely_simplified("於是")


def test_surely_simplified_means_every_hanzi_is_gb2312_and_unconverted():
    simplified = set(_gb2312_hanzi()) - script.GB2312_CONVERTED_BY_T2S
    for code in range(0x4E00, 0xA000):  # every character of the block, one at a time
        char = chr(code)
        assert script.surely_simplified(f"关心{char}下一代，2027年") == (char in simplified), char
    assert script.surely_simplified("abc１２（）…")  # no hanzi at all
