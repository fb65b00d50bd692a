"""One library through the years: two units, three years of draft --review, edits in Word
(python-docx), a LibreOffice re-save, learn, the same year drafted again, the issued plan ingested.

At every step lint is clean, no clause is in the library twice, every edit is in the next draft
and the two units never mix. The cycle runs once for the module; the tests read its record.
"""
from __future__ import annotations

import copy
import inspect
import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph
from pdfmeasure import have_tools, soffice

from conftest import run_gwplan
from generator.ingest import ingest
from generator.library.load import load_library
from generator.ooxml import W
from generator.review.learn import learn
from generator.review.lint import lint_library

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "plans"
UNITS = {"青山区教育局关工委": "2024-青山区教育局关工委-工作要点.txt", "云岭县教育局关工委": "2025-云岭县教育局关工委-工作要点.txt"}
YEARS = (2026, 2027, 2028)
NEW_WORK = {  # a reviewer's new clause each year, unlike the others
    2026: "组织退休校长组成督导小组，每学期走访乡村学校一次。",
    2027: "建立家庭教育讲师库，吸收有专长的老教师担任讲师。",
    2028: "开展青少年网络素养调研，形成报告报送教育局党组。",
}
ITEM = re.compile(r"^\d+[.．、]")


def _org_drafts_apart() -> bool:
    """Whether draft --org drafts from that unit's own plan (issue 18's selection)."""
    from generator.draft.selection import base_plan

    return "org" in inspect.signature(base_plan).parameters


@dataclass
class Step:
    unit: str
    year: int
    edits: dict = field(default_factory=dict)  # kind → the text involved
    reviewed: list[str] = field(default_factory=list)  # body paragraphs of the reviewed draft
    redrafted: list[str] = field(default_factory=list)  # body paragraphs of the same year drafted again
    learned: list = field(default_factory=list)  # learn's actions
    relearned: list = field(default_factory=list)  # learn's actions the second time
    issued_added: int = -1  # clauses the issued plan added when ingested
    comments: str = ""  # the review draft's comments.xml
    drafted_ids: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # lint errors and duplicates after each step


