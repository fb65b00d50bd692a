"""The draft preview: the draft of a year as text with its marks highlighted, and its .docx files.

The draft is built exactly as `gwplan draft` builds it (draft/build.py), and the downloads are
the same documents as `draft`, `draft --review` and `draft --notice` write.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.draft.build import Drafter, DraftResult
from generator.draft.notice import NoticeSpec, issue_as_notice, load_unit
from generator.draft.provenance import review_notes, sidecar_text
from generator.errors import GwplanError
from generator.model import Plan
from generator.profile import load_profile
from generator.review.serve.catalog import Segment, segments
from generator.writers import layout
from generator.writers.docx import docx_bytes

KINDS = {"plain": "草稿", "review": "审阅版（带批注）", "notice": "印发通知（红头）"}


def plan_files(root: Path) -> list[str]:
    """Plan files (YAML) kept in the library's sub-folders, as paths relative to the library.
    Only these can be chosen: the preview reads nothing outside the library."""
    found = []
    for path in sorted(root.glob("*/*.yaml")):
        inside = path.resolve().is_relative_to(root.resolve())  # a link out of the library is not followed
        if path.parent.name != "schema" and not path.name.startswith(".") and path.is_file() and inside:
            found.append(path.relative_to(root).as_posix())
    return found


@dataclass
class PreviewRequest:
    year: int
    org: str = ""
    plan: str = ""  # one of plan_files(root), or "" for the unit's last plan again
    everything: bool = False
    fonts: str = "standard"

    def drafter(self, root: Path) -> Drafter:
        if self.plan and self.plan not in plan_files(root):
            raise GwplanError(f"计划文件“{self.plan}”不在条款库文件夹中；只能选条款库子文件夹里的计划文件。")
        return Drafter(self.year, root, plan_path=root / self.plan if self.plan else None, everything=self.everything)


def build(root: Path, request: PreviewRequest) -> DraftResult:
    return request.drafter(root).draft(request.org or None)


@dataclass
class Paragraph:
    role: str
    clause_id: str
    segments: list[Segment]


def paragraphs(plan: Plan) -> list[Paragraph]:
    """The document's paragraphs in reading order, highlighted where the .docx is."""
    shown = []
    for block in layout(plan):
        if block.role in ("blank", "imprint"):
            continue
        text = block.text.replace("\n", "")
        clause_id = block.clause.id if block.clause is not None else ""
        shown.append(Paragraph(block.role, clause_id, segments(text, block.marks, block.label)))
    return shown


def document(root: Path, request: PreviewRequest, kind: str) -> tuple[str, bytes, DraftResult]:
    """The .docx of the draft: plain, with review comments, or as the red-header notice."""
    if kind not in KINDS:
        raise GwplanError(f"不认识的下载类型“{kind}”，只能是 {'、'.join(KINDS)}。")
    result = build(root, request)
    profile = load_profile(request.fonts)
    plan = result.plan
    name = _file_name(f"{plan.title or f'{request.year}年工作要点'}{'' if kind == 'plain' else '-' + KINDS[kind][:3]}.docx")
    spec = result.spec.notice if result.spec is not None else None
    if kind == "notice" or spec is not None:  # as draft --notice, or a plan file that asks for one
        plan = issue_as_notice(result, load_unit(None, root), spec or NoticeSpec(), request.year, profile)
    notes = review_notes(result) if kind == "review" else None
    data = docx_bytes(plan, profile, notes, sidecar_text(result, Path(name), root))
    return name, data, result


def _file_name(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "", name)
