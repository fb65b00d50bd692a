"""Hostile input through the whole command line (issue 20), from the generated corpus in
tests/corpus/hostile.py.

Every case asserts: a clear Chinese message (file and line where there is one), exit code 1 or 2
(or 0 where the input is harmless and the output provably unchanged in structure), no file that
cannot be opened (every .docx written is opened with python-docx and each XML part parsed with
lxml), and nothing overwritten. Work is bounded by limits inside gwplan (readers' limits, the
Jinja sandbox's), never by a timer in the test.
"""
from __future__ import annotations

import os
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from pdfmeasure import have_tools

from corpus.hostile import (
    EVERY, INVALID, JINJA_BOMBS, JINJA_LOOKALIKE, SEPARATORS, TITLE, bomb_docx, code, library_section, roster_csv,
    txt_plan, txt_plan_with_every_character, yaml_escape,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
LINE_BREAKING = set("\x0b\x0c\x1c\x1d\x1e")  # a text file's line breaks as copies mean them


def refused(run, code: int, *words: str) -> None:
    """A clear Chinese refusal: the exit code, no internal error, no traceback, these words."""
    message = run.out + run.err
    assert run.code == code, message
    assert CJK.search(run.err or run.out), message
    assert "内部错误" not in message and "Traceback" not in message, message
    for word in words:
        assert word in message, (word, message)


def opens(path: Path) -> docx.Document:
    """The .docx opens with python-docx, and every XML part of it parses with lxml."""
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))
    return docx.Document(str(path))


def all_open(folder: Path) -> list[Path]:
    found = sorted(folder.rglob("*.docx"))
    for path in found:
        opens(path)
    return found


def snapshot(*paths: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in paths}


def starter_copy(folder: Path) -> Path:
    from generator.resources import data_dir

    shutil.copytree(data_dir("library"), folder)
    return folder


# --- every control and separator character -----------------------------------------------------


def test_every_character_in_a_text_plan_is_removed_and_reported_at_its_line(tmp_path, gwplan):
    text, lines = txt_plan_with_every_character()
    plan = tmp_path / "plan.txt"
    plan.write_text(text, encoding="utf-8")
    library = tmp_path / "library"
    run = gwplan("ingest", plan, "--library", library)
    assert run.code == 1, run.out + run.err  # the library differs from the source: the writer must look
    for char in INVALID:
        if char not in LINE_BREAKING:
            assert f"第 {lines[char]} 行有 Word 文档不能保存的控制字符 {code(char)}" in run.out, code(char)
    stored = "".join(p.read_text(encoding="utf-8") for p in library.glob("*.yaml"))
    assert not any(char in stored for char in INVALID)
    assert gwplan("lint", "--library", library).code == 0
    out = tmp_path / "draft.docx"
    assert gwplan("draft", "--year", "2027", "--library", library, "-o", out, "--all").code == 0
    document = opens(out)
    assert document.paragraphs[0].text.startswith("青山区教育局关工委")


def test_a_text_that_is_mostly_control_characters_is_refused(tmp_path, gwplan):
    plan = tmp_path / "plan.txt"
    plan.write_text(txt_plan(["开展\x1b\x1b\x07读书\x1b活动"]), encoding="utf-8")
    refused(gwplan("ingest", plan, "--library", tmp_path / "library"), 2, "控制字符", str(plan))
    assert not (tmp_path / "library").exists()


@pytest.mark.parametrize("char", EVERY, ids=code)
def test_every_character_in_yaml_is_refused_at_its_line_or_kept_as_text(char):
    from generator.errors import GwplanError
    from generator.yamlio import load_text

    raw = [library_section(["开展读书活动。", f"开展{char}读书活动。"], quoted=False)] if char in INVALID else []
    for text in raw + [library_section(["开展读书活动。", f"开展{yaml_escape(char)}读书活动。"])]:
        if char in INVALID:
            with pytest.raises(GwplanError) as refusal:
                load_text(text, "04-关爱.yaml")
            assert refusal.value.line == 11 and "控制字符" in refusal.value.message and code(char) in refusal.value.message
        else:  # a separator is text (the template output escapes it)
            assert load_text(text, "04-关爱.yaml")[0]["clauses"][1]["text"] == f"开展{char}读书活动。"


