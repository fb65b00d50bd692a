"""The school roster for `gwplan batch`: CSV as offices export it, YAML, or an Excel .xlsx sheet.

One row a school, below a header row (title rows above it, as offices merge them in Excel, are
skipped). Columns (Chinese or English headers):
    学校 / 学校名称 / name         required
    类型 / 学校类型 / type          幼儿园、小学、初中、高中、完全中学、职校 … (rules/school_types.yaml)
    关工委主任 / 联系人 / director   optional
    目标.名称 / targets.名称        a per-school target value, overriding the district's
    追加条款 / clauses             extra clause ids, separated by spaces, commas or 、
    anything else                  a per-school value for templates: {{ values.列名 }}
A row that cannot be used is reported with its row number; the others still go through.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import GwplanError
from generator.readers.txt import decode_text
from generator.rules.schooltypes import SchoolTypes
from generator.text import patterns
from generator.xmlchars import describe, invalid_chars
from generator.yamlio import refuse_special

NAME_COLUMNS = ("学校", "学校名称", "校名", "单位", "单位名称", "名称", "name", "school")
TYPE_COLUMNS = ("类型", "学校类型", "学段", "办学类型", "type")
DIRECTOR_COLUMNS = ("关工委主任", "主任", "联系人", "负责人", "director", "contact")
CLAUSE_COLUMNS = ("追加条款", "附加条款", "条款", "clauses", "extra_clauses")
TARGET_PREFIX = patterns.compile(r"^(?:目标|targets?)[.．:：](.+)$", re.IGNORECASE)


@dataclass
class School:
    row: int  # row number as the writer sees it in Excel (header is row 1)
    name: str
    type: str = ""
    director: str = ""
    targets: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    clauses: list[str] = field(default_factory=list)
    problem: str = ""  # why this row cannot be used, if it cannot


ROSTER_ADVICE = "名册应是 CSV 文本（UTF-8 或 GBK）、.xlsx 或 YAML 文件"


def read_roster(path: Path, school_types: SchoolTypes) -> list[School]:
    """Read the roster; raises GwplanError when the file as a whole cannot be used."""
    name = str(path)
    if not path.exists():
        raise GwplanError("找不到名册文件。", name)
    if path.is_dir():
        raise GwplanError("这是文件夹，不是名册文件。", name)
    refuse_special(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        rows = _yaml_rows(path)
    elif suffix == ".xlsx":
        rows = _xlsx_rows(path)
    elif suffix in (".csv", ".txt"):
        rows = _csv_rows(path)
    elif suffix == ".xls":
        raise GwplanError("不支持旧版 Excel（.xls）；请在 Excel 或 WPS 中另存为 .xlsx 或 CSV。", name)
    else:
        raise GwplanError(f"不认识 {suffix or '无扩展名'} 名册；请用 CSV、.xlsx 或 YAML。", name)
    schools = [_school(number, row, school_types) for number, row in rows]
    if not schools:
        raise GwplanError("名册中没有任何学校。", name)
    return schools


def _csv_rows(path: Path) -> list[tuple[int, dict]]:
    text = decode_text(path.read_bytes(), str(path), ROSTER_ADVICE)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        rows = [[cell.strip() for cell in row] for row in reader]
    except csv.Error as exc:  # a cell past csv's field limit, or a NUL: at the line the reader stopped
        too_long = "field larger" in str(exc)
        problem = f"有一格超过 {csv.field_size_limit()} 字，不像名册的内容（是不是少了一个引号，把后面的行都并进了这一格？）" if too_long else f"无法按 CSV 读取（{exc}）"
        raise GwplanError(f"名册{problem}。", str(path), reader.line_num) from None
    if not rows:
        raise GwplanError("名册是空的。", str(path))
    return _table_rows(rows, path)


def _xlsx_rows(path: Path) -> list[tuple[int, dict]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise GwplanError(f"无法读取这个 Excel 文件（{type(exc).__name__}）；文件可能已损坏，请另存为 .xlsx 或 CSV。", str(path)) from None
    sheet = book.worksheets[0]
    rows = [["" if cell is None else str(cell).strip() for cell in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    if not rows:
        raise GwplanError("名册的第一个工作表是空的。", str(path))
    return _table_rows(rows, path)


HEADER_SEARCH = 10  # rows above the header: a merged title (“2027年各校名册”), a date, a blank line


def _table_rows(rows: list[list[str]], path: Path) -> list[tuple[int, dict]]:
    """(row number as the spreadsheet shows it, {column: value}) below the header row, which is
    the first row naming a school-name column; title rows above it are skipped."""
    header_at = next((i for i, row in enumerate(rows[:HEADER_SEARCH]) if any(cell in NAME_COLUMNS for cell in row)), None)
    if header_at is None:
        _require_name_column(rows[0], path)
    header = rows[header_at]
    return [
        (number, dict(zip(header, row)))
        for number, row in enumerate(rows[header_at + 1 :], header_at + 2)
        if any(row)
    ]


def _yaml_rows(path: Path) -> list[tuple[int, dict]]:
    from generator.yamlio import load_file

    data = load_file(path)
    if isinstance(data, dict):
        data = data.get("schools") or data.get("学校")
    if not isinstance(data, list):
        raise GwplanError("YAML 名册应是学校的列表（或写在 schools: 下）。", str(path), 1)
    rows = []
    for item in data:
        if not isinstance(item, dict):
            raise GwplanError("名册中的每一项应是“键: 值”的映射。", str(path), getattr(item, "line", 1))
        flat = {}
        for key, value in item.items():
            if isinstance(value, dict):  # targets: {名称: 值} or values: {…}
                prefix = "目标." if str(key) in ("targets", "目标") else ""
                flat.update({f"{prefix}{k}": str(v) for k, v in value.items()})
            elif isinstance(value, list):
                flat[str(key)] = " ".join(str(v) for v in value)
            else:
                flat[str(key)] = "" if value is None else str(value)
        rows.append((item.line, flat))
    return rows


def _require_name_column(header: list[str], path: Path) -> None:
    if not any(column in NAME_COLUMNS for column in header):
        raise GwplanError(
            f"名册前 {HEADER_SEARCH} 行中找不到表头（学校名称列应为 {'、'.join(NAME_COLUMNS[:4])} 之一）；第一行是：{'，'.join(header)[:60]}",
            str(path),
            1,
        )


_BREAKS = patterns.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def _unusable_cells(row: dict) -> str:
    """Why a row's cells cannot go into a Word document (a control character), or ""."""
    for column, value in row.items():
        found = invalid_chars(f"{column}{value}")
        if found:
            return f"“{column}”一栏含有 Word 文档不能保存的控制字符 {describe(found)}，请删去"
    return ""


