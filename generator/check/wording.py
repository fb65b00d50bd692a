"""Text: punctuation, spaces, number ranges, unfilled placeholders, and freshness via rules/."""
from __future__ import annotations

import difflib
from pathlib import Path

from generator.check.document import CheckedDocument, Para
from generator.check.docxformat import paragraph_runs
from generator.check.findings import ChangeLog, Finding
from generator.check.structure import fix_doc_brackets, marker_fixable
from generator.ooxml import W
from generator.rules.rollover import roll
from generator.rules.ruleset import load_rules
from generator.text import patterns, zhtext

PUNCT_REASON = "GB/T 15834-2011《标点符号用法》：中文文本使用全角标点"
SPACE_REASON = "GB/T 9704-2012 7.3.3：正文连续排列，汉字之间不留空格"
RANGE_REASON = "GB/T 15835-2011《出版物上数字用法》：表示数值范围时，前一个数值的百分号不能省略，如 30%～40%"
PLACEHOLDER_REASON = "成文中不能留有待填写的内容"
HIGHLIGHT_REASON = "标黄是起草时留给人工核对的内容（过时的表述、往年的数字、其他单位的地名等），成文前要处理完"
_RANGE = patterns.compile(r"(?<![\d.%％])(\d+(?:\.\d+)?)\s*([～~\-－—至到])\s*(\d+(?:\.\d+)?)\s*(%|％)")
_TEXT_ROLES = {"title", "recipient", "heading1", "heading2", "heading3", "heading4", "body", "attachment", "table",
               "appendix_title", "note", "copy_to", "subheading", "subtitle", "centred_line", "attendance"}
# Roles whose text is only looked at for blanks left unfilled (their form is structure.py's).
_OTHER_ROLES = {"signature", "date", "doc_number", "signer", "issuer_mark", "printed_by", "unknown", "textbox",
                "appendix_label", "secrecy", "urgency", "seal"}


def check(doc: CheckedDocument) -> list[Finding]:
    found: list[Finding] = []
    for para in doc.paragraphs:
        if para.role in _OTHER_ROLES:
            found += _placeholders(para)
        if para.role not in _TEXT_ROLES:
            continue
        text = para.text
        punct = zhtext.outside_quotes(text, zhtext.full_width_punctuation)
        if punct != text:
            before, after = _difference(text, punct)
            found.append(_finding(para, "punct.ascii", f"汉字间用了半角标点：“{before}”", PUNCT_REASON, f"改为“{after}”", True))
        spaced = zhtext.outside_quotes(text.lstrip(" \u3000\t"), remove_stray_spaces)
        if spaced != text.lstrip(" \u3000\t"):
            before, after = _difference(text.lstrip(" \u3000\t"), spaced)
            found.append(_finding(para, "space.cjk", f"汉字之间有空格：“{before}”", SPACE_REASON, f"改为“{after}”", True))
        for match in _RANGE.finditer(_unquoted(text)):
            fixed = f"{match.group(1)}{match.group(4)}～{match.group(3)}{match.group(4)}"
            found.append(_finding(para, "range.unit", f"数值范围“{match.group(0)}”省略了前一个百分号", RANGE_REASON, f"改为“{fixed}”", True))
        found += _placeholders(para)
        gap = _WIDE_GAP.search(zhtext.outside_quotes(text.strip(), lambda t: t))
        if gap and para.role in _RUNNING_TEXT:  # --fix never deletes these: they may set two items apart
            before = text.strip()[max(0, gap.start() - 4) : gap.end() + 2]
            tab = "\t" in gap.group(0)
            found.append(Finding("space.cjk", "warning", "文字", para.index, para.excerpt,
                                 f"汉字之间有{'制表符' if tab else '一串空格'}：“{before}”", SPACE_REASON,
                                 f"请手工删去{'制表符' if tab else '多余的空格'}（如是有意分隔两项内容，请改用分行或表格）", False))
        for match in _DATE_RANGE.finditer(_unquoted(text)):
            found.append(_finding(para, "range.date", f"时间起止“{match.group(0)}”用了连接号“{match.group(2)}”", DATE_RANGE_REASON,
                                  f"改为“{match.group(1)}—{match.group(3)}”或“{match.group(1)}至{match.group(3)}”", False))
        highlighted = _highlighted(para)
        if highlighted:
            found.append(_finding(para, "highlight", f"有标黄、尚未处理的内容“{highlighted[:24]}”", HIGHLIGHT_REASON,
                                  "按批注或起草报告核对改好后，取消标黄", False))
    return found + _revisions(doc)


_DATE_RANGE = patterns.compile(r"(\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?)\s*([-－–])\s*(\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?|\d{1,2}日)")
DATE_RANGE_REASON = "GB/T 15834-2011《标点符号用法》4.13：标示时间的起止用一字线“—”（或写“至”），不用半字线“-”"
REVISION_REASON = "成文前应接受或拒绝全部修订、删除全部批注，否则打印或转换时会带出修改痕迹和批注"
_REVISIONS = (W + "ins", W + "del", W + "moveFrom", W + "moveTo", W + "rPrChange", W + "pPrChange")