@pytest.mark.parametrize("char", EVERY, ids=code)
def test_every_character_in_a_plan_file_is_refused_at_its_line(tmp_path, char):
    from generator.draft.planfile import load_plan_spec
    from generator.errors import GwplanError

    plan = tmp_path / "plan.yaml"
    plan.write_text(f'org: 青山区教育局关工委\ntitle: "青山区{yaml_escape(char)}工作要点"\n', encoding="utf-8")
    if char in INVALID:
        with pytest.raises(GwplanError) as refusal:
            load_plan_spec(plan)
        assert (refusal.value.file, refusal.value.line) == (str(plan), 2) and code(char) in refusal.value.message
    else:
        assert load_plan_spec(plan).title == f"青山区{char}工作要点"


def add_clause(section: Path, clause_id: str, text: str) -> int:
    """Append a clause whose `text:` is written as given (YAML); returns the line of `text:`."""
    lines = section.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines += [f"  - id: {clause_id}", "    status: active", "    kind: item", f"    text: {text}"]
    section.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


@pytest.mark.parametrize("text", ['"开展\\0读书活动。"', "开展\x1b读书活动。", '"开展\\uFFFE读书活动。"'], ids=["nul", "esc", "fffe"])
def test_control_characters_in_the_library_stop_lint_and_draft(tmp_path, gwplan, text):
    library = starter_copy(tmp_path / "library")
    section = library / "04-家校社协同育人.yaml"
    line = add_clause(section, "家校社-控制字符", text)
    refused(gwplan("lint", "--library", library), 2, f"{section}:{line}:", "控制字符")
    out = tmp_path / "draft.docx"
    refused(gwplan("draft", "--year", "2027", "--library", library, "-o", out, "--all"), 2, "控制字符")
    assert not out.exists()


# --- no text becomes structure ------------------------------------------------------------------


def _structure(path: Path) -> list[tuple[str, str]]:
    """(style, text) of the title, headings, signature and date of a drafted plan."""
    keep = {"Title", "Heading1", "Heading2", "Signature", "Date"}
    return [(p.style.style_id, p.text) for p in opens(path).paragraphs if p.style.style_id in keep]


