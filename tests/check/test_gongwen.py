"""Whole 公文: check reads every part of documents built from the standard (tests/corpus/gongwen.py),
finds every planted error without false alarms, and --fix is safe; draft --notice writes a
red-header 印发通知 that checks clean and renders where the standard puts each part."""
import datetime
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from pdfmeasure import have_tools

from generator.ooxml import W
from generator.check.checker import check_document
from generator.check.document import load
from generator.check.fix import fix_document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
import gongwen  # noqa: E402

MM = 72 / 25.4
TODAY = datetime.date(2027, 1, 8)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return gongwen.documents(tmp_path_factory.mktemp("gongwen"))


def score(corpus) -> tuple[float, float, list[str]]:
    """Precision over all findings, recall over the planted errors, and what went wrong."""
    hits = wrong = found = planted = 0
    problems = []
    for path, kind, error, rules in corpus:
        findings = check_document(path).findings
        right = [f for f in findings if f.rule in rules]
        extra = [f for f in findings if f.rule not in rules]
        hits, wrong = hits + len(right), wrong + len(extra)
        problems += [f"{kind} {error or '正确'}：多报 {f.rule} 第{f.paragraph}段 {f.message}" for f in extra]
        if error:
            planted += 1
            found += bool(right)
            if not right:
                problems.append(f"{kind} {error}：没有发现")
    return hits / max(hits + wrong, 1), found / planted, problems


def test_precision_and_recall_on_the_corpus(corpus):
    precision, recall, problems = score(corpus)
    assert precision >= 0.95 and recall >= 0.95, problems
    assert problems == []  # in fact: nothing on the correct ones, every planted error found


def test_every_part_is_recognised(corpus):
    roles = {kind: [(p.role, p.text.strip()[:8]) for p in load(path).paragraphs if p.role not in ("blank",)]
             for path, kind, error, _ in corpus if not error}
    notice = [role for role, _ in roles["红头通知"]]
    assert notice[:6] == ["copy_number", "secrecy", "urgency", "issuer_mark", "doc_number", "title"]
    assert notice[6] == "recipient" and notice[-4:] == ["signature", "date", "copy_to", "printed_by"]
    request = [role for role, _ in roles["请示"]]
    assert request[:3] == ["issuer_mark", "doc_number", "title"] and request[-3:] == ["signature", "date", "note"]
    letter = [role for role, _ in roles["信函"]]
    assert letter[:3] == ["issuer_mark", "doc_number", "title"]
    sealed = roles["盖章通知"]
    assert ("body", "为营造书香校园氛") in sealed  # text inside a content control is read
    assert [r for r, _ in sealed][-3:] == ["date", "note", "printed_by"]
    plan = [role for role, _ in roles["带附件的要点"]]
    assert plan.count("appendix_label") == 2 and plan.count("appendix_title") == 2
    assert plan.index("attachment") < plan.index("signature") < plan.index("appendix_label")


def test_fix_leaves_correct_documents_alone_and_converges(corpus, tmp_path):
    for number, (path, kind, error, _) in enumerate(corpus):
        once, twice = tmp_path / f"{number}-1.docx", tmp_path / f"{number}-2.docx"
        changed = fix_document(path, once)
        if not error:
            assert changed == [], (kind, changed)
        assert fix_document(once, twice) == [], (kind, error)
        fixable = {f.rule for f in check_document(path).findings if f.fixable}
        assert not [f for f in check_document(once).findings if f.rule in fixable], (kind, error)


def test_fix_after_check_writes_what_a_fresh_fix_writes(corpus, tmp_path):
    # The CLI hands check's parsed document to --fix: checking must leave it exactly as read.
    for number, (path, kind, error, _) in enumerate(corpus):
        fresh, reused = tmp_path / f"{number}-fresh.docx", tmp_path / f"{number}-reused.docx"
        assert fix_document(path, fresh) == fix_document(path, reused, checked=check_document(path).document)
        with zipfile.ZipFile(fresh) as one, zipfile.ZipFile(reused) as two:
            assert one.read("word/document.xml") == two.read("word/document.xml"), (kind, error)


def test_fix_never_moves_the_header_or_the_imprint(corpus, tmp_path):
    path = next(p for p, kind, error, _ in corpus if kind == "红头通知" and error == "body font")
    fixed = tmp_path / "fixed.docx"
    fix_document(path, fixed)
    before, after = load(path), load(fixed)
    for old, new in zip(before.paragraphs, after.paragraphs):
        if old.in_header or old.role in ("copy_to", "printed_by", "signature", "date"):
            old_ppr, new_ppr = old.element.find(f"{W}pPr"), new.element.find(f"{W}pPr")
            assert (old_ppr is None and new_ppr is None) or old_ppr.xml == new_ppr.xml, old.role


