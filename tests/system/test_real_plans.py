"""Every real web copy in ../shared/real/plans reads and ingests cleanly (issue 17).

The copies (MANIFEST.tsv describes each) carry the furniture, redactions and scripts of the
sites they were taken from. No clause, heading or title may hold the site's furniture; a unit is
a name or unknown; a year, where the manifest knows it, is that year or unknown; summaries are
read as summaries and plans never are; the whole set ingests into a library lint accepts.
Skipped where ../shared is absent (a fresh clone).
"""
from __future__ import annotations

import csv
import re

import pytest
from conftest import ROOT

from generator.readers import read_plans
from generator.readers.title import has_name

REAL = ROOT.parent / "shared" / "real" / "plans"
FURNITURE = re.compile(
    r"发布时间|发布于|点击数|小编|供大家|本文档|当前位置|相关推荐|推荐阅读|上一篇|下一篇|ICP|版权所有|https?://|www\.|"
    r"阅读全文|公众号|下载文档|点击进入|★"
)


@pytest.fixture(scope="module")
def manifest() -> dict[str, dict]:
    if not (REAL / "MANIFEST.tsv").is_file():
        pytest.skip("../shared/real/plans 不存在（全新克隆时没有），跳过使用真实网页副本的测试")
    with open(REAL / "MANIFEST.tsv", encoding="utf-8") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}
    return {name: row for name, row in rows.items() if (REAL / name).is_file()}


@pytest.fixture(scope="module")
def pages(manifest):
    """Every plan of every page (a page may hold the site's own text and the plan it offers)."""
    return {name: read_plans(REAL / name) for name in manifest}


@pytest.fixture(scope="module")
def plans(pages):
    """The plan each page was taken for: its last document."""
    return {name: found[-1] for name, found in pages.items()}


def test_no_clause_heading_or_title_holds_furniture(pages):
    assert len(pages) >= 30
    found = [
        (name, text[:40])
        for name, documents in pages.items()
        for plan in documents
        for text in [plan.title] + [s.heading for s in plan.sections] + [c.text for c in plan.all_clauses()]
        if FURNITURE.search(text)
    ]
    assert found == []


def test_units_are_names_or_unknown(plans):
    assert [(name, plan.org) for name, plan in plans.items() if plan.org and not has_name(plan.org)] == []
    for plan in plans.values():
        if not plan.org:
            assert any("--org" in w for w in plan.warnings), plan.source_file


def test_years_are_the_plans_or_unknown(plans, manifest):
    wrong = []
    for name, plan in plans.items():
        known = re.match(r"(?:title )?((?:19|20)\d{2})\b(?!-)", manifest[name]["year"])
        if plan.year is not None and known and plan.year != int(known.group(1)):
            wrong.append((name, plan.year, manifest[name]["year"]))
    assert wrong == []
    # A year the document's own title states is never lost.
    lost = [name for name, plan in plans.items() if len(set(re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", plan.title))) == 1 and plan.year is None]
    assert lost == []


def test_summaries_are_read_as_summaries_and_plans_never(plans, manifest):
    summaries = {name for name, row in manifest.items() if row["genre"].startswith("工作总结")}
    assert [name for name, plan in plans.items() if plan.kind == "summary" and name not in summaries] == []
    found = [name for name in summaries if plans[name].kind == "summary"]
    assert len(found) >= 0.8 * len(summaries), sorted(summaries - set(found))


def test_the_whole_set_ingests_into_a_library_lint_accepts(manifest, tmp_path):
    from generator.ingest import ingest
    from generator.review.lint import lint_library

    result = ingest([REAL / name for name in manifest], tmp_path / "library")
    assert len(result.plans) >= len(manifest)
    assert lint_library(tmp_path / "library").errors == []
