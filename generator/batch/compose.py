"""Binding documents gwplan did not write, each kept as it was: docxcompose appends, this keeps.

docxcompose is made for documents that follow one template: it maps an appended document's
styles onto the master's by name, drops its headers and footers and its section properties.
Plans from many schools follow none, so before a document is appended:
- its styles get names of their own (正文 → 正文（第3份）), with its document defaults and theme
  fonts written into them, and every paragraph and table names its style: nothing of it falls
  back on the bundle's defaults, which are emptied;
- its comments are taken out (a printed bundle has no use for them; the report counts them).
While it is appended its headers and footers come along (docxcompose's hook that would remove
them copies them instead), and after it its own section properties close its part of the bundle:
its page size and margins, its footers, a new page (after a blank one where it would fall on an
even page) and page numbers from 1.
"""
from __future__ import annotations

import io
from copy import deepcopy
from dataclasses import dataclass

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docxcompose.composer import Composer

from generator.batch.isolate import isolate_styles, take_out_comments
from generator.check.docxformat import insert_in_order
from generator.ooxml import R, W


@dataclass
class Appended:
    """What binding did to one document, for the report."""

    comments: int = 0  # comments taken out
    revisions: int = 0  # tracked changes left in (they print as the word processor shows them)
    footer_added: bool = False  # it had no page numbers: the bundle's 公文 footer was given
    tables_may_shift: bool = False  # tables in a document of an older Word compatibility mode


class _Composer(Composer):
    """docxcompose, told to bring headers and footers along and to leave sections to us."""

    def remove_header_and_footer_references(self, doc, element):
        for reference in element.iter(W + "headerReference", W + "footerReference"):
            reference.set(R + "id", self.copy_part(doc.part, reference.get(R + "id")))

    def copy_part(self, source_part, rid: str) -> str:
        """Copy a header or footer (and what it refers to, pictures) into the bundle; its new rId."""
        part = source_part.related_parts[rid]
        reltype = source_part.rels[rid].reltype
        kind = "header" if reltype == RT.HEADER else "footer"
        taken = {str(p.partname) for p in self.doc.part.package.iter_parts()}
        number = 1
        while f"/word/{kind}{number}.xml" in taken:
            number += 1
        element = deepcopy(part.element)
        copy = XmlPart(PackURI(f"/word/{kind}{number}.xml"), part.content_type, element, self.doc.part.package)
        for node in element.iter():
            for attribute in (R + "id", R + "embed", R + "link"):
                old = node.get(attribute)
                if old and old in part.rels:
                    node.set(attribute, self.add_relationship(part, copy, part.rels[old]).rId)
        return self.doc.part.relate_to(copy, reltype)

    def _create_style_id_mapping(self, doc):
        # Style ids are made unique before appending: they map to themselves. (docxcompose would
        # walk every style of the growing bundle here, once per document: quadratic.)
        self._style_id2name, self._style_name2id = {}, {}

    numbered_styles: set[str] = set()  # this document's styles that carry list numbering
    keep_mapping = False  # the numbering of this document's styles is mapped already

    def reset_reference_mapping(self):
        if not self.keep_mapping:
            super().reset_reference_mapping()

    def restart_first_numbering(self, doc, element):
        # docxcompose looks each paragraph's style up among all of the bundle's styles (slow once
        # the bundle holds thousands); only numbered paragraphs can need it.
        numbered = element.find(f".//{W}numPr") is not None
        style = element.find(f".//{W}pStyle")
        if numbered or (style is not None and style.get(W + "val") in self.numbered_styles):
            super().restart_first_numbering(doc, element)

    def add_styles(self, doc, element):  # every style of the document is in the bundle already
        pass

    def add_styles_from_other_parts(self, doc):
        pass

    def fix_section_types(self, doc):  # compose() sets every section itself
        pass

    def fix_header_and_footers(self, doc):
        pass


