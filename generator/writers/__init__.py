"""Writers: the plan model → files. `layout` turns the tree into numbered blocks for all of them.

Numbering is computed here, from the tree, so adding or removing a clause renumbers the rest:
一、 for sections, （一） for groups, 1. for clauses (continuous through the document or
restarting per section), （1） for sub-items.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.model import Clause, Mark, Plan
from generator.text import zhtext
from generator.xmlchars import refuse_invalid

NUMBERING_MODES = {"continuous": "全文连续编号", "per-section": "每节从 1 开始", "none": "不编号（正文段落）"}


@dataclass
class Block:
    """One paragraph of the document. Roles are the parts of the 公文 (profile.parts) plus
    paragraph, item and subitem (body text), blank and imprint (the 版记, written as one table)."""

    role: str
    text: str = ""
    label: str = ""  # 一、 （一） 1. （1） or 附件：
    clause: Clause | None = None
    heading_marks: list[Mark] | None = None  # marks of a heading (a clause's are on the clause)
    new_page: bool = False  # starts a new page (an attachment)
    lines: list[str] | None = None  # the 版记's lines: 抄送, then 印发机关 and 印发日期

    @property
    def marks(self) -> list[Mark]:
        if self.clause is not None:
            return self.clause.marks
        return self.heading_marks or []

    @property
    def full_text(self) -> str:
        return self.label + self.text


def title_lines(title: str, org: str = "") -> list[str]:
    """The lines a title is set in (7.3.1): broken between words by measure (titles.py)."""
    from generator.writers.titles import break_title

    return list(break_title(title, org))


def layout(plan: Plan) -> list[Block]:
    """The document as a flat list of blocks in reading order, numbered: 版头, title, 主送, text,
    附件说明, 署名 and date (room for the seal), 附注, each 附件 on a new page, 版记."""
    blocks: list[Block] = _header(plan.header) if plan.header else []
    if plan.title:
        blocks += [Block("title", "\n".join(title_lines(plan.title, plan.org))), Block("blank")]
    if plan.recipient:
        blocks.append(Block("recipient", plan.recipient.rstrip("：:") + "："))
    blocks += _text(plan)
    if plan.attachments:
        blocks.append(Block("blank"))
        if len(plan.attachments) == 1:
            blocks.append(Block("attachment", plan.attachments[0], "附件："))
        else:
            for number, name in enumerate(plan.attachments, 1):
                blocks.append(Block("attachment", name, f"附件：{number}." if number == 1 else f"{number}."))
    if plan.signature or plan.date:
        blocks.append(Block("blank"))  # with a seal, its top is within this line of the text (7.3.5.1)
        if plan.signature:
            blocks.append(Block("signature", plan.signature))
        if plan.date:
            blocks.append(Block("date", plan.date))
    if plan.note:
        blocks.append(Block("note", f"（{plan.note.strip('（）()')}）"))
    for number, appendix in enumerate(plan.appendices, 1):
        label = "附件" if len(plan.appendices) == 1 else f"附件{number}"
        blocks += [Block("appendix_label", label, new_page=True), Block("blank")]
        blocks += [Block("appendix_title", "\n".join(title_lines(appendix.title, appendix.org))), Block("blank")]
        blocks += _text(appendix)
    if plan.imprint:
        imprint = plan.imprint
        lines = [f"抄送：{imprint.copy_to.rstrip('。')}。"] if imprint.copy_to else []
        blocks.append(Block("imprint", lines=lines + [f"{imprint.printed_by}\t{imprint.printed_on}印发"]))
    return blocks


def _header(header) -> list[Block]:
    """版头 (7.2): 份号, 密级, 紧急程度 at the top left, the 标志, two blank lines, the 发文字号
    (the red rule below it is the writer's), two blank lines before the title."""
    blocks = [Block(role, text) for role, text in (
        ("copy_number", header.copy_number), ("secrecy", header.secrecy), ("urgency", header.urgency)) if text]
    blocks += [Block("issuer_mark", header.issuer_mark), Block("blank"), Block("blank")]
    number = header.doc_number
    if header.signer:
        number = f"{number}\t签发人：{header.signer}"
    return blocks + [Block("doc_number", number, heading_marks=header.marks), Block("blank"), Block("blank")]


def _text(plan: Plan) -> list[Block]:
    """The numbered text: preamble, sections with their items, closing paragraphs."""
    blocks = [Block("paragraph", clause.text, clause=clause) for clause in plan.preamble]
    item_number = 0
    for section_number, section in enumerate(plan.sections, 1):
        blocks.append(Block("heading1", section.heading, f"{zhtext.cn_number(section_number)}、", heading_marks=section.marks))
        if plan.numbering == "per-section":
            item_number = 0
        parts = [(None, section.clauses)] + [(sub, sub.clauses) for sub in section.subsections]
        group_number = 0
        for sub, clauses in parts:
            if sub is not None:
                group_number += 1
                blocks.append(Block("heading2", sub.heading, f"（{zhtext.cn_number(group_number)}）", heading_marks=sub.marks))
                if plan.numbering == "per-section":
                    item_number = 0
            sub_number = 0
            for clause in clauses:
                if clause.kind == "table":  # a 行事历: rows and cells, no number (writers/table.py)
                    blocks.append(Block("table", clause.text, clause=clause))
                elif clause.kind == "subitem" and plan.numbering != "none":
                    sub_number += 1
                    blocks.append(Block("subitem", clause.text, f"（{sub_number}）", clause))
                elif plan.numbering == "none":
                    blocks.append(Block("paragraph", clause.text, clause=clause))
                else:
                    item_number += 1
                    sub_number = 0
                    blocks.append(Block("item", clause.text, f"{item_number}.", clause))
    return blocks + [Block("paragraph", clause.text, clause=clause) for clause in plan.closing]


def refuse_unwritable(blocks: list[Block]) -> list[Block]:
    """The blocks, or a Chinese error (at the clause's file:line) for a character XML cannot hold:
    raised before any file exists."""
    for block in blocks:
        where = block.clause if block.clause is not None and block.clause.origin else None
        refuse_invalid(block.full_text + "".join(block.lines or ()), f"“{block.full_text[:20]}”这一段",
                       where.origin if where else None, where.line if where else None)
    return blocks


OUTPUT_SUFFIXES = {".docx": "Word 文档", ".txt": "纯文本"}


def write_plan(plan: Plan, path, profile, notes: dict[str, str] | None = None, provenance: str = "",
               beside: dict | None = None) -> list[str]:
    """Write `plan` in the format its file name asks for (.docx, with review comments from `notes`
    and the provenance JSON embedded, or .txt), together with the files of `beside` (path → text):
    all of them or, on a failure, none. Returns what the layout could not do, for the report."""
    from generator.errors import GwplanError
    from generator.yamlio import atomic_write_many

    suffix = path.suffix.lower()
    if suffix == ".docx":
        from generator.writers.docx import docx_package

        data, warnings = docx_package(plan, profile, notes, provenance)
        atomic_write_many({path: data, **(beside or {})})
        return warnings
    if suffix == ".txt":
        from generator.writers.plaintext import plan_text

        atomic_write_many({path: plan_text(plan), **(beside or {})})
        return []
    kinds = "、".join(f"{k}（{v}）" for k, v in OUTPUT_SUFFIXES.items())
    raise GwplanError(f"不支持输出 {suffix or '无扩展名'} 文件；可用 {kinds}。", str(path))
