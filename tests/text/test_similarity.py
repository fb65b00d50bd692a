"""The near-duplicate measure on real pairs: yearly rewordings merge, different clauses do not."""
import itertools

import pytest
from conftest import seed

from generator.text.placeholders import insert_placeholders
from generator.readers import read_plan
from generator.text.similarity import MERGE_THRESHOLD, NearDuplicateIndex, similarity

# How a clause changes from one year to the next: new congress wording, new numbers,
# a phrase added or dropped, an org's own words.
REWORDINGS = [
    ("二十届三中全会精神", "二十大和二十届历次全会精神"),
    ("第四批", "第五批"),
    ("85%", "90%"),
    ("党的二十大精神", "党的二十届三中全会精神"),
    ("75周年", "76周年"),
    ("积极", "主动"),
    ("。", "，切实提高工作实效。"),
]


def reworded(text: str) -> str:
    for old, new in REWORDINGS:
        text = text.replace(old, new, 1)
    return text


def seed_clauses(seeds):
    found = []
    for path in sorted(seeds.glob("*.txt")):
        plan = read_plan(path)
        found += [insert_placeholders(c.text, plan.year, plan.org) for c in plan.all_clauses()]
    return found


def test_yearly_rewordings_of_seed_clauses_stay_above_threshold(seeds):
    clauses = seed_clauses(seeds)
    scores = [similarity(text, reworded(text)) for text in clauses if len(text) >= 30]
    assert min(scores) >= MERGE_THRESHOLD, min(scores)


def test_different_seed_clauses_stay_below_threshold(seeds):
    clauses = seed_clauses(seeds)
    worst = max(similarity(a, b) for a, b in itertools.combinations(clauses, 2))
    assert worst < MERGE_THRESHOLD, worst


def test_real_pairs_from_seeds(seeds):
    plan = read_plan(seed(seeds, "000"))
    items = [c.text for s in plan.sections for c in s.clauses]
    # Item 9 of 2025 as a 2026 plan would write it.
    assert similarity(items[8], items[8].replace("第四批", "第五批").replace("85%", "90%")) > 0.85
    # Items 1 and 18 both speak of 组织动员更多的老教师 but are different clauses.
    assert similarity(items[2], items[17]) < 0.35


def test_index_finds_the_same_best_match_as_brute_force(seeds):
    clauses = seed_clauses(seeds)
    index = NearDuplicateIndex()
    for number, text in enumerate(clauses):
        index.add(number, text)
    for number, text in enumerate(clauses):
        query = reworded(text)
        expected = max(range(len(clauses)), key=lambda i: similarity(query, clauses[i]))
        found, score = index.best(query)
        if similarity(query, clauses[expected]) >= MERGE_THRESHOLD:
            assert found == expected and score == pytest.approx(similarity(query, clauses[expected]))