class BundleComposer:
    """The bundle being composed: the 目录 document, then each document appended in turn."""

    def __init__(self, toc_package: bytes):
        self.master = Document(io.BytesIO(toc_package))
        _empty_defaults(self.master)
        self.composer = _Composer(self.master)
        body = self.master.element.body
        toc_section = body.find(W + "sectPr")
        self._close(list(body.iterchildren(W + "p")), deepcopy(toc_section))
        # gwplan's own 公文 footers (odd pages right, even pages left), for documents without any.
        footers = sorted((str(rel.target_part.partname), rid) for rid, rel in self.master.part.rels.items() if rel.reltype == RT.FOOTER)
        self.gwplan_footers = dict(zip(("default", "even"), (rid for _, rid in footers)))
        self.count = 0

    def append(self, doc) -> Appended:
        """Append a python-docx Document, closed by its own section properties."""
        self.count += 1
        report = Appended(take_out_comments(doc))
        report.revisions = sum(1 for _ in doc.element.body.iter(W + "ins", W + "del"))
        report.tables_may_shift = _compatibility_mode(doc) < 15 and doc.element.body.find(f".//{W}tbl") is not None
        numbered = []
        for style in isolate_styles(doc, str(self.count)):
            copy = deepcopy(style)
            self.master.styles.element.append(copy)
            if copy.find(f".//{W}numPr") is not None:
                numbered.append(copy)
        self.composer.numbered_styles = {style.get(W + "styleId") for style in numbered}
        # Lists defined in styles get their numbering first, so paragraphs naming the same list
        # directly share it (docxcompose would map them apart).
        self.composer.reset_reference_mapping()
        for style in numbered:
            self.composer.add_numberings(doc, style)
        self.composer.keep_mapping = True
        final = doc.element.body.find(W + "sectPr")
        final = deepcopy(final) if final is not None else self.master.element.body.find(W + "sectPr").makeelement(W + "sectPr", {})
        body = self.master.element.body
        before = len(body) - 1  # the body's own sectPr stays last
        try:
            self.composer.append(doc)
        finally:
            self.composer.keep_mapping = False
        added = list(body)[before:-1]
        self.composer.remove_header_and_footer_references(doc, final)
        report.footer_added = self._footers(added, final)
        first = next((s for e in added for s in e.iter(W + "sectPr")), final)
        _start_on_new_page(first)
        self._close(added, final)
        return report

    def blank_page(self, paragraph_xml: str) -> None:
        """An empty page of its own (a paragraph holding its section), before the next document."""
        from docx.oxml import parse_xml

        namespaces = f'xmlns:w="{W[1:-1]}" xmlns:r="{R[1:-1]}"'
        paragraph = parse_xml(paragraph_xml.replace("<w:p>", f"<w:p {namespaces}>", 1))
        body = self.master.element.body
        body.insert(len(body) - 1, paragraph)

    def _footers(self, added: list, final) -> bool:
        """Every section of the document names its odd and even footers (and headers): the bundle
        prints odd and even pages differently, and a section that names none would borrow the
        previous plan's. A document without any footer gets the 公文 page numbers."""
        sections = [s for e in added for s in e.iter(W + "sectPr")] + [final]
        added_footer = not any(s.find(W + "footerReference") is not None for s in sections)
        if added_footer:
            for kind, rid in self.gwplan_footers.items():
                insert_in_order(final, final.makeelement(W + "footerReference", {W + "type": kind, R + "id": rid}))
        for section in sections:
            for tag in ("headerReference", "footerReference"):
                kinds = {ref.get(W + "type"): ref for ref in section.findall(W + tag)}
                if "default" in kinds and "even" not in kinds:
                    even = deepcopy(kinds["default"])
                    even.set(W + "type", "even")
                    insert_in_order(section, even)
        return added_footer

    def _close(self, added: list, section) -> None:
        """End the appended elements with `section`: in their last paragraph, as Word does, or as
        the body's own section properties while this is the last document."""
        body = self.master.element.body
        current = body.find(W + "sectPr")
        last = added[-1] if added else None
        if last is not None and last.tag == W + "p" and last.find(f"{W}pPr/{W}sectPr") is None:
            properties = last.find(W + "pPr")
            if properties is None:
                properties = last.makeelement(W + "pPr", {})
                last.insert(0, properties)
            # The previous document's section moves into its last paragraph; this one is the body's.
            insert_in_order(properties, section)
        else:
            paragraph = body.makeelement(W + "p", {})
            properties = paragraph.makeelement(W + "pPr", {})
            properties.append(section)
            paragraph.append(properties)
            body.insert(body.index(current), paragraph)

    def finish(self) -> bytes:
        """The last document's section becomes the body's own section properties."""
        body = self.master.element.body
        last = [p for p in body.iterchildren(W + "p") if p.find(f"{W}pPr/{W}sectPr") is not None][-1]
        section = last.find(f"{W}pPr/{W}sectPr")
        last.find(W + "pPr").remove(section)
        body.remove(body.find(W + "sectPr"))
        body.append(section)
        out = io.BytesIO()
        self.master.save(out)
        return out.getvalue()


def _empty_defaults(master) -> None:
    """Leave nothing for appended documents to inherit: no document defaults, and an empty default
    paragraph style (LibreOffice lets every style without a parent inherit from it; Word does
    not). The 目录's own formatting moves to a style of its own, 目录正文."""
    styles = master.styles.element
    defaults = styles.find(W + "docDefaults")
    if defaults is not None:
        for child in list(defaults):
            defaults.remove(child)
    normal = next(s for s in styles.findall(W + "style") if s.get(W + "type") == "paragraph" and s.get(W + "default") in ("1", "true"))
    own = deepcopy(normal)
    del own.attrib[W + "default"]
    own.set(W + "styleId", "GwplanBody")
    own.find(W + "name").set(W + "val", "gwplan 正文")
    styles.append(own)
    for child in list(normal):
        if child.tag in (W + "pPr", W + "rPr"):
            normal.remove(child)
    old = normal.get(W + "styleId")
    for root in (styles, master.element):
        for node in root.iter(W + "basedOn", W + "pStyle", W + "next"):
            if node.get(W + "val") == old:
                node.set(W + "val", "GwplanBody")
    for part in master.part.package.iter_parts():
        if str(part.partname).startswith("/word/footer") and hasattr(part, "element"):
            for node in part.element.iter(W + "pStyle"):
                if node.get(W + "val") == old:
                    node.set(W + "val", "GwplanBody")


def _compatibility_mode(doc) -> int:
    """The Word version a document is laid out for (15 = Word 2013 and later, gwplan's own)."""
    for setting in doc.settings.element.iter(W + "compatSetting"):
        if setting.get(W + "name") == "compatibilityMode":
            try:
                return int(setting.get(W + "val"))
            except (TypeError, ValueError):
                return 15
    return 12


def _start_on_new_page(section) -> None:
    """The document's first section starts a page and numbers it 1 (the bundle adds a blank page
    before it where it would fall on an even page; writers/bundle.py says why not oddPage)."""
    kind = section.find(W + "type")
    if kind is None:
        kind = section.makeelement(W + "type", {})
        insert_in_order(section, kind)
    kind.set(W + "val", "nextPage")
    numbering = section.find(W + "pgNumType")
    if numbering is None:
        numbering = section.makeelement(W + "pgNumType", {})
        insert_in_order(section, numbering)
    numbering.set(W + "start", "1")
