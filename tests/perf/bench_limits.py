"""Benchmark: the worst work gwplan accepts, at the readers' and the sandbox's limits (docs/limits.md).

Prints wall and CPU time of each command on input just under a limit, and of
the refusal just over it, which must cost almost nothing: the limits are checked before the work.
Run:  python3 tests/perf/bench_limits.py
"""
from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from corpus.hostile import _ACTIVITIES, JINJA_BOMBS, bomb_docx, library_section, txt_plan  # noqa: E402


def run(label: str, *args) -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(f"{label:<46} exit {done.returncode}   wall {seconds:6.2f} s   cpu {cpu:6.2f} s")


def main() -> None:
    from generator.readers.limits import MAX_DOCX_PARAGRAPHS, MAX_PLAN_PARAGRAPHS
    from generator.resources import data_dir

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        count = len(_ACTIVITIES)
        items = [f"{_ACTIVITIES[i % count]}，{_ACTIVITIES[i // count % count]}，{_ACTIVITIES[i // count // count % count]}"
                 for i in range(MAX_PLAN_PARAGRAPHS - 100)]
        (folder / "plan.txt").write_text(txt_plan(items), encoding="utf-8")
        run(f"ingest, {len(items)}-line plan (limit {MAX_PLAN_PARAGRAPHS})", "ingest", folder / "plan.txt", "--library", folder / "library")
        (folder / "over.txt").write_text(txt_plan(items * 2), encoding="utf-8")
        run("ingest, twice the limit (refused)", "ingest", folder / "over.txt", "--library", folder / "library2")
        long = bomb_docx(folder / "long.docx", texts=MAX_DOCX_PARAGRAPHS - 1_000)
        run(f"check, {MAX_DOCX_PARAGRAPHS - 1_000}-paragraph .docx", "check", long)
        run("check, 3 million-paragraph zip bomb (refused)", "check", bomb_docx(folder / "bomb.docx", paragraphs=3_000_000))
        library = folder / "bombs"
        import shutil

        shutil.copytree(data_dir("library"), library)
        for number, (name, text) in enumerate(JINJA_BOMBS.items(), 1):
            (library / f"9{number:02d}-{name}.yaml").write_text(library_section([text.replace('"', '\\"')]), encoding="utf-8")
        (library / "990-loops.yaml").write_text(library_section(
            ["{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}开展活动。"] * 40), encoding="utf-8")
        run("lint, every Jinja bomb + 40 loop clauses", "lint", "--library", library)


if __name__ == "__main__":
    main()
