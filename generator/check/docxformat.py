"""Effective formatting of .docx paragraphs and runs, resolved as Word resolves it.

A property comes from the first place that sets it: direct run formatting, the run's character
style (and its base styles), the paragraph's style chain, then the document defaults. Each
attribute (eastAsia font, size, …) is resolved on its own, since each level may set only some.
As in Word, a paragraph style the document names but never defines falls back to the default
paragraph style (Normal), and a theme font (minorEastAsia …) is the font the theme part names
for it, the one Word shows.
"""
from __future__ import annotations

from dataclasses import dataclass

from docx.oxml import parse_xml
from lxml import etree

from generator.ooxml import W

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
# The script whose font stands in when a theme's East Asian font is left empty (settings' themeFontLang).
_SCRIPTS = {"zh-CN": "Hans", "zh-SG": "Hans", "zh-TW": "Hant", "zh-HK": "Hant", "ja-JP": "Jpan", "ko-KR": "Hang"}


@dataclass
class RunFormat:
    east_asia: str | None  # the font of Chinese characters, theme fonts resolved to their names
    ascii: str | None  # the font of Latin letters and digits
    size_pt: float | None
    spacing: int | None  # character spacing in twentieths of a point
    east_asia_theme: str | None = None  # the theme font reference the East Asian font came from, if any
    bold: bool = False
    color: str | None = None  # RRGGBB; None or "auto" for the automatic (black) colour
    hansi: str | None = None  # the font of other Latin-script characters


@dataclass
class ParagraphFormat:
    style_id: str | None
    style_name: str | None
    alignment: str | None  # left right center both
    first_line: int | None  # twips
    first_line_chars: int | None  # hundredths of a character
    left: int | None
    right: int | None
    line: int | None
    line_rule: str | None
    outline_level: int | None  # 0-based, None when the paragraph is not in the outline
    widow_control: bool
    snap_to_grid: bool
    before: int | None = None  # space before and after, twips
    after: int | None = None
    page_break_before: bool = False
    frame_align: str | None = None  # a frame's horizontal place (framePr xAlign): it overrides jc on the page


def theme_fonts(document) -> dict[str, str]:
    """minorEastAsia, majorAscii, … → the font name the document's theme gives them."""
    try:
        part = next(rel.target_part for rel in document.part.rels.values() if rel.reltype == _THEME)
        theme = etree.fromstring(part.blob)
    except (StopIteration, etree.XMLSyntaxError, ValueError, AttributeError):
        return {}
    language = document.settings.element.find(W + "themeFontLang")
    script = _SCRIPTS.get(language.get(W + "eastAsia", "") if language is not None else "", "Hans")
    fonts = {}
    for kind in ("major", "minor"):
        scheme = theme.find(f".//{_A}{kind}Font")
        if scheme is None:
            continue
        latin, east = scheme.find(_A + "latin"), scheme.find(_A + "ea")
        by_script = {f.get("script"): f.get("typeface") for f in scheme.findall(_A + "font")}
        latin_name = latin.get("typeface") if latin is not None else ""
        east_name = (east.get("typeface") if east is not None else "") or by_script.get(script, "")
        fonts.update({f"{kind}Ascii": latin_name, f"{kind}HAnsi": latin_name, f"{kind}EastAsia": east_name,
                      f"{kind}Bidi": latin_name})
    return {k: v for k, v in fonts.items() if v}


