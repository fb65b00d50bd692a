"""gwplan draft --notice: the plan issued as the 附件 of a red-header 印发通知.

The 通知 has the unit's 版头 (发文机关标志 in red, 发文字号 〔2027〕N号, the red rule), its title
关于印发《…》的通知, 主送, one or two paragraphs (templates/notice.j2), 附件说明, 署名 and
成文日期 with room for the seal, an optional 附注; the plan follows on a new page as 附件; the
版记 (抄送, 印发机关 and 印发日期) closes the last page.

What the unit always says lives in a unit profile (unit.yaml in the library, or --unit): the
标志 text, the 字号's prefix, 主送, 抄送, 印发机关, seal or no seal. What changes per document
(the number, 份号, 密级, 紧急程度, 附注) is the plan file's `notice:` section. A number nobody
gave stays 【待定】, highlighted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.draft.render import render_lines, unescape
from generator.errors import GwplanError
from generator.library.load import UNIT_FILE
from generator.model import Clause, Header, Imprint, Mark, Plan
from generator.yamlio import LineDict, load_file

UNIT_KEYS = {
    "issuer_mark": "发文机关标志，如 某某区教育局关心下一代工作委员会文件",
    "doc_number_prefix": "发文字号中年份前的机关代字，如 某教关",
    "recipient": "主送机关",
    "copy_to": "抄送机关（可省略）",
    "printed_by": "印发机关，如 某某区教育局关工委办公室",
    "seal": "true：加盖印章（署名、日期为印章留出位置）；false：不加盖",
    "signature": "署名（默认为发文单位）",
    "mark_size": "发文机关标志的字号（磅），默认 36",
    "kind": "单位类别（gwplan draft 按它挑选条款）：教育局、学校、幼儿园、党团组织、处室；默认从单位名称判断",
}
NOTICE_KEYS = {"number", "copy_number", "secrecy", "urgency", "signer", "note", "paragraphs", "printed_on"}
UNDECIDED = "【待定】"


@dataclass
class Unit:
    issuer_mark: str
    doc_number_prefix: str
    printed_by: str
    recipient: str = ""
    copy_to: str = ""
    seal: bool = False
    signature: str = ""
    mark_size: float = 0.0
    path: str = ""


@dataclass
class NoticeSpec:
    """The plan file's notice: section (every key optional)."""

    number: str = ""  # 发文字号's sequence number
    copy_number: str = ""
    secrecy: str = ""
    urgency: str = ""
    signer: str = ""
    note: str = ""
    paragraphs: list[str] = field(default_factory=list)
    printed_on: str = ""
    line: int = 0


def notice_spec(data, path: str, line: int) -> NoticeSpec:
    """Read a plan file's `notice:` (true, or a mapping of NOTICE_KEYS)."""
    if data is True:
        return NoticeSpec(line=line)
    if not isinstance(data, LineDict):
        raise GwplanError(f"notice 应写 true，或写成映射（可用：{'、'.join(sorted(NOTICE_KEYS))}）。", path, line)
    for key in data:
        if key not in NOTICE_KEYS:
            raise GwplanError(f"notice 中有未知字段“{key}”（可用：{'、'.join(sorted(NOTICE_KEYS))}）。", path, data.key_lines[key])
    paragraphs = data.get("paragraphs") or []
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    spec = NoticeSpec(paragraphs=[str(p) for p in paragraphs], line=line)
    for key in NOTICE_KEYS - {"paragraphs"}:
        value = data.get(key)
        if isinstance(value, (dict, list)):
            raise GwplanError(f"notice.{key} 应是一段文字或数字。", path, data.key_lines[key])
        if value is not None:
            setattr(spec, key, str(value))
    if spec.copy_number and not (spec.copy_number.isdigit() and len(spec.copy_number) == 6):
        raise GwplanError("份号应是 6 位阿拉伯数字，如 000123（7.2.1）。", path, data.key_lines["copy_number"])
    if spec.number and not spec.number.isdigit():
        raise GwplanError("notice.number 是发文字号的顺序号，应是数字（字号写作 〔2027〕3号，不加“第”和虚位 0）。", path, data.key_lines["number"])
    return spec


def load_unit(explicit: Path | None, library_root: Path | None) -> Unit:
    path = explicit if explicit is not None else (library_root / UNIT_FILE if library_root else None)
    if path is None or not path.exists():
        where = str(path) if path else UNIT_FILE
        keys = "\n".join(f"  {key}: {meaning}" for key, meaning in UNIT_KEYS.items())
        raise GwplanError(f"印发通知需要单位设置文件（用 --unit 指定，或放在条款库中的 {UNIT_FILE}），写明：\n{keys}", where)
    data = load_file(path)
    if not isinstance(data, LineDict):
        raise GwplanError("单位设置文件应是“键: 值”形式的映射。", str(path), 1)
    for key in data:
        if key not in UNIT_KEYS:
            raise GwplanError(f"未知字段“{key}”（可用：{'、'.join(UNIT_KEYS)}）。", str(path), data.key_lines[key])
    for key in ("issuer_mark", "doc_number_prefix", "printed_by"):
        if not str(data.get(key) or "").strip():
            raise GwplanError(f"缺少 {key}（{UNIT_KEYS[key]}）。", str(path), 1)
    seal = data.get("seal", False)
    if not isinstance(seal, bool):
        raise GwplanError("seal 只能是 true 或 false。", str(path), data.key_lines.get("seal", 1))
    size = data.get("mark_size") or 0
    if not isinstance(size, (int, float)) or (size and not 22 <= size <= 72):
        raise GwplanError("mark_size 是发文机关标志的字号（磅），应在 22 到 72 之间。", str(path), data.key_lines.get("mark_size", 1))
    return Unit(
        issuer_mark=str(data["issuer_mark"]).strip(), doc_number_prefix=str(data["doc_number_prefix"]).strip(),
        printed_by=str(data["printed_by"]).strip(), recipient=str(data.get("recipient") or "").strip(),
        copy_to=str(data.get("copy_to") or "").strip(), seal=seal, signature=str(data.get("signature") or "").strip(),
        mark_size=float(size), path=str(path),
    )


