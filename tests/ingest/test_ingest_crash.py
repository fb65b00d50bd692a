"""Writers at the same time and writers killed at every step of the write: the library, clause by
clause, is always the state before or after a whole run, and the next run tidies up."""
from __future__ import annotations

import os
import shutil
import signal
import time

import pytest

from generator.ingest import ingest
from generator.library.journal import JOURNAL

from helpers import CORPUS_PLANS as CORPUS, forked, library_state as state, run_killed_at
from test_ingest_sequences import assert_sound

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="kill -9 and fork: Unix only")

BASE = CORPUS[:3]
ADDED = [CORPUS[3], CORPUS[5]]


@pytest.fixture(scope="module")
def libraries(tmp_path_factory):
    """A library of three plans, and the references after adding the next ones in either order."""
    root = tmp_path_factory.mktemp("crash")
    ingest(BASE, root / "base")
    refs = {}
    for name, steps in {"both": [ADDED], "a_then_b": [[ADDED[0]], [ADDED[1]]], "b_then_a": [[ADDED[1]], [ADDED[0]]], "a": [[ADDED[0]]]}.items():
        shutil.copytree(root / "base", root / name)
        for step in steps:
            ingest(step, root / name)
        refs[name] = state(root / name)
    return root, state(root / "base"), refs


def test_kill_at_every_step_of_the_write(libraries, tmp_path):
    root, before, refs = libraries
    after = refs["both"]
    outcomes = []
    for step in range(1, 40):
        library = tmp_path / f"k{step}"
        shutil.copytree(root / "base", library)
        killed = run_killed_at(step, lambda: ingest(ADDED, library))
        found = state(library)  # a reader finishes a committed write first
        assert found in (before, after), f"step {step}: a mixed library"
        assert not (library / JOURNAL).exists()
        if step % 3 == 1 or not killed or (outcomes and outcomes[-1] != (found == after)):
            ingest(ADDED, library)  # the next run cleans up and gets the same library
            assert state(library) == after
            assert_sound(library, BASE + ADDED)
        outcomes.append(found == after)
        if not killed:
            break
    assert outcomes[0] is False and outcomes[-1] is True and not killed
    assert outcomes == sorted(outcomes), "once committed, a write stays committed"


def test_kill_at_staggered_moments(libraries, tmp_path):
    root, before, refs = libraries
    for delay in (0.1, 0.4, 0.8):
        library = tmp_path / f"t{delay}"
        shutil.copytree(root / "base", library)
        pid = forked(lambda: ingest(ADDED, library))
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        assert state(library) in (before, refs["both"])
        ingest(ADDED, library)
        assert state(library) == refs["both"]
        assert not [p for p in library.rglob(".*") if p.name != ".gwplan.lock"]


def test_two_ingests_at_once(libraries, tmp_path):
    root, _, refs = libraries
    for round_ in range(2):
        library = tmp_path / f"two{round_}"
        shutil.copytree(root / "base", library)
        first = forked(lambda: ingest([ADDED[0]], library))
        second = forked(lambda: ingest([ADDED[1]], library))
        codes = [os.waitpid(pid, 0)[1] for pid in (first, second)]
        assert codes == [0, 0]
        assert state(library) in (refs["a_then_b"], refs["b_then_a"])
        assert_sound(library, BASE + ADDED)


def test_the_same_ingest_twice_at_once(libraries, tmp_path):
    root, _, refs = libraries
    library = tmp_path / "same"
    shutil.copytree(root / "base", library)
    pids = [forked(lambda: ingest([ADDED[0]], library)) for _ in range(2)]
    assert [os.waitpid(pid, 0)[1] for pid in pids] == [0, 0]
    assert state(library) == refs["a"]
    assert not list(library.glob("*-2.yaml"))