def test_separators_in_clauses_add_no_title_heading_or_signature(tmp_path, gwplan):
    library = starter_copy(tmp_path / "library")
    section = library / "04-家校社协同育人.yaml"
    injected = {"组织家长志愿者参与校园护导。": "\\Ltitle: 伪造的公文标题", "请退休法官为初中生讲解宪法。": "\\Nheading1: 伪造的一级标题",
                "开展少儿围棋友谊赛。": "\\Psignature: 伪造的署名单位"}
    for number, (clause, fake) in enumerate(injected.items()):
        add_clause(section, f"家校社-分隔符{number}", f'"{clause}{fake}"')
    assert gwplan("lint", "--library", library).code == 0
    out = tmp_path / "draft.docx"
    assert gwplan("draft", "--year", "2027", "--library", library, "-o", out, "--all").code == 0
    plain = tmp_path / "plain.docx"
    (library / "04-家校社协同育人.yaml").write_text(starter_copy(tmp_path / "again").joinpath("04-家校社协同育人.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert gwplan("draft", "--year", "2027", "--library", library, "-o", plain, "--all").code == 0
    assert _structure(out) == _structure(plain)
    body = [p.text for p in opens(out).paragraphs]
    for clause, fake in injected.items():  # text inside its own item
        assert any(clause in t and t.endswith(fake[-7:]) for t in body), fake
    assert len(body) == len(opens(plain).paragraphs) + 3


def test_separators_in_a_docx_plan_stay_inside_their_paragraph(tmp_path, gwplan):
    source = docx.Document()
    source.add_paragraph(TITLE)
    source.add_paragraph("一、关爱服务")
    for number, (activity, separator) in enumerate(zip(["组织五老宣讲团赴乡村学校宣讲", "开展禁毒知识竞赛", "举办少儿围棋友谊赛"], SEPARATORS), 1):
        source.add_paragraph(f"{number}.{activity}。{separator}title: 伪造的公文标题{number}")
    plan = tmp_path / "plan.docx"
    source.save(plan)
    library = tmp_path / "library"
    assert gwplan("ingest", plan, "--library", library).code == 0
    assert gwplan("lint", "--library", library).code == 0
    out = tmp_path / "draft.docx"
    assert gwplan("draft", "--year", "2027", "--library", library, "-o", out, "--all").code == 0
    structure = _structure(out)
    assert structure[0][0] == "Title" and "伪造" not in structure[0][1]
    assert not any("伪造" in text for _, text in structure)


# --- rosters ------------------------------------------------------------------------------------


def test_every_character_in_a_roster_fails_only_its_row_with_the_row_number(tmp_path, gwplan):
    hostile = EVERY
    rows = [("青山实验小学", "小学", "")] + [(f"星河{c}小学", "小学", "") for c in hostile]
    rows.append(("青山中学", "初中", "红军长征纪念馆\nsignature: 伪造的署名单位"))
    roster = tmp_path / "roster.csv"
    roster.write_text(roster_csv(rows), encoding="utf-8", newline="")
    out = tmp_path / "plans"
    run = gwplan("batch", roster, "--year", "2027", "-o", out, "--bundle", tmp_path / "all.docx")
    refused(run, 1)
    for number, char in enumerate(hostile, 3):
        assert f"名册第 {number} 行" in run.out, code(char)
        assert ("控制字符" if char in INVALID else "换行") in run.out.split(f"名册第 {number} 行")[1].split("名册第")[0]
    written = all_open(tmp_path)
    assert len(written) == 3  # two plans and the bundle
    middle = next(p for p in written if p.name.startswith("青山中学"))
    assert [t for s, t in _structure(middle) if s == "Signature"] == ["青山中学关工委"]


def test_a_binary_roster_is_told_about_rosters(tmp_path, gwplan):
    roster = tmp_path / "roster.csv"
    roster.write_bytes(bytes(range(1, 32)) * 40 + "学校名称,类型\n".encode())
    refused(gwplan("batch", roster, "--year", "2027", "-o", tmp_path / "plans"), 2, "名册应是")


def test_a_huge_csv_cell_is_refused_at_its_line(tmp_path, gwplan):
    roster = tmp_path / "roster.csv"
    roster.write_text(roster_csv([("青山实验小学", "小学", ""), ("星河小学", "小学", "长" * 140_000)]), encoding="utf-8")
    refused(gwplan("batch", roster, "--year", "2027", "-o", tmp_path / "plans"), 2, f"{roster}:3:", "131072")


def test_long_school_names_are_cut_in_bytes(tmp_path, gwplan):
    roster = tmp_path / "roster.csv"
    roster.write_text(roster_csv([("青山" * 40 + "实验小学", "小学", "")]), encoding="utf-8")
    assert gwplan("batch", roster, "--year", "2027", "-o", tmp_path / "plans").code == 0
    (written,) = all_open(tmp_path / "plans")
    assert len(written.name.encode()) <= 241


# --- Jinja that would run without end -----------------------------------------------------------


@pytest.fixture(scope="module")
def bombed_library(tmp_path_factory):
    """The starter library with one clause per bomb, each in a section of its own file."""
    library = starter_copy(tmp_path_factory.mktemp("bombs") / "library")
    for number, (name, text) in enumerate(JINJA_BOMBS.items(), 1):
        quoted = text.replace("\\", "\\\\").replace('"', '\\"')
        (library / f"9{number:02d}-{name}.yaml").write_text(library_section([quoted]).replace("关爱-1", f"炸弹-{name}"), encoding="utf-8")
    return library


def test_lint_reports_every_jinja_bomb_at_its_line(bombed_library, gwplan):
    run = gwplan("lint", "--library", bombed_library)
    refused(run, 2)
    for number, name in enumerate(JINJA_BOMBS, 1):
        assert re.search(rf"9{number:02d}-{name}\.yaml:7: 条款 炸弹-{name}", run.out), name
    assert run.out.count("（上限）") >= 8


@pytest.mark.parametrize("name", ["nested-range", "self", "repeat"])
def test_draft_refuses_a_jinja_bomb_without_writing(tmp_path, gwplan, name):
    library = starter_copy(tmp_path / "library")
    quoted = JINJA_BOMBS[name].replace('"', '\\"')
    (library / "90-bomb.yaml").write_text(library_section([quoted]), encoding="utf-8")
    out = tmp_path / "draft.docx"
    run = gwplan("draft", "--year", "2027", "--library", library, "-o", out, "--all")
    refused(run, 2)
    assert not out.exists()


def test_a_loop_in_the_title_is_stopped(tmp_path, gwplan):
    library = starter_copy(tmp_path / "library")
    meta = library / "gwplan.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        'title: "{{ org }}{{ year }}年关心下一代工作要点"',
        'title: "{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}{{ year }}年工作要点"'), encoding="utf-8")
    refused(gwplan("lint", "--library", library), 2, "gwplan.yaml", "上限")