def _revisions(doc: CheckedDocument) -> list[Finding]:
    """Tracked changes and comments still in the document: each kind once, at its first place."""
    found = []
    for tags, what, fix in ((_REVISIONS, "未处理的修订", "审阅 → 接受或拒绝全部修订"),
                            ((W + "commentReference", W + "commentRangeStart"), "批注", "审阅 → 删除文档中的所有批注")):
        places = [p for p in doc.paragraphs if next(p.element.iter(*tags), None) is not None]
        if places:
            found.append(Finding(f"review.{'revisions' if what != '批注' else 'comments'}", "warning", "文字", places[0].index,
                                 places[0].excerpt, f"文档中还有{what}（{len(places)} 段）", REVISION_REASON, fix, False))
    return found


_WIDE_GAP = patterns.compile(f"(?<=[{zhtext.CJK}{zhtext.FULL_PUNCT}])(?: {{2,}}|\u3000+|\t)(?=[{zhtext.CJK}{zhtext.FULL_PUNCT}])")
# Where a run of spaces inside a line is a slip (a sentence), not two items set apart.
_RUNNING_TEXT = {"title", "body", "heading1", "heading2", "heading3", "heading4", "appendix_title"}


def _placeholders(para: Para) -> list[Finding]:
    """Text left to fill in, each shown with a few characters around it when the mark alone says
    little (a single _ or two X)."""
    found = []
    for match in zhtext.UNFILLED.finditer(para.text):
        if match.group(0) not in zhtext.unfilled_marks(para.text):
            continue
        mark = match.group(0)
        if len(mark) <= 2:
            mark = para.text[max(0, match.start() - 3) : match.end() + 3].strip()
        found.append(_finding(para, "placeholder", f"有未填写的内容“{mark}”", PLACEHOLDER_REASON, "填上实际内容", False))
    return found


def _highlighted(para: Para) -> str:
    """The paragraph's highlighted text (highlight or shading a draft left for a person), or ""."""
    parts = []
    for run in paragraph_runs(para.element):
        mark = run.find(f"{W}rPr/{W}highlight")
        if mark is not None and mark.get(W + "val") not in (None, "none"):
            parts.append("".join(t.text or "" for t in run.findall(W + "t")))
    return "".join(parts)


def check_freshness(doc: CheckedDocument, year: int, rules_dir: Path | None = None) -> list[Finding]:
    """Stale congress wording, anniversaries, expired phrases and years, from the same rules/ as draft."""
    rules = load_rules(year, rules_dir)
    found: list[Finding] = []
    for para in doc.paragraphs:
        if para.role not in _TEXT_ROLES:
            continue
        _, changes, flags = roll(rules, para.text)
        for change in changes:
            fix = f"改为“{change.after}”" if change.after else f"删去“{change.before}”"
            found.append(Finding(f"fresh.{change.rule}", "error", "时效", para.index, para.excerpt,
                                 f"“{change.before}”已不适用于 {year} 年", f"{change.reason}（rules/）", fix))
        for flag in flags:
            found.append(Finding(f"fresh.{flag.rule}", "error", "时效", para.index, para.excerpt,
                                 f"“{flag.excerpt}”", f"{flag.reason}（rules/）", "按实际情况改写"))
    return found


_NEAR = f"[{zhtext.CJK}{zhtext.FULL_PUNCT}]"
_STRAY_SPACE = patterns.compile(f"(?<={_NEAR})[ \u00a0](?=[{zhtext.CJK}{zhtext.FULL_PUNCT}0-9%])|(?<=[{zhtext.CJK}{zhtext.FULL_PUNCT}0-9%])[ \u00a0](?={_NEAR})")
# A title of office before a name keeps its space (市长 张三).
_OFFICE = patterns.compile(r"(?:长|书记|主任|主席|委员|组长|经理|干事|秘书|代表|同志|教授|老师|院士|主编|专员|巡视员|调研员|负责人)$")


def remove_stray_spaces(text: str) -> str:
    """Drop a single half-width space typed between Chinese characters (`达 到` → `达到`).

    Whitespace that separates two items stays: two or more spaces, a tab, a full-width space,
    and the space between a title of office and a name."""
    return _STRAY_SPACE.sub(lambda m: " " if _OFFICE.search(text[: m.start()]) else "", text)


def full_ranges(text: str) -> str:
    return _RANGE.sub(lambda m: f"{m.group(1)}{m.group(4)}～{m.group(3)}{m.group(4)}", text)


def _unquoted(text: str) -> str:
    """The text with what stands in quotation marks blanked out (same length, so offsets hold)."""
    return _QUOTES.sub(lambda m: "□" * len(m.group(0)), text)


