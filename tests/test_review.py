"""Review: provenance comments and sidecar, the year-over-year diff report, and learning from Word edits."""
import json
import re
import shutil
import subprocess

import docx
import pytest
from conftest import FIXTURES, seed
from pdfmeasure import have_tools

from generator.check.checker import check_document
from generator.ooxml import W
from generator.text.zhtext import heading_level


@pytest.fixture
def library(starter):
    return starter


def clause_paragraphs(document):
    return [p for p in document.paragraphs if p._p.find(f"{W}bookmarkStart") is not None]


def test_review_draft_has_one_comment_per_clause_and_a_matching_sidecar(tmp_path, gwplan, library):
    output = tmp_path / "审阅稿.docx"
    result = gwplan("draft", "--year", "2027", "--library", library, "-o", output, "--review")
    assert result.code == 0, result.err
    document = docx.Document(str(output))
    comments = {c.comment_id: c for c in document.comments}
    anchored = []
    for paragraph in document.paragraphs:
        start = paragraph._p.find(f"{W}commentRangeStart")
        if start is not None:
            anchored.append((paragraph, comments[int(start.get(W + "id"))]))
    assert len(anchored) == len(clause_paragraphs(document)) == 23
    sidecar = json.loads((tmp_path / "审阅稿.provenance.json").read_text(encoding="utf-8"))
    entries = [e for e in sidecar["paragraphs"] if "clause" in e]
    for (paragraph, comment), entry in zip(anchored, entries):
        assert comment.text.startswith(f"条款 {entry['clause']}（")
        assert comment.author == "gwplan"
        assert paragraph.text.endswith(entry["text"])  # the paragraph is label + the clause text
    assert [e["paragraph"] for e in sidecar["paragraphs"]] == list(range(1, len(document.paragraphs) + 1))
    targets = next(e for e in entries if e["clause"] == "思想引领-五老宣讲")
    assert targets["targets"] == ["宣讲场次=60"] and "填入目标 宣讲场次=60" in next(
        c.text for p, c in anchored if "宣讲团" in p.text
    )
    assert check_document(output).errors == []  # comments and bookmarks do not disturb the format


def test_without_review_there_are_no_comments(tmp_path, gwplan):
    output = tmp_path / "plain.docx"
    gwplan("draft", "--year", "2027", "-o", output)
    assert len(list(docx.Document(str(output)).comments)) == 0
    assert not (tmp_path / "plain.provenance.json").exists()


def test_comment_names_sources_and_changes_for_ingested_clauses(tmp_path, gwplan, seeds):
    lib = tmp_path / "lib"
    gwplan("ingest", seed(seeds, "000"), "--library", lib)
    output = tmp_path / "d.docx"
    gwplan("draft", "--year", "2027", "--library", lib, "-o", output, "--review")
    texts = [c.text for c in docx.Document(str(output)).comments]
    first_item = next(t for t in texts if "业务学习" in t or "政治责任" in t)
    assert "2025年 常州市武进区教育局关工委" in first_item
    assert "会议精神：“党的二十届三中全会精神”→“党的二十大和二十届历次全会精神”" in first_item


@pytest.mark.skipif(not have_tools(), reason="需要 LibreOffice")
def test_bundle_of_review_drafts_keeps_its_comments(tmp_path, gwplan):
    roster = tmp_path / "r.csv"
    roster.write_text("学校,类型\n甲小学,小学\n乙幼儿园,幼儿园\n丙中学,初中\n", encoding="utf-8")
    bundle = tmp_path / "汇编.docx"
    assert gwplan("batch", roster, "--year", "2027", "-o", tmp_path / "out", "--bundle", bundle, "--review").code == 0
    singles = sorted((tmp_path / "out").glob("*.docx"))
    expected = sum(len(list(docx.Document(str(p)).comments)) for p in singles)
    document = docx.Document(str(bundle))
    comments = list(document.comments)
    assert len(comments) == expected > 0
    ids = [int(e.get(W + "id")) for e in document.element.body.iter(W + "commentReference")]
    assert sorted(ids) == sorted(c.comment_id for c in comments) and len(set(ids)) == len(ids)
    done = subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(bundle)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and (tmp_path / "汇编.pdf").stat().st_size > 10000


