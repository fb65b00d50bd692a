"""The real 公文 of ../shared/real/gongwen and the hand judgments of what check finds in them.

JUDGED.tsv (in the shared folder) judges every finding of the checker at commit 0ec25aa;
tests/perf/real_check_judged.tsv judges, by hand, the findings made since (file, rule, paragraph,
a hash of the excerpt: no text of the documents is copied here). A finding is matched to a row by
rule and excerpt, else by rule and paragraph; a finding on the same paragraph and property under a
renamed role (font.signature → font.body) keeps a TP or debatable verdict, never an FP one.
"""
from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import fixaudit

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.95
CANDIDATES = [ROOT.parent / "shared" / "real" / "gongwen", Path("/work/shared/real/gongwen")]


def real_folder() -> Path | None:
    return next((folder for folder in CANDIDATES if (folder / "JUDGED.tsv").exists()), None)


def judged(folder: Path) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    with open(folder / "JUDGED.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            rows.setdefault(row["file"], []).append(row)
    return rows


def judged_here() -> dict[tuple, str]:
    """(file, rule, paragraph, excerpt hash) → verdict for findings judged after JUDGED.tsv."""
    verdicts = {}
    with open(ROOT / "tests" / "perf" / "real_check_judged.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            verdicts[(row["file"], row["rule"], int(row["paragraph"]), row["excerpt_sha1"])] = row["verdict"]
    return verdicts


def excerpt_hash(excerpt: str) -> str:
    return hashlib.sha1(excerpt.encode()).hexdigest()[:10]


def match(findings: list, rows: list[dict]) -> tuple[list, list, list]:
    """(finding, verdict, pattern) for each finding; the judged TPs no longer found; new findings."""
    pool = list(rows)
    matched, new = [], []
    for finding in findings:
        key = (finding.rule, finding.excerpt)
        row = next((r for r in pool if (r["rule"], r["excerpt"]) == key), None)
        if row is None:  # same rule, same paragraph: the excerpt may read differently now
            row = next((r for r in pool if r["rule"] == finding.rule and int(r["paragraph"]) == finding.paragraph), None)
        if row is None:  # the same finding on the same paragraph, now read as another part (font.signature → font.body)
            kind = finding.rule.split(".")[0]
            # Only a TP or debatable verdict carries over: an FP for a misread role says nothing of the new claim.
            row = next((r for r in pool if r["rule"].split(".")[0] == kind and r["rule"] != finding.rule and r["verdict"] != "FP"
                        and int(r["paragraph"]) == finding.paragraph and finding.paragraph), None)
        if row is None:  # a finding on the whole document (spacing.paragraph) names its first paragraph
            same = [r for r in pool if r["rule"] == finding.rule]
            aggregate = finding.rule.startswith("spacing.")
            row = same[0] if aggregate and len(same) == 1 and sum(f.rule == finding.rule for f in findings) == 1 else None
        if row is None:
            new.append(finding)
            continue
        pool.remove(row)
        matched.append((finding, row["verdict"], row["fp_pattern"]))
    missed = [r for r in pool if r["verdict"] == "TP"]
    return matched, missed, new


def document_roles(checked) -> dict[int, str]:
    by_element = {id(p.element): p.role for p in checked.paragraphs}
    return {n: by_element.get(id(p), "") for n, p in enumerate(checked.document.element.iter(fixaudit.W + "p"))}




def score(folder: Path, check_document) -> tuple[list, dict]:
    """Each file's (path, report, matched, missed, new) and the totals: verdicts (TP/FP/debatable),
    FP patterns, judged TPs and how many are still found."""
    from collections import Counter

    rows, here = judged(folder), judged_here()
    files, totals = [], {"verdicts": Counter(), "patterns": Counter(), "judged_tp": 0, "still_found": 0, "new": 0}
    for path in sorted(folder.glob("*.docx")):
        report = check_document(path)
        matched, missed, unjudged = match(report.findings, rows.get(path.name, []))
        new = []
        for finding in unjudged:
            verdict = here.get((path.name, finding.rule, finding.paragraph, excerpt_hash(finding.excerpt)))
            if verdict:
                matched.append((finding, verdict, "here"))
            else:
                new.append(finding)
        totals["verdicts"].update(v for _, v, _ in matched)
        totals["patterns"].update(p for _, v, p in matched if v == "FP")
        totals["judged_tp"] += sum(1 for r in rows.get(path.name, []) if r["verdict"] == "TP")
        totals["still_found"] += sum(1 for _, v, p in matched if v == "TP" and p != "here")
        totals["new"] += len(new)
        files.append((path, report, matched, missed, new))
    return files, totals


def precision(totals: dict) -> float:
    tp, fp = totals["verdicts"]["TP"], totals["verdicts"]["FP"]
    return tp / max(tp + fp, 1)