class FormatResolver:
    def __init__(self, document):
        self.theme = theme_fonts(document)
        self.styles = document.styles.element
        self._by_id = {s.get(W + "styleId"): s for s in self.styles.findall(W + "style")}
        self._default_paragraph = next(
            (s for s in self._by_id.values() if s.get(W + "type") == "paragraph" and s.get(W + "default") in ("1", "true")),
            None,
        )
        defaults = self.styles.find(W + "docDefaults")
        self._default_rpr = defaults.find(f"{W}rPrDefault/{W}rPr") if defaults is not None else None
        self._default_ppr = defaults.find(f"{W}pPrDefault/{W}pPr") if defaults is not None else None

    def has_style(self, style_id: str) -> bool:
        return style_id in self._by_id

    def style_chain(self, style_id: str | None, default=None) -> list:
        style = self._by_id.get(style_id, default) if style_id else default  # an undefined style: Normal
        chain, seen = [], set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            chain.append(style)
            based = style.find(W + "basedOn")
            style = self._by_id.get(based.get(W + "val")) if based is not None else None
        return chain

    def paragraph_style(self, paragraph) -> list:
        p_style = paragraph.find(f"{W}pPr/{W}pStyle")
        style_id = p_style.get(W + "val") if p_style is not None else None
        return self.style_chain(style_id, self._default_paragraph)

    def paragraph(self, paragraph) -> ParagraphFormat:
        chain = self.paragraph_style(paragraph)
        levels = [paragraph.find(W + "pPr")] + [s.find(W + "pPr") for s in chain] + [self._default_ppr]
        nodes = _nodes_by_tag(levels)

        def get(child: str, attribute: str):
            return _first(nodes, child, attribute)

        def flag(child: str, default: bool) -> bool:
            found = nodes.get(W + child)
            return found[0].get(W + "val", "1") not in ("0", "false", "off") if found else default

        def first_line() -> int | None:  # a hanging indent is a negative first line
            for ind in nodes.get(W + "ind", []):
                for attribute, sign in (("hanging", -1), ("firstLine", 1)):
                    if ind.get(W + attribute) is not None:
                        return sign * (_int(ind.get(W + attribute)) or 0)
            return None

        outline = get("outlineLvl", "val")
        return ParagraphFormat(
            style_id=chain[0].get(W + "styleId") if chain else None,
            style_name=chain[0].find(W + "name").get(W + "val") if chain and chain[0].find(W + "name") is not None else None,
            alignment=get("jc", "val"),
            first_line=first_line(),
            first_line_chars=_int(get("ind", "firstLineChars")),
            left=_int(get("ind", "left") or get("ind", "start")),
            right=_int(get("ind", "right") or get("ind", "end")),
            line=_int(get("spacing", "line")),
            line_rule=get("spacing", "lineRule"),
            outline_level=int(outline) if outline is not None and int(outline) < 9 else None,
            widow_control=flag("widowControl", True),
            snap_to_grid=flag("snapToGrid", True),
            before=_int(get("spacing", "before")),
            after=_int(get("spacing", "after")),
            page_break_before=flag("pageBreakBefore", False),
            frame_align=get("framePr", "xAlign"),
        )

    def run(self, paragraph, run) -> RunFormat:
        levels = [run.find(W + "rPr")]
        r_style = run.find(f"{W}rPr/{W}rStyle")
        if r_style is not None:
            levels += [s.find(W + "rPr") for s in self.style_chain(r_style.get(W + "val"))]
        levels += [s.find(W + "rPr") for s in self.paragraph_style(paragraph)]
        levels.append(self._default_rpr)
        nodes = _nodes_by_tag(levels)

        def get(child: str, attribute: str):
            return _first(nodes, child, attribute)

        size = get("sz", "val")
        spacing = get("spacing", "val")
        bold = nodes[W + "b"][0] if W + "b" in nodes else None
        east_asia, east_theme = self._font(nodes, "eastAsia")
        return RunFormat(
            east_asia=east_asia,
            ascii=self._font(nodes, "ascii")[0],
            size_pt=int(size) / 2 if size else None,
            spacing=int(spacing) if spacing else None,
            east_asia_theme=east_theme,
            bold=bold is not None and bold.get(W + "val", "1") not in ("0", "false", "off"),
            color=get("color", "val"),
            hansi=self._font(nodes, "hAnsi")[0],
        )

    def _font(self, nodes: dict, slot: str) -> tuple[str | None, str | None]:
        """(font name, theme reference) of one rFonts slot: the first level that sets the slot wins,
        and at one level a theme reference wins over a name (as in Word)."""
        for node in nodes.get(W + "rFonts", ()):
            theme = node.get(W + slot + "Theme")
            if theme:
                return self.theme.get(theme) or node.get(W + slot), theme
            if node.get(W + slot):
                return node.get(W + slot), None
        return None, None


