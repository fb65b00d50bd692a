"""Every kind of .docx gwplan writes passes Microsoft's Open XML SDK validator (0 errors), and
every XML part it writes declares the relationships namespace (docx2python and others need it)."""
import zipfile

import ooxmlcheck
import pytest
from helpers import foreign_plan

pytestmark = pytest.mark.skipif(not ooxmlcheck.available(), reason="需要 node 和 @ooxml-tools/validate（.ci/run 会安装）")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, request):
    """One of each: draft, --review draft, seed-library draft, school plans, bundle (with its 目录 and
    blank pages), a bundle composed with a foreign document, check --fix."""
    from conftest import run_gwplan as run, three_school_roster

    folder = tmp_path_factory.mktemp("ooxml")
    run("draft", "--year", "2027", "-o", folder / "draft.docx")
    run("draft", "--year", "2027", "-o", folder / "review.docx", "--review")
    roster = three_school_roster(folder / "roster.csv")
    run("batch", roster, "--year", "2027", "-o", folder / "schools", "--bundle", folder / "bundle.docx", "--review")
    run("check", foreign_plan(folder / "foreign.docx"), "--fix", "-o", folder / "foreign-fixed.docx")
    run("bundle", folder / "schools", folder / "foreign.docx", "-o", folder / "composed.docx")  # via docxcompose
    (folder / "unit.yaml").write_text(
        "issuer_mark: 青山区教育局关心下一代工作委员会文件\ndoc_number_prefix: 青教关\nrecipient: 各中小学\n"
        "copy_to: 区关工委\nprinted_by: 青山区教育局关工委办公室\nseal: true\n", encoding="utf-8")
    run("draft", "--year", "2027", "--notice", "--unit", folder / "unit.yaml", "-o", folder / "notice.docx")
    run("check", folder / "review.docx", "--fix", "-o", folder / "review-fixed.docx")
    from conftest import SEEDS

    if SEEDS.is_dir():
        run("ingest", *sorted(SEEDS.glob("*.txt")), "--library", folder / "lib")
        run("draft", "--year", "2027", "--library", folder / "lib", "-o", folder / "seeds.docx", "--review")
    written = sorted(p for p in folder.rglob("*.docx") if p.name != "foreign.docx")
    return written


def test_every_output_is_schema_valid(outputs):
    kinds = {p.name for p in outputs}
    assert {"draft.docx", "review.docx", "bundle.docx", "composed.docx", "notice.docx", "foreign-fixed.docx", "review-fixed.docx"} <= kinds
    assert sum(1 for p in outputs if p.parent.name == "schools") == 3
    results = ooxmlcheck.validate(outputs)
    errors = {name: found for name, found in results.items() if found}
    assert errors == {}


def test_check_fix_writes_properties_in_schema_order(tmp_path):
    # rFonts and sz must come before w:u and w:lang: appended after them they are schema errors.
    from generator.check.fix import fix_document

    fixed = tmp_path / "fixed.docx"
    fix_document(foreign_plan(tmp_path / "foreign.docx"), fixed)
    assert ooxmlcheck.validate([fixed]) == {str(fixed): []}
    with zipfile.ZipFile(fixed) as package:
        document = package.read("word/document.xml").decode("utf-8")
    run = document[document.index("<w:u ") - 300 : document.index("<w:u ")]
    assert "<w:rFonts" in run and "<w:sz " in run  # fonts and size sit before the underline


def test_every_part_declares_the_relationships_namespace(tmp_path):
    from generator.cli import main

    with pytest.raises(SystemExit):
        main(["draft", "--year", "2027", "-o", str(tmp_path / "d.docx"), "--review"])
    with zipfile.ZipFile(tmp_path / "d.docx") as package:
        for name in package.namelist():
            text = package.read(name).decode("utf-8")
            if name.startswith("word/") and name.endswith(".xml"):
                assert 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"' in text, name


def test_an_independent_reader_reads_every_part(outputs):
    """docx2python resolves each part's relationships by the r prefix: without it, it crashes."""
    from docx2python import docx2python

    for path in outputs:
        with docx2python(path) as content:
            assert "关心下一代" in content.text or "工作要点" in content.text, path
            assert "—" in str(content.footer), path