_QUOTES = patterns.compile(r"“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』|《[^》]*》")


# The mechanical text repairs of --fix, in order: full-width punctuation, no spaces, full ranges;
# none of them touches quoted text.
TEXT_STAGES = tuple(
    (lambda stage: lambda text: zhtext.outside_quotes(text, stage))(stage)
    for stage in (zhtext.full_width_punctuation, remove_stray_spaces, full_ranges)
)


def fix_text(text: str) -> str:
    for stage in TEXT_STAGES:
        text = stage(text)
    return text


def _finding(para: Para, rule: str, message: str, reason: str, fix: str, fixable: bool) -> Finding:
    return Finding(rule, "error", "文字", para.index, para.excerpt, message, reason, fix, fixable)


def _difference(old: str, new: str) -> tuple[str, str]:
    """A short window around the first place where `old` and `new` differ."""
    start = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
    left = max(0, start - 4)
    tail = len(old) - start
    return old[left : start + 6], new[left : len(new) - tail + 6]


# --- --fix: edits on the whole paragraph's text, mapped back onto its runs ---------------------


def fix_paragraph_text(para: Para, changes: ChangeLog) -> None:
    """--fix: the text stages above mapped back onto the paragraph's runs."""
    """Text repairs, one kind at a time so each small edit lands in the run it belongs to."""
    if para.role not in _TEXT_ROLES | {"date", "doc_number"}:
        return
    stages = []
    if para.role.startswith("heading") and para.marker_problem and marker_fixable(para):
        stages.append(("标题序号改为规范写法", zhtext.normalize_marker))  # before 二. can look like a full stop
    stages += [("半角标点、空格、数值范围改为规范写法", fix_stage) for fix_stage in TEXT_STAGES]
    if para.role == "doc_number" and "签发人" not in para.text:
        stages.append(("发文字号的年份改用六角括号〔〕", lambda t: fix_doc_brackets(t.strip())))
    for what, stage in stages:
        nodes = _text_nodes(para)
        old = "".join(node.text or "" for node in nodes)
        new = stage(old)
        if new != old:
            _apply_edit(nodes, old, new)
            changes.paragraph(para.element, "text", what)


def _text_nodes(para: Para) -> list:
    return [text for run in paragraph_runs(para.element) for text in run.iterchildren(W + "t")]


def _apply_edit(nodes: list, old: str, new: str) -> None:
    """Apply the edit old → new to the text nodes, each change landing in the run it touches."""
    if len(nodes) == 1:  # one run, the usual case: it takes the whole new text
        _set_texts(nodes, [new])
        return
    owner, texts = [], [list(node.text or "") for node in nodes]
    for number, text in enumerate(texts):
        owner += [(number, offset) for offset in range(len(text))]
    if len(old) == len(new):  # character for character (punctuation width): no diff needed
        for index, (a, b) in enumerate(zip(old, new)):
            if a != b:
                number, offset = owner[index]
                texts[number][offset] = b
        _set_texts(nodes, texts)
        return
    removed = _deleted(old, new)
    if removed is not None:  # characters taken out (spaces): delete each from its run, last first
        for index in reversed(removed):
            number, offset = owner[index]
            del texts[number][offset]
        _set_texts(nodes, texts)
        return
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        for index in range(i2 - 1, i1 - 1, -1):  # delete the old characters, last first
            number, offset = owner[index]
            del texts[number][offset]
        if tag == "replace" and i2 - i1 == j2 - j1:  # character for character: each stays in its run
            for k in range(i2 - i1):
                number, offset = owner[i1 + k]
                texts[number][offset:offset] = [new[j1 + k]]
            continue
        if j2 > j1:  # the new text goes where the old span began (or after the character before it)
            if i1 < len(owner):
                number, offset = owner[i1]
            else:
                number, offset = owner[-1][0], len(texts[owner[-1][0]])
            texts[number][offset:offset] = list(new[j1:j2])
    _set_texts(nodes, texts)


def _set_texts(nodes: list, texts: list) -> None:
    for node, text in zip(nodes, texts):
        node.text = "".join(text)
        if node.text != node.text.strip():  # Word drops unprotected leading and trailing spaces
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _deleted(old: str, new: str) -> list[int] | None:
    """The indices of `old` whose removal gives `new`, when that is all the edit does; else None."""
    if len(new) >= len(old):
        return None
    removed, j = [], 0
    for i, char in enumerate(old):
        if j < len(new) and new[j] == char:
            j += 1
        else:
            removed.append(i)
    return removed if j == len(new) else None


def strip_typed_indent(para: Para) -> bool:
    nodes = _text_nodes(para)
    if nodes and nodes[0].text and nodes[0].text != nodes[0].text.lstrip(" \u3000\t"):
        nodes[0].text = nodes[0].text.lstrip(" \u3000\t")
        return True
    return False