def paragraph_runs(paragraph) -> list:
    """The paragraph's runs in order, including those inside hyperlinks, fields and content
    controls one level down (./w:r|./*/w:r, without XPath: it is called for every paragraph)."""
    runs = []
    for child in paragraph:
        if child.tag == W + "r":
            runs.append(child)
        elif child.tag != W + "pPr":
            runs.extend(child.iterchildren(W + "r"))
    return runs


def _nodes_by_tag(levels: list) -> dict[str, list]:
    """Each property element's occurrences across the formatting levels, in priority order:
    the levels are read once instead of once per property asked for."""
    nodes: dict[str, list] = {}
    for level in levels:
        if level is None:
            continue
        seen = set()
        for node in level:
            if node.tag not in seen:  # of a repeated child, the first counts (as level.find would)
                seen.add(node.tag)
                nodes.setdefault(node.tag, []).append(node)
    return nodes


def _first(nodes: dict[str, list], child: str, attribute: str) -> str | None:
    """The attribute from the first formatting level whose `child` element sets it."""
    for node in nodes.get(W + child, ()):
        value = node.get(W + attribute)
        if value is not None:
            return value
    return None


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value is not None else None
    except ValueError:
        return None


# Child order of the property elements gwplan writes into (ECMA-376 Part 1, 17.3 and 17.6).
SCHEMA_ORDER = {
    "style": ["name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
              "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr", "rPr",
              "tblPr", "trPr", "tcPr", "tblStylePr"],
    "sectPr": ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
               "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection",
               "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"],
    "pPr": ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers",
            "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
            "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
            "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
            "rPr", "sectPr", "pPrChange"],
    "rPr": ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow", "emboss",
            "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
            "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
            "specVanish", "oMath", "rPrChange"],
}


def insert_in_order(parent, node) -> None:
    """Insert `node` into `parent` where the OOXML schema puts it (Word and validators need the order)."""
    order = SCHEMA_ORDER.get(parent.tag.replace(W, ""), [])
    name = node.tag.replace(W, "")
    if name in order:
        later = set(order[order.index(name) + 1 :])
        for index, child in enumerate(parent):
            if child.tag.replace(W, "") in later:
                parent.insert(index, node)
                return
    parent.append(node)


def set_run_font(run, font: str, size: float) -> bool:
    """Set a run's font (every script slot, no theme) and size directly; True when that changed it."""
    r_pr = run.find(W + "rPr")
    if r_pr is None:
        r_pr = parse_xml(f'<w:rPr xmlns:w="{W[1:-1]}"/>')
        run.insert(0, r_pr)  # rPr is the first child of a run
    fonts = child(r_pr, "rFonts")
    before = dict(fonts.attrib), _value(r_pr, "sz")
    for key in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(W + key, None)
    for key in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(W + key, font)
    fonts.set(W + "hint", "eastAsia")
    for key in ("sz", "szCs"):
        child(r_pr, key).set(W + "val", str(round(size * 2)))
    return (dict(fonts.attrib), _value(r_pr, "sz")) != before


def child(parent, name: str):
    """The child element `name` of `parent`, created in schema order when missing."""
    node = parent.find(W + name)
    if node is None:
        node = parent.makeelement(W + name, {})
        insert_in_order(parent, node)
    return node


def _value(parent, name: str):
    node = parent.find(W + name)
    return node.get(W + "val") if node is not None else None
