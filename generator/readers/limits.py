"""How much one file may hold, checked before the work starts (docs/limits.md).

A plan is some 10 to 30 thousand characters in a few hundred paragraphs. Far larger files are
several plans in one, or not plans at all (a zip bomb unpacks 1 MB into millions of
paragraphs): gwplan refuses them at once, says which limit they pass, and how to split them.
"""
from __future__ import annotations

import zipfile

from generator.errors import GwplanError

MAX_PLAN_PARAGRAPHS = 5_000  # paragraphs (lines of a .txt) of one plan read for ingest, diff, learn
MAX_PLAN_CHARACTERS = 500_000  # characters of one plan
MAX_DOCX_PARAGRAPHS = 50_000  # paragraphs of any .docx gwplan opens (check reads whole bundles)
MAX_DOCX_PARTS = 1_000  # files inside a .docx package (a plan has about 15)
MAX_DOCX_UNPACKED = 200 * 1024 * 1024  # bytes of a .docx unpacked
MAX_PDF_PAGES = 300

SPLIT = "如果这是几份计划合在一起，请按计划拆成几个文件分别处理；如果不是计划，请检查是否选错了文件。"


def refuse(count: int, limit: int, unit: str, name: str, what: str = "") -> None:
    if count > limit:
        raise GwplanError(f"文件有{what} {count} {unit}，超过 gwplan 一次读取的上限 {limit} {unit}。{SPLIT}", name)


def check_plan_text(paragraphs: int, characters: int, name: str) -> None:
    """The limits of one plan, before it is cleaned and parsed."""
    refuse(paragraphs, MAX_PLAN_PARAGRAPHS, "段", name)
    refuse(characters, MAX_PLAN_CHARACTERS, "字", name)


def check_docx_package(path, name: str) -> None:
    """Parts, unpacked size and paragraphs of a .docx, read from the zip without parsing XML."""
    with zipfile.ZipFile(path) as package:
        infos = package.infolist()
        refuse(len(infos), MAX_DOCX_PARTS, "个部件", name, "（压缩包内）")
        unpacked = sum(info.file_size for info in infos)
        if unpacked > MAX_DOCX_UNPACKED:
            raise GwplanError(
                f"文件解压后有 {unpacked // 1024 // 1024} MB，超过上限 {MAX_DOCX_UNPACKED // 1024 // 1024} MB"
                f"（一份计划解压后通常不到 1 MB）。{SPLIT}", name)
        for info in infos:
            if info.filename.startswith("word/") and info.filename.endswith("document.xml"):
                data = package.read(info)
                paragraphs = data.count(b"<w:p>") + data.count(b"<w:p ") + data.count(b"<w:p/>")
                refuse(paragraphs, MAX_DOCX_PARAGRAPHS, "段", name)
