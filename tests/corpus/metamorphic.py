"""Metamorphic comparison: a noisy copy of a plan must read as the same plan as its clean original.

Same title, unit and year, the same number of clauses, and each clause at least 97% similar
(difflib ratio) to its clean counterpart. Mojibake the reader reports is left out of the noisy
text before comparing: the reader keeps it (mark, don't guess) and says where it is.
"""
from __future__ import annotations

import difflib
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from noise import noisy

PLANS = Path(__file__).resolve().parent / "plans"
THRESHOLD = 0.97


@dataclass
class Comparison:
    plan: str
    kinds: tuple[str, ...]
    problems: list[str] = field(default_factory=list)
    worst: float = 1.0

    @property
    def ok(self) -> bool:
        return not self.problems


def clean_plans() -> list[Path]:
    return sorted(PLANS.glob("*.txt"))


def read_text(text: str, name: str = "copy.txt"):
    from generator.readers import read_plan

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        return read_plan(path)


def compare(path: Path, kinds: tuple[str, ...], seed: int = 7) -> Comparison:
    clean_text = path.read_text(encoding="utf-8")
    clean = read_text(clean_text, path.name)
    result = Comparison(path.name, kinds)
    try:
        copy = read_text(noisy(clean_text, kinds, seed), path.name)
    except Exception as exc:  # a failure to read at all is a finding, not a crash of the bench
        result.problems.append(f"读取失败：{exc}")
        result.worst = 0.0
        return result
    for what in ("title", "org", "year"):
        if getattr(clean, what) != getattr(copy, what):
            result.problems.append(f"{what}: {getattr(clean, what)!r} → {getattr(copy, what)!r}")
    a = [_without_reported(c) for c in clean.all_clauses()]
    b = [_without_reported(c) for c in copy.all_clauses()]
    _clauses(a, b, result)
    said = [w for w in copy.warnings if "没有序号的段落无法分开" in w or "已按同一段接续" in w]
    if result.problems and said and unmarked_boundaries(clean_text):
        # Paragraphs with no marker between them cannot be told apart once the line breaks are
        # gone or fall at the wrap: the reader must keep all the text, in order, and say where
        # it may have joined two paragraphs.
        whole = [_all_text(plan) for plan in (clean, copy)]  # a heading may take a paragraph's text
        result.problems, result.worst = [], similarity(*whole)
        if result.worst < THRESHOLD:
            result.problems.append(f"text {result.worst:.2f}")
    elif "no_breaks" in kinds and unmarked_boundaries(clean_text) and not said:
        result.problems.append("no warning that unmarked paragraphs may be joined")
    return result


def _all_text(plan) -> str:
    parts = [c.text for c in plan.preamble]
    for section in plan.sections:
        parts.append(section.heading)
        for sub in [section] + section.subsections:
            parts += ([sub.heading] if sub is not section else []) + [c.text for c in sub.clauses]
    return "".join(parts + [c.text for c in plan.closing])


def _clauses(a: list[str], b: list[str], result: Comparison) -> None:
    if len(a) != len(b):
        result.problems.append(f"clauses: {len(a)} → {len(b)}")
        result.worst = 0.0
        return
    for left, right in zip(a, b):
        ratio = similarity(left, right)
        result.worst = min(result.worst, ratio)
        if ratio < THRESHOLD:
            result.problems.append(f"{ratio:.2f}: {left[:30]} → {right[:30]}")


_KEPT = "\ue000"  # stands for a mojibake run the reader kept and reported


def _without_reported(clause) -> str:
    """The clause with each reported mojibake run as a wildcard span of the same length."""
    text = clause.text
    for run in clause.unreadable:
        text = text.replace(run, _KEPT * len(run), 1)
    return text


def similarity(clean: str, copy: str) -> float:
    """difflib's ratio, where a redaction mark in the copy (XX, **, 20xx) or a reported mojibake run
    matches the characters it stands for: the reader keeps both for a person to settle."""
    matched = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, clean, copy, autojunk=False).get_opcodes():
        if tag == "equal":
            matched += i2 - i1
        elif tag == "replace" and re.fullmatch(r"[Xx×*＊]+", copy[j1:j2]):
            matched += min(i2 - i1, j2 - j1)
        elif tag in ("replace", "insert") and _KEPT in copy[j1:j2]:
            matched += (i2 - i1 + j2 - j1) / 2  # the corrupted span stands for what it replaced
    return 2 * matched / (len(clean) + len(copy)) if clean or copy else 1.0


_OPENERS = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d{1,2}\.|[一二三四五六七八九十]是|第[一二三四五六七八九十]，|首先|其次|再次|最后|附件)"
)


def unmarked_boundaries(clean_text: str) -> bool:
    """Whether a paragraph of the clean plan starts with no marker after another body paragraph
    (so nothing in a run-together copy tells where it begins)."""
    lines = [line for line in clean_text.splitlines() if line.strip()][1:]
    body = [line for line in lines if not re.fullmatch(r".{0,20}[：:]|[^，。]{0,30}|(?:\d{4}|20xx)年.*日", line)]
    return any(not _OPENERS.match(line) for line in body[1:])
