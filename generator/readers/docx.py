"""Read a .docx plan: paragraphs in body order, with Word's automatic numbering made visible.

Many offices number 一、（一）1. through Word's list feature, so the numbers are not in the
paragraph text. We compute each label from numbering.xml (format, level text, start and
restarts) and put it in front of the text, so the structure parser sees what the reader sees.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

from generator.text import zhtext
from generator.errors import GwplanError
from generator.ooxml import W
from generator.readers.cleanup import Para
from generator.readers.limits import check_docx_package
from generator.yamlio import refuse_special

MAX_DOCX_BYTES = 50 * 1024 * 1024


def read_docx_paragraphs(path: Path) -> list[Para]:
    """Return the paragraphs of a .docx, or raise a Chinese error for files Word could not open."""
    document = open_docx(path)
    labels = NumberingLabels(document)
    paragraphs: list[Para] = []
    for index, element in enumerate(body_paragraphs(document.element.body), 1):
        if element.tag == W + "tbl":
            paragraphs.append(Para("", index, rows=_rows(element)))
            continue
        text = paragraph_text(element).replace("\n", " ")
        if not text.strip():
            continue
        label = labels.label(element)
        paragraphs.append(Para(label + text, index, _outline_level(element, document)))
    return paragraphs


def open_docx(path: Path):
    """Open a .docx with python-docx, turning every way it can fail into one clear message."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    name = str(path)
    refuse_special(path)
    if not path.is_file():
        raise GwplanError("找不到这个文件，请检查路径和文件名。" if not path.exists() else "这是一个文件夹，不是 .docx 文件。", name)
    size = path.stat().st_size
    if size == 0:
        raise GwplanError("文件是空的（0 字节），不是有效的 .docx。", name)
    if size > MAX_DOCX_BYTES:
        raise GwplanError(f"文件过大（{size // 1024 // 1024} MB），不像一份工作要点；请检查是否选错了文件。", name)
    with open(path, "rb") as handle:
        magic = handle.read(8)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise GwplanError("这是旧版 Word（.doc）或 WPS 文件，只是扩展名写成了 .docx；请把扩展名改回 .doc 再试。", name)
    if not zipfile.is_zipfile(path):
        raise GwplanError("不是有效的 .docx 文件（.docx 应是 zip 压缩包）；文件可能已损坏或只是改了扩展名。", name)
    try:
        check_docx_package(path, name)
        return docx.Document(str(path))
    except GwplanError:
        raise
    except PackageNotFoundError:
        raise GwplanError("不是有效的 .docx 文件：压缩包里没有 Word 文档内容。", name) from None
    except Exception as exc:  # lxml, zipfile and KeyError variants of a corrupt package
        raise GwplanError(f"无法读取这个 .docx，文件可能已损坏（{type(exc).__name__}）；请用 Word 打开后另存一份再试。", name) from None


def body_paragraphs(body):
    """Paragraphs in reading order; a table of two columns or more as the w:tbl itself (a table
    clause), a one-column table (a box around text) as the paragraphs inside it."""
    for child in body.iterchildren():
        if child.tag == W + "p":
            yield child
        elif child.tag == W + "tbl":
            if max((len(row.findall(W + "tc")) for row in child.iter(W + "tr")), default=0) >= 2:
                yield child
            else:
                yield from child.iter(W + "p")


def _rows(table) -> list[list[str]]:
    """The text of each cell, row by row (a cell's paragraphs run together)."""
    return [
        ["".join(paragraph_text(p).replace("\n", "") for p in cell.iter(W + "p")).strip() for cell in row.findall(W + "tc")]
        for row in table.findall(W + "tr")
    ]


# The paragraph's own runs (also inside hyperlinks, insertions, smart tags), not the text of
# text boxes anchored in it (those are paragraphs of their own, in w:txbxContent).
_OWN_TEXT = "./w:r/w:t|./w:r/w:tab|./w:r/w:br|./*/w:r/w:t|./*/w:r/w:tab|./*/w:r/w:br"


def paragraph_text(element) -> str:
    """The paragraph's text as typed: tabs as \t, line breaks as \n (the checker sees every space)."""
    parts = []
    for node in element.xpath(_OWN_TEXT):
        if node.tag == W + "t":
            parts.append(node.text or "")
        else:
            parts.append("\t" if node.tag == W + "tab" else "\n")
    return "".join(parts)


