"""Readers: past plans (.docx, .doc/.wps, .pdf, .txt, web copies) → the plan model.

`read_plan(path)` is the one entry point. Text goes through cleanup (web-copy noise, hard line
breaks, spacing and punctuation) and then the structure parser.
"""
from __future__ import annotations

import re
from pathlib import Path

from generator.errors import GwplanError
from generator.model import Plan
from generator.text import patterns
from generator.yamlio import refuse_special

# The reading stages are imported where they are used: a draft reaches this package only for
# readers/script.py, and should not compile every reader's patterns on the way.

GARBLED_SHARE = 0.3  # a real document with a few odd characters stays far below this
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
OLD_WORD_SUFFIXES = {".doc", ".wps", ".rtf", ".odt"}


def read_plan(path: Path | str) -> Plan:
    """Read one past plan. Raises GwplanError (Chinese, naming the file) for unusable input, and
    for a page that holds several documents (read_plans reads them all)."""
    plans = read_plans(path)
    if len(plans) > 1:
        second = plans[1]
        raise GwplanError(
            f"这个文件里有 {len(plans)} 份文件，第二份“{second.title}”从第 {second.line} 行开始；"
            "请把它们分成单独的文件，或用 gwplan ingest 收录（会分成几份计划）。",
            str(path), second.line,
        )
    return plans[0]


def read_plans(path: Path | str) -> list[Plan]:
    """Read every plan a file holds: one, or each document of a 合集 (readers/documents.py)."""
    from generator.readers.cleanup import clean_paragraphs
    from generator.readers.documents import split_documents
    from generator.readers.structure import parse_plan
    from generator.readers.txt import decode_text

    path = Path(path)
    name = str(path)
    if not path.exists():
        raise GwplanError("找不到这个文件，请检查路径和文件名。", name)
    if path.is_dir():
        raise GwplanError("这是一个文件夹，不是文件；请给出 .docx 或 .txt 文件。", name)
    refuse_special(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            from generator.readers.docx import read_docx_paragraphs

            cleaned = clean_paragraphs(_within_limits(read_docx_paragraphs(path), name))
        elif suffix in OLD_WORD_SUFFIXES:
            cleaned = _old_word(path)
        elif suffix == ".pdf":
            from generator.readers.pdf import read_pdf_paragraphs

            cleaned = clean_paragraphs(_within_limits(read_pdf_paragraphs(path), name))
        elif suffix in TEXT_SUFFIXES:
            cleaned = _text_file(decode_text(path.read_bytes(), name), name)
        else:
            raise GwplanError(f"不认识 {suffix} 文件；gwplan 能读 .docx、.doc、.wps、.pdf 和 .txt（UTF-8 或 GBK）。", name)
    except PermissionError:
        raise GwplanError("没有读取这个文件的权限。", name) from None
    except OSError as exc:
        raise GwplanError(f"读取失败：{exc.strerror or exc}", name) from None
    if not cleaned.paragraphs:
        raise GwplanError("清理后没有剩下任何正文（文件里只有网页杂项或空行）。", name)
    parts = split_documents(cleaned)
    plans = []
    for number, part in enumerate(parts, 1):
        plan = parse_plan(part, path.name if len(parts) == 1 else f"{path.name}（第{number}份）")
        plan.line = part.title.line if part.title is not None else 1
        plan.warnings = part.warnings + (_dropped_summary(cleaned.dropped) if number == 1 else []) + plan.warnings
        if len(parts) > 1:
            plan.warnings.insert(0, f"这个文件里有 {len(parts)} 份文件，这是第 {number} 份（从第 {plan.line} 行“{plan.title}”开始）。")
        plan.removed_chars = cleaned.removed if number == 1 else 0
        plans.append(plan)
    return plans


# Characters str.splitlines() breaks lines at, as a copied text means them, but editors do not
# count as lines: \v \f \x1c-\x1e are also characters XML cannot hold, so they never reach a document.
_LINE_BREAKING = patterns.compile("[\x0b\x0c\x1c-\x1e]")


def _text_file(text: str, name: str):
    """A text file's characters that XML cannot hold are removed and reported at the line an editor
    shows (lines end at LF, CR LF or CR); then the text is split into lines as copies mean them."""
    from generator.readers.cleanup import clean_lines
    from generator.xmlchars import removed_note, strip_invalid

    physical = re.split(r"\r\n|\r|\n", text)
    notes = []
    for number, line in enumerate(physical, 1):
        kept, removed = strip_invalid(_LINE_BREAKING.sub("\n", line))
        if removed:
            notes.append(removed_note(number, removed))
            physical[number - 1] = kept
    cleaned = clean_lines(_within_limits("\n".join(physical).splitlines(), name))
    cleaned.warnings[:0], cleaned.removed = notes, cleaned.removed + len(notes)
    return cleaned


def _within_limits(paragraphs: list, name: str) -> list:
    """Paragraphs (Para) or lines (str) of one plan, refused when far more than a plan holds."""
    from generator.readers.limits import check_plan_text

    texts = [getattr(p, "text", p) for p in paragraphs]
    check_plan_text(sum(1 for t in texts if t.strip()), sum(len(t) for t in texts), name)
    return paragraphs


def _old_word(path: Path):
    """.doc and .wps: LibreOffice converts them to .docx, read like any other."""
    from generator.libreoffice import converted
    from generator.readers import script
    from generator.readers.cleanup import clean_paragraphs
    from generator.readers.docx import read_docx_paragraphs

    with converted(path, "docx:MS Word 2007 XML", f"把 {path.suffix} 转换为 .docx") as docx_file:
        paragraphs = _within_limits(read_docx_paragraphs(docx_file), str(path))
    # LibreOffice opens any bytes as text: a damaged or mislabelled file comes back as gibberish.
    share = script.garbled_share("".join(p.text for p in paragraphs))
    if share > GARBLED_SHARE:
        raise GwplanError(
            f"LibreOffice 转换出的文字约 {share:.0%} 是乱码，这不像一份 Word 或 WPS 文档（文件可能已损坏，或只是改了扩展名）；"
            "请用 Word 或 WPS 打开它，确认内容后另存为 .docx 再收录。", str(path))
    return clean_paragraphs(paragraphs)


def _dropped_summary(dropped) -> list[str]:
    """One report line per kind of furniture, naming every line removed (file line and its start)."""
    if not dropped:
        return []
    parts = "、".join(f"{kind} {count} 行" for kind, count in dropped.most_common())
    report = [f"已删除网页杂项：{parts}。"]
    for kind in dict(dropped.most_common()):
        listed = [f"第 {number} 行“{_short(text)}”" for what, number, text in getattr(dropped, "lines", []) if what == kind]
        if listed:
            report.append(f"删除的{kind}：{'、'.join(listed)}。")
    return report


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:23] + "…"
