"""The .docx package around a plan's paragraphs: gwplan's own base parts, the document, its core
properties, review comments and embedded provenance.

The base parts (styles, settings, footers, font table) are XML templates in templates/docx/,
filled once per formatting profile and compressed once; each package appends only what is its
own. A package is written whole (package_bytes) or streamed piece by piece (write_package: a
bundle of thousands of plans never holds its document in memory).
"""
from __future__ import annotations

import datetime
import io
import time
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.profile import Profile
from generator.resources import data_dir, jinja_bytecode_cache

# Word offers these in place of the standard's font names when a machine lacks them.
_ALTERNATIVE_FONTS = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "方正小标宋_GBK"}


@lru_cache(maxsize=1)
def templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates") / "docx")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        auto_reload=False,  # templates do not change during a run: no stat per get_template
        bytecode_cache=jinja_bytecode_cache(),
    )


@lru_cache(maxsize=16)
def static_parts(profile: Profile, comments: bool = False, provenance: bool = False, blank_footer: bool = False) -> tuple[tuple[str, bytes], ...]:
    """Every part but document.xml, core.xml, comments and provenance: the same for all plans of one
    profile (a bundle adds an empty footer for its blank pages)."""
    env = templates()
    indent = profile.page_number_indent_chars * round(profile.page_number_size * 20)
    fonts = sorted(set(profile.fonts.values()))
    parts = {
        "[Content_Types].xml": env.get_template("content_types.xml.j2").render(comments=comments, provenance=provenance, blank_footer=blank_footer),
        "_rels/.rels": env.get_template("package_rels.xml.j2").render(),
        "word/_rels/document.xml.rels": env.get_template("document_rels.xml.j2").render(
            comments=comments, provenance=provenance, blank_footer=blank_footer
        ),
        "word/styles.xml": env.get_template("styles.xml.j2").render(p=profile),
        "word/settings.xml": env.get_template("settings.xml.j2").render(),
        "word/fontTable.xml": env.get_template("fontTable.xml.j2").render(
            fonts=[(name, _ALTERNATIVE_FONTS.get(name, "")) for name in fonts]
        ),
        "word/footer1.xml": env.get_template("footer.xml.j2").render(align="right", side="right", indent=indent),
        "word/footer2.xml": env.get_template("footer.xml.j2").render(align="left", side="left", indent=indent),
        "docProps/app.xml": env.get_template("app.xml.j2").render(),
    }
    if blank_footer:
        parts["word/footer3.xml"] = env.get_template("footer_blank.xml.j2").render()
    return tuple((name, text.encode("utf-8")) for name, text in parts.items())


@dataclass
class Body:
    """A plan's paragraphs as WordprocessingML, its review comments (ids 0, 1, … in order) and
    its provenance (JSON, see provenance.py), embedded as a custom XML part when given."""

    xml: str
    comments: list[str] = field(default_factory=list)
    provenance: str = ""
    warnings: list[str] = field(default_factory=list)  # what the layout could not do (7.3.5.4), with the page
    pages: int | None = None  # pages the body fills (body_xml(count_pages=True))

    @property
    def comment_count(self) -> int:
        return len(self.comments)


@lru_cache(maxsize=8)
def section_properties(profile: Profile, start: str = "nextPage") -> str:
    """The section properties of a plan; `start` is how its section begins (oddPage in a bundle)."""
    return templates().get_template("sectpr.xml.j2").render(p=profile, start=start)


BLANK_FOOTER = "rId8"  # the empty footer of a bundle's blank pages (package_bytes(bundle=True))


def package_bytes(body: Body, profile: Profile, title: str, creator: str, created: datetime.datetime | None = None,
                  section: str | None = None, bundle: bool = False) -> bytes:
    """A complete .docx around `body` (paragraphs, possibly several sections) with gwplan's base parts;
    `section` overrides the last section's properties; a `bundle` has an empty footer for blank pages."""
    buffer = io.BytesIO()
    write_package(buffer, [body.xml], body.comments, profile, title, creator, created, section, bundle, body.provenance)
    return buffer.getvalue()


