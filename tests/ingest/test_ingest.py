"""gwplan ingest: the clause library it writes, merging across years, and reviewers' edits."""
import re
import shutil

import yaml
from conftest import FIXTURES
from helpers import typed_plan

from generator import yamlio
from generator.library.load import load_library
from generator.review.lint import lint_library


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def clause_by_text(library, fragment):
    matches = [c for _, c in library.clauses() if fragment in c.text]
    assert len(matches) == 1, (fragment, [c.text for c in matches])
    return matches[0]


def test_ingest_writes_a_readable_library(tmp_path, gwplan):
    lib = tmp_path / "lib"
    plan_docx = typed_plan(tmp_path / "青山区2026.docx")
    result = gwplan("ingest", FIXTURES / "web_copy.txt", FIXTURES / "school_gbk.txt", plan_docx, "--library", lib)
    assert result.code == 0, result.err
    assert "新增" in result.out and "清河县教育局" in result.out
    files = sorted(p.name for p in lib.glob("*.yaml"))
    assert "gwplan.yaml" in files and "00-总要求.yaml" in files and len(files) >= 4
    for path in lib.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert "\\u" not in text and "\\x" not in text  # Chinese as-is, not escaped
        assert text.startswith("# yaml-language-server: $schema=schema/")
    assert (lib / "schema" / "section.schema.json").exists()
    library = load_library(lib)
    assert not library.problems
    clauses = [c for _, c in library.clauses()]
    # Every preamble and item of the three plans is a source somewhere; the two district
    # preambles share their boilerplate (Dice 0.62) and merge into one clause with two variants.
    assert sum(len(c.sources) for c in clauses) == (1 + 8) + (1 + 6) + (1 + 5)
    assert len(clauses) == 21
    preamble = next(c for c in clauses if len(c.sources) == 2)
    assert {s.org for s in preamble.sources} == {"清河县教育局", "青山区教育局关工委"}
    ids = [c.id for c in clauses]
    assert len(ids) == len(set(ids)) and all(ids)
    for clause in clauses:
        assert clause.status == "active" and clause.tags and clause.sources
        for source in clause.sources:
            assert source.file and source.year and source.org and source.section and source.position and source.text
    # Long text is a block scalar, not a quoted one-liner.
    assert re.search(r"text: \|-\n\s+\S", (lib / "00-总要求.yaml").read_text(encoding="utf-8"))


def test_placeholders_and_target_candidates(tmp_path, gwplan):
    lib = tmp_path / "lib"
    gwplan("ingest", FIXTURES / "web_copy.txt", "--library", lib)
    library = load_library(lib)
    preamble = clause_by_text(library, "教育系统关心下一代工作")
    assert preamble.text.startswith("{{ year }}年{{ scope }}教育系统")
    assert preamble.sources[0].year == 2023
    helped = clause_by_text(library, "困境学生台账")
    assert [t.value for t in helped.targets] == ["300名"]
    assert "年内结对帮扶困境学生不少于300名" in helped.targets[0].context
    rate = clause_by_text(library, "规范化建设")
    assert "{{ scope }}85%以上" in rate.text and "85%以上" in [t.value for t in rate.targets]
    assert not lint_library(lib).errors


def test_reingest_adds_nothing_even_in_another_encoding(tmp_path, gwplan):
    lib = tmp_path / "lib"
    gwplan("ingest", FIXTURES / "school_gbk.txt", "--library", lib)
    before = snapshot(lib)
    again = tmp_path / "same-plan-utf8.txt"
    again.write_text((FIXTURES / "school_gbk.txt").read_bytes().decode("gbk"), encoding="utf-8-sig")
    result = gwplan("ingest", FIXTURES / "school_gbk.txt", again, "--library", lib)
    assert result.code == 0
    assert result.out.count("未重复收录") == 2
    assert snapshot(lib) == before


