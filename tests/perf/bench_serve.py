"""Benchmark: how long gwplan serve's pages and saves take, on the seeds' library and on a large one.

A reviewer clicks through dozens of clauses; a page should come back well under a second on the
2-core machine. Printed: the median of each request (Flask's test client, no network), for the
library of the three seed plans (../shared/seeds) and for a synthetic library of 20 sections of
25 clauses each (500 clauses), and the ratio of a save (lint in a scratch copy, then the write)
to a plain `gwplan lint` of the same library.
Run:  python3 tests/perf/bench_serve.py
"""
from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.cli import main as gwplan
from generator.review.lint import lint_library
from generator.review.serve import create_app
from generator.review.serve.catalog import library_versions

RUNS = 5


def median(action) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def seeds_library(folder: Path) -> Path | None:
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        return None
    try:
        gwplan(["ingest", *map(str, seeds), "--library", str(folder / "seeds")])
    except SystemExit:
        pass
    return folder / "seeds"


def large_library(folder: Path) -> Path:
    root = folder / "large"
    root.mkdir()
    (root / "gwplan.yaml").write_text("# 合成的大条款库\ntitle: '{{ org }}{{ year }}年工作要点'\norg: 青山区教育局关工委\nformat: 2\nplans: []\n", encoding="utf-8")
    for section in range(20):
        lines = [f"# 第 {section + 1} 节\nsection: 第{section + 1}项工作\nclauses:\n"]
        for number in range(25):
            lines.append(f"  # 审核人注 {number}\n  - id: 工作{section}-条款{number}\n    status: active\n    kind: item\n"
                         f"    text: 组织老同志参与第{section}类活动，开设书法、戏曲、科技等兴趣课程，帮助学生全面发展{number}。\n"
                         f"    tags: [关爱, 课程{number % 5}]\n")
        (root / f"{section + 1:02d}-第{section + 1}项工作.yaml").write_text("".join(lines), encoding="utf-8")
    return root


def measure(name: str, root: Path) -> None:
    client = create_app(root).test_client()
    client.get("/clause/" + next(iter(re.findall(r'data-id="([^"]+)"', client.get("/").get_data(as_text=True)))))  # jieba loaded
    page = client.get("/").get_data(as_text=True)
    clause_id = re.findall(r'data-id="([^"]+)"', page)[1]
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    text = re.search(r'<textarea id="text" name="text" rows="7">([^<]*)</textarea>', client.get(f"/clause/{clause_id}").get_data(as_text=True)).group(1)
    flip = [text + "（改）", text]

    def save():
        form = {"csrf": token, **{f"v:{k}": v for k, v in library_versions(root).items()}, "text": flip[0], "status": "active"}
        assert client.post(f"/clause/{clause_id}", data=form).status_code == 302
        flip.reverse()

    library = median(lambda: client.get("/"))
    clause = median(lambda: client.get(f"/clause/{clause_id}"))
    preview = median(lambda: client.get("/preview"))
    saving = median(save)
    lint = median(lambda: lint_library(root))
    print(f"{name}: library page {library * 1000:.0f} ms, clause page {clause * 1000:.0f} ms, preview {preview * 1000:.0f} ms, "
          f"save {saving * 1000:.0f} ms (= {saving / lint:.1f} × gwplan lint {lint * 1000:.0f} ms)")


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        seeds = seeds_library(Path(temp))
        if seeds is None:
            print("seeds: ../shared/seeds 不存在，跳过")
        else:
            measure("seeds (3 plans, 42 clauses)", seeds)
        measure("synthetic (20 sections, 500 clauses)", large_library(Path(temp)))


if __name__ == "__main__":
    main()