def _school(number: int, row: dict, school_types: SchoolTypes) -> School:
    def take(columns) -> str:
        for column in columns:
            if column in row:
                return row.pop(column).strip()
        return ""

    unusable = _unusable_cells(row)
    school = School(row=number, name=take(NAME_COLUMNS))
    spelling = take(TYPE_COLUMNS)
    school.director = take(DIRECTOR_COLUMNS)
    school.clauses = [c for c in re.split(r"[\s,，、;；]+", take(CLAUSE_COLUMNS)) if c]
    for column, value in row.items():
        match = TARGET_PREFIX.match(column)
        if match and value:
            school.targets[match.group(1).strip()] = value
        elif column and value:
            school.values[column] = value
    if unusable:
        school.problem = unusable
    elif _BREAKS.search(school.name):
        school.problem = "学校名称里有换行；学校名称要写在一行里，请删去换行"
    elif not school.name:
        school.problem = "没有学校名称"
    elif not spelling:
        school.problem = f"没有填写学校类型（可用：{'、'.join(school_types.types)}）"
    else:
        canonical = school_types.canonical(spelling)
        if canonical is None:
            school.problem = f"学校类型“{spelling}”不认识（可用：{'、'.join(school_types.types)}）"
        else:
            school.type = canonical
    return school
