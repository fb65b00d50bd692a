"""learn refuses what gwplan did not write, reports what it does not learn, learns a draft once,
and shares the library with an ingest running at the same time."""
from __future__ import annotations

import copy
import os
import shutil

import docx
import pytest
from helpers import CORPUS_PLANS as CORPUS, forked, library_state as state, run_killed_at, typed_plan

from generator.ingest import ingest
from generator.ooxml import W
from generator.review.learn import learn


def _draft(gwplan, library, path):
    assert gwplan("draft", "--year", "2027", "--library", library, "-o", path, "--review").code == 0
    return path


def _reword_and_sign_off(draft, target):
    """Reword one item; type a line after the date (outside the body)."""
    document = docx.Document(str(draft))
    item = next(p for p in document.paragraphs if "举办“五老”骨干培训班" in p.text)
    for node in item._p.iter(W + "t"):
        node.text = node.text.replace("骨干培训班", "骨干培训班和新媒体工作坊")
    last = document.paragraphs[-1]
    extra = copy.deepcopy(last._p)
    last._p.addnext(extra)
    for number, node in enumerate(extra.iter(W + "t")):
        node.text = "联系人：王老师" if number == 0 else ""
    document.save(str(target))
    shutil.copy(draft.with_suffix(".provenance.json"), target.with_suffix(".provenance.json"))
    return target


def test_a_document_gwplan_did_not_write_is_refused(tmp_path, gwplan, starter):
    foreign = typed_plan(tmp_path / "别人的计划.docx")
    result = gwplan("learn", foreign, "--library", starter)
    assert result.code == 2 and "gwplan ingest" in result.err and "--force" in result.err
    forced = gwplan("learn", foreign, "--library", starter, "--force", "--dry-run")
    assert forced.code == 0 and "新增" in forced.out


def test_paragraphs_outside_the_body_are_reported_and_a_draft_is_learned_once(tmp_path, gwplan, starter):
    edited = _reword_and_sign_off(_draft(gwplan, starter, tmp_path / "d.docx"), tmp_path / "改.docx")
    first = gwplan("learn", edited, "--library", starter)
    assert first.code == 0 and "改写" in first.out
    assert "成文日期之后" in first.out and "联系人：王老师" in first.out
    library = {p.name: p.read_bytes() for p in starter.glob("*.yaml")}
    again = gwplan("learn", edited, "--library", starter)
    assert again.code == 0 and "已经学习过" in again.out
    assert {p.name: p.read_bytes() for p in starter.glob("*.yaml")} == library
    assert gwplan("lint", "--library", starter).code == 0


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork: Unix only")
def test_an_ingest_and_a_learn_at_the_same_time(tmp_path, gwplan, starter):
    edited = _reword_and_sign_off(_draft(gwplan, starter, tmp_path / "d.docx"), tmp_path / "改.docx")
    plan = CORPUS[4]
    references = []
    for order in ("learn first", "ingest first"):
        copy_ = tmp_path / order
        shutil.copytree(starter, copy_)
        steps = [lambda: learn(edited, copy_), lambda: ingest([plan], copy_)]
        for step in steps if order == "learn first" else reversed(steps):
            step()
        references.append(state(copy_))
    for round_ in range(2):
        library = tmp_path / f"both{round_}"
        shutil.copytree(starter, library)
        pids = []
        for work in (lambda: learn(edited, library), lambda: ingest([plan], library)):
            pids.append(forked(work))
        assert [os.waitpid(pid, 0)[1] for pid in pids] == [0, 0]
        assert state(library) in references


def test_targets_never_go_into_the_installed_package(tmp_path, gwplan):
    from generator.resources import data_dir

    result = gwplan("draft", "--year", "2031", "-o", tmp_path / "d.docx")
    assert result.code == 2 and "--targets" in result.err
    advice = result.err[result.err.index("请"):]  # after the list of clauses (which name their files)
    assert str(data_dir("library")) not in advice and "_data" not in advice


@pytest.mark.skipif(not hasattr(os, "fork"), reason="kill -9 and fork: Unix only")
def test_learn_killed_at_every_step_then_run_again(tmp_path, gwplan, starter):
    """The recovery a user tries after a crash: run learn again. Whether the kill came before or
    after the commit, the library ends as one learn leaves it, with nothing doubled."""
    edited = _reword_and_sign_off(_draft(gwplan, starter, tmp_path / "d.docx"), tmp_path / "改.docx")
    before = state(starter)
    once = tmp_path / "once"
    shutil.copytree(starter, once)
    learn(edited, once)
    after = state(once)
    seen = []
    for step in range(1, 30):
        library = tmp_path / f"k{step}"
        shutil.copytree(starter, library)
        killed = run_killed_at(step, lambda: learn(edited, library))
        found = state(library)
        assert found in (before, after), step
        if step % 3 == 1 or not killed or (seen and seen[-1] != found):  # the retry, at a spread of steps
            learn(edited, library)
            assert state(library) == after
            assert not [p for p in library.rglob(".*") if p.name != ".gwplan.lock"]
        seen.append(found)
        if not killed:
            break
    assert seen[0] == before and seen[-1] == after
    assert not killed


def test_braces_typed_in_word_stay_text(tmp_path, gwplan, starter):
    draft = _draft(gwplan, starter, tmp_path / "d.docx")
    document = docx.Document(str(draft))
    item = next(p for p in document.paragraphs if "举办“五老”骨干培训班" in p.text)
    for node in item._p.iter(W + "t"):
        node.text = node.text.replace("骨干培训班", "骨干培训班{{ 待定 }}")
    edited = tmp_path / "改.docx"
    document.save(str(edited))
    shutil.copy(draft.with_suffix(".provenance.json"), edited.with_suffix(".provenance.json"))
    assert gwplan("learn", edited, "--library", starter).code == 0
    assert gwplan("lint", "--library", starter).code == 0  # the braces are kept as text, not as a placeholder
    again = tmp_path / "again.docx"
    assert gwplan("draft", "--year", "2027", "--library", starter, "-o", again).code == 0
    assert any("骨干培训班{{ 待定 }}" in p.text for p in docx.Document(str(again)).paragraphs)
