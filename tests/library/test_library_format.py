"""The clause library stays small and readable: each wording once, verbatim; ids and tags are
words; ids never change; an older library is migrated without losing a reviewer's edits."""
import re
from pathlib import Path

import yaml

from generator.library.load import load_library
from generator.review.lint import lint_library

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "plans"
QINGSHAN = sorted(CORPUS.glob("20*-青山区*"))  # one unit's plans of 2008, 2013, 2020, 2024


def source_entries(lib):
    return [s for _, c in load_library(lib).clauses() for s in c.sources]


def test_sources_keep_each_wording_once_and_verbatim(tmp_path, gwplan):
    lib = tmp_path / "lib"
    assert gwplan("ingest", *QINGSHAN, "--library", lib).code == 0
    library = load_library(lib)
    for _, clause in library.clauses():
        hashes = [s.hash for s in clause.sources]
        assert all(hashes)
        with_text = [s for s in clause.sources if s.text]
        assert len(with_text) == len(set(hashes))  # one stored wording per distinct wording
        for source in with_text:
            assert "{{" not in source.text  # the plan's own words, not the placeholder form
    preamble = next(c for s, c in library.clauses() if s.role == "preamble" and any(x.year == 2024 for x in c.sources))
    assert any(s.text.startswith("2024年全区教育系统") for s in preamble.sources)


def test_a_plan_with_the_same_wording_adds_only_references(tmp_path, gwplan):
    lib = tmp_path / "lib"
    latest = QINGSHAN[-1]
    gwplan("ingest", latest, "--library", lib)
    size = sum(p.stat().st_size for p in lib.glob("*.yaml"))
    texts = sum(1 for s in source_entries(lib) if s.text)
    # The same plan republished under another name and year, one item reworded.
    again = tmp_path / "2025-青山区.txt"
    again.write_text(latest.read_text(encoding="utf-8").replace("2024", "2025").replace("60场以上", "70场以上"), encoding="utf-8")
    result = gwplan("ingest", again, "--library", lib)
    assert "新增 0 条" in result.out
    sources = source_entries(lib)
    assert len(sources) == 2 * 13 and sum(1 for s in sources if s.text) == texts + 1 + 1  # the reworded item, the new preamble year
    grown = sum(p.stat().st_size for p in lib.glob("*.yaml")) - size
    assert grown < size * 0.6  # references, not a second copy of every clause
    plain = [s for s in sources if s.file == again.name and not s.text]
    assert len(plain) >= 10 and all(s.hash for s in plain)


