from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT / "tests"))


# Tests that need an outside tool (LibreOffice, poppler, Chromium, node and the Open XML SDK
# validator) skip where it is missing, with a reason starting "需要". .ci/run installs every tool
# and sets GWPLAN_REQUIRE_TOOLS=1: there such a skip fails the run instead of hiding the test.
REQUIRE_TOOLS = os.environ.get("GWPLAN_REQUIRE_TOOLS") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_TOOLS and report.skipped and "需要" in str(report.longrepr):
        report.outcome = "failed"
        report.longrepr = f"GWPLAN_REQUIRE_TOOLS=1，但测试所需的工具缺失：{report.longrepr}"


@pytest.fixture
def seeds() -> Path:
    """The real past plans in ../shared/seeds; tests using them skip on a fresh clone."""
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip("../shared/seeds 不存在（全新克隆时没有），跳过使用真实样本的测试")
    return SEEDS


def seed(seeds: Path, prefix: str) -> Path:
    return next(seeds.glob(f"{prefix}_*.txt"))


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def starter(tmp_path) -> Path:
    """A writable copy of the built-in starter library."""
    from generator.resources import data_dir

    copy = tmp_path / "library"
    shutil.copytree(data_dir("library"), copy)
    return copy


def run_gwplan(*args) -> None:
    """Run the CLI in a module-scoped fixture (no capsys there); a run must end with 0 or 1."""
    from generator.cli import main

    with pytest.raises(SystemExit) as done:
        main([str(a) for a in args])
    assert done.value.code in (0, 1), args


def three_school_roster(path: Path) -> Path:
    """A roster with one school of each main type."""
    path.write_text("学校名称,类型\n青山实验小学,小学\n青山中学,初中\n青山幼儿园,幼儿园\n", encoding="utf-8")
    return path


@pytest.fixture
def gwplan(capsys):
    """Run the gwplan CLI in-process, as a user would, returning exit code and output."""
    from generator.cli import main

    def run(*args) -> Run:
        capsys.readouterr()
        with pytest.raises(SystemExit) as exit_info:
            main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(exit_info.value.code, captured.out, captured.err)

    return run
