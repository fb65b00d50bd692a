"""The GB/T 9704 formatting profile (templates/gbt9704.yaml) as numbers the writers can use."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from generator.errors import GwplanError
from generator.ooxml import mm_to_twip
from generator.resources import data_dir
from generator.yamlio import load_file

FONT_SETS = ("standard", "windows")


def _parts(data: dict, sizes: dict, header: dict) -> dict[str, Part]:
    parts = {}
    for key, entry in data.items():
        color = header["red"] if entry.get("color") == "red" else str(entry.get("color") or "")
        parts[str(key)] = Part(
            key=str(key), name=str(entry["name"]), zone=str(entry["zone"]), clause=f"GB/T 9704-2012 {entry['clause']}",
            font=str(entry.get("font") or ""), size=float(sizes[entry["size"]]) if entry.get("size") else 0.0,
            align=str(entry.get("align") or ""), indent=entry.get("indent"),
            left=float(entry.get("left") or 0), right=float(entry.get("right") or 0), color=color,
        )
    return parts


@dataclass(frozen=True)
class Part:
    """One element of a 公文 (份号, 发文机关标志, 标题, 署名, 抄送机关 …) and how it is set (gbt9704.yaml parts)."""

    key: str  # the role writers and check give it
    name: str  # its name in the standard
    zone: str  # 版头 主体 附件 版记 页码
    clause: str  # the standard's clause, quoted in findings
    font: str = ""  # font role (profile.fonts); "" when the standard leaves it open
    size: float = 0.0  # points; 0 when the standard leaves it open
    align: str = ""  # left center right both; "" when not checked
    indent: float | None = None  # first-line indent in characters
    left: float = 0.0  # indents in characters
    right: float = 0.0
    color: str = ""  # RRGGBB, "" for black


@dataclass(frozen=True, eq=False)  # one object per font set (see load_profile), hashed by identity
class Profile:
    page_width: int  # twips
    page_height: int
    top: int
    bottom: int
    left: int
    right: int
    footer: int
    tolerance: int
    lines_per_page: int
    chars_per_line: int
    line_pitch: int  # twips
    char_spacing: int  # twentieths of a point, negative = condensed
    title_size: float  # points
    body_size: float
    page_number_size: float
    first_line_indent_chars: int
    signature_right_chars: int
    date_shift_chars: int
    sealed_date_right_chars: int
    keep_body_lines: int
    page_number_indent_chars: int
    fonts: dict  # role → font name
    preview_fonts: dict  # font name → free font used for PDF previews
    preview_metrics: dict  # how LibreOffice sets those fonts: digit_pt, latin_pt, latin_gap_pt
    font_aliases: dict  # font name → other names of the same face
    font_set: str
    parts: dict  # role → Part
    sizes: dict  # size name (title, body, imprint, issuer_mark …) → points
    header: dict  # 版头 and 版记 numbers (mm, pt, colour)
    page_mm: dict  # the page as the standard states it: width_mm, top_mm … (for messages)
    forms: dict  # the formats of chapter 10, the 上行文 and the 署名 blocks (gbt9704.yaml forms …)

    def accepted_fonts(self, role: str) -> set[str]:
        """Names that count as the right font for `role`: both font sets and their aliases."""
        names = {self.fonts[role]} | {load_profile(other).fonts[role] for other in FONT_SETS if other != self.font_set}
        for name in list(names):
            names |= set(self.font_aliases.get(name, []))
        return names

    @property
    def margins_text(self) -> str:
        """上 37、下 35、左 28、右 26 毫米, from the profile."""
        mm = self.page_mm
        return f"上 {mm['top_mm']:g}、下 {mm['bottom_mm']:g}、左 {mm['left_mm']:g}、右 {mm['right_mm']:g} 毫米"

    @property
    def body_char_twips(self) -> int:
        """Width of one Chinese character of body text on the line (font size plus spacing)."""
        return round(self.body_size * 20) + self.char_spacing


@lru_cache(maxsize=4)
def load_profile(font_set: str = "standard") -> Profile:
    path = data_dir("templates") / "gbt9704.yaml"
    data = load_file(path)
    if font_set not in FONT_SETS:
        raise GwplanError(f"字体方案只能是 {'、'.join(FONT_SETS)}，这里是“{font_set}”。")
    try:
        page, grid, sizes = data["page"], data["grid"], data["sizes_pt"]
        return Profile(
            page_width=mm_to_twip(page["width_mm"]),
            page_height=mm_to_twip(page["height_mm"]),
            top=mm_to_twip(page["top_mm"]),
            bottom=mm_to_twip(page["bottom_mm"]),
            left=mm_to_twip(page["left_mm"]),
            right=mm_to_twip(page["right_mm"]),
            footer=mm_to_twip(page["footer_mm"]),
            tolerance=mm_to_twip(page["tolerance_mm"]),
            lines_per_page=int(grid["lines_per_page"]),
            chars_per_line=int(grid["chars_per_line"]),
            line_pitch=int(grid["line_pitch_twip"]),
            char_spacing=-round(float(grid["char_condense_pt"]) * 20),
            title_size=float(sizes["title"]),
            body_size=float(sizes["body"]),
            page_number_size=float(sizes["page_number"]),
            first_line_indent_chars=int(data["first_line_indent_chars"]),
            signature_right_chars=int(data["signature_right_chars"]),
            date_shift_chars=int(data["date_shift_chars"]),
            sealed_date_right_chars=int(data["sealed_date_right_chars"]),
            keep_body_lines=int(data["keep_body_lines"]),
            page_number_indent_chars=int(data["page_number_indent_chars"]),
            fonts=dict(data["fonts"][font_set]),
            preview_fonts=dict(data.get("preview_fonts") or {}),
            preview_metrics=dict(data["preview_metrics"]),
            font_aliases={k: list(v) for k, v in (data.get("font_aliases") or {}).items()},
            font_set=font_set,
            parts=_parts(data["parts"], sizes, data["header"]),
            sizes={str(k): float(v) for k, v in sizes.items()},
            header=dict(data["header"]),
            forms={"forms": dict(data.get("forms") or {}), "upward": dict(data.get("upward") or {}),
                   "signature_blocks": dict(data.get("signature_blocks") or {})},
            page_mm={str(k): float(v) for k, v in page.items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GwplanError(f"版式参数文件缺少或写错了一项：{exc}", str(path)) from None
