"""The library's writer lock: one writer at a time, a clear message after the wait, no lock left by a kill."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.errors import GwplanError
from generator.library.lock import LOCK_FILE, LibraryBusy, library_lock

ROOT = Path(__file__).resolve().parents[2]

HOLDER = """
import sys, time
from pathlib import Path
from generator.library.lock import library_lock
with library_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
print("released", flush=True)
"""


def _hold(library: Path, seconds: float) -> subprocess.Popen:
    """Another process that takes the lock and keeps it for `seconds`; returns once it holds it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(library), str(seconds)], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_writer_is_told_another_holds_the_lock(tmp_path):
    holder = _hold(tmp_path, 30)
    try:
        started = time.monotonic()
        with pytest.raises(LibraryBusy) as refused:
            with library_lock(tmp_path, wait=0.3):
                pytest.fail("the lock was given to a second writer")
        assert 0.3 <= time.monotonic() - started < 5
        message = str(refused.value)
        assert "另一个 gwplan 进程" in message and "正在写这个条款库" in message
        assert isinstance(refused.value, GwplanError)  # the CLI prints it and exits with 2
    finally:
        holder.kill()
        holder.wait()


def test_second_writer_waits_for_the_first(tmp_path):
    holder = _hold(tmp_path, 0.6)
    started = time.monotonic()
    with library_lock(tmp_path, wait=20):
        waited = time.monotonic() - started
        assert holder.poll() is not None or holder.stdout.readline().strip() == "released"
    holder.wait()
    assert 0.2 < waited < 15


def test_a_killed_writer_leaves_no_lock(tmp_path):
    holder = _hold(tmp_path, 60)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    started = time.monotonic()
    with library_lock(tmp_path, wait=5):
        assert time.monotonic() - started < 1


def test_the_lock_file_is_no_part_of_the_library(starter):
    from generator.review.lint import lint_library

    with library_lock(starter):
        assert (starter / LOCK_FILE).exists()
    library = lint_library(starter)
    assert not library.errors
    assert all(LOCK_FILE not in p.file for p in library.problems)


def test_a_new_library_folder_is_created(tmp_path):
    with library_lock(tmp_path / "新库", wait=1) as folder:
        assert folder.is_dir()


def test_a_file_is_not_a_library(tmp_path):
    (tmp_path / "plan.txt").write_text("x", encoding="utf-8")
    with pytest.raises(GwplanError, match="不是文件夹"):
        with library_lock(tmp_path / "plan.txt"):
            pass


def test_nested_in_one_thread_and_waiting_across_threads(tmp_path):
    import threading

    with library_lock(tmp_path):
        with library_lock(tmp_path, wait=0.1):  # serve holding the lock may call ingest
            pass
        outcome = []

        def other():
            try:
                with library_lock(tmp_path, wait=0.2):
                    outcome.append("got it")
            except LibraryBusy:
                outcome.append("busy")

        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        assert outcome == ["busy"]
    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert outcome == ["busy", "got it"]
