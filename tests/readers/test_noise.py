"""Metamorphic: every noisy copy of each clean plan of tests/corpus reads as the same plan.

The noise generators (tests/corpus/noise.py) model what writers find on the web; each kind and
each realistic combination runs over all 24 clean plans. Same title, unit, year and clause count;
each clause at least 97% similar (redaction marks and reported mojibake aside, which the reader
keeps for a person to settle).
"""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
from metamorphic import clean_plans, compare  # noqa: E402
from noise import COMBINATIONS, KINDS  # noqa: E402

CASES = [(kind,) for kind in KINDS] + COMBINATIONS


def test_the_corpus_has_the_shapes_real_plans_take():
    names = [p.name for p in clean_plans()]
    assert len(names) >= 20
    for shape in ("工作要点", "工作计划", "工作总结"):
        assert any(shape in n for n in names), shape
    for unit in ("教育局", "小学", "中学", "幼儿园"):
        assert any(unit in n for n in names), unit
    assert len(KINDS) >= 12


@pytest.mark.parametrize("kinds", CASES, ids=["+".join(c) for c in CASES])
def test_noisy_copies_read_as_the_clean_plan(kinds):
    failures = [r for r in (compare(plan, kinds, seed) for plan in clean_plans() for seed in (7, 11, 23)) if not r.ok]
    assert failures == [], [(r.plan, r.problems[:2]) for r in failures]
