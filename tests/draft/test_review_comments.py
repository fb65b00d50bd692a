"""draft --review: a Word comment per clause with its provenance, and the sidecar."""
import json

import docx
import pytest
from conftest import seed
from pdfmeasure import have_tools, soffice

from generator.check.checker import check_document
from generator.ooxml import W


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
    done = soffice("--convert-to", "pdf", "--outdir", str(tmp_path), str(bundle),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and (tmp_path / "汇编.pdf").stat().st_size > 10000
