"""The digests of a `gwplan batch` run of 50 schools (plans and bundle, plain and --review): run it
in two checkouts (before and after a change) and compare the two manifests.

Digests ignore only the time of writing (tests/helpers.docx_digest). The roster mixes every school
type, a missing target, duplicate names and a failing row.
Run:  python3 tests/perf/batch_manifest.py [--root CHECKOUT] > manifest.json
      python3 tests/perf/batch_manifest.py --compare a.json b.json
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from helpers import docx_digest  # noqa: E402

TYPES = ["小学", "初中", "幼儿园", "高中", "完全中学", "九年一贯制", "职校"]


def write_roster(path: Path, count: int = 50) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["学校名称", "类型", "关工委主任", "目标.结对帮扶人数", "红色资源"])
        for number in range(count):
            kind = TYPES[number % len(TYPES)]
            name = f"青山区第{number % 45 + 1}{'幼儿园' if kind == '幼儿园' else '学校'}"  # some names twice
            helped = "" if number % 11 == 5 else 10 + number % 40  # some schools give no target
            writer.writerow([name, kind if number != 17 else "夜校", f"主任{number}", helped, "青山烈士陵园" if number % 3 == 0 else ""])


def manifest(root: Path) -> dict[str, str]:
    found = {}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        write_roster(folder / "名册.csv")
        env = {**os.environ, "PYTHONPATH": str(root)}
        for variant, extra in (("plain", []), ("review", ["--review"])):
            command = [sys.executable, "-m", "generator", "batch", str(folder / "名册.csv"), "--year", "2027",
                       "-o", str(folder / variant), "--bundle", str(folder / f"{variant}.docx"), *extra]
            subprocess.run(command, cwd=root, env=env, capture_output=True)
            for path in sorted((folder / variant).glob("*.docx")) + [folder / f"{variant}.docx"]:
                found[f"{variant}/{path.name}"] = docx_digest(path, root)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", type=Path, default=HERE.parents[1])
    parser.add_argument("--compare", nargs=2, type=Path)
    options = parser.parse_args()
    if options.compare:
        a, b = (json.loads(p.read_text(encoding="utf-8")) for p in options.compare)
        differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
        print(f"{len(a)} and {len(b)} files; {len(differ)} differ" + "".join(f"\n  {k}" for k in differ[:20]))
        sys.exit(1 if differ else 0)
    json.dump(manifest(options.root.resolve()), sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
