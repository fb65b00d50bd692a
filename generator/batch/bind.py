"""gwplan bundle: .docx files from anywhere → one printable bundle, with a 目录.

Plans come back from schools edited in Word or WPS, or were never gwplan's. Each keeps its own
look (compose.py), starts on an odd page and numbers its pages from 1; the 目录 lists the page each
plan starts on. Files gwplan wrote and nobody changed since are joined at the XML level, as batch
does; if any file is foreign, all go through docxcompose.

A plan's page count comes from gwplan's own measure (pagination.py) for its own files, else from
the page count the word processor saved in the file (docProps/app.xml, trusted when its character
count matches the text), else from LibreOffice when installed; a count nobody can give is shown as
？ in the 目录, highlighted, and reported.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from generator.batch.compose import Appended, BundleComposer
from generator.errors import GwplanError
from generator.profile import FONT_SETS, Profile, load_profile
from generator.text import patterns
from generator.writers.bundle import (
    BundlePart,
    blank_before,
    blank_page,
    bundle_body,
    start_pages,
    toc_lines,
    toc_section,
    toc_xml,
)
from generator.writers.package import (
    Body,
    package_bytes,
    section_properties,
    static_parts,
)
from generator.writers.pagination import Measure, measure_of
from generator.writers.pages import paragraphs_of
from generator.yamlio import atomic_write_bytes

EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"
_BODY = patterns.compile(rb"<w:body>(.*)<w:sectPr[ >].*</w:body>", re.DOTALL)


@dataclass
class BoundFile:
    path: Path
    name: str  # as the 目录 lists it
    pages: int | None = None
    pages_from: str = ""  # gwplan | 文字处理软件 | LibreOffice | "" (unknown)
    own: bool = False  # written by gwplan and unchanged since
    appended: Appended | None = None


@dataclass
class BundleResult:
    output: Path
    files: list[BoundFile]
    starts: list[int | None]
    method: str  # xml | docxcompose
    missing: list[str] = field(default_factory=list)  # roster schools no file was found for
    unmatched: list[Path] = field(default_factory=list)  # files no roster school matched (bound last)


def collect(inputs: list[Path], output: Path) -> list[Path]:
    """The .docx files to bind: files as given, folders as their .docx files in name order."""
    found: list[Path] = []
    for item in inputs:
        if item.is_dir():
            found += sorted(p for p in item.glob("*.docx") if not p.name.startswith(("~$", ".")) and p.resolve() != output.resolve())
        elif not item.exists():
            raise GwplanError("找不到这个文件。", str(item))
        elif item.resolve() == output.resolve():
            raise GwplanError("汇编文件不能是要汇编的文件之一，否则会把它覆盖；请给汇编另起一个文件名。", str(item))
        elif item.suffix.lower() != ".docx":
            hint = "请先在 Word 或 WPS 中另存为 .docx。" if item.suffix.lower() in (".doc", ".wps", ".odt", ".rtf") else "只能汇编 .docx 文件。"
            raise GwplanError(f"不是 .docx 文件；{hint}", str(item))
        else:
            found.append(item)
    if not found:
        raise GwplanError("没有找到要汇编的 .docx 文件。", str(inputs[0]) if inputs else None)
    return found


def order_by_roster(files: list[Path], names: list[str], titles: dict[Path, str]) -> tuple[list[tuple[Path, str]], list[str], list[Path]]:
    """Files in the roster's order, each under its school's name; the schools without a file and
    the files without a school (kept, after the others). A file belongs to the school whose name
    its file name or title holds, the longest name winning (实验小学分校 over 实验小学)."""
    owner: dict[Path, str] = {}
    for path in files:
        matches = [n for n in names if n and (n in path.stem or n in titles.get(path, ""))]
        if matches:
            owner[path] = max(matches, key=len)
    ordered, missing = [], []
    for name in names:
        mine = [p for p in files if owner.get(p) == name]
        if not mine:
            missing.append(name)
        ordered += [(p, name) for p in mine]
    unmatched = [p for p in files if p not in owner]
    return ordered + [(p, titles.get(p) or p.stem) for p in unmatched], missing, unmatched


def _title(package: zipfile.ZipFile) -> str:
    """The document's title: core.xml's, else its first non-empty paragraph."""
    try:
        core = ElementTree.fromstring(package.read("docProps/core.xml"))
        title = (core.findtext(f"{DC}title") or "").strip()
        if title:
            return title
    except (KeyError, ElementTree.ParseError):
        pass
    try:
        return next((text.replace("\n", "") for _, text in paragraphs_of(package.read("word/document.xml")) if text.strip()), "")
    except (KeyError, ElementTree.ParseError):
        return ""


def own_profile(package: zipfile.ZipFile) -> Profile | None:
    """The profile a file was written with, if gwplan wrote it and nothing changed its styles."""
    try:
        application = ElementTree.fromstring(package.read("docProps/app.xml")).findtext(f"{EP}Application")
        styles = package.read("word/styles.xml")
    except (KeyError, ElementTree.ParseError):
        return None
    if application != "gwplan":
        return None
    for font_set in FONT_SETS:
        profile = load_profile(font_set)
        if dict(static_parts(profile)).get("word/styles.xml") == styles:
            return profile
    return None


def saved_page_count(package: zipfile.ZipFile) -> int | None:
    """The page count a word processor saved, when its character count shows it is current."""
    try:
        app = ElementTree.fromstring(package.read("docProps/app.xml"))
        pages, characters = int(app.findtext(f"{EP}Pages") or 0), int(app.findtext(f"{EP}Characters") or 0)
        text = "".join(t for _, t in paragraphs_of(package.read("word/document.xml")))
    except (KeyError, ValueError, ElementTree.ParseError):
        return None
    actual = len(re.sub(r"\s", "", text))
    if pages < 1 or actual == 0 or abs(characters - actual) > max(20, actual // 10):
        return None  # written by a program that does not count (python-docx copies its template's)
    return pages


def run_bundle(inputs: list[Path], output: Path, *, roster: Path | None = None, title: str = "", force: bool = False,
               fonts: str = "standard", rules: Path | None = None, measure: Measure | None = None) -> BundleResult:
    if output.suffix.lower() != ".docx":
        raise GwplanError("汇编文件应以 .docx 结尾。", str(output))
    if output.exists() and not force:
        raise GwplanError("文件已存在；要覆盖请加 --force，或换一个输出文件名。", str(output))
    if not output.parent.is_dir():
        raise GwplanError("汇编文件所在的文件夹不存在。", str(output))
    files = collect(inputs, output)
    packages: dict[Path, bytes] = {}
    titles: dict[Path, str] = {}
    for path in files:
        try:
            packages[path] = path.read_bytes()
            with zipfile.ZipFile(io.BytesIO(packages[path])) as package:
                package.read("word/document.xml")
                titles[path] = _title(package)
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            raise GwplanError(f"无法读取这个 .docx（{type(exc).__name__}）；文件可能已损坏，请在 Word 或 WPS 中打开后另存。", str(path)) from None
    missing: list[str] = []
    unmatched: list[Path] = []
    if roster is not None:
        from generator.batch.roster import read_roster
        from generator.rules.schooltypes import load_school_types

        names = [s.name for s in read_roster(roster, load_school_types(rules)) if s.name]
        ordered, missing, unmatched = order_by_roster(files, names, titles)
    else:
        ordered = [(p, titles[p] or p.stem) for p in files]
    profile = load_profile(fonts)
    measure = measure or measure_of(profile)
    bound = []
    own_profiles = []
    for path, name in ordered:
        with zipfile.ZipFile(io.BytesIO(packages[path])) as package:
            mine = own_profile(package)
            item = BoundFile(path, name, own=mine is not None)
            if mine is not None:
                own_profiles.append(mine)
                item.pages, item.pages_from = measure.pages(paragraphs_of(package.read("word/document.xml"))), "gwplan"
            else:
                item.pages = saved_page_count(package)
                item.pages_from = "文字处理软件" if item.pages else ""
        bound.append(item)
    _count_with_libreoffice([f for f in bound if f.pages is None], profile)
    bundle_title = title or "工作计划汇编"
    if all(f.own for f in bound) and len(set(own_profiles)) <= 1:
        base = own_profiles[0] if own_profiles else profile
        parts = [BundlePart(own_body(packages[f.path]), f.name, f.pages) for f in bound]
        body, starts = bundle_body(parts, base, bundle_title, "", measure)
        data = package_bytes(body, base, bundle_title, "gwplan", section=section_properties(base), bundle=True)
        method = "xml"
    else:
        data, starts = _compose(bound, packages, profile, bundle_title, measure)
        method = "docxcompose"
    atomic_write_bytes(output, data)
    return BundleResult(output, bound, starts, method, missing, unmatched)


def _count_with_libreoffice(files: list[BoundFile], profile: Profile) -> None:
    """Pages of the files nothing else could count, laid out by LibreOffice (when installed)."""
    from generator.libreoffice import find_soffice
    from generator.writers.pdf import page_counts

    if not files or find_soffice() is None:
        return
    try:
        counts = page_counts([f.path for f in files], profile)
    except GwplanError:
        return
    for item in files:
        item.pages = counts.get(item.path)
        item.pages_from = "LibreOffice" if item.pages else ""


def own_body(data: bytes) -> Body:
    """The paragraphs (and comments) of a file gwplan wrote, to be joined at the XML level."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        document = package.read("word/document.xml")
        comments = package.read("word/comments.xml") if "word/comments.xml" in package.namelist() else b""
    match = _BODY.search(document)
    body = match.group(1).decode("utf-8").strip() if match else ""
    found = re.findall(r"<w:comment [^>]*>.*?</w:comment>", comments.decode("utf-8"), re.DOTALL) if comments else []
    return Body(body, found)


def _compose(bound: list[BoundFile], packages: dict[Path, bytes], profile: Profile, title: str, measure: Measure):
    from docx import Document

    names = [f.name for f in bound]
    toc_pages = max(1, -(-toc_lines(title, "", names, measure) // profile.lines_per_page))
    pages = [f.pages for f in bound]
    starts = start_pages(toc_pages, pages)
    toc = Body(toc_xml(title, "", names, starts, profile))
    composer = BundleComposer(package_bytes(toc, profile, title, "gwplan", section=toc_section(profile), bundle=True))
    for item, blank in zip(bound, blank_before(toc_pages, pages, starts)):
        if blank:
            composer.blank_page(blank_page(profile))
        try:
            document = Document(io.BytesIO(packages[item.path]))
        except Exception as exc:  # python-docx raises many kinds on a broken package
            raise GwplanError(f"无法读取这个 .docx（{type(exc).__name__}）；请在 Word 或 WPS 中打开后另存。", str(item.path)) from None
        item.appended = composer.append(document)
    return composer.finish(), starts
