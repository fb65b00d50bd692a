"""A table clause (a 行事历: 月份 / 工作内容) written as a Word table inside the text.

The cells keep the text's fonts (the Normal style: 仿宋_GB2312, 3号), with no first-line indent;
the first row is the header, centred and repeated on every page the table runs over. The table is
as wide as the type area; the first column takes what its longest cell needs, the rest share
the remainder. Its marks (a year the draft could not settle) are highlighted like any clause's.
"""
from __future__ import annotations

from generator.ooxml import escape
from generator.profile import Profile
from generator.writers.parts import type_width

_BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
_CELL_MARGIN = 108  # twips left and right inside a cell


def table_xml(rows: list[list[str]], profile: Profile, marked: set[str] = frozenset()) -> str:
    """The w:tbl of `rows`; cells whose text holds one of `marked` are highlighted."""
    columns = max(len(row) for row in rows)
    width = type_width(profile)
    char = round(profile.body_size * 20)
    first = min(max(len(row[0]) for row in rows) * char + 2 * _CELL_MARGIN + char, width // 3) if columns > 1 else width
    rest = (width - first) // max(columns - 1, 1)
    widths = [first] + [rest] * (columns - 1)
    borders = "".join(_BORDER.format(side=side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = []
    for number, row in enumerate(rows):
        cells = list(row) + [""] * (columns - len(row))
        header = "<w:trPr><w:tblHeader/></w:trPr>" if number == 0 and len(rows) > 1 else ""
        body.append(f"<w:tr>{header}" + "".join(_cell(text, w, number == 0, marked) for text, w in zip(cells, widths)) + "</w:tr>")
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
        f'<w:tblCellMar><w:left w:w="{_CELL_MARGIN}" w:type="dxa"/><w:right w:w="{_CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(body)}</w:tbl>"
        # A paragraph after the table: Word needs one, and it keeps the next heading off the rules.
        '<w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr></w:p>'
    )


def _cell(text: str, width: int, header: bool, marked: set[str]) -> str:
    align = '<w:jc w:val="center"/>' if header else ""
    highlight = "<w:rPr><w:highlight w:val=\"yellow\"/></w:rPr>" if any(m and m in text for m in marked) else ""
    run = f'<w:r>{highlight}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/>{align}</w:pPr>{run}</w:p></w:tc>'
    )