def newer_version(tmp_path):
    """The 青山区 plan as its 2027 successor: new wording, one clause dropped, one added."""
    text = "\n".join(
        [
            "青山区教育局关工委2027年工作要点",
            "2027年全区教育系统关心下一代工作，坚持以习近平新时代中国特色社会主义思想为指导，认真学习贯彻党的二十大和二十届历次全会精神，发挥“五老”作用，助力青少年健康成长。",
            "一、筑牢思想根基",
            "1.组织全区教育关工委成员集中学习不少于6次，把学习成果转化为工作实效。",
            "2.推动“党建带关建”机制落地，把关工委工作纳入学校党组织年度工作要点。",
            "3.遴选一批“五老”宣讲员，走进中小学讲好家乡故事和奋斗故事。",
            "二、做实关爱服务",
            "4.建立困境学生关爱台账，年内结对帮扶不少于260名。",
            "5.协助学校开展心理健康筛查，做好重点学生的陪伴疏导。",
        ]
    )
    path = tmp_path / "青山区2027.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_reviewer_edits_and_comments_survive_a_new_year(tmp_path, gwplan):
    lib = tmp_path / "lib"
    gwplan("ingest", typed_plan(tmp_path / "青山区2026.docx"), "--library", lib)
    section_file = next(p for p in lib.glob("*.yaml") if "党建带关建" in p.read_text(encoding="utf-8"))
    original = section_file.read_text(encoding="utf-8")
    edited = original.replace(
        "  - id: ", "  # 审核：本节条款已与党建科核对\n  - id: ", 1
    ).replace(
        "text: 推动“党建带关建”机制落地，把关工委工作纳入学校党组织年度工作要点。",
        "text: 推动“党建带关建”机制落地见效，把关工委工作纳入学校党组织年度计划。  # 审核人改写",
        1,
    )
    edited = re.sub(r"(- id: [^\n]*\n\s+status: )active(\n(?:.*\n){3}\s+组织\{\{ scope \}\}教育)", r"\1retired  # 停用\2", edited)
    assert edited.count("status: retired") == 1 and "审核人改写" in edited
    section_file.write_text(edited, encoding="utf-8")
    care_file = next(p for p in lib.glob("*.yaml") if "困境学生关爱台账" in p.read_text(encoding="utf-8"))
    care_before = care_file.read_text(encoding="utf-8")

    result = gwplan("ingest", newer_version(tmp_path), "--library", lib)
    assert result.code == 0, result.err
    after = section_file.read_text(encoding="utf-8")
    # Every line the reviewer wrote is still there, in order; ingest only added lines.
    kept = [line for line in edited.splitlines() if line in after.splitlines()]
    assert kept == edited.splitlines()
    library = load_library(lib)
    party = clause_by_text(library, "党建带关建")
    assert party.text == "推动“党建带关建”机制落地见效，把关工委工作纳入学校党组织年度计划。"
    assert [s.year for s in party.sources] == [2026, 2027]
    study = clause_by_text(library, "集中学习")
    assert study.status == "retired"
    assert [s.year for s in study.sources] == [2026, 2027]
    # An unedited clause takes the newer wording; the old one stays with its source.
    care = clause_by_text(library, "困境学生关爱台账")
    assert "不少于260名" in care.text
    assert [s.text for s in care.sources if s.year == 2026][0].endswith("不少于200名。")
    care_after = care_file.read_text(encoding="utf-8").splitlines()
    assert all(line in care_after for line in care_before.splitlines() if "不少于200名" not in line)
    # The new clause lands right after the clause it followed in the plan.
    ids_in_order = [c.id for s in library.sections for c in s.clauses]
    new = clause_by_text(library, "宣讲员")
    assert ids_in_order.index(new.id) == ids_in_order.index(party.id) + 1
    assert not lint_library(lib).errors


