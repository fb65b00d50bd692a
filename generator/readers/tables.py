"""Tables in a plan (a 行事历: 月份 / 工作内容) stay tables: one clause of kind `table`.

Readers find them in their own way (a .docx's w:tbl, a PDF's ruled cells, a web copy's columns
aligned with tabs or runs of spaces) and put one mark line where the table stood, so the
cleanup stages (furniture, hard wraps, run-together copies) never take its rows for paragraphs.
The structure parser turns the mark back into the table's rows.
"""
from __future__ import annotations

from generator.text import patterns, zhtext

MARK = "\ue010"  # a private-use character, then the table's number: a line of its own
MARK_LINE = patterns.compile(f"^{MARK}(\\d+)$")
_CELL_GAP = patterns.compile(r"\t+|[ \u3000\u00a0]{2,}")
MIN_ROWS = 3  # a header and two rows: fewer aligned lines are not told from text set off by spaces


def mark(number: int) -> str:
    return f"{MARK}{number}"


def cells(line: str) -> list[str]:
    return [zhtext.normalize_text(cell) for cell in _CELL_GAP.split(line.strip()) if cell.strip()]


def _row(line: str) -> list[str] | None:
    """The cells of a table row: two or more, the first one short (月份, 时间, 序号)."""
    found = cells(line)
    if len(found) < 2 or len(found[0]) > 12 or not _CELL_GAP.search(line.strip()):
        return None
    return found


def text_tables(lines: list[str], tables: list[list[list[str]]]) -> list[str]:
    """Replace each run of column-aligned lines by a mark line and blank lines; the rows go into `tables`."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        run: list[list[str]] = []
        end = index
        while end < len(lines) and (row := _row(lines[end])) and (not run or len(row) == len(run[0])):
            run.append(row)
            end += 1
        if len(run) >= MIN_ROWS:
            out += [mark(len(tables))] + [""] * (len(run) - 1)  # line numbers stay those of the file
            tables.append(run)
            index = end
        else:
            out.append(lines[index])
            index += 1
    return out


def as_text(rows: list[list[str]]) -> str:
    """A table clause's text: rows one per line, cells separated by tabs (Clause.rows)."""
    return "\n".join("\t".join(cell.replace("\t", " ").replace("\n", "") for cell in row) for row in rows)
