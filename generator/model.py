"""The plan model: the one data structure every reader produces and every writer consumes.

A plan is a title, an organisation, a year, a preamble and a tree of sections whose leaves
are clauses. Readers (txt, docx) turn past plans into this model; the renderer turns the clause
library into it; writers (docx, text, html) turn it into files. Nothing else is shared.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Source:
    """Where a clause came from: one numbered item or paragraph of one past plan."""

    file: str
    year: int | None = None
    org: str = ""
    section: str = ""
    position: int = 0  # item number as printed, or paragraph index within the section
    order: int = 0  # the clause's place in that plan (1, 2, …), to draft the plan's order again
    text: str = ""  # that plan's own wording, stored on the first source that used it
    hash: str = ""  # fingerprint of that wording: sources with the same wording share one text


@dataclass
class Mark:
    """A place a person must look at: text the draft could not settle, kept and highlighted.

    `excerpt` is the exact text to find; the writer highlights the sentence that holds it and,
    in review drafts, anchors a Word comment with `reason` there. `kind` groups marks for the
    report: 时效 (stale wording), 年份 (a fact of another year), 规则 (a year the rules do not
    know), 数字, 地名, 待补, 繁体, 提示, 目标, 读者. `rule` names what found it.
    """

    excerpt: str
    reason: str
    kind: str = "时效"
    rule: str = ""


@dataclass
class Target:
    """A number in a clause that looks like a yearly target (85%, 八至十所), for a reviewer."""

    value: str
    context: str
    name: str = ""  # set by a reviewer once the clause uses {{ targets.<name> }}


@dataclass
class Clause:
    """One numbered item or body paragraph.

    `kind` is "item" for numbered items (rendered as 1. 2. …), "paragraph" for plain body
    paragraphs, "subitem" for （1）-level items under an item, and "table" for a table (a 行事历:
    月份 / 工作内容): its `text` holds the rows one per line, cells separated by tabs (`rows`).
    """

    text: str
    kind: str = "paragraph"
    id: str = ""
    group: str = ""  # the （一）-level heading the clause sits under, if any
    status: str = "active"
    audience: str = ""  # district | school | both (audience.py); "" when the library does not say
    tags: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # mojibake runs a reader kept and reported
    marks: list[Mark] = field(default_factory=list)  # what a draft could not settle
    # Set by whoever produced the clause, for messages: library file and line, or plan line.
    origin: str = ""
    line: int = 0

    @property
    def rows(self) -> list[list[str]]:
        """A table clause's cells, row by row (one row of one cell for any other clause)."""
        return [line.split("\t") for line in self.text.split("\n")]


@dataclass
class Section:
    """A heading and its body. Level 1 is 一、, level 2 is （一）."""

    heading: str
    level: int = 1
    clauses: list[Clause] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    id: str = ""
    marks: list[Mark] = field(default_factory=list)  # in the heading

    def all_clauses(self) -> list[Clause]:
        found = list(self.clauses)
        for sub in self.subsections:
            found.extend(sub.all_clauses())
        return found


@dataclass
class Header:
    """版头 (GB/T 9704 7.2): what stands above the red rule of a 红头 document."""

    issuer_mark: str  # 发文机关标志, e.g. 白塔区教育局关心下一代工作委员会文件
    doc_number: str = ""  # 发文字号, e.g. 白教关〔2027〕3号
    copy_number: str = ""  # 份号, six digits
    secrecy: str = ""  # 密级和保密期限, e.g. 秘密★1年
    urgency: str = ""  # 紧急程度: 特急 or 加急
    signer: str = ""  # 签发人 (上行文): the 发文字号 then sits at the left
    mark_size: float = 0.0  # points of the 标志; 0: the profile's
    marks: list[Mark] = field(default_factory=list)  # what is not settled (a number not yet given)


@dataclass
class Imprint:
    """版记 (7.4): on the last page, its last line on the last line of the type area."""

    printed_by: str  # 印发机关
    printed_on: str  # 印发日期, e.g. 2027年1月8日
    copy_to: str = ""  # 抄送机关, ending with 。


@dataclass
class Plan:
    """A whole work plan as a document: what readers return and writers print."""

    title: str = ""
    org: str = ""
    year: int | None = None  # the year the plan is for; for a term's plan, the year the term is in
    kind: str = "plan"  # plan, or summary for a 工作总结 (never a draft's skeleton)
    school_year: str = ""  # 2026-2027 for a 学年 or 学期 plan
    term: int = 0  # 1 (第一学期, 秋季) or 2 (第二学期, 春季) for one term's plan
    recipient: str = ""  # 主送机关, without the final colon
    preamble: list[Clause] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[Clause] = field(default_factory=list)  # 结束语: paragraphs after the last section
    attachments: list[str] = field(default_factory=list)
    signature: str = ""  # 署名
    date: str = ""  # 成文日期, e.g. 2027年1月5日
    numbering: str = "continuous"  # items 1. 2. …: continuous, per-section or none
    source_file: str = ""
    line: int = 0  # where the plan begins in its file (a page may hold several)
    warnings: list[str] = field(default_factory=list)
    removed_chars: int = 0  # source lines a reader removed control characters from (reported in warnings)
    # The parts of a whole 公文 around the text (a 印发通知, gwplan draft --notice):
    header: Header | None = None  # 版头
    seal: bool = False  # the 署名 and date make room for a seal (7.3.5.1)
    note: str = ""  # 附注, printed in parentheses below the date
    appendices: list[Plan] = field(default_factory=list)  # 附件: documents that follow on new pages
    imprint: Imprint | None = None  # 版记

    def all_clauses(self) -> list[Clause]:
        found = list(self.preamble)
        for section in self.sections:
            found.extend(section.all_clauses())
        return found + self.closing
