"""Wall time and peak memory of a command and every process it starts (benchmarks only).

The peak is sampled from /proc every 20 ms: the sum of the resident memory of the command and
all its descendants (forked workers share pages with their parent, so the sum over-counts a
little), and the largest single process.
"""
from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from pathlib import Path


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_rss(pid: int) -> tuple[int, int]:
    """(resident bytes of `pid` and its descendants, of the largest one of them)."""
    total, largest, todo = 0, 0, [pid]
    while todo:
        current = todo.pop()
        rss = _rss(current)
        total, largest = total + rss, max(largest, rss)
        todo += _children(current)
    return total, largest


def measured(command: list[str], cwd: Path | None = None, env: dict | None = None) -> tuple[float, int, int, float]:
    """(wall seconds, peak MB of the process tree summed, peak MB of the largest process, CPU
    seconds of the whole tree: user + system, less sensitive to other work than the wall time)."""
    peak = [0, 0]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample() -> None:
        while process.poll() is None:
            total, largest = tree_rss(process.pid)
            peak[0], peak[1] = max(peak[0], total), max(peak[1], largest)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, errors = process.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} … failed:\n{errors.decode('utf-8', 'replace')[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
    return wall, peak[0] // 2**20, peak[1] // 2**20, cpu


def load() -> str:
    return "load average %.1f %.1f %.1f on %d cores" % (*os.getloadavg(), os.cpu_count() or 1)