def test_diff_of_seed_000_against_its_2027_draft(tmp_path, gwplan, seeds):
    lib = tmp_path / "lib"
    source = seed(seeds, "000")
    gwplan("ingest", source, "--library", lib)
    draft = tmp_path / "2027.docx"
    gwplan("draft", "--year", "2027", "--library", lib, "-o", draft)
    result = gwplan("diff", source, draft, "-o", tmp_path / "report.html", "--json")
    data = json.loads(result.out)
    # The preamble and item 1 cite the congress: reworded. The other 19 only roll their year.
    assert data["counts"] == {"kept": 19, "reworded": 2, "added": 0, "dropped": 0}
    assert [c["kind"] for c in data["changes"]] == ["政策表述", "政策表述"]


def test_diff_report_shows_every_kind_of_change(tmp_path, gwplan):
    from generator.library.load import load_library

    lib = tmp_path / "lib"
    gwplan("ingest", FIXTURES / "web_copy.txt", "--library", lib)
    clauses = {c.text: (s, c) for s, c in load_library(lib).clauses()}
    ceremony = next(c for text, (_, c) in clauses.items() if "祭英烈" in text)
    care_section, care = next((s, c) for text, (s, c) in clauses.items() if "困境学生台账" in text)
    text = care_section.path.read_text(encoding="utf-8")
    text = text.replace("不少于300名。", "不少于350名，做到应帮尽帮。", 1)  # a reviewer's new target
    text += "  - id: 暑期托管\n    text: 组织老同志参与暑期托管服务，守护学生假期安全。\n"  # a new clause
    care_section.path.write_text(text, encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"exclude: [{ceremony.id}]\n", encoding="utf-8")  # dropped this year
    draft = tmp_path / "2027.txt"
    assert gwplan("draft", "--year", "2027", "--library", lib, "--plan", plan, "-o", draft).code == 0
    report = tmp_path / "report.html"
    data = json.loads(gwplan("diff", FIXTURES / "web_copy.txt", draft, "-o", report, "--json").out)
    # 9 clauses in 2023: the preamble and item 1 get the new congress wording, the care clause a
    # new target; the ceremony clause is dropped and the summer clause added; 5 only roll their year.
    assert data["counts"] == {"kept": 5, "reworded": 3, "added": 1, "dropped": 1}
    kinds = [(c["kind"], c["old"], c["new"]) for c in data["changes"]]
    assert ("目标数字", "300名", "350名") in kinds and sum(1 for k in kinds if k[0] == "政策表述") == 2
    html = report.read_text(encoding="utf-8")
    assert "<ins>" in html and "<del>" in html and "暑期托管服务" in html and "祭英烈" in html
    assert not re.search(r"(src|href)=\"?https?://", html) and "<script" not in html  # self-contained


def chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not chromium(), reason="需要 Chromium（.ci/run 会安装）")
def test_report_renders_in_headless_chromium(tmp_path, gwplan):
    lib = tmp_path / "lib"
    gwplan("ingest", FIXTURES / "web_copy.txt", "--library", lib)
    draft = tmp_path / "2027.docx"
    gwplan("draft", "--year", "2027", "--library", lib, "-o", draft)
    report = tmp_path / "report.html"
    gwplan("diff", FIXTURES / "web_copy.txt", draft, "-o", report)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--no-first-run", "--disable-sync", f"--user-data-dir={tmp_path / 'chrome'}"]
    dom = subprocess.run([chromium(), *flags, "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=120).stdout
    for heading in ("政策表述与目标的变化", "（总要求）", "加强理论学习，把牢正确方向", "加强自身建设，提升工作水平"):
        assert heading in dom
    assert re.search(r'class="count kept"><b>\d+</b>保留', dom)
    shot = tmp_path / "report.png"
    subprocess.run([chromium(), *flags, "--window-size=1280,2000", f"--screenshot={shot}", report.as_uri()],
                   capture_output=True, timeout=120)
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20000  # a real page, not a blank one


# --- learn ------------------------------------------------------------------------------------


def edit_in_word(source, target):
    """What a reviewer does in Word: reword two, delete one, add one, move one."""
    document = docx.Document(str(source))
    paragraphs = document.paragraphs

    def find(fragment):
        return next(p for p in paragraphs if fragment in p.text)

    def set_text(paragraph, text):
        paragraph.runs[0].text = text
        for run in paragraph.runs[1:]:
            run.text = ""

    set_text(find("举办“五老”骨干培训班"), "4.举办“五老”骨干培训班和网络宣讲培训，提升老同志运用新媒体开展青少年思想引导的能力。")
    set_text(find("推动优秀传统文化进校园"), "7.推动优秀传统文化进校园，邀请非遗传承人开设书法、戏曲、剪纸、陶艺等兴趣课程。")
    deleted = find("配合学校开展劳动教育")
    deleted._p.getparent().remove(deleted._p)
    anchor = find("回头看")
    added = docx.oxml.parse_xml(f'<w:p xmlns:w="{W[1:-1]}"><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t>12.组织关工委骨干赴外地学习规范化建设经验，每年不少于一次。</w:t></w:r></w:p>')
    anchor._p.addnext(added)
    moved = find("协助学校开展防溺水")
    find("建立困境学生关爱台账")._p.addnext(moved._p)
    document.save(str(target))
    return target


def body_items(path):
    """(section heading, clause text without its number) for every heading and clause paragraph."""
    from generator.check.document import load

    found = []
    for para in load(path).paragraphs:
        if para.role == "heading1":
            found.append(("节", heading_level(para.text)[2]))
        elif para.role in ("heading3", "body"):
            found.append(("条", heading_level(para.text)[2]))
    return found


@pytest.mark.parametrize("with_sidecar", [True, False])
def test_learn_round_trip_reproduces_the_reviewer_s_edits(tmp_path, gwplan, library, with_sidecar):
    section = library / "01-思想政治引领.yaml"
    section.write_text(section.read_text(encoding="utf-8").replace("  - id: 思想引领-党建带关建", "  # 审核：这一条要保留\n  - id: 思想引领-党建带关建"), encoding="utf-8")
    before = {p.name: p.read_text(encoding="utf-8") for p in library.glob("*.yaml")}
    draft = tmp_path / "draft.docx"
    assert gwplan("draft", "--year", "2027", "--library", library, "-o", draft, "--review").code == 0
    edited = edit_in_word(draft, tmp_path / "edited.docx")
    if with_sidecar:
        shutil.copy(tmp_path / "draft.provenance.json", tmp_path / "edited.provenance.json")

    dry = gwplan("learn", edited, "--library", library, "--dry-run")
    assert dry.code == 0 and "试运行" in dry.out
    assert {p.name: p.read_text(encoding="utf-8") for p in library.glob("*.yaml")} == before

    result = gwplan("learn", edited, "--library", library)
    assert result.code == 0, result.err
    for word in ("改写", "删除", "新增", "移动"):
        assert word in result.out
    assert "# 审核：这一条要保留" in section.read_text(encoding="utf-8")
    assert gwplan("lint", "--library", library).code == 0

    again = tmp_path / "again.docx"
    assert gwplan("draft", "--year", "2027", "--library", library, "-o", again).code == 0
    assert body_items(again) == body_items(edited)


def test_learn_refuses_what_it_cannot_read(tmp_path, gwplan, library):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    assert gwplan("learn", bad, "--library", library).code == 2
    draft = tmp_path / "d.docx"
    gwplan("draft", "--year", "2027", "--library", library, "-o", draft)
    broken = tmp_path / "broken.json"
    broken.write_text("{oops", encoding="utf-8")
    result = gwplan("learn", draft, "--library", library, "--provenance", broken)
    assert result.code == 2 and "JSON" in result.err