def test_bad_input_leaves_the_library_exactly_as_it_was(tmp_path, gwplan):
    lib = tmp_path / "lib"
    gwplan("ingest", FIXTURES / "school_gbk.txt", "--library", lib)
    before = snapshot(lib)
    corrupt = tmp_path / "坏文件.docx"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    for bad in (tmp_path / "没有这个文件.txt", corrupt):
        result = gwplan("ingest", FIXTURES / "web_copy.txt", bad, "--library", lib)
        assert result.code == 2
        assert str(bad) in result.err and "Traceback" not in result.err
    assert snapshot(lib) == before


def test_failed_write_changes_nothing(tmp_path, gwplan, monkeypatch):
    lib = tmp_path / "lib"
    gwplan("ingest", FIXTURES / "school_gbk.txt", "--library", lib)
    before = snapshot(lib)
    calls = {"n": 0}
    real = yamlio.tempfile.mkstemp

    def failing_mkstemp(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise PermissionError(13, "Permission denied")
        return real(*args, **kwargs)

    monkeypatch.setattr(yamlio.tempfile, "mkstemp", failing_mkstemp)
    result = gwplan("ingest", FIXTURES / "web_copy.txt", "--library", lib)
    assert result.code == 2 and "无法写入" in result.err and "没有改动任何文件" in result.err
    assert snapshot(lib) == before  # no partial update, no temporary files left behind


def test_library_that_is_not_writable(tmp_path, gwplan):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = gwplan("ingest", FIXTURES / "school_gbk.txt", "--library", blocker / "lib")
    assert result.code == 2 and "无法写入" in result.err and "Traceback" not in result.err


def test_ingest_refuses_a_broken_library(tmp_path, gwplan):
    lib = tmp_path / "lib"
    gwplan("ingest", FIXTURES / "school_gbk.txt", "--library", lib)
    broken = next(p for p in lib.glob("0[1-9]*.yaml"))
    broken.write_text(broken.read_text(encoding="utf-8").replace("status: active", "status: [active", 1), encoding="utf-8")
    before = snapshot(lib)
    result = gwplan("ingest", FIXTURES / "web_copy.txt", "--library", lib)
    assert result.code == 2 and "lint" in result.err and broken.name in result.err
    assert snapshot(lib) == before


def test_seeds_ingest_into_a_clean_library(tmp_path, gwplan, seeds):
    lib = tmp_path / "lib"
    result = gwplan("ingest", *sorted(seeds.glob("*.txt")), "--library", lib)
    assert result.code == 0, result.err
    library = load_library(lib)
    assert not lint_library(lib).errors
    assert sum(1 for _ in library.clauses()) == 1 + 20 + 1 + 14 + 1 + 5
    # Sections of the three plans about the same topic share one file.
    assert len([s for s in library.sections if s.role == "body"]) == 7
    data = yaml.safe_load((lib / "gwplan.yaml").read_text(encoding="utf-8"))
    assert [p["year"] for p in data["plans"]] == [2022, 2024, 2025]
    before = snapshot(lib)
    again = gwplan("ingest", *sorted(seeds.glob("*.txt")), "--library", lib)
    assert again.code == 0 and again.out.count("未重复收录") == 3
    assert snapshot(lib) == before


def test_seed_variant_merges_into_existing_clauses(tmp_path, gwplan, seeds):
    lib = tmp_path / "lib"
    source = next(seeds.glob("000_*.txt"))
    gwplan("ingest", source, "--library", lib)
    variant = tmp_path / "2026.txt"
    variant.write_text(
        source.read_text(encoding="utf-8").replace("2025", "2026").replace("第四批", "第五批").replace("85%", "90%"),
        encoding="gb18030",
    )
    result = gwplan("ingest", variant, "--library", lib)
    assert "新增 0 条，并入已有条款 21 条" in result.out
    library = load_library(lib)
    batch = clause_by_text(library, "优质化暨学校“五好”关工委创建工作")
    assert "第五批" in batch.text and "90%" in batch.text
    assert sorted(s.text.count("第四批") for s in batch.sources) == [0, 1]
    shutil.rmtree(lib)
