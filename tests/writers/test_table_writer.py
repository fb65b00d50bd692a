"""A plan's 行事历 goes through the library into the draft as a Word table (issue 17).

The calendar plan of the 学校 genre (tests/corpus/genres.py) is ingested and drafted for the next
year: the table keeps its rows and cells, the text's font (the Normal style), a header row that
repeats on every page, the width of the type area; and reading the draft back gives the table.
"""
from __future__ import annotations

import sys
from pathlib import Path

import docx
import pytest
from conftest import run_gwplan

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
from genres import calendar, genre, table_rows  # noqa: E402

from generator.profile import load_profile  # noqa: E402
from generator.readers import read_plan  # noqa: E402
from generator.writers.parts import type_width  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def drafted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("table")
    plan = folder / "plan.txt"
    plan.write_text(calendar(genre("学校")), encoding="utf-8")
    run_gwplan("ingest", plan, "--library", folder / "library")
    run_gwplan("draft", "--year", "2027", "--library", folder / "library", "-o", folder / "draft.docx")
    return folder / "draft.docx"


def test_the_calendar_is_a_table_in_the_draft(drafted):
    document = docx.Document(str(drafted))
    assert len(document.tables) == 1
    table = document.tables[0]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [list(row) for row in table_rows(genre("学校"))]
    for row in table.rows:
        for cell in row.cells:
            assert cell.paragraphs[0].style.name == "Normal"  # the text's font and size, not Word's table style
    first_row = table._tbl.findall(f"{W}tr")[0]
    assert first_row.find(f"{W}trPr/{W}tblHeader") is not None
    width = table._tbl.find(f"{W}tblPr/{W}tblW")
    assert int(width.get(f"{W}w")) == type_width(load_profile())
    assert "工作行事历" in [p.text.split("、")[-1] for p in document.paragraphs]


def test_the_draft_reads_back_with_its_table(drafted):
    plan = read_plan(drafted)
    tables = [c for c in plan.all_clauses() if c.kind == "table"]
    assert len(tables) == 1 and tables[0].rows == [list(row) for row in table_rows(genre("学校"))]
