"""The YAML parse cache (yamlio.load_file): a file's data comes back the same from the cache,
line numbers included, and any change of the file is parsed afresh."""
from __future__ import annotations

import datetime

import pytest

from generator import yamlio
from generator.errors import GwplanError

TEXT = """\
# 审核人的注释
title: 测试
year: 2027
date: 2026-12-04
clauses:
  - id: a
    text: "{{ year }}年"
    tags: [学习, 政治]
  - id: b
    text: 第二条
    id: b2
2026: 年份作键
"""


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GWPLAN_CACHE", str(folder))
    return folder


def _shape(value):
    """Everything load_file gives, LineDict lines included, as plain data to compare."""
    if isinstance(value, yamlio.LineDict):
        return ("map", value.line, dict(value.key_lines), list(value.duplicate_keys), [(_shape(k), _shape(v)) for k, v in value.items()])
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return (type(value).__name__, value)


def test_the_cached_data_is_the_parsed_data(tmp_path, cache):
    path = tmp_path / "a.yaml"
    path.write_text(TEXT, encoding="utf-8")
    parsed = yamlio.load_file(path)
    assert list(cache.glob("yaml/*.marshal"))
    again = yamlio.load_file(path)
    assert _shape(again) == _shape(parsed)
    assert again["clauses"][1].duplicate_keys == [("id", 11)]
    assert again["clauses"][0].key_lines["tags"] == 8 and again.key_lines["clauses"] == 5
    assert again["date"] == datetime.date(2026, 12, 4) and again[2026] == "年份作键"
    assert again is not parsed and again["clauses"] is not parsed["clauses"]


def test_a_changed_file_is_parsed_again(tmp_path, cache):
    path = tmp_path / "a.yaml"
    path.write_text(TEXT, encoding="utf-8")
    yamlio.load_file(path)
    path.write_text(TEXT.replace("测试", "测验"), encoding="utf-8")  # same size, new bytes
    assert yamlio.load_file(path)["title"] == "测验"
    path.write_text(TEXT.replace("text: 第二条", "text: [第二条"), encoding="utf-8")
    with pytest.raises(GwplanError) as error:
        yamlio.load_file(path)
    assert error.value.line == 10  # an error is never cached: it is found where it is


def test_a_damaged_entry_is_parsed_again_and_values_marshal_cannot_hold_are_not_kept(tmp_path, cache):
    path = tmp_path / "a.yaml"
    path.write_text(TEXT, encoding="utf-8")
    parsed = yamlio.load_file(path)
    for entry in cache.glob("yaml/*.marshal"):
        entry.write_bytes(b"\x00damaged")
    assert _shape(yamlio.load_file(path)) == _shape(parsed)
    odd = tmp_path / "set.yaml"
    odd.write_text("items: !!set {甲: null}\n", encoding="utf-8")
    before = set(cache.glob("yaml/*.marshal"))
    assert yamlio.load_file(odd)["items"] == {"甲"}
    assert set(cache.glob("yaml/*.marshal")) == before


def test_without_a_cache_folder_files_are_simply_parsed(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("GWPLAN_CACHE", str(blocked / "cache"))  # cannot be created
    path = tmp_path / "a.yaml"
    path.write_text(TEXT, encoding="utf-8")
    assert yamlio.load_file(path)["title"] == "测试"


def test_an_entry_changed_inside_is_not_trusted(tmp_path, cache):
    path = tmp_path / "a.yaml"
    path.write_text(TEXT, encoding="utf-8")
    parsed = yamlio.load_file(path)
    for entry in cache.glob("yaml/*.marshal"):
        data = bytearray(entry.read_bytes())
        data[-3] ^= 0x01  # one bit of the kept data, which may still be valid marshal
        entry.write_bytes(bytes(data))
    assert _shape(yamlio.load_file(path)) == _shape(parsed)
