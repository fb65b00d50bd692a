"""Writers: the plan model → files. `layout` turns the tree into numbered blocks for all of them.

Numbering is computed here, from the tree, so adding or removing a clause renumbers the rest:
一、 for sections, （一） for groups, 1. for clauses (continuous through the document or
restarting per section), （1） for sub-items.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator import zhtext
from generator.model import Clause, Mark, Plan

NUMBERING_MODES = {"continuous": "全文连续编号", "per-section": "每节从 1 开始", "none": "不编号（正文段落）"}


@dataclass
class Block:
    role: str  # title blank recipient paragraph heading1 heading2 item subitem attachment signature date
    text: str = ""
    label: str = ""  # 一、 （一） 1. （1） or 附件：
    clause: Clause | None = None
    heading_marks: list[Mark] | None = None  # marks of a heading (a clause's are on the clause)

    @property
    def marks(self) -> list[Mark]:
        if self.clause is not None:
            return self.clause.marks
        return self.heading_marks or []

    @property
    def full_text(self) -> str:
        return self.label + self.text


TITLE_LINE_CHARS = 20  # 2号 (22 pt) characters across the 156 mm type area


def title_lines(title: str, org: str = "") -> list[str]:
    """Break a long title where the meaning breaks (7.3.1: 梯形或菱形, not one word alone).

    Prefer the end of the issuing organisation, then 关于, then the year; of the candidate
    breaks whose lines both fit, take the one with the most even lines, upper line not longer.
    """
    if zhtext.text_width(title) <= TITLE_LINE_CHARS:
        return [title]
    candidates = []
    if org and title.startswith(org):
        candidates.append(len(org))
    for marker in ("关于", "年"):
        index = title.find(marker)
        if 0 < index < len(title) - 1:
            candidates.append(index + (len(marker) if marker == "年" else 0))
    fitting = [i for i in candidates if zhtext.text_width(title[:i]) <= TITLE_LINE_CHARS and zhtext.text_width(title[i:]) <= TITLE_LINE_CHARS]
    if fitting:
        best = min(fitting, key=lambda i: (candidates.index(i) > 0, abs(zhtext.text_width(title[:i]) - zhtext.text_width(title[i:]))))
        return [title[:best], title[best:]]
    middle = len(title) // 2
    return [title[:middle], title[middle:]]


def layout(plan: Plan) -> list[Block]:
    """The document as a flat list of blocks in reading order, numbered."""
    blocks: list[Block] = []
    if plan.title:
        blocks += [Block("title", "\n".join(title_lines(plan.title, plan.org))), Block("blank")]
    if plan.recipient:
        blocks.append(Block("recipient", plan.recipient.rstrip("：:") + "："))
    blocks += [Block("paragraph", clause.text, clause=clause) for clause in plan.preamble]
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
                blocks.append(Block("heading2", sub.heading, f"（{zhtext.cn_number(group_number)}）"))
                if plan.numbering == "per-section":
                    item_number = 0
            sub_number = 0
            for clause in clauses:
                if clause.kind == "subitem" and plan.numbering != "none":
                    sub_number += 1
                    blocks.append(Block("subitem", clause.text, f"（{sub_number}）", clause))
                elif plan.numbering == "none":
                    blocks.append(Block("paragraph", clause.text, clause=clause))
                else:
                    item_number += 1
                    sub_number = 0
                    blocks.append(Block("item", clause.text, f"{item_number}.", clause))
    blocks += [Block("paragraph", clause.text, clause=clause) for clause in plan.closing]
    if plan.attachments:
        blocks.append(Block("blank"))
        if len(plan.attachments) == 1:
            blocks.append(Block("attachment", plan.attachments[0], "附件："))
        else:
            for number, name in enumerate(plan.attachments, 1):
                blocks.append(Block("attachment", name, f"附件：{number}." if number == 1 else f"{number}."))
    if plan.signature or plan.date:
        blocks.append(Block("blank"))
        if plan.signature:
            blocks.append(Block("signature", plan.signature))
        if plan.date:
            blocks.append(Block("date", plan.date))
    return blocks


OUTPUT_SUFFIXES = {".docx": "Word 文档", ".txt": "纯文本"}


def write_plan(plan: Plan, path, profile, notes: dict[str, str] | None = None, provenance: str = "") -> None:
    """Write `plan` in the format its file name asks for (.docx, with review comments from `notes`
    and the provenance JSON embedded, or .txt)."""
    from generator.errors import GwplanError

    suffix = path.suffix.lower()
    if suffix == ".docx":
        from generator.writers.docx import write_docx

        write_docx(plan, path, profile, notes, provenance)
    elif suffix == ".txt":
        from generator.writers.text import write_text

        write_text(plan, path)
    else:
        kinds = "、".join(f"{k}（{v}）" for k, v in OUTPUT_SUFFIXES.items())
        raise GwplanError(f"不支持输出 {suffix or '无扩展名'} 文件；可用 {kinds}。", str(path))
