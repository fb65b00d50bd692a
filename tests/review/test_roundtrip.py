"""learn reads its own drafts back exactly: an unedited draft, renamed (or saved by LibreOffice),
changes nothing; only clauses that were in the draft can be marked deleted; item numbers never
enter clause text, also for items that start with a year or a number."""
import json
import re
import shutil
import zipfile

import docx
import pytest
from pdfmeasure import have_tools, soffice

from generator.ooxml import W

EXTRA = """\
  - id: 规范化-推进年
    status: active
    kind: item
    text: "{{ year }}年是{{ scope }}关工委规范化建设全面推进年，各校要对照标准逐项落实。"
    tags: [推进年]
  - id: 规范化-二十所
    status: active
    kind: item
    text: 20所学校在暑假前完成关工委档案的整理归档。
    tags: [档案]
"""
OLD_PREAMBLE = """\
  - id: 总要求-旧版
    status: active
    kind: paragraph
    text: "{{ year }}年，{{ scope }}关心下一代工作以提升质量为主线，全面推进各项工作。"
    sources:
      - {file: 旧计划.txt, year: 2019, position: 1}
"""


@pytest.fixture
def library(starter):
    """The starter library plus items starting with a year and a number, and a second, older
    preamble clause that a draft does not use."""
    section = starter / "03-关工委规范化建设.yaml"
    section.write_text(section.read_text(encoding="utf-8") + EXTRA, encoding="utf-8")
    preamble = starter / "00-总要求.yaml"
    preamble.write_text(preamble.read_text(encoding="utf-8") + OLD_PREAMBLE, encoding="utf-8")
    return starter


def snapshot(library):
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(library.glob("*.yaml"))}


def learn_json(gwplan, edited, library, *extra):
    result = gwplan("learn", edited, "--library", library, "--json", *extra)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_an_unedited_renamed_draft_changes_nothing(tmp_path, gwplan, library):
    draft = tmp_path / "审阅稿.docx"
    assert gwplan("draft", "--year", "2027", "--library", library, "-o", draft, "--review").code == 0
    texts = [p.text for p in docx.Document(str(draft)).paragraphs]
    assert any(t.endswith("2027年是全区关工委规范化建设全面推进年，各校要对照标准逐项落实。") for t in texts)
    renamed = tmp_path / "审阅稿-已改.docx"  # the README's example: no sidecar beside the new name
    shutil.copy(draft, renamed)
    before = snapshot(library)
    assert learn_json(gwplan, renamed, library, "--dry-run")["actions"] == []
    assert learn_json(gwplan, renamed, library)["actions"] == []
    assert snapshot(library) == before
    again = tmp_path / "again.docx"
    gwplan("draft", "--year", "2027", "--library", library, "-o", again)
    assert [p.text for p in docx.Document(str(again)).paragraphs] == texts


@pytest.mark.skipif(not have_tools(), reason="需要 LibreOffice")
def test_a_draft_saved_by_libreoffice_changes_nothing(tmp_path, gwplan, library):
    draft = tmp_path / "d.docx"
    gwplan("draft", "--year", "2027", "--library", library, "-o", draft)
    out = tmp_path / "lo"
    soffice("--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(draft),
                   check=True, capture_output=True, timeout=300)
    assert learn_json(gwplan, out / "d.docx", library, "--dry-run")["actions"] == []


def _edit(path, target, *, reword: tuple[str, str] | None = None, delete: str | None = None):
    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        if delete and delete in paragraph.text:
            paragraph._p.getparent().remove(paragraph._p)
        elif reword and reword[0] in paragraph.text:
            for node in paragraph._p.iter(W + "t"):
                node.text = node.text.replace(*reword)
    document.save(str(target))
    return target


def test_only_drafted_clauses_can_be_deleted_and_numbers_stay_out_of_the_text(tmp_path, gwplan, library):
    draft = tmp_path / "d.docx"
    gwplan("draft", "--year", "2027", "--library", library, "-o", draft)
    edited = _edit(draft, tmp_path / "改过的.docx", reword=("逐项落实", "逐项对标落实"), delete="档案的整理归档")
    actions = learn_json(gwplan, edited, library)["actions"]
    assert sorted((a["kind"], a["clause_id"]) for a in actions) == [("deleted", "规范化-二十所"), ("reworded", "规范化-推进年")]
    text = (library / "03-关工委规范化建设.yaml").read_text(encoding="utf-8")
    assert "text: '{{ year }}年是{{ scope }}关工委规范化建设全面推进年，各校要对照标准逐项对标落实。'" in text or \
        "{{ year }}年是{{ scope }}关工委规范化建设全面推进年，各校要对照标准逐项对标落实。\n" in text
    again = tmp_path / "again.docx"
    gwplan("draft", "--year", "2027", "--library", library, "-o", again)
    items = [p.text for p in docx.Document(str(again)).paragraphs if "推进年" in p.text]
    assert len(items) == 1 and items[0].split(".", 1)[1].startswith("2027年是全区")  # 16.2027年…, never 16.15.2027年…


def test_without_provenance_nothing_is_marked_deleted(tmp_path, gwplan, library):
    draft = tmp_path / "d.docx"
    gwplan("draft", "--year", "2027", "--library", library, "-o", draft)
    stripped = tmp_path / "stripped.docx"
    with zipfile.ZipFile(draft) as source, zipfile.ZipFile(stripped, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":  # as a document gwplan never wrote
                data = re.sub(rb'<Relationship [^>]*customXml/item1.xml"/>', b"", data)
            if not item.filename.startswith("customXml/"):
                target.writestr(item, data)
    edited = _edit(stripped, tmp_path / "e.docx", delete="档案的整理归档")
    result = learn_json(gwplan, edited, library, "--dry-run")
    assert [a for a in result["actions"] if a["kind"] == "deleted"] == []
    assert any("无法判断哪些条款被删除" in note for note in result["notes"])
