"""Benchmark: `gwplan batch` of 100, 300 and 1,000 schools (3-page plans), with and without --bundle.

Targets (issue 4), on the 2-core machine: 1,000 plans in ≤ 12 s wall; the bundle of 1,000 in
≤ 10 s more, growing linearly. Prints docs/s and the bundle's extra time at each size.
Run:  python3 tests/perf/bench_batch.py [sizes…]
"""
from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TYPES = ["小学", "初中", "幼儿园", "高中", "完全中学", "九年一贯制", "职校"]
PLAN_TARGET, BUNDLE_TARGET = 12.0, 10.0


def roster(path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["学校名称", "类型", "关工委主任", "目标.结对帮扶人数", "红色资源"])
        for number in range(count):
            kind = TYPES[number % len(TYPES)]
            name = f"青山区第{number + 1}{'幼儿园' if kind == '幼儿园' else '学校'}"
            writer.writerow([name, kind, f"主任{number}", 10 + number % 40, "青山烈士陵园" if number % 3 == 0 else ""])


def run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", *args], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100, 300, 1000]
    print(f"{'schools':>8} {'plans s':>8} {'docs/s':>8} {'+bundle s':>10} {'bundle MB':>10}")
    for count in sizes:
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            roster(folder / "名册.csv", count)
            plans = run(["batch", str(folder / "名册.csv"), "--year", "2027", "-o", str(folder / "a")])
            both = run(["batch", str(folder / "名册.csv"), "--year", "2027", "-o", str(folder / "b"),
                        "--bundle", str(folder / "汇编.docx")])
            size = (folder / "汇编.docx").stat().st_size / 1e6
            print(f"{count:>8} {plans:>8.2f} {count / plans:>8.0f} {both - plans:>10.2f} {size:>10.1f}")
            if count == 1000:
                print(f"1,000 plans: {plans:.2f} s (target {PLAN_TARGET} s, ratio {plans / PLAN_TARGET:.2f}); "
                      f"bundle +{both - plans:.2f} s (target {BUNDLE_TARGET} s, ratio {(both - plans) / BUNDLE_TARGET:.2f})")


if __name__ == "__main__":
    main()