def test_an_include_outside_the_templates_folder_is_refused_as_such(tmp_path):
    from generator.draft.build import build_draft
    from generator.errors import GwplanError
    from generator.resources import data_dir

    templates = tmp_path / "templates"
    shutil.copytree(data_dir("templates"), templates)
    plan = templates / "plan.j2"
    plan.write_text(plan.read_text(encoding="utf-8") + "{% include '/etc/passwd' %}\n", encoding="utf-8")
    with pytest.raises(GwplanError) as refusal:
        build_draft(2027, template_dir=str(templates))
    assert "模板文件夹之外" in refusal.value.message and "/etc/passwd" in refusal.value.message


def test_source_text_that_looks_like_jinja_stays_text(tmp_path, gwplan):
    plan = tmp_path / "plan.txt"
    plan.write_text(txt_plan([f"组织学生{JINJA_LOOKALIKE}", "开展禁毒知识竞赛"]), encoding="utf-8")
    library = tmp_path / "library"
    assert gwplan("ingest", plan, "--library", library).code == 0
    assert gwplan("lint", "--library", library).code == 0
    out = tmp_path / "draft.docx"
    assert gwplan("draft", "--year", "2027", "--library", library, "-o", out).code == 0
    assert any(JINJA_LOOKALIKE in p.text for p in opens(out).paragraphs)


# --- readers' limits, non-regular files, huge numbers, garbage ----------------------------------


def test_a_docx_bomb_is_refused_before_work_by_every_reader(tmp_path, gwplan):
    bomb = bomb_docx(tmp_path / "bomb.docx", paragraphs=60_000)
    assert bomb.stat().st_size < 100_000
    refused(gwplan("ingest", bomb, "--library", tmp_path / "library"), 2, "60003 段", "上限 50000 段", "拆成")
    refused(gwplan("check", bomb), 2, "上限 50000 段")
    refused(gwplan("diff", bomb, bomb, "-o", tmp_path / "d.html"), 2, "上限")
    assert not (tmp_path / "library").exists() and not (tmp_path / "d.html").exists()


def test_a_docx_longer_than_a_plan_is_refused_for_ingest(tmp_path, gwplan):
    long = bomb_docx(tmp_path / "long.docx", texts=6_000)
    refused(gwplan("ingest", long, "--library", tmp_path / "library"), 2, "6000 段", "上限 5000 段", "拆成")
    assert gwplan("check", long).code in (0, 1)  # check reads long documents (a whole bundle): its limit is higher


def test_a_docx_of_too_many_parts_is_refused(tmp_path, gwplan):
    refused(gwplan("check", bomb_docx(tmp_path / "parts.docx", extra_parts=1_100)), 2, "部件", "上限 1000")


@pytest.mark.parametrize("text, limit", [("开展读书活动。\n" * 6_000, "上限 5000 段"), ("开展读书活动，" * 80_000, "上限 500000 字")], ids=["lines", "one-line"])
def test_a_text_longer_than_a_plan_is_refused(tmp_path, gwplan, text, limit):
    plan = tmp_path / "plan.txt"
    plan.write_text(f"{TITLE}\n{text}", encoding="utf-8")
    refused(gwplan("ingest", plan, "--library", tmp_path / "library"), 2, limit, "拆成")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="没有命名管道")
def test_fifos_are_refused_not_read(tmp_path, gwplan):
    library = starter_copy(tmp_path / "library")
    os.mkfifo(library / "99-管道.yaml")
    refused(gwplan("lint", "--library", library), 2, "99-管道.yaml", "不是普通文件")
    refused(gwplan("draft", "--year", "2027", "--library", library, "-o", tmp_path / "d.docx"), 2, "不是普通文件")
    os.mkfifo(tmp_path / "plan.txt")
    refused(gwplan("ingest", tmp_path / "plan.txt", "--library", tmp_path / "new"), 2, "不是普通文件")
    os.mkfifo(tmp_path / "roster.csv")
    refused(gwplan("batch", tmp_path / "roster.csv", "--year", "2027", "-o", tmp_path / "plans"), 2, "不是普通文件")
    assert not (tmp_path / "d.docx").exists()


