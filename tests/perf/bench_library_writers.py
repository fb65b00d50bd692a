"""Benchmark: the library under the writers of issue 19, as a user meets them (CLI processes).

Counts, over N rounds each: plans lost by two ingests at once, duplicate section files from the
same ingest run twice at once, clauses or learn edits lost by an ingest and a learn at once,
libraries left in a state lint refuses, and temp files left after kill -9 at random moments
(then after the next run). Also times the 36 real web copies ingested one at a time.
Run:  python3 tests/perf/bench_library_writers.py [rounds]
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
CORPUS = sorted((ROOT / "tests" / "corpus" / "plans").glob("*.txt"))
REAL = sorted((ROOT.parent / "shared" / "real" / "plans").glob("*.txt"))
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def gwplan(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", *map(str, args)], env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def finish(*procs) -> list[int]:
    return [p.wait() for p in procs]


def lint_ok(library: Path) -> bool:
    from generator.review.lint import lint_library

    return not lint_library(library).errors


def clause_ids(library: Path) -> set[str]:
    from generator.library.load import load_library

    return {c.id for _, c in load_library(library).clauses()}


def leftovers(library: Path) -> int:
    return len([p for p in library.rglob(".*") if p.name != ".gwplan.lock"])


def main(rounds: int) -> None:
    from helpers import library_state

    work = Path(tempfile.mkdtemp(prefix="bench-writers-"))
    base = work / "base"
    subprocess.run([sys.executable, "-m", "generator", "ingest", *map(str, CORPUS[:3]), "--library", str(base)],
                   env=ENV, check=True, capture_output=True)
    a, b = CORPUS[3], CORPUS[5]

    lost = refused = 0
    for n in range(rounds):
        lib = work / f"two{n}"
        shutil.copytree(base, lib)
        finish(gwplan("ingest", a, "--library", lib), gwplan("ingest", b, "--library", lib))
        from generator.library.load import load_library
        files = {str(p.get("file")) for p in load_library(lib).plans}
        lost += len({a.name, b.name} - files)
        refused += not lint_ok(lib)
    print(f"two ingests at once:        {lost} plans lost in {rounds} rounds; lint refused {refused}")

    doubled = refused = 0
    for n in range(rounds):
        lib = work / f"same{n}"
        shutil.copytree(base, lib)
        finish(gwplan("ingest", a, "--library", lib), gwplan("ingest", a, "--library", lib))
        doubled += len(list(lib.glob("*-2.yaml")))
        refused += not lint_ok(lib)
    print(f"the same ingest twice:      {doubled} duplicate section files in {rounds} rounds; lint refused {refused}")

    killed = dirty = mixed = after_next = 0
    reference = work / "ref"
    shutil.copytree(base, reference)
    subprocess.run([sys.executable, "-m", "generator", "ingest", str(a), str(b), "--library", str(reference)], env=ENV, check=True, capture_output=True)
    want, before = library_state(reference), library_state(base)
    rng = random.Random(19)
    for n in range(rounds * 2):
        lib = work / f"kill{n}"
        shutil.copytree(base, lib)
        proc = gwplan("ingest", a, b, "--library", lib)
        time.sleep(rng.uniform(0.3, 3.0))
        proc.send_signal(signal.SIGKILL)
        killed += proc.wait() == -signal.SIGKILL
        dirty += leftovers(lib) > 0 and not (lib / ".gwplan.journal").exists()
        mixed += library_state(lib) not in (before, want)
        finish(gwplan("ingest", a, b, "--library", lib))
        after_next += leftovers(lib) + (library_state(lib) != want)
    print(f"kill -9 during ingest:      {killed} of {rounds * 2} runs killed; {mixed} libraries neither before nor after;"
          f" {after_next} problems (temp files, wrong clauses) after the next run")

    if REAL:
        lib = work / "real"
        started = time.perf_counter()
        stopped = 0
        for plan in REAL:
            stopped += finish(gwplan("ingest", plan, "--library", lib))[0] != 0
        print(f"36 real web copies, one at a time: {time.perf_counter() - started:.1f} s; {stopped} runs refused;"
              f" lint {'clean' if lint_ok(lib) else 'REFUSES'}; {len(clause_ids(lib))} clauses")
    shutil.rmtree(work)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