def body(path: Path) -> list[str]:
    """The body paragraphs of a draft (title, signature and date left out), item numbers removed."""
    paragraphs = [p.text.strip() for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    start = 1 if "\n" in paragraphs[0] or paragraphs[0].endswith(("要点", "计划")) else 2
    end = next(i for i in range(len(paragraphs) - 1, 0, -1) if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", paragraphs[i]))
    return [ITEM.sub("", p) for p in paragraphs[start : end - 1]]


def _set_text(paragraph: Paragraph, text: str) -> None:
    runs = list(paragraph._p.iter(W + "t"))
    runs[0].text = text
    for run in runs[1:]:
        run.text = ""


def _new_after(template: Paragraph, anchor: Paragraph, text: str) -> Paragraph:
    element = copy.deepcopy(template._p)
    for tag in ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "commentReference"):
        for node in list(element.iter(W + tag)):
            node.getparent().remove(node)
    anchor._p.addnext(element)
    paragraph = Paragraph(element, template._parent)
    _set_text(paragraph, text)
    return paragraph


def edit_in_word(draft: Path, target: Path, unit: str, year: int) -> dict:
    """Reword, delete, add and move clauses across sections, as a reviewer does in Word."""
    document = docx.Document(str(draft))
    paragraphs = document.paragraphs
    headings = [i for i, p in enumerate(paragraphs) if re.match(r"^[一二三四五六七八九十]+、", p.text)]
    items = lambda h: [p for p in paragraphs[headings[h] + 1 : headings[h + 1] if h + 1 < len(headings) else None]
                       if ITEM.match(p.text)]
    sections = [items(h) for h in range(len(headings))]
    first = sections[0]
    # reword and delete in one section, move from another (or the same one's middle when only one has room)
    roomy = [s for s in sections[1:] if len(s) >= 2]
    second, last = roomy[0], roomy[-1]
    if last is second and len(second) < 3:
        last = next(s for s in sections[1:] if s is not second)
    moving = last[-2] if last is second else last[-1]
    edits = {}
    reword = second[0]
    edits["reworded"] = ITEM.sub("", reword.text).rstrip("。") + f"，年底前形成{unit[:3]}专题总结。"
    _set_text(reword, "1." + edits["reworded"])
    gone = second[-1]
    edits["deleted"] = ITEM.sub("", gone.text)
    gone._p.getparent().remove(gone._p)
    moved = moving
    edits["moved"] = ITEM.sub("", moved.text)
    first[0]._p.addnext(moved._p)
    edits["added"] = f"{unit[:3]}{NEW_WORK[year]}"
    _new_after(first[0], first[0], "1." + edits["added"])
    document.save(str(target))
    return edits


def resave_with_libreoffice(paths: list[Path], folder: Path) -> list[Path]:
    """Open and save each document in LibreOffice (one call for all), as a reviewer using it would."""
    folder.mkdir(exist_ok=True)
    soffice("--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder), *map(str, paths),
            check=True, capture_output=True, timeout=600)
    return [folder / p.name for p in paths]


def clear_highlights(draft: Path, issued: Path) -> None:
    document = docx.Document(str(draft))
    for node in list(document.element.body.iter(W + "highlight")):
        node.getparent().remove(node)
    document.save(str(issued))


def library_problems(root: Path) -> list[str]:
    library = lint_library(root)
    problems = [str(e) for e in library.errors]
    texts = [c.text for _, c in library.clauses()]
    problems += [f"重复条款：{t[:20]}" for t in {t for t in texts if texts.count(t) > 1}]
    return problems


@pytest.fixture(scope="module")
def cycle(tmp_path_factory):
    if not have_tools():
        pytest.skip("需要 LibreOffice（把审核稿在 LibreOffice 中另存）")
    units = list(UNITS) if _org_drafts_apart() else list(UNITS)[:1]
    root = tmp_path_factory.mktemp("cycle")
    library = root / "library"
    for unit in UNITS:  # one library for both units
        ingest([CORPUS / UNITS[unit]], library)
    steps: list[Step] = []
    for year in YEARS:
        drafts, year_steps = [], []
        for number, unit in enumerate(units):
            step = Step(unit, year)
            review = root / f"{year}-{number}-审阅稿.docx"
            run_gwplan("draft", "--year", year, "--library", library, "--org", unit, "--review", "-o", review)
            with zipfile.ZipFile(review) as package:
                step.comments = package.read("word/comments.xml").decode("utf-8")
            step.drafted_ids = [e["clause"] for e in json.loads(review.with_suffix(".provenance.json").read_text(encoding="utf-8"))["paragraphs"] if e.get("clause")]
            edited = root / f"{year}-{number}-改.docx"
            step.edits = edit_in_word(review, edited, unit, year)
            step.reviewed = body(edited)
            shutil.copy(review.with_suffix(".provenance.json"), edited.with_suffix(".provenance.json"))
            drafts.append(edited)
            year_steps.append(step)
        saved = resave_with_libreoffice(drafts, root / f"lo{year}")
        for number, (step, edited) in enumerate(zip(year_steps, saved)):
            shutil.copy(drafts[number].with_suffix(".provenance.json"), edited.with_suffix(".provenance.json"))
            step.learned = learn(edited, library).actions
            step.problems += library_problems(library)
            step.relearned = learn(edited, library).actions
            again = root / f"{year}-{number}-再稿.docx"
            run_gwplan("draft", "--year", year, "--library", library, "--org", step.unit, "-o", again)
            step.redrafted = body(again)
            issued = root / f"{step.unit}{year}年工作要点.docx"
            clear_highlights(again, issued)
            result = ingest([issued], library)
            step.issued_added = result.plans[0].added if not result.plans[0].skipped else 0
            step.problems += library_problems(library)
        steps += year_steps
    return steps, library


def test_every_edit_is_in_the_next_draft(cycle):
    steps, _ = cycle
    for step in steps:
        assert step.redrafted == step.reviewed, f"{step.unit} {step.year}"
        assert step.edits["reworded"] in step.redrafted and step.edits["added"] in step.redrafted
        assert step.edits["deleted"] not in step.redrafted
        order = [step.redrafted.index(step.edits[k]) for k in ("added", "moved", "reworded")]
        assert order == sorted(order), "the moved clause stands in the first section, after the new one"


def test_learn_saw_every_edit_and_learning_again_changes_nothing(cycle):
    steps, _ = cycle
    for step in steps:
        kinds = {a.kind for a in step.learned}
        assert {"reworded", "added", "deleted", "moved"} <= kinds, (step.unit, step.year, kinds)
        assert step.relearned == []


def test_the_library_stays_sound_and_the_issued_plan_adds_nothing(cycle):
    steps, library = cycle
    for step in steps:
        assert step.problems == [], (step.unit, step.year)
        assert step.issued_added == 0, (step.unit, step.year)
    plans = load_library(library).plans
    for step in steps:  # one plan per unit and year: the issued one replaced its reviewed draft
        assert len([p for p in plans if p.get("year") == step.year and p.get("org") == step.unit]) == 1
        assert not [p for p in plans if p.get("year") == step.year and p.get("learned")]
    assert not [p for p in library.rglob(".*") if p.name != ".gwplan.lock"]


def test_units_never_mix(cycle):
    steps, library = cycle
    by_id = {c.id: c for _, c in load_library(library).clauses()}
    for step in steps:
        for clause_id in step.drafted_ids:
            orgs = {s.org for s in by_id[clause_id].sources}
            assert step.unit in orgs, (step.unit, step.year, clause_id, orgs)
        others = [s.edits["added"] for s in steps if s.unit != step.unit]
        assert not set(others) & set(step.redrafted)


def test_review_comments_have_single_brackets(cycle):
    steps, _ = cycle
    for step in steps:
        sources = re.findall(r"来源：[^<]*", step.comments)
        assert sources and "（总要求 第 1 条）" in step.comments
        assert not [s for s in sources if "（（" in s or "））" in s]
