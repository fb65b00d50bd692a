"""Benchmark: `gwplan ingest` of one plan in a new process, and of 1,000 generated plans in one run.

Targets on the 2-core machine: one plan ≤ 1.0 s wall (issue 23), start-up included, median of
RUNS runs into a new library each time, paired A B A B with --against another checkout;
1,000 plans in one run, printed per plan (issue 2 asked 100 plans in ≤ 5 s).
Run:  python3 tests/perf/bench_ingest.py [--against DIR] [--plans N]
The plans are variants of the seeds (../shared/seeds) or, on a fresh clone, of the test
fixtures: other districts and years, reworded phrases, items dropped and one new item each,
so ingest does real merging and real new-clause work.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
TARGET_SECONDS = 5.0  # per 100 plans
ONE_PLAN_TARGET = 1.0
RUNS = 7
DISTRICTS = ["青山", "河西", "东城", "南湖", "北塘", "西岭", "临江", "长丰", "白沙", "云台"]
SWAPS = [("积极", "主动"), ("加强", "强化"), ("深入", "扎实"), ("组织", "发动"), ("进一步", "持续"), ("活动", "工作")]
EXTRA = [
    "家风家教主题宣讲", "红色研学实践", "乡村学校结对帮扶", "科普志愿服务", "校园安全巡查", "非遗技艺进课堂",
    "留守儿童亲情陪伴", "青年教师师徒结对", "法治副校长进校园", "劳动教育基地建设", "读书分享会", "心理健康讲座",
    "优秀传统文化传承", "社区教育联动", "暑期防溺水宣传", "老少同台文艺展演", "关工委网站改版", "工作简报编印",
    "五老志愿者表彰", "校外辅导站提质", "家长学校课程开发", "困难学生助学金发放", "网络素养教育", "体育赛事指导",
    "书法绘画兴趣小组", "国防教育活动", "革命遗址寻访", "校史馆讲解员培养", "端午节民俗体验", "科技创新大赛辅导",
]
VERBS = ["组织老同志开展", "协调相关部门推进", "依托社区资源做好", "联合团委少先队实施", "发动退休教师参与"]


def base_plans() -> list[str]:
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    sources = seeds or [ROOT / "tests" / "fixtures" / name for name in ("web_copy.txt", "school_gbk.txt")]
    texts = []
    for path in sources:
        data = path.read_bytes()
        texts.append(data.decode("utf-8") if path.name != "school_gbk.txt" else data.decode("gbk"))
    return texts


def generate(folder: Path, count: int) -> list[Path]:
    rng = random.Random(20261123)
    bases = base_plans()
    paths = []
    for number in range(count):
        text = bases[number % len(bases)]
        year = 2016 + number % 11
        for old_year in ("2022", "2023", "2024", "2025"):
            text = text.replace(old_year, str(year))
        district = DISTRICTS[number % len(DISTRICTS)]
        text = text.replace("武进区", f"{district}区").replace("金坛区", f"{district}区").replace("清河县", f"{district}县")
        for old, new in rng.sample(SWAPS, 3):
            text = text.replace(old, new, 2)
        lines = text.splitlines()
        body = [i for i, line in enumerate(lines) if len(line) > 40]
        if body:
            del lines[rng.choice(body)]
            first, *rest = rng.sample(EXTRA, 4)
            lines.insert(body[len(body) // 2], f"{rng.choice(VERBS)}{first}，重点做好{'、'.join(rest)}等工作。")
        path = folder / f"plan{number:04d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    return paths


def timed(args: list[str], root: Path = ROOT) -> tuple[float, str]:
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(args, capture_output=True, text=True, cwd=root, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"gwplan failed:\n{done.stderr}")
    return elapsed, done.stdout


def one_plan(roots: list[Path]) -> None:
    """One seed-sized plan into a new library, a new process each time (A B A B …)."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        plan = generate(folder, 1)[0]
        walls: dict[Path, list[float]] = {root: [] for root in roots}
        for number in range(RUNS):
            for root in roots:
                library = folder / f"library-{root.name}-{number}"
                command = [sys.executable, "-m", "generator", "ingest", str(plan), "--library", str(library)]
                walls[root].append(timed(command, root)[0])
        for root in roots:
            median = statistics.median(walls[root])
            print(f"ingest one plan, new process [{root.name}]: median {median:.2f} s, best {min(walls[root]):.2f} s "
                  f"(of {RUNS})   target {ONE_PLAN_TARGET:.1f} s   ratio {median / ONE_PLAN_TARGET:.2f}")
        if len(roots) == 2:
            a, b = (statistics.median(walls[r]) for r in roots)
            print(f"one plan: {roots[0].name} / {roots[1].name} = {a / b:.2f} (medians, paired runs)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", type=Path, help="another checkout to run alternately (A B A B)")
    parser.add_argument("--plans", type=int, default=1000)
    options = parser.parse_args()
    print("load average %.1f %.1f %.1f" % os.getloadavg())
    one_plan([ROOT] + ([options.against.resolve()] if options.against else []))
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        plans = generate(folder, options.plans)
        size = sum(p.stat().st_size for p in plans) / len(plans)
        library = folder / "library"
        command = [sys.executable, "-m", "generator", "ingest", *map(str, plans), "--library", str(library)]
        start_only, _ = timed([sys.executable, "-c", "import jieba; jieba.initialize()"])
        first, out = timed(command)
        again, _ = timed(command)
        summary = out.strip().splitlines()[-2]
        yaml_bytes = sum(p.stat().st_size for p in library.glob("*.yaml"))
        sources = [s for p in library.glob("0*.yaml") for c in (yaml.safe_load(p.read_text(encoding="utf-8"))["clauses"] or []) for s in c.get("sources") or []]
        with_text = sum(1 for s in sources if s.get("text"))
        plan_bytes = sum(p.stat().st_size for p in plans)
        print(f"plans: {len(plans)} generated, {size / 1024:.1f} KB each on average")
        print(f"library: {summary}  ({yaml_bytes / 1024:.0f} KB of YAML for {plan_bytes / 1024:.0f} KB of plans, ratio {yaml_bytes / plan_bytes:.2f})")
        print(f"sources: {len(sources)} references, {with_text} of them with a stored wording ({with_text / len(sources):.0%})")
        print(f"jieba start-up alone:          {start_only:6.2f} s")
        target = TARGET_SECONDS * len(plans) / 100
        print(f"ingest {len(plans)} plans (new library): {first:6.2f} s   target {target:.1f} s   ratio {first / target:.2f}")
        print(f"re-ingest the same {len(plans)} plans:   {again:6.2f} s   (adds nothing)")
        print(f"per plan: {first / len(plans) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
