"""Benchmark: `gwplan batch … --bundle` of 1,000 and 10,000 schools, wall time and peak memory.

Targets (issue 23), on the 2-core machine: 10,000 plans with the bundle in ≤ 20 s and ≤ 300 MB;
1,000 in ≤ 2.5 s. Each figure is the whole command in a new process (start-up included); memory is
the peak resident size of the command and its forked workers together (sampled, procmem.py).
The machine is shared, so each size runs REPEAT times and the median is printed; with --against
another checkout (e.g. main before a change) the two run alternately, A B A B, and the ratio of
the medians is printed, which is what stays meaningful while other work loads the cores.
Run:  python3 tests/perf/bench_batch.py [--against DIR] [--repeat N] [sizes…]
"""
from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from procmem import load, measured  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TYPES = ["小学", "初中", "幼儿园", "高中", "完全中学", "九年一贯制", "职校"]
GOALS = {1000: (2.5, None), 10000: (20.0, 300)}  # seconds, MB


def roster(path: Path, count: int) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["学校名称", "类型", "关工委主任", "目标.结对帮扶人数", "红色资源"])
        for number in range(count):
            kind = TYPES[number % len(TYPES)]
            name = f"青山区第{number + 1}{'幼儿园' if kind == '幼儿园' else '学校'}"
            writer.writerow([name, kind, f"主任{number}", 10 + number % 40, "青山烈士陵园" if number % 3 == 0 else ""])


def run(root: Path, folder: Path, count: int, run_number: int) -> tuple[float, int, int, float]:
    out = folder / f"out-{root.name}-{run_number}"
    bundle = folder / f"汇编-{root.name}-{run_number}.docx"
    command = [sys.executable, "-m", "generator", "batch", str(folder / f"名册{count}.csv"), "--year", "2027",
               "-o", str(out), "--bundle", str(bundle)]
    env = {**os.environ, "PYTHONPATH": str(root)}
    result = measured(command, cwd=root, env=env)
    for path in out.glob("*.docx"):  # keep the temporary folder small at 10,000 plans
        path.unlink()
    bundle.unlink()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--against", type=Path, help="another checkout to run alternately (A B A B)")
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    roots = [ROOT] + ([options.against.resolve()] if options.against else [])
    print(load())
    for count in options.sizes:
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            roster(folder / f"名册{count}.csv", count)
            figures: dict[Path, list[tuple[float, int, int, float]]] = {root: [] for root in roots}
            for number in range(options.repeat if count < 10000 else max(1, options.repeat - 1)):
                for root in roots:
                    figures[root].append(run(root, folder, count, number))
            medians, cpus = {}, {}
            for root in roots:
                walls = [w for w, _, _, _ in figures[root]]
                memory = max(m for _, m, _, _ in figures[root])
                largest = max(m for _, _, m, _ in figures[root])
                medians[root] = statistics.median(walls)
                cpus[root] = statistics.median(c for _, _, _, c in figures[root])
                goal_s, goal_mb = GOALS.get(count, (None, None))
                goal = f"   goal ≤ {goal_s} s" if goal_s else ""
                goal += f", ≤ {goal_mb} MB" if goal_mb else ""
                print(f"{count:>6} schools + bundle [{root.name}]: median {medians[root]:6.2f} s "
                      f"(runs {', '.join(f'{w:.2f}' for w in walls)}), {count / medians[root]:5.0f} plans/s, "
                      f"CPU {cpus[root]:.2f} s, peak {memory} MB all processes, {largest} MB largest{goal}")
            if len(roots) == 2:
                a, b = roots
                print(f"{count:>6} schools: {a.name} / {b.name} = {medians[a] / medians[b]:.2f} wall, "
                      f"{cpus[a] / cpus[b]:.2f} CPU (medians of paired runs)")
    print(load())


if __name__ == "__main__":
    main()
