"""Benchmark: how often a noisy copy reads as its clean original, per noise kind.

Every kind of tests/corpus/noise.py and every realistic combination runs over the 24 clean plans
of tests/corpus/plans with three random seeds each. Printed per kind: the rate of copies that read
as the same plan (same title, unit, year, clause count, each clause ≥ 97% similar), the worst
clause similarity, and the reading speed.
Run:  python3 tests/perf/bench_noise.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
from metamorphic import clean_plans, compare  # noqa: E402
from noise import COMBINATIONS, KINDS  # noqa: E402

SEEDS = (7, 11, 23)


def main() -> None:
    plans = clean_plans()
    cases = [(kind,) for kind in KINDS] + COMBINATIONS
    print(f"{len(plans)} 份干净的计划 × {len(SEEDS)} 个随机种子；每种噪声 {len(plans) * len(SEEDS)} 份副本")
    print(f"{'噪声':<58}{'一致率':>8}{'最低相似度':>10}{'每份耗时':>10}")
    total = passed = 0
    for kinds in cases:
        started = time.perf_counter()
        results = [compare(plan, kinds, seed) for plan in plans for seed in SEEDS]
        elapsed = (time.perf_counter() - started) / len(results)
        ok = sum(r.ok for r in results)
        total, passed = total + len(results), passed + ok
        worst = min(r.worst for r in results)
        print(f"{'+'.join(kinds):<60}{ok / len(results):>7.1%}{worst:>10.3f}{elapsed * 1000:>8.0f} ms")
        for result in results:
            if not result.ok:
                print(f"    {result.plan}: {'; '.join(result.problems[:2])}")
    print(f"合计：{passed}/{total} = {passed / total:.1%}")


if __name__ == "__main__":
    main()