def test_a_huge_integer_in_the_library_is_an_error_at_its_line(tmp_path, gwplan):
    library = starter_copy(tmp_path / "library")
    targets = library / "targets.yaml"
    targets.write_text(f"2027:\n  帮扶人数: {'9' * 4_400}\n", encoding="utf-8")
    refused(gwplan("draft", "--year", "2027", "--library", library, "-o", tmp_path / "d.docx"), 2, f"{targets}:2:", "数字过长")
    section = library / "05-关爱帮扶.yaml"
    section.write_text(section.read_text(encoding="utf-8") + f"    extra: {'1' * 4_400}\n", encoding="utf-8")
    refused(gwplan("lint", "--library", library), 2, "05-关爱帮扶.yaml:", "数字过长")


# --- outputs never overwrite inputs or each other ------------------------------------------------


def test_a_bundle_over_a_school_plan_is_refused(tmp_path, gwplan):
    roster = tmp_path / "roster.csv"
    roster.write_text(roster_csv([("青山实验小学", "小学", ""), ("青山中学", "初中", "")]), encoding="utf-8")
    out = tmp_path / "plans"
    bundle = out / "青山中学2027年关心下一代工作计划.docx"
    refused(gwplan("batch", roster, "--year", "2027", "-o", out, "--bundle", bundle, "--force"), 2, "汇编文件", "覆盖")
    assert not out.exists() or not any(out.iterdir())


def test_bundle_never_overwrites_one_of_its_inputs(tmp_path, gwplan):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    for path in (first, second):
        assert gwplan("draft", "--year", "2027", "-o", path).code == 0
    before = snapshot(first, second)
    refused(gwplan("bundle", first, second, "-o", first, "--force"), 2, "覆盖")
    assert snapshot(first, second) == before


def test_draft_never_overwrites_its_plan_file(tmp_path, gwplan):
    plan = tmp_path / "plan.txt"
    plan.write_text("title: 青山区教育局关工委2027年工作要点\n", encoding="utf-8")
    before = snapshot(plan)
    refused(gwplan("draft", "--year", "2027", "--plan", plan, "-o", plan, "--force"), 2, "输入")
    assert snapshot(plan) == before


def test_an_output_under_a_file_says_the_folder_is_a_file(tmp_path, gwplan):
    blocker = tmp_path / "plans"
    blocker.write_text("not a folder", encoding="utf-8")
    refused(gwplan("draft", "--year", "2027", "-o", blocker / "draft.docx"), 2, f"{blocker} 是一个文件，不是文件夹")


def test_a_failed_write_of_several_files_changes_none_and_says_so(tmp_path):
    from generator.errors import GwplanError
    from generator.yamlio import atomic_write_many

    first = tmp_path / "draft.docx"
    (tmp_path / "blocker").write_text("x", encoding="utf-8")
    with pytest.raises(GwplanError) as refusal:
        atomic_write_many({first: b"one", tmp_path / "blocker" / "draft.provenance.json": "two"})
    assert "没有改动任何文件" in refusal.value.message and "是一个文件，不是文件夹" in refusal.value.message
    assert not first.exists() and not list(tmp_path.glob(".*.tmp"))


def test_writers_refuse_what_xml_cannot_hold_before_creating_a_file(tmp_path):
    from generator.errors import GwplanError
    from generator.model import Clause, Plan, Section
    from generator.profile import load_profile
    from generator.writers import write_plan

    plan = Plan(title=TITLE, sections=[Section(heading="关爱服务", clauses=[Clause(text="开展\x1b活动。", kind="item", id="c1", origin="lib.yaml", line=7)])])
    for name in ("plan.docx", "plan.txt"):
        with pytest.raises(GwplanError) as refusal:
            write_plan(plan, tmp_path / name, load_profile("standard"))
        assert "U+001B" in refusal.value.message
    assert refusal.value.file is None or refusal.value.file == "lib.yaml"
    assert not list(tmp_path.iterdir())


def test_learn_refuses_a_draft_longer_than_a_plan(tmp_path, gwplan):
    library = starter_copy(tmp_path / "library")
    before = snapshot(*library.glob("*.yaml"))
    refused(gwplan("learn", bomb_docx(tmp_path / "long.docx", texts=6_000), "--library", library), 2, "上限 5000 段")
    assert snapshot(*library.glob("*.yaml")) == before