def _outline_level(element, document) -> int:
    """Heading level from a direct or style outline level: Heading 1 → 1, Heading 2 → 2."""
    p_pr = element.find(W + "pPr")
    direct = p_pr.find(W + "outlineLvl") if p_pr is not None else None
    if direct is not None:
        return int(direct.get(W + "val", "9")) + 1 if direct.get(W + "val", "9") in "012" else 0
    style_id = _style_id(element)
    style = document.styles.element.get_by_id(style_id) if style_id else None
    depth = 0
    while style is not None and depth < 10:
        level = style.find(f"{W}pPr/{W}outlineLvl")
        if level is not None:
            value = int(level.get(W + "val", "9"))
            return value + 1 if value < 3 else 0
        match = re.match(r"(?:heading|标题)\s*(\d)$", (style.name_val or "").lower())
        if match:
            return int(match.group(1))
        based = style.basedOn_val
        style = document.styles.element.get_by_id(based) if based else None
        depth += 1
    return 0


def _style_id(element) -> str | None:
    style = element.find(f"{W}pPr/{W}pStyle")
    return style.get(W + "val") if style is not None else None


class NumberingLabels:
    """Compute the visible label of each automatically numbered paragraph, in document order."""

    def __init__(self, document):
        self.document = document
        self.numbering = None
        try:
            self.numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            self.numbering = None
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()

    def label(self, element) -> str:
        if self.numbering is None:
            return ""
        num_id, level = self._num_pr(element)
        if not num_id or num_id == "0":
            return ""
        num = self.numbering.find(f"{W}num[@{W}numId='{num_id}']")
        if num is None:
            return ""
        abstract_id = num.find(W + "abstractNumId").get(W + "val")
        abstract = self.numbering.find(f"{W}abstractNum[@{W}abstractNumId='{abstract_id}']")
        if abstract is None:
            return ""
        levels = {int(lvl.get(W + "ilvl")): lvl for lvl in abstract.findall(W + "lvl")}
        if level not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id, [0] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for override in num.findall(W + "lvlOverride"):
                start = override.find(W + "startOverride")
                if start is not None:
                    ilvl = int(override.get(W + "ilvl"))
                    counters[ilvl] = int(start.get(W + "val")) - 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        if counters[level] == 0:
            counters[level] = _start(levels[level]) - 1
        counters[level] += 1
        text = _val(levels[level], "lvlText") or ""
        if _val(levels[level], "numFmt") in ("bullet", "none"):
            return ""
        for ilvl in range(level + 1):
            value = counters[ilvl] or _start(levels.get(ilvl))
            fmt = _val(levels.get(ilvl), "numFmt") or "decimal"
            text = text.replace(f"%{ilvl + 1}", _format_number(value, fmt))
        return text

    def _num_pr(self, element) -> tuple[str | None, int]:
        num_pr = element.find(f"{W}pPr/{W}numPr")
        style_id = _style_id(element)
        depth = 0
        while num_pr is None and style_id and depth < 10:
            style = self.document.styles.element.get_by_id(style_id)
            if style is None:
                break
            num_pr = style.find(f"{W}pPr/{W}numPr")
            style_id = style.basedOn_val
            depth += 1
        if num_pr is None:
            return None, 0
        num_id = num_pr.find(W + "numId")
        ilvl = num_pr.find(W + "ilvl")
        return (
            num_id.get(W + "val") if num_id is not None else None,
            int(ilvl.get(W + "val")) if ilvl is not None else 0,
        )


def _val(lvl, child: str) -> str | None:
    if lvl is None:
        return None
    node = lvl.find(W + child)
    return node.get(W + "val") if node is not None else None


def _start(lvl) -> int:
    value = _val(lvl, "start")
    return int(value) if value else 1


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "japaneseCounting",
               "ideographDigital", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return zhtext.cn_number(value)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if fmt == "decimalEnclosedCircle" and 1 <= value <= 20:
        return chr(0x245F + value)
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def _roman(value: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for number, letters in numerals:
        while value >= number:
            out += letters
            value -= number
    return out
