"""Every genre of plan in every form a real copy takes reads as its clean text (issue 17).

The corpus (tests/corpus/genres_data.py, genres.py) holds eight genres — 党建, 德育, 安全, 团委,
教研, 宣传, 工会 and a school's own plan — as clean text, whole web pages, document-site pages,
PDFs typed with Word's automatic numbering, run-on paragraphs, plans with a 行事历 table,
学年 plans and 总结. Title, unit, year, kind and clause count come from the corpus data; each
clause must match the clean text's; no clause may hold page furniture.
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
from genres import TEXT_FORMS, expected, form_text  # noqa: E402
from genres_agree import agreement, clause_texts, read  # noqa: E402
from genres_data import GENRES  # noqa: E402

from generator.readers.title import parse_title  # noqa: E402

CASES = [(g, form) for g in GENRES for form in TEXT_FORMS]


@pytest.fixture(scope="module")
def text_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("genres")
    files = {}
    for g, form in CASES:
        files[(g.key, form)] = folder / f"{g.key}-{form}.txt"
        files[(g.key, form)].write_text(form_text(g, form), encoding="utf-8")
    return files


def test_the_corpus_covers_eight_genres_and_every_form():
    assert {"党建", "德育", "安全", "团委", "教研", "宣传", "工会", "学校"} <= {g.key for g in GENRES}
    assert {"web", "docsite", "runon", "calendar", "schoolyear", "summary"} <= set(TEXT_FORMS)


@pytest.mark.parametrize(("g", "form"), CASES, ids=[f"{g.key}-{form}" for g, form in CASES])
def test_every_text_form_reads_as_the_clean_plan(g, form, text_files):
    assert agreement(g, form, text_files[(g.key, form)]) == []


def test_furniture_removed_is_reported(text_files):
    plan = read(text_files[("党建", "web")])
    report = "\n".join(plan.warnings)
    assert "网页按钮" in report and "正文结束后的网页内容" in report
    plan = read(text_files[("宣传", "docsite")])
    assert "文档网站的页头" in "\n".join(plan.warnings) and "网站对读者说的话" in "\n".join(plan.warnings)


def test_a_calendar_is_one_table_clause_with_its_rows(text_files):
    for form in ("calendar", "calendar_web"):
        plan = read(text_files[("学校", form)])
        table = plan.all_clauses()[-1]
        assert table.kind == "table"
        assert table.rows[0] == ["月份", "工作内容"] and table.rows[-1] == ["七月", "学期工作总结，暑假安全教育"]
        assert plan.date == "2026年2月16日"


def test_a_summary_is_stored_for_review_and_never_a_skeleton(text_files, tmp_path):
    from generator.draft.selection import base_plan
    from generator.ingest import ingest
    from generator.library.load import load_library

    library = tmp_path / "library"
    ingest([text_files[("学校", "summary")], text_files[("学校", "clean")]], library)
    loaded = load_library(library)
    kinds = {p["file"]: p.get("kind", "plan") for p in loaded.plans}
    assert kinds == {"学校-summary.txt": "summary", "学校-clean.txt": "plan"}
    assert base_plan(loaded)["file"] == "学校-clean.txt"
    summary_texts = {line for _, paras in GENRES[-1].summary for line in paras}
    for _, clause in loaded.clauses():
        if clause.text in summary_texts:
            assert clause.status == "review" and any("工作总结" in n for n in clause.notes)


@pytest.mark.parametrize(
    ("title", "org", "year", "kind", "school_year", "term"),
    [
        ("2023年春季学校少先队工作计划", "", 2023, "plan", "2022-2023", 2),
        ("2018-2019学年第一学期团委工作计划", "", 2018, "plan", "2018-2019", 1),
        ("青山中学2026—2027学年第二学期德育工作计划", "青山中学", 2027, "plan", "2026-2027", 2),
        ("2014年工作情况和2015年工作要点", "", 2015, "plan", "", 0),
        ("中小学2024年安全工作要点", "", 2024, "plan", "", 0),
        ("【2018年小学关工委工作计划】2019关工委工作计划", "", None, "plan", "", 0),
        ("东湖区城关小学2025年少先队工作总结", "东湖区城关小学", 2025, "summary", "", 0),
    ],
)
def test_title_parts_are_the_documents_or_unknown(title, org, year, kind, school_year, term):
    parts = parse_title(title)
    assert (parts.org, parts.year, parts.kind, parts.school_year, parts.term) == (org, year, kind, school_year, term)


def test_unknown_unit_and_year_are_said_and_ingest_takes_them(tmp_path):
    from generator.ingest import ingest

    copy = tmp_path / "plan.txt"
    copy.write_text("学校德育工作计划\n一、加强行为规范教育\n1.每周评比文明班级。\n2.每月召开班主任例会。\n", encoding="utf-8")
    plan = read(copy)
    assert (plan.org, plan.year) == ("", None)
    assert any("--org" in w for w in plan.warnings)
    result = ingest([copy], tmp_path / "library", org="青山中学", year=2026)
    assert (result.plans[0].org, result.plans[0].year) == ("青山中学", 2026)
    assert not any("无法确定" in w for w in result.plans[0].warnings)


# --- PDFs: one LibreOffice run for the whole module -------------------------------------------


TABLE_PDFS = ("党建", "工会")  # one with the table on one page, one with it over a page break


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("需要 LibreOffice（soffice）来生成 PDF")
    from genres_pdf import pdf_files

    return pdf_files(tmp_path_factory.mktemp("genre-pdfs"), with_tables=TABLE_PDFS)  # the benchmark does all


@pytest.mark.parametrize("g", GENRES, ids=[g.key for g in GENRES])
def test_a_word_numbered_plan_saved_as_pdf_gives_the_clauses_of_its_docx(g, pdfs):
    pdf = pdfs[(g.key, False)]
    assert agreement(g, "pdf", pdf) == []
    assert clause_texts(read(pdf)) == clause_texts(read(pdf.with_suffix(".docx")))
    if g.key in TABLE_PDFS:
        assert agreement(g, "calendar_pdf", pdfs[(g.key, True)]) == []


def test_the_table_of_a_docx_and_its_pdf_is_one_table_clause(pdfs):
    g = GENRES[0]
    for path in (pdfs[(g.key, True)], pdfs[(g.key, True)].with_suffix(".docx")):
        plan = read(path)
        tables = [c for c in plan.all_clauses() if c.kind == "table"]
        assert len(tables) == 1 and len(tables[0].rows) == len(g.calendar) + 1, path.name
        assert expected(g, "calendar").clauses == len(plan.all_clauses())


def test_several_plans_on_one_page_are_split_or_refused_with_the_line(tmp_path):
    from genres import collection, genre

    from generator.errors import GwplanError
    from generator.readers import read_plans

    page = tmp_path / "合集.txt"
    page.write_text(collection(("德育", "团委", "学校")), encoding="utf-8")
    plans = read_plans(page)
    assert [p.title for p in plans] == [genre(k).title for k in ("德育", "团委", "学校")]
    for plan, key in zip(plans, ("德育", "团委", "学校")):
        want = expected(genre(key), "clean")
        assert (plan.org, plan.year, len(plan.all_clauses())) == (want.org, want.year, want.clauses)
        assert not any("篇" in c.text for c in plan.all_clauses())
    with pytest.raises(GwplanError) as refused:
        read(page)
    second = page.read_text(encoding="utf-8").splitlines().index(f"2.{genre('团委').title}第2篇") + 1
    assert refused.value.line == second and "第二份" in str(refused.value)


def test_a_standing_label_and_its_paragraph_are_a_heading_and_a_clause(tmp_path):
    copy = tmp_path / "plan.txt"
    copy.write_text(
        "青山中学2026年德育工作计划\n一、指导思想：以习近平新时代中国特色社会主义思想为指导，落实立德树人根本任务。\n"
        "二、主要工作\n1.每周评比文明班级。\n2.每月召开班主任例会。\n青山中学\n2026年2月20日\n",
        encoding="utf-8",
    )
    plan = read(copy)
    assert [s.heading for s in plan.sections] == ["指导思想", "主要工作"]
    assert plan.sections[0].clauses[0].text.startswith("以习近平") and len(plan.all_clauses()) == 3