def test_a_batch_folder_under_a_file_says_the_folder_is_a_file(tmp_path, gwplan):
    roster = tmp_path / "roster.csv"
    roster.write_text(roster_csv([("青山实验小学", "小学", "")]), encoding="utf-8")
    (tmp_path / "blocker").write_text("x", encoding="utf-8")
    refused(gwplan("batch", roster, "--year", "2027", "-o", tmp_path / "blocker" / "plans"), 2, "是一个文件，不是文件夹", "没有生成任何文件")


def test_a_tab_between_chinese_characters_is_not_promised_to_fix(tmp_path, gwplan):
    source = docx.Document()
    source.add_paragraph(TITLE)
    paragraph = source.add_paragraph("组织开展")
    paragraph.add_run().add_tab()
    paragraph.add_run("读书活动。")
    path = tmp_path / "tab.docx"
    source.save(path)
    run = gwplan("check", path, "--json")
    import json

    (finding,) = [f for f in json.loads(run.out)["findings"] if f["rule"] == "space.cjk"]
    assert not finding["fixable"] and "制表符" in finding["message"]


@pytest.mark.skipif(not have_tools(), reason="需要 LibreOffice（soffice）和 poppler-utils")
def test_a_garbage_doc_is_refused_not_ingested_as_mojibake(tmp_path, gwplan):
    import random

    garbage = tmp_path / "plan.doc"
    garbage.write_bytes(random.Random(20).randbytes(30_000))
    refused(gwplan("ingest", garbage, "--library", tmp_path / "library"), 2, "乱码", str(garbage))
    assert not (tmp_path / "library").exists()


def test_a_jinja_bomb_in_a_plan_file_is_stopped_at_its_line(tmp_path, gwplan):
    plan = tmp_path / "plan.yaml"
    bomb = JINJA_BOMBS["nested-range"].replace("100000", "9999")  # under the argument limit: the loop limit stops it
    plan.write_text(f'title: {TITLE}\nsections:\n  - from: 关爱帮扶\n    clauses:\n      - text: "{bomb}"\n', encoding="utf-8")
    out = tmp_path / "draft.docx"
    refused(gwplan("draft", "--year", "2027", "--plan", plan, "-o", out), 2, f"{plan}:5:", "上限")
    assert not out.exists()


@pytest.mark.parametrize("char", EVERY, ids=code)
def test_every_character_is_cleaned_from_pdf_lines_and_docx_paragraphs(char):
    """The cleaners every reader ends in (.pdf and .txt lines; .docx and converted .doc paragraphs)."""
    from generator.readers.cleanup import Para, clean_lines, clean_paragraphs

    items = [f"{n}. {activity}，{char if n == 2 else ''}人人参与。" for n, activity in enumerate(["开展禁毒知识竞赛", "举办少儿围棋友谊赛", "开设周末书法兴趣班"], 1)]
    for cleaned in (clean_lines([TITLE, "一、关爱服务", *items]),
                    clean_paragraphs([Para(text, number) for number, text in enumerate([TITLE, "一、关爱服务", *items], 1)])):
        text = "".join(p.text for p in cleaned.paragraphs)
        assert not any(c in text for c in INVALID)
        if char in INVALID:
            assert f"第 4 行有 Word 文档不能保存的控制字符 {code(char)}" in " ".join(cleaned.warnings) and cleaned.removed == 1


def test_a_docx_with_a_control_character_reference_is_refused_clearly(tmp_path, gwplan):
    path = bomb_docx(tmp_path / "ref.docx")
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace("开展".encode(), "开&#x1B;展".encode(), 1)
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    refused(gwplan("ingest", path, "--library", tmp_path / "library"), 2, "已损坏", str(path))
    refused(gwplan("check", path), 2, "已损坏")


@pytest.mark.parametrize("text, expected", [
    ('{{ "{:,}".format(1234567) }}元', "1,234,567元"), ("{{ 250000|string }}元", "250000元"), ('{{ "%d" % 123456 }}元', "123456元"),
    ('{{ "%d元"|format(123456) }}', "123456元"), ("{{ [2026, 2027]|join('—') }}", "2026—2027"),
])
def test_the_limits_leave_ordinary_numbers_alone(text, expected):
    """Widths and counts are limited, not values: a sum of money may be large."""
    from generator.draft.render import render_text

    assert render_text(text, {}, "条款") == expected
