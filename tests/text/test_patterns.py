"""Compiled regex programs kept between runs: the kept program must build the very pattern
re.compile builds, and a missing or damaged table must only cost time."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SAMPLES = [
    (r"(?<=[\u4e00-\u9fff])\n?[（(](?:\n?[a-z]){1,6}[)）]", 0),
    (r"(?:党的)?(?P<term>(?:十[六七八九]|二十一?))(?:(?P<congress>大)|届(?P<plenums>历次|(?:[一二三四五六七八九]中[、，]?)+)全会)", 0),
    (r"^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?$", re.IGNORECASE),
    (r"<w:p>(.*?)</w:p>", re.DOTALL),
    (r"[^\t\n\r -~\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", 0),
]
TEXTS = ["关(guān)心", "深入学习贯彻党的二十届四中全会精神", "com1.txt", "<w:p>一</w:p><w:p>二</w:p>", "a\x01b"]

PROBE = """
import re, sys
from generator.text import patterns
samples = {samples!r}
texts = {texts!r}
for pattern, flags in samples:
    built = patterns.compile(pattern, flags)
    assert built == re.compile(pattern, flags), pattern  # pattern, flags and program alike
    assert built.groupindex == re.compile(pattern, flags).groupindex
    print([[m.span() for m in built.finditer(t)] for t in texts])
print("kept" if patterns._programs and all((p, f) in patterns._programs for p, f in samples) else "not kept")
"""


def _run(cache: Path) -> list[str]:
    env = {**os.environ, "GWPLAN_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    code = PROBE.format(samples=SAMPLES, texts=TEXTS)
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout.splitlines()


def test_a_kept_program_builds_the_same_pattern_in_the_next_run(tmp_path):
    first = _run(tmp_path)
    tables = list(tmp_path.glob("regex-*.marshal"))
    assert len(tables) == 1 and first[-1] == "kept"
    second = _run(tmp_path)  # now every pattern comes from the table
    assert second == first
    expected = [[[m.span() for m in re.compile(p, f).finditer(t)] for t in TEXTS] for p, f in SAMPLES]
    assert [eval(line) for line in first[:-1]] == expected


def test_a_damaged_table_is_only_a_slower_start(tmp_path):
    first = _run(tmp_path)
    table = next(tmp_path.glob("regex-*.marshal"))
    table.write_bytes(table.read_bytes()[: len(table.read_bytes()) // 2])  # cut in half
    assert _run(tmp_path) == first
    table.write_bytes(b"not marshal at all")
    assert _run(tmp_path) == first