def build_notice(plan: Plan, unit: Unit, spec: NoticeSpec, year: int, template_dir: str | None = None) -> Plan:
    """The 印发通知 with `plan` as its 附件."""
    number = spec.number or UNDECIDED
    doc_number = f"{unit.doc_number_prefix}〔{year}〕{number}号"
    org = plan.org
    title = f"{org}关于印发《{plan.title}》的通知" if org and not plan.title.startswith(org) else f"关于印发《{plan.title}》的通知"
    texts = spec.paragraphs or _paragraphs(plan, unit, year, template_dir)
    appendix = Plan(**{**plan.__dict__, "signature": "", "date": "", "recipient": "", "attachments": []})
    notice = Plan(
        title=title, org=org, year=year, recipient=unit.recipient or plan.recipient,
        preamble=[Clause(text=text, kind="paragraph") for text in texts],
        attachments=[plan.title], signature=unit.signature or plan.signature or org, date=plan.date,
        header=Header(unit.issuer_mark, doc_number, spec.copy_number, spec.secrecy, spec.urgency, spec.signer, unit.mark_size),
        seal=unit.seal, note=spec.note, appendices=[appendix],
        imprint=Imprint(unit.printed_by, spec.printed_on or plan.date, unit.copy_to),
    )
    if number == UNDECIDED:
        notice.header.marks = [Mark(UNDECIDED, "发文字号的顺序号在登记编号后填写（计划文件 notice.number）", "待补")]
    return notice


SMALLEST_MARK = 22.0  # points: the 标志 never smaller than the title (二号) it stands over


def first_page_overflow(notice: Plan, profile) -> int:
    """Lines of the 通知 (title to 附注) that do not fit on its first page below the 版头; 0 when all fit."""
    from generator.writers import layout
    from generator.writers.docx import STYLE_OF
    from generator.writers.pagination import header_rows, measure_of

    measure = measure_of(profile)
    blocks = layout(notice)
    body = blocks[next(i for i, b in enumerate(blocks) if b.role == "title"):]
    body = body[: next((i for i, b in enumerate(body) if b.new_page), len(body))]
    lines = sum(measure.lines(STYLE_OF.get(b.role, "Normal"), b.full_text) for b in body)
    free = profile.lines_per_page - header_rows(profile, notice.header.mark_size or profile.sizes["issuer_mark"])
    return max(lines - free, 0)


def fit_first_page(notice: Plan, profile) -> str:
    """Fit the 通知 on its first page, making the 发文机关标志 smaller as far as the title's size
    (7.2.4 leaves its size open: 醒目、美观、庄重); "" when it fits, else what the user can change."""
    size = notice.header.mark_size or profile.sizes["issuer_mark"]
    while first_page_overflow(notice, profile) and size > SMALLEST_MARK:
        size = max(size - 2, SMALLEST_MARK)
        notice.header.mark_size = size
    overflow = first_page_overflow(notice, profile)
    if not overflow:
        return ""
    changes = ["在计划文件中用 title 写较短的计划标题（通知标题和附件说明随之变短）", "用 notice.paragraphs 写较短的通知正文"]
    if notice.note:
        changes.append("去掉附注（notice.note）")
    return (f"印发通知的第一页排不下，多出 {overflow} 行（发文机关标志已缩小到 {size:g} 磅）：通知转到第 2 页，"
            f"署名和成文日期与最后几行正文同页（GB/T 9704-2012 7.3.5.4）。要排在一页，可{'，或'.join(changes)}。")


def _paragraphs(plan: Plan, unit: Unit, year: int, template_dir: str | None) -> list[str]:
    context = {"plan_title": plan.title, "org": plan.org, "year": year, "recipient": unit.recipient}
    lines = render_lines("notice.j2", context, template_dir)  # a paragraph a line, never split inside a value
    return [unescape(line).strip() for line in lines if line.strip()]


def issue_as_notice(result, unit: Unit, spec: NoticeSpec, year: int, profile) -> Plan:
    """The drafted plan as the 附件 of its 印发通知; what the writer must still do goes to the
    draft's notes and warnings."""
    document = build_notice(result.plan, unit, spec, year)
    result.notes.append(f"印发通知：{document.header.doc_number}，{document.title}；计划作为附件，版记在最后一页。")
    if not spec.number:
        result.warnings.append("发文字号的顺序号还没有，已写作“【待定】”并标黄：请在计划文件的 notice.number 中填写，或在文档中改正。")
    advice = fit_first_page(document, profile)
    if advice:
        result.warnings.append(advice)
    return document

