"""The .docx writer: the plan model → a GB/T 9704 公文, built from gwplan's own base package.

The package parts (styles, settings, footers, font table) are XML templates in
templates/docx/, filled once per formatting profile; only document.xml changes per plan.
Writing the parts directly keeps every formatting decision in the profile and the templates
(python-docx's default template is US Letter with a Japanese theme font), and it is fast
enough for batch runs of thousands of plans.
"""
from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from xml.sax.saxutils import escape

import jinja2
from markupsafe import Markup

from generator.model import Plan
from generator.profile import Profile
from generator.resources import data_dir
from generator.writers import Block, _width, layout
from generator.yamlio import atomic_write_bytes

_STYLE_OF = {
    "title": "Title",
    "blank": "Normal",
    "recipient": "Recipient",
    "paragraph": "Normal",
    "item": "Normal",
    "subitem": "Normal",
    "heading1": "Heading1",
    "heading2": "Heading2",
    "attachment": "Attachment",
    "signature": "Signature",
    "date": "Date",
}
# Word offers these in place of the standard's font names when a machine lacks them.
_ALTERNATIVE_FONTS = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "方正小标宋_GBK"}


@dataclass
class _Paragraph:
    style: str
    text: str
    properties: str = ""  # extra pPr children (indents), already XML


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates") / "docx")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
    )


@lru_cache(maxsize=4)
def _static_parts(profile: Profile) -> tuple[tuple[str, bytes], ...]:
    """Every part but document.xml and core.xml: the same for all plans of one profile."""
    env = _templates()
    indent = profile.page_number_indent_chars * round(profile.page_number_size * 20)
    fonts = sorted(set(profile.fonts.values()))
    parts = {
        "[Content_Types].xml": env.get_template("content_types.xml.j2").render(),
        "_rels/.rels": env.get_template("package_rels.xml.j2").render(),
        "word/_rels/document.xml.rels": env.get_template("document_rels.xml.j2").render(),
        "word/styles.xml": env.get_template("styles.xml.j2").render(p=profile),
        "word/settings.xml": env.get_template("settings.xml.j2").render(),
        "word/fontTable.xml": env.get_template("fontTable.xml.j2").render(
            fonts=[(name, _ALTERNATIVE_FONTS.get(name, "")) for name in fonts]
        ),
        "word/footer1.xml": env.get_template("footer.xml.j2").render(align="right", side="right", indent=indent),
        "word/footer2.xml": env.get_template("footer.xml.j2").render(align="left", side="left", indent=indent),
        "docProps/app.xml": env.get_template("app.xml.j2").render(),
    }
    return tuple((name, text.encode("utf-8")) for name, text in parts.items())


def body_xml(plan: Plan, profile: Profile) -> str:
    """The paragraphs of `plan` as WordprocessingML (no section properties)."""
    paragraphs = [_paragraph(block, profile) for block in layout(plan)]
    _place_signature(paragraphs, profile)
    return "".join(_paragraph_xml(p) for p in paragraphs)


def _paragraph_xml(paragraph: _Paragraph) -> str:
    runs = "<w:r><w:br/></w:r>".join(
        f'<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r>' for line in paragraph.text.split("\n") if line
    )
    return f'<w:p><w:pPr><w:pStyle w:val="{paragraph.style}"/>{paragraph.properties}</w:pPr>{runs}</w:p>'


@lru_cache(maxsize=4)
def section_properties(profile: Profile) -> str:
    return _templates().get_template("sectpr.xml.j2").render(p=profile)


def package_bytes(body: str, profile: Profile, title: str, creator: str, created: datetime.datetime | None = None) -> bytes:
    """A complete .docx around `body` (paragraphs, possibly several sections) with gwplan's base parts."""
    env = _templates()
    document = env.get_template("document.xml.j2").render(body=Markup(body), sectpr=Markup(section_properties(profile)))
    stamp = (created or datetime.datetime.now(datetime.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    core = env.get_template("core.xml.j2").render(title=title, creator=creator, created=stamp)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, data in _static_parts(profile):
            package.writestr(name, data)
        package.writestr("word/document.xml", document)
        package.writestr("docProps/core.xml", core)
    return buffer.getvalue()


def docx_bytes(plan: Plan, profile: Profile, created: datetime.datetime | None = None) -> bytes:
    """The complete .docx file for `plan`."""
    return package_bytes(body_xml(plan, profile), profile, plan.title, plan.org or "gwplan", created)


def write_docx(plan: Plan, path: Path, profile: Profile) -> None:
    atomic_write_bytes(path, docx_bytes(plan, profile))


def _paragraph(block: Block, profile: Profile) -> _Paragraph:
    paragraph = _Paragraph(_STYLE_OF[block.role], block.full_text)
    if block.role == "attachment" and block.label and not block.label.startswith("附件"):
        # Second and later attachment names line up under the first one, after 附件：.
        left = (profile.first_line_indent_chars + 3) * profile.body_char_twips
        paragraph.properties = f'<w:ind w:left="{left}" w:firstLineChars="0" w:firstLine="0"/>'
    return paragraph


def _place_signature(paragraphs: list[_Paragraph], profile: Profile) -> None:
    """署名 right-indented two characters; the date starts two characters further right (7.3.5.2).

    When the date is longer than that allows, the date keeps two characters to the right edge
    and the signature moves left with it.
    """
    signature = next((p for p in paragraphs if p.style == "Signature"), None)
    date = next((p for p in paragraphs if p.style == "Date"), None)
    line = profile.chars_per_line
    if signature is None or date is None:
        for lone in (signature, date):
            if lone is not None:
                lone.properties = _right_indent(profile.signature_right_chars, profile)
        return
    sig_width, date_width = char_width(signature.text), char_width(date.text)
    sig_start = line - profile.signature_right_chars - sig_width
    date_start = sig_start + profile.date_shift_chars
    if date_start + date_width > line - profile.signature_right_chars:
        date_start = line - profile.signature_right_chars - date_width
        sig_start = date_start - profile.date_shift_chars
    signature.properties = _right_indent(line - sig_start - sig_width, profile)
    date.properties = _right_indent(line - date_start - date_width, profile)


def _right_indent(chars: float, profile: Profile) -> str:
    chars = max(chars, 0)
    twips = round(chars * profile.body_char_twips)
    return f'<w:ind w:rightChars="{round(chars * 100)}" w:right="{twips}" w:firstLineChars="0" w:firstLine="0"/>'


def char_width(text: str) -> float:
    """Width in Chinese characters: half-width digits and Latin letters count as half."""
    return _width(text)
