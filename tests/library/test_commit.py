"""Library writes are checked before they happen and happen whole: commit_library and recover."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import GwplanError
from generator.library.commit import commit_library
from generator.library.journal import JOURNAL, recover
from generator.library.load import load_library


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_write_gwplan_would_refuse_is_not_done(starter):
    before = _snapshot(starter)
    section = next(starter.glob("01-*.yaml"))
    broken = section.read_text(encoding="utf-8") + "clauses: []\n"  # the doubled key of issue 19
    with pytest.raises(GwplanError) as refused:
        commit_library(starter, {section: broken, starter / "gwplan.yaml": "title: x\n"})
    message = str(refused.value)
    line = broken.count("\n")
    assert f"{section}:{line}:" in message and "clauses" in message and "出现了两次" in message
    assert "没有写入任何文件" in message
    assert _snapshot(starter) == before


def test_a_good_write_replaces_all_files_and_leaves_nothing_else(starter):
    section = next(starter.glob("01-*.yaml"))
    new_section = starter / "09-新的一节.yaml"
    gone = next(starter.glob("02-*.yaml"))
    text = section.read_text(encoding="utf-8").replace("section:", "# 审核人的注释\nsection:", 1)
    commit_library(starter, {section: text, new_section: "section: 新的一节\nclauses: []\n"}, deleted=[gone])
    assert section.read_text(encoding="utf-8") == text
    assert new_section.exists() and not gone.exists()
    assert not [p for p in starter.rglob(".*") if p.name != ".gwplan.lock"]
    assert not load_library(starter).errors


def test_recover_removes_the_temp_files_of_an_uncommitted_run(starter):
    (starter / ".01-思想政治引领.yaml.abc123xy.tmp").write_text("half", encoding="utf-8")
    (starter / ".gwplan.yaml.q1w2e3r4.tmp").write_bytes(b"")
    (starter / "schema").mkdir(exist_ok=True)
    (starter / "schema" / ".section.schema.json.zzzzzzzz.tmp").write_text("{", encoding="utf-8")
    before = {k: v for k, v in _snapshot(starter).items() if not Path(k).name.startswith(".")}
    recover(starter)
    assert _snapshot(starter) == before


def test_recover_finishes_a_committed_run(starter):
    """Killed after the journal was in place: the next writer completes every rename."""
    first, second = sorted(starter.glob("0[12]-*.yaml"))
    temps = []
    for path in (first, second):
        temp = path.with_name(f".{path.name}.k1ll3d00.tmp")
        temp.write_text(path.read_text(encoding="utf-8") + "# 新内容\n", encoding="utf-8")
        temps.append(temp)
    # the first rename had happened before the kill
    wanted_first = temps[0].read_text(encoding="utf-8")
    temps[0].replace(first)
    plan = {"replace": [[t.name, p.name] for t, p in zip(temps, (first, second))], "delete": []}
    (starter / JOURNAL).write_text(json.dumps(plan), encoding="utf-8")
    recover(starter)
    assert first.read_text(encoding="utf-8") == wanted_first
    assert second.read_text(encoding="utf-8").endswith("# 新内容\n")
    assert not (starter / JOURNAL).exists() and not list(starter.glob(".*.tmp"))
    assert not load_library(starter).errors


def test_a_section_a_reviewer_emptied_loads(tmp_path):
    (tmp_path / "gwplan.yaml").write_text("title: t\n", encoding="utf-8")
    (tmp_path / "01-空.yaml").write_text("section: 空的一节\nclauses:\n# 全部删掉了\n", encoding="utf-8")
    assert not load_library(tmp_path).errors
    (tmp_path / "01-空.yaml").write_text("section: 空的一节\n", encoding="utf-8")
    assert "缺少 clauses" in str(load_library(tmp_path).errors[0])


def test_a_library_named_by_a_relative_path(starter, monkeypatch):
    monkeypatch.chdir(starter.parent)
    section = Path(starter.name) / next(starter.glob("01-*.yaml")).name
    text = section.read_text(encoding="utf-8") + "# 末尾的注释\n"
    commit_library(Path(starter.name), {section: text})
    assert section.read_text(encoding="utf-8") == text
