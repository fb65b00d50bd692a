from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT / "tests"))


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
