"""The parts of a 公文 around its text, as WordprocessingML: 版头 (7.2), seal room (7.3.5), 版记 (7.4).

Every number comes from the profile (templates/gbt9704.yaml: header, sizes, grid):
- the 发文机关标志's paragraph starts 35 mm below the top of the type area (space before it, less
  the lines 份号, 密级 and 紧急程度 take), its line exactly as tall as its type;
- the red rule is the 发文字号 paragraph's bottom border, 4 mm below the 字号;
- the 版记 is a table whose borders are its rules (0.35, 0.25 and 0.35 mm), one row per line,
  the rows as much shorter than the grid's lines as the rules take; pushed down by blank lines,
  its last rule lies on the bottom edge of the type area.
"""
from __future__ import annotations

from generator.ooxml import POINTS_PER_MM, escape, mm_to_twip
from generator.profile import Profile


def type_width(profile: Profile) -> int:
    return profile.page_width - profile.left - profile.right


# Word and LibreOffice set an exactly spaced line's baseline at about 80% of its height; a line
# 1.25 times the type's size then starts where the type's top edge does (LibreOffice measured).
MARK_LINE = 1.25


def issuer_mark_properties(profile: Profile, lines_above: int, size: float) -> str:
    """Space before the 标志 so its top edge is 35 mm below the type area's, and its exact line."""
    before = mm_to_twip(profile.header["issuer_mark_top_mm"]) - lines_above * profile.line_pitch
    line = round(size * MARK_LINE * 20)
    return f'<w:spacing w:before="{max(before, 0)}" w:after="0" w:line="{line}" w:lineRule="exact"/>'


def issuer_mark_run_properties(text: str, size: float, profile: Profile) -> str:
    """The 标志's size; a name too long for one line at that size is narrowed (character scale,
    as offices do) rather than broken over two lines."""
    half_points = round(size * 2)
    scale = min(100, int(type_width(profile) / 20 / (size * max(len(text), 1)) * 100))
    narrow = f'<w:w w:val="{scale}"/>' if scale < 100 else ""
    return f'{narrow}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def red_rule(profile: Profile) -> str:
    """The rule under the 发文字号: a bottom border 4 mm below the 字号's type. The border's
    space counts from the bottom of the line, which lies below the type's bottom edge by 20% of
    the line less the type's descent (about 5.5 pt), and the border sits a little lower still
    (2.8 pt, LibreOffice measured)."""
    header = profile.header
    width = round(float(header["rule_width_pt"]) * 8)  # eighths of a point
    below_type = 0.194 * profile.line_pitch / 20 - 0.008 * profile.body_size + 2.8
    space = header["rule_below_number_mm"] * POINTS_PER_MM - below_type
    return (f'<w:pBdr><w:bottom w:val="single" w:sz="{width}" w:space="{max(round(space), 0)}" '
            f'w:color="{header["red"]}"/></w:pBdr>')


def signer_tabs(profile: Profile) -> str:
    """上行文: 发文字号 at the left one character in, 签发人 at the right one character in."""
    char = profile.body_char_twips
    return f'<w:tabs><w:tab w:val="right" w:pos="{type_width(profile) - char}"/></w:tabs><w:ind w:left="{char}" w:firstLineChars="0" w:firstLine="0"/>'


# The paragraph a document must end with after a table: as low as Word allows (0.7 pt), so it
# never pushes the 版记 off its page.
_TAIL = ('<w:p><w:pPr><w:pStyle w:val="Imprint"/><w:snapToGrid w:val="0"/>'
         '<w:spacing w:before="0" w:after="0" w:line="14" w:lineRule="exact"/>'
         '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>')
TAIL_TWIPS = 14


def imprint_xml(lines: list[str], profile: Profile) -> str:
    """The 版记: a one-column table as wide as the type area whose borders are the rules (first
    and last 0.35 mm, between 0.25 mm), one row per line: 抄送 (if any), then 印发机关 and
    印发日期. Its rows give back the height the rules and the closing paragraph take, so it fills
    exactly the lines it stands on and its last rule is the bottom edge of the type area."""
    header = profile.header
    outer, inner = int(header["imprint_outer_eighths"]), int(header["imprint_inner_eighths"])
    char = round(profile.sizes["imprint"] * 20)
    width = type_width(profile)
    # The outer rules add their width to the table (LibreOffice measured), the closing paragraph its
    # line; the rest of the lines' height is the rows'.
    taken = round(2 * outer * 20 / 8) + TAIL_TWIPS + 4
    row = (len(lines) * profile.line_pitch - taken) // len(lines)
    tabs = f'<w:tabs><w:tab w:val="left" w:pos="{char}"/><w:tab w:val="right" w:pos="{width - char}"/></w:tabs>'
    rows = []
    for text in lines:
        runs = "".join(
            "<w:r><w:tab/></w:r>" if piece == "\t" else f'<w:r><w:t xml:space="preserve">{escape(piece)}</w:t></w:r>'
            for piece in _tabbed("\t" + text)
        )
        rows.append(
            f'<w:tr><w:trPr><w:trHeight w:val="{row}" w:hRule="exact"/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
            f'<w:vAlign w:val="center"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="Imprint"/>{tabs}</w:pPr>{runs}</w:p></w:tc></w:tr>'
        )
    borders = (f'<w:top w:val="single" w:sz="{outer}" w:space="0" w:color="000000"/>'
               f'<w:bottom w:val="single" w:sz="{outer}" w:space="0" w:color="000000"/>'
               f'<w:insideH w:val="single" w:sz="{inner}" w:space="0" w:color="000000"/>')
    table = (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
        f'</w:tblPr><w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>{"".join(rows)}</w:tbl>'
    )
    return table + _TAIL


def _tabbed(text: str) -> list[str]:
    pieces: list[str] = []
    for index, piece in enumerate(text.split("\t")):
        if index:
            pieces.append("\t")
        if piece:
            pieces.append(piece)
    return pieces


def blank_paragraphs(count: int) -> str:
    return '<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr></w:p>' * count