def test_fix_never_changes_quoted_words_nor_uncertain_parts(tmp_path):
    document = docx.Document()
    document.add_paragraph("关于规范标点使用的通知")  # a first line with no title formatting: a title by position only
    document.add_paragraph("正文中不使用半角“.”，也不使用“ , ”,请按《GB/T 15834-2011》执行.")
    document.add_paragraph("2027年1月8日")
    document.add_paragraph("这一段在日期之后,不知道是什么")
    document.save(tmp_path / "q.docx")
    fix_document(tmp_path / "q.docx", tmp_path / "out.docx")
    texts = [p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs]
    assert texts[1] == "正文中不使用半角“.”，也不使用“ , ”，请按《GB/T 15834-2011》执行。"
    assert texts[3] == "这一段在日期之后,不知道是什么"  # an unrecognised element is left as it is
    fixed = load(tmp_path / "out.docx")
    assert fixed.paragraphs[0].role == "title" and not fixed.paragraphs[0].certain
    assert fixed.paragraphs[3].role == "unknown"
    title = docx.Document(str(tmp_path / "out.docx")).paragraphs[0]
    assert title.alignment is None and not title.runs[0].font.size  # not restyled: its role is a guess
    report = check_document(tmp_path / "out.docx")
    assert any(f.rule == "part.unknown" and f.paragraph == 4 for f in report.findings)


# --- draft --notice ---------------------------------------------------------------------------

UNIT = """issuer_mark: 青山区教育局关心下一代工作委员会文件
doc_number_prefix: 青教关
recipient: 各中小学、幼儿园
copy_to: 区关工委，区教育局
printed_by: 青山区教育局关工委办公室
seal: {seal}
"""


@pytest.fixture(scope="module")
def notices(tmp_path_factory):
    from generator.cli import main

    folder = tmp_path_factory.mktemp("notice")
    made = {}
    for seal in ("true", "false"):
        (folder / f"unit-{seal}.yaml").write_text(UNIT.format(seal=seal), encoding="utf-8")
        plan = folder / "plan.yaml"
        plan.write_text("date: 2027年1月8日\nnotice:\n  number: 3\n  copy_number: \"000012\"\n  urgency: 加急\n", encoding="utf-8")
        output = folder / f"notice-{seal}.docx"
        with pytest.raises(SystemExit) as done:
            main(["draft", "--year", "2027", "--notice", "--unit", str(folder / f"unit-{seal}.yaml"), "--plan", str(plan), "-o", str(output)])
        assert done.value.code == 0
        made[seal] = output
    return made


def test_the_notice_checks_clean_and_fix_leaves_it(notices, tmp_path):
    for path in notices.values():
        report = check_document(path)
        assert report.findings == [], [(f.rule, f.paragraph, f.message) for f in report.findings]
        assert fix_document(path, tmp_path / "same.docx") == []
    roles = [p.role for p in load(notices["true"]).paragraphs if p.role != "blank"]
    assert roles[:4] == ["copy_number", "urgency", "issuer_mark", "doc_number"]
    assert roles[4:6] == ["title", "recipient"]  # a two-line title is one paragraph (a line break)
    assert roles[roles.index("attachment") + 1 : roles.index("attachment") + 3] == ["signature", "date"]
    assert roles[roles.index("date") + 1 : roles.index("date") + 3] == ["appendix_label", "appendix_title"]
    assert roles[-2:] == ["copy_to", "printed_by"]


def test_seal_or_no_seal_places_the_signature(notices):
    from generator.check.places import _start
    from generator.profile import load_profile
    from generator.text.zhtext import text_width

    profile = load_profile()
    for seal, path in notices.items():
        doc = load(path)
        signature = next(p for p in doc.paragraphs if p.role == "signature")
        date = next(p for p in doc.paragraphs if p.role == "date")
        sig_start, sig_width = _start(signature, doc, profile), text_width(signature.text)
        date_start, date_width = _start(date, doc, profile), text_width(date.text)
        if seal == "true":  # 7.3.5.1: the date right-indented 4, the 署名 centred over it
            assert abs(28 - date_start - date_width - 4) < 0.3
            assert abs((sig_start + sig_width / 2) - (date_start + date_width / 2)) < 0.3
        else:  # 7.3.5.2: the 署名 right-indented 2, the date's first character 2 further right
            assert abs(28 - sig_start - sig_width - 2) < 0.3 and abs(date_start - sig_start - 2) < 0.3