def write_package(file, xml_pieces: Iterable[str], comment_pieces: Iterable[str] | None, profile: Profile, title: str,
                  creator: str, created: datetime.datetime | None = None, section: str | None = None, bundle: bool = False,
                  provenance: str = "") -> None:
    """Write the .docx of package_bytes into `file`, its document and comments from pieces that are
    streamed, never joined (a bundle of 10,000 plans); no comments part when `comment_pieces` is
    empty or None (a list, or anything else whose truth says whether there are comments)."""
    env = templates()
    sectpr = section or section_properties(profile)
    document = _document_around(sectpr)
    stamp = (created or datetime.datetime.now(datetime.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    core = env.get_template("core.xml.j2").render(title=title, creator=creator, created=stamp)
    static, entries = _static_zip(profile, bool(comment_pieces), bool(provenance), bundle)
    file.write(static)
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        # The static parts, listed as "a" mode would read them back; writing the central directory
        # only reads the entries, so every plan shares them.
        package.filelist = list(entries)
        package.NameToInfo = {entry.filename: entry for entry in entries}
        _stream(package, "word/document.xml", chain([document[0]], xml_pieces, [document[1]]))  # never all at once
        package.writestr("docProps/core.xml", core)
        if comment_pieces:
            comments = env.get_template("comments.xml.j2").render(comments=Markup(_SLOT)).split(_SLOT)
            _stream(package, "word/comments.xml", chain([comments[0]], comment_pieces, [comments[1]]))
        if provenance:
            item_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, "gwplan:" + title)).upper() + "}"
            package.writestr("customXml/item1.xml", env.get_template("customxml_item.xml.j2").render(data=provenance))
            package.writestr("customXml/itemProps1.xml", env.get_template("customxml_props.xml.j2").render(item_id=item_id))
            package.writestr("customXml/_rels/item1.xml.rels", _constant_part("customxml_rels.xml.j2"))


@lru_cache(maxsize=16)
def _static_zip(profile: Profile, comments: bool, provenance: bool, bundle: bool) -> tuple[bytes, tuple[zipfile.ZipInfo, ...]]:
    """A .docx begun: the static parts compressed once, and their entries for the central directory
    (write_package writes the rest after them, without reading the static parts back)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, data in static_parts(profile, comments, provenance, bundle):
            package.writestr(name, data)
        written = buffer.tell()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        return buffer.getvalue()[:written], tuple(package.infolist())


_SLOT = "\x00"  # where the streamed pieces go in a rendered part (no XML holds a NUL)


@lru_cache(maxsize=8)
def _constant_part(template: str) -> str:
    return templates().get_template(template).render()


@lru_cache(maxsize=16)
def _document_around(sectpr: str) -> list[str]:
    """document.xml before and after the body: the same for every plan of a batch."""
    return templates().get_template("document.xml.j2").render(body=Markup(_SLOT), sectpr=Markup(sectpr)).split(_SLOT)


def _stream(package: zipfile.ZipFile, name: str, pieces: Iterable[str]) -> None:
    """One entry written piece by piece, with exactly the header and bytes writestr gives it."""
    info = zipfile.ZipInfo(name, date_time=time.localtime(time.time())[:6])
    info.compress_type, info._compresslevel, info.external_attr = zipfile.ZIP_DEFLATED, 1, 0o600 << 16
    with package.open(info, "w") as entry:
        for piece in pieces:
            entry.write(piece.encode("utf-8"))


def embedded_provenance(path: Path) -> str:
    """The provenance JSON embedded in a .docx gwplan wrote (any custom XML item of ours), or ""."""
    from xml.etree import ElementTree  # only learn and diff read it back

    try:
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                if name.startswith("customXml/item") and name.endswith(".xml") and "Props" not in name:
                    root = ElementTree.fromstring(package.read(name))
                    if root.tag == "{urn:gwplan:provenance}provenance":
                        return root.text or ""
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError, KeyError):
        return ""
    return ""