def test_ids_and_tags_are_words(tmp_path, gwplan):
    import jieba

    from generator.ingest.tags import reserved_words

    jieba.initialize()  # ingest reads jieba's tables from its cache; the check uses jieba's own

    lib = tmp_path / "lib"
    gwplan("ingest", *sorted(CORPUS.glob("*.txt")), "--library", lib)
    words = {line.split()[0] for line in (Path(__file__).resolve().parents[2] / "rules" / "words.txt").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")}
    reserved = reserved_words()
    clauses = [c for _, c in load_library(lib).clauses()]
    for clause in clauses:
        for tag in clause.tags:
            assert len(tag) >= 2 and (jieba.dt.FREQ.get(tag) or tag in words), tag
            assert tag not in reserved and not re.search(r"\d", tag), tag
        for part in re.sub(r"-\d+$", "", clause.id).split("-"):
            assert part in clause.tags or jieba.dt.FREQ.get(part), clause.id
    for fragment in ("好能", "八至", "常务副", "师德师"):
        assert not any(fragment in c.tags or fragment in c.id.split("-") for c in clauses)
    assert sum(1 for c in clauses if re.search(r"-\d+$", c.id)) <= len(clauses) // 20


def test_ids_stay_stable(tmp_path, gwplan):
    first, second = tmp_path / "a", tmp_path / "b"
    plans = sorted(CORPUS.glob("*.txt"))
    gwplan("ingest", *plans[:12], "--library", first)
    before = {c.id: c.text for _, c in load_library(first).clauses()}
    gwplan("ingest", *plans[12:], "--library", first)
    after = {c.id: c.text for _, c in load_library(first).clauses()}
    assert set(before) <= set(after)  # no existing id changed or disappeared
    gwplan("ingest", *plans[:12], "--library", second)
    gwplan("ingest", *plans[12:], "--library", second)
    assert [c.id for _, c in load_library(second).clauses()] == [c.id for _, c in load_library(first).clauses()]


OLD_META = """\
# yaml-language-server: $schema=schema/library.schema.json
title: '{{ org }}{{ year }}年工作要点'
org: 青山区教育局关工委
plans:
  - file: 2023.txt
    title: 青山区教育局关工委2023年工作要点
    org: 青山区教育局关工委
    year: 2023
    fingerprint: 1111222233334444
  - file: 2024.txt
    title: 青山区教育局关工委2024年工作要点
    org: 青山区教育局关工委
    year: 2024
    fingerprint: 5555666677778888
"""
OLD_SECTION = """\
# yaml-language-server: $schema=schema/section.schema.json
section: 加强思想政治引领
theme: 思想政治引领
clauses:
  # 审核：本节与党建科核对过
  - id: 专题学习-党建带关建
    status: active
    kind: item
    text: 组织{{ scope }}教育关工委成员开展专题学习，每季度至少集中学习1次。  # 审核人改过
    tags: [专题学习]
    sources:
      - file: 2023.txt
        year: 2023
        org: 青山区教育局关工委
        section: 加强思想政治引领
        position: 1
        text: 组织{{ scope }}教育关工委成员开展专题学习，每季度集中学习1次。
      - file: 2024.txt
        year: 2024
        org: 青山区教育局关工委
        section: 加强思想政治引领
        position: 1
        text: 组织{{ scope }}教育关工委成员开展专题学习，每季度集中学习1次。
  - id: 年度学习
    status: active
    kind: item
    text: '{{ year }}年{{ scope }}组织一次五老骨干培训。'
    tags: [骨干培训]
    sources:
      - file: 2024.txt
        year: 2024
        org: 青山区教育局关工委
        section: 加强思想政治引领
        position: 2
        text: '{{ year }}年{{ scope }}组织一次五老骨干培训。'
"""


def test_an_older_library_is_migrated_and_keeps_its_edits(tmp_path, gwplan):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "gwplan.yaml").write_text(OLD_META, encoding="utf-8")
    (lib / "01-思想政治引领.yaml").write_text(OLD_SECTION, encoding="utf-8")
    assert gwplan("lint", "--library", lib).code == 0  # the old format still loads
    result = gwplan("ingest", QINGSHAN[-1], "--library", lib)
    assert result.code == 0, result.err
    assert "已升级为新格式" in result.out and "去掉 1 份重复副本" in result.out
    text = (lib / "01-思想政治引领.yaml").read_text(encoding="utf-8")
    for line in ("  # 审核：本节与党建科核对过", "# 审核人改过", "    tags: [专题学习]"):
        assert line in text
    data = yaml.safe_load(text)
    study = data["clauses"][0]
    assert study["text"] == "组织{{ scope }}教育关工委成员开展专题学习，每季度至少集中学习1次。"
    old = [s for s in study["sources"] if s["file"] in ("2023.txt", "2024.txt")]
    assert old[0]["text"] == "组织全区教育关工委成员开展专题学习，每季度集中学习1次。"  # back to the plan's words
    assert "text" not in old[1] and old[1]["hash"] == old[0]["hash"]  # the copy is gone
    training = next(c for c in data["clauses"] if c["id"] == "年度学习")
    assert training["sources"][0]["text"] == "2024年全区组织一次五老骨干培训。"
    assert yaml.safe_load((lib / "gwplan.yaml").read_text(encoding="utf-8"))["format"] == 2
    assert not lint_library(lib).errors
    assert gwplan("draft", "--year", "2027", "--library", lib, "-o", tmp_path / "d.docx").code == 0
    again = {p.name: p.read_text(encoding="utf-8") for p in lib.glob("*.yaml")}
    gwplan("ingest", QINGSHAN[-1], "--library", lib)
    assert {p.name: p.read_text(encoding="utf-8") for p in lib.glob("*.yaml")} == again  # migrates once
