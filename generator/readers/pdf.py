"""Read the text layer of a PDF plan: lines in reading order, page furniture removed.

An exported 公文 carries a page number on every page (— 3 —), often a running header, and
sometimes a footer line. Those are found by position (the top or bottom band of the page) and
by repetition across pages or the shape of a page number, and dropped; the rest goes through
the same cleanup as a text copy (hard wraps are the PDF's line breaks). A scanned PDF has no
text layer: it gets a clear error, since gwplan does not do OCR.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from generator.errors import GwplanError
from generator.readers.furniture import PAGE_NUMBER
from generator.readers.limits import MAX_PDF_PAGES, refuse

MAX_PDF_BYTES = 50 * 1024 * 1024
_BAND = 0.1  # the top and bottom tenth of a page hold its header and footer
_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z]")  # a header or footer line without any is a page number or a rule


def read_pdf_lines(path: Path) -> list[str]:
    """The text lines of a PDF, headers, footers and page numbers removed."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    name = str(path)
    if path.stat().st_size > MAX_PDF_BYTES:
        raise GwplanError("文件过大，不像一份工作要点；请检查是否选错了文件。", name)
    try:
        with pdfplumber.open(path) as document:
            refuse(len(document.pages), MAX_PDF_PAGES, "页", name)
            pages = [_page_lines(page) for page in document.pages]
    except GwplanError:
        raise
    except PDFSyntaxError:
        raise GwplanError("不是有效的 PDF 文件，或文件已损坏。", name) from None
    except Exception as exc:  # pdfminer raises many kinds for encrypted or broken files
        raise GwplanError(f"无法读取这个 PDF（{type(exc).__name__}）；如果有密码，请先去掉密码。", name) from None
    if sum(len(text) for lines in pages for _, text in lines) < 20:
        raise GwplanError(
            "这个 PDF 没有文字层（是扫描件或图片），gwplan 读不出文字。请找原来的 Word 文件，"
            "或先用文字识别（OCR）软件转成文字再收录。",
            name,
        )
    return _without_furniture(pages)


def _page_lines(page) -> list[tuple[str, str]]:
    """(band, text) for each line of a page; band is top, bottom or body."""
    height = float(page.height) or 1.0
    found = []
    for line in page.extract_text_lines(strip=True):
        text = line["text"].strip()
        if not text:
            continue
        if float(line["top"]) < height * _BAND:
            band = "top"
        elif float(line["bottom"]) > height * (1 - _BAND):
            band = "bottom"
        else:
            band = "body"
        found.append((band, text))
    return found


def _without_furniture(pages: list[list[tuple[str, str]]]) -> list[str]:
    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", text.replace(" ", ""))

    repeated = Counter(shape(text) for lines in pages for band, text in lines if band != "body")
    many = max(2, (len(pages) + 1) // 2)
    kept = []
    for lines in pages:
        for band, text in lines:
            plain = text.replace(" ", "")
            furniture = repeated[shape(text)] >= many or PAGE_NUMBER.match(plain) or not _WORDS.search(plain)
            if band != "body" and furniture:
                continue
            kept.append(text)
    return kept