@pytest.mark.skipif(not have_tools(), reason="需要 LibreOffice（soffice）和 poppler-utils（pdftotext）")
def test_the_notice_renders_where_the_standard_puts_each_part(notices, tmp_path):
    import pdfplumber

    from generator.writers.pdf import docx_to_pdf
    from generator.profile import load_profile

    pdf = tmp_path / "notice.pdf"
    docx_to_pdf(notices["true"], pdf, load_profile())
    with pdfplumber.open(str(pdf)) as document:
        first, last = document.pages[0], document.pages[-1]
        chars = first.chars
        mark = next(c for c in chars if c["text"] == "青" and c["size"] > 30)
        assert abs(mark["top"] / MM - (37 + 35)) < 1.0  # 7.2.4: 35 mm below the type area's top
        number_line = [c for c in chars if c["text"] == "〔"][0]
        rule = min((r for r in first.rects + first.lines if r["top"] > number_line["bottom"]), key=lambda r: r["top"])
        assert abs((rule["top"] - number_line["bottom"]) / MM - 4) < 0.6  # 7.2.7: 4 mm below the 字号
        assert rule["x0"] / MM == pytest.approx(28, abs=0.5) and rule["x1"] / MM == pytest.approx(184, abs=0.5)
        rules = sorted(r["top"] for r in last.rects + last.lines)
        assert len(set(round(t, 1) for t in rules)) == 3  # 版记: three rules
        assert 0 <= (297 - 35) - rules[-1] / MM < 1.5  # its last rule on the type area's bottom edge
        printed = next(l for l in last.extract_text_lines() if "印发" in l["text"])
        assert (297 - 35) - printed["bottom"] / MM < 10.2  # 印发机关和印发日期 on the last line
        assert "抄送：区关工委，区教育局。" in last.extract_text().replace(" ", "")
        numbers = [p.extract_text().strip().split("\n")[-1].replace(" ", "") for p in document.pages]
        assert numbers == [f"—{n}—" for n in range(1, len(document.pages) + 1)]


def test_unit_profile_errors_name_the_file_and_line(tmp_path, gwplan):
    unit = tmp_path / "unit.yaml"
    unit.write_text("issuer_mark: 某局文件\ndoc_number_prefix: 某\nprinted_by: 办公室\nseal: 是\n", encoding="utf-8")
    done = gwplan("draft", "--year", "2027", "--notice", "--unit", unit, "-o", tmp_path / "n.docx")
    assert done.code == 2 and f"{unit}:4" in done.err and "seal 只能是 true 或 false" in done.err
    missing = gwplan("draft", "--year", "2027", "--notice", "--unit", tmp_path / "none.yaml", "-o", tmp_path / "n.docx")
    assert missing.code == 2 and "issuer_mark" in missing.err and "Traceback" not in missing.err


def test_a_notice_without_number_is_marked(tmp_path, gwplan):
    unit = tmp_path / "unit.yaml"
    unit.write_text(UNIT.format(seal="false"), encoding="utf-8")
    done = gwplan("draft", "--year", "2027", "--notice", "--unit", unit, "-o", tmp_path / "n.docx")
    assert done.code == 0 and "notice.number" in done.out  # the writer is told where to give it
    number = next(p for p in docx.Document(str(tmp_path / "n.docx")).paragraphs if p.text.startswith("青教关"))
    assert number.text == "青教关〔2027〕【待定】号"
    blank = [run for run in number.runs if "【待定】" in run.text]
    assert blank and all(run.font.highlight_color is not None for run in blank)
    assert [f.rule for f in check_document(tmp_path / "n.docx").findings] == ["placeholder"]


def test_template_variants_mark_in_a_text_box_imprint_in_borders(tmp_path):
    """Many templates put the 标志 in a text box and draw the 版记's rules as paragraph borders."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    writer = gongwen.notice(set())
    mark = next(p for p in writer.doc.paragraphs if p.text == "白塔区教育局文件")
    for run in list(mark.runs):
        run._r.getparent().remove(run._r)
    mark._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:440pt;height:50pt">'
        '<v:textbox><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/>'
        '<w:color w:val="FF0000"/><w:sz w:val="72"/></w:rPr><w:t>白塔区教育局文件</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'
    ))
    table = writer.doc.tables[-1]._tbl
    table.getparent().remove(table)
    rules = ['<w:top w:val="single" w:sz="8" w:space="1" w:color="000000"/><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/>',
             '<w:bottom w:val="single" w:sz="8" w:space="1" w:color="000000"/>']
    for text, borders in zip(("\t抄送：区委办公室，区政府办公室。", "\t白塔区教育局办公室\t2027年1月8日印发"), rules):
        paragraph = writer.para(text, gongwen.BODY, 14, first=0)
        paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:pBdr {nsdecls("w")}>{borders}</w:pBdr>'))
    path = writer.save(tmp_path / "template.docx")
    roles = [p.role for p in load(path).paragraphs if p.role not in ("blank",)]
    assert roles[:5] == ["copy_number", "secrecy", "urgency", "issuer_mark", "doc_number"]
    assert roles[-2:] == ["copy_to", "printed_by"]
    assert check_document(path).findings == []


def test_template_placeholders_are_unfilled(tmp_path):
    writer = gongwen.notice(set())
    paragraphs = writer.doc.paragraphs
    next(p for p in paragraphs if p.text.startswith("寒假将至")).runs[0].text = "[此处输入正文]"
    date = next(p for p in paragraphs if p.text == "2027年1月8日")
    date.runs[0].text = "202X年X月X日"
    path = writer.save(tmp_path / "template.docx")
    report = check_document(path)
    unfilled = sorted(f.message for f in report.findings if f.rule == "placeholder")
    assert any("[此处输入正文]" in m for m in unfilled) and any("202X" in m for m in unfilled)
    assert next(p for p in load(path).paragraphs if p.text.startswith("202X")).role == "date"
