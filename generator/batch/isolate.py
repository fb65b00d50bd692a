"""A foreign document made self-contained before it is appended to a bundle.

docxcompose maps an appended document's styles onto the master's by name. A school's plan
follows no common template, so its styles are renamed (正文 → 正文（第3份）) and carry the
document defaults and theme fonts they relied on, every paragraph and table names its style,
and its comments are taken out (the report counts them).
"""
from __future__ import annotations

from copy import deepcopy

from generator.check.docxformat import insert_in_order
from generator.ooxml import A, W

_STYLE_REFS = ("pStyle", "rStyle", "tblStyle", "basedOn", "next", "link", "styleLink", "numStyleLink")
_THEME_ATTRS = {"asciiTheme": "ascii", "hAnsiTheme": "hAnsi", "eastAsiaTheme": "eastAsia", "cstheme": "cs"}
_COMMENT_TAGS = (W + "commentRangeStart", W + "commentRangeEnd")


def _word_defaults():
    """What Word does where a document says nothing, written out so no other default applies:
    widow and orphan control is on."""
    from docx.oxml import parse_xml

    return parse_xml(f'<w:pPr xmlns:w="{W[1:-1]}"><w:widowControl/></w:pPr>')


_WORD_DEFAULTS = _word_defaults()


_SCRIPTS = {"zh-CN": "Hans", "zh-SG": "Hans", "zh-TW": "Hant", "zh-HK": "Hant", "ja-JP": "Jpan", "ko-KR": "Hang"}


def _theme_fonts(doc) -> dict[str, str]:
    """minorHAnsi → Calibri, minorEastAsia → 等线 …: the document's theme fonts, East Asian ones
    in the script its settings name (w:themeFontLang), as Word picks them."""
    fonts: dict[str, str] = {}
    language = doc.settings.element.find(W + "themeFontLang")
    script = _SCRIPTS.get(language.get(W + "eastAsia", "") if language is not None else "", "Hans")
    try:
        theme = next(p for p in doc.part.package.iter_parts() if str(p.partname).startswith("/word/theme/"))
    except StopIteration:
        return fonts
    from lxml import etree

    root = etree.fromstring(theme.blob)
    for kind in ("major", "minor"):
        scheme = root.find(f".//{A}{kind}Font")
        if scheme is None:
            continue
        latin, east, complex_ = (scheme.find(A + tag) for tag in ("latin", "ea", "cs"))
        hans = next((f.get("typeface") for f in scheme.findall(A + "font") if f.get("script") == script), "")
        fonts[f"{kind}HAnsi"] = fonts[f"{kind}Ascii"] = latin.get("typeface", "") if latin is not None else ""
        fonts[f"{kind}EastAsia"] = hans or (east.get("typeface", "") if east is not None else "")
        fonts[f"{kind}Bidi"] = complex_.get("typeface", "") if complex_ is not None else ""
    return fonts


def _parts_with_text(doc) -> list:
    """The XML roots a document's style references live in: body, headers, footers, notes, numbering."""
    roots = [doc.element]
    for part in doc.part.package.iter_parts():
        name = str(part.partname)
        if any(key in name for key in ("/header", "/footer", "/footnotes", "/endnotes", "/numbering")) and hasattr(part, "element"):
            roots.append(part.element)
    return roots


def isolate_styles(doc, label: str) -> list:
    """Give the document's styles names of their own and make it depend on nothing else.

    Returns the renamed style elements, to be put into the bundle's styles before appending.
    """
    styles = doc.styles.element
    defaults = styles.find(W + "docDefaults")
    default_rpr = defaults.find(f"{W}rPrDefault/{W}rPr") if defaults is not None else None
    default_ppr = defaults.find(f"{W}pPrDefault/{W}pPr") if defaults is not None else None
    theme = _theme_fonts(doc)
    renamed: dict[str, str] = {}
    default_of: dict[str, str] = {}
    elements = styles.findall(W + "style")
    for style in elements:
        old = style.get(W + "styleId")
        renamed[old] = f"{old}G{label}"
        if style.get(W + "default") in ("1", "true"):
            default_of[style.get(W + "type")] = renamed[old]
            del style.attrib[W + "default"]
        name = style.find(W + "name")
        if name is not None:
            name.set(W + "val", f"{name.get(W + 'val')}（第{label}份）")
        if style.find(W + "basedOn") is None and style.get(W + "type") in ("paragraph", "table"):
            _fold(style, "rPr", default_rpr)
            _fold(style, "pPr", default_ppr)
            if style.get(W + "type") == "paragraph":
                _fold(style, "pPr", _WORD_DEFAULTS)
        style.set(W + "styleId", renamed[old])
    for root in [styles, *_parts_with_text(doc)]:
        for node in root.iter(*(W + tag for tag in _STYLE_REFS)):
            value = node.get(W + "val")
            if value in renamed:
                node.set(W + "val", renamed[value])
        for fonts in root.iter(W + "rFonts"):
            for theme_attribute, attribute in _THEME_ATTRS.items():
                value = fonts.get(W + theme_attribute)
                if value is not None:
                    del fonts.attrib[W + theme_attribute]
                    if theme.get(value):
                        fonts.set(W + attribute, theme[value])
    for root in _parts_with_text(doc):
        _name_defaults(root, default_of)
    return elements


def _fold(style, tag: str, defaults) -> None:
    """Write the document defaults (`defaults`, a pPr or rPr) under the style's own properties."""
    if defaults is None or not len(defaults):
        return
    own = style.find(W + tag)
    if own is None:
        own = style.makeelement(W + tag, {})
        insert_in_order(style, own)
    present = {child.tag: child for child in own}
    for child in defaults:
        mine = present.get(child.tag)
        if mine is None:
            insert_in_order(own, deepcopy(child))
        else:  # spacing, ind, rFonts, lang inherit attribute by attribute
            for name, value in child.attrib.items():
                if name not in mine.attrib and _slot(name) not in {_slot(n) for n in mine.attrib}:
                    mine.set(name, value)


def _slot(attribute: str) -> str:
    """eastAsia and eastAsiaTheme fill one slot of rFonts: a style naming either overrides both."""
    local = attribute.replace(W, "")
    return {"asciiTheme": "ascii", "hAnsiTheme": "hAnsi", "eastAsiaTheme": "eastAsia", "cstheme": "cs"}.get(local, local)


def _name_defaults(root, default_of: dict[str, str]) -> None:
    """Paragraphs and tables that relied on the default style name it."""
    paragraph, table = default_of.get("paragraph"), default_of.get("table")
    for node in root.iter(W + "p"):
        if paragraph is None:
            break
        properties = node.find(W + "pPr")
        if properties is None:
            properties = node.makeelement(W + "pPr", {})
            node.insert(0, properties)
        if properties.find(W + "pStyle") is None:
            style = properties.makeelement(W + "pStyle", {W + "val": paragraph})
            properties.insert(0, style)
    for node in root.iter(W + "tbl"):
        properties = node.find(W + "tblPr")
        if table is not None and properties is not None and properties.find(W + "tblStyle") is None:
            properties.insert(0, properties.makeelement(W + "tblStyle", {W + "val": table}))


def take_out_comments(doc) -> int:
    """Remove comment anchors and references from the body; returns how many comments there were."""
    body = doc.element.body
    count = 0
    for node in list(body.iter(*_COMMENT_TAGS)):
        node.getparent().remove(node)
    for reference in list(body.iter(W + "commentReference")):
        count += 1
        run = reference.getparent()
        run.remove(reference)
        if run.tag == W + "r" and not any(child.tag != W + "rPr" for child in run):
            run.getparent().remove(run)
    return count
