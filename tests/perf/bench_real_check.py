"""Benchmark: gwplan check on real 公文 nobody here made (../shared/real/gongwen, issue 22).

Each finding is matched to the hand-judged findings in JUDGED.tsv (by file, rule and excerpt; the
paragraph number moves when reading changes): TP, FP (with its pattern code) or debatable. A
finding the file does not judge is listed as new, for a person to judge. Prints precision (TP over
TP + FP, debatable left out), recall (judged TPs still found), the FP patterns left, and the
--fix audit: every paragraph's text and properties diffed against the changes --fix lists.
Findings the checker makes since JUDGED.tsv was written are judged here by hand in
real_check_judged.tsv (file, rule, paragraph, a hash of the excerpt: no text of the documents).
Run:  python3 tests/perf/bench_real_check.py [-v]
"""
from __future__ import annotations

import csv
import hashlib
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import fixaudit  # noqa: E402

from generator.check.checker import check_document  # noqa: E402
from generator.check.fix import fix_document  # noqa: E402

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
    with open(Path(__file__).with_name("real_check_judged.tsv"), encoding="utf-8") as handle:
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


def main() -> None:
    verbose = "-v" in sys.argv
    folder = real_folder()
    if folder is None:
        print("../shared/real/gongwen not found: nothing to measure")
        return
    rows = judged(folder)
    here = judged_here()
    verdicts: Counter = Counter()
    patterns: Counter = Counter()
    missed_total = new_total = judged_tp = still_found = 0
    damaged = 0
    with tempfile.TemporaryDirectory() as temp:
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
            judged_tp += sum(1 for r in rows.get(path.name, []) if r["verdict"] == "TP")
            file_verdicts = Counter(v for _, v, _ in matched)
            verdicts.update(file_verdicts)
            patterns.update(p for _, v, p in matched if v == "FP")
            still_found += sum(1 for _, v, p in matched if v == "TP" and p != "here")
            missed_total += len(missed)
            new_total += len(new)
            roles = document_roles(report.document)
            changes: list = []
            fixed = Path(temp) / path.name
            fix_document(path, fixed, checked=report.document, record=changes)
            problems = fixaudit.audit(path, fixed, changes, roles)
            damaged += bool(problems)
            print(f"{path.name[:44]:44} TP {file_verdicts['TP']:3} FP {file_verdicts['FP']:3} "
                  f"deb {file_verdicts['debatable']:2} new {len(new):3} missed {len(missed):3} fix-problems {len(problems):3}")
            if verbose:
                for finding, verdict, pattern in matched:
                    if verdict == "FP":
                        print(f"    FP[{pattern}] {finding.rule} ¶{finding.paragraph} {finding.excerpt} | {finding.message}")
                for finding in new:
                    print(f"    NEW {finding.rule} ¶{finding.paragraph} {finding.excerpt} | {finding.message}")
                for row in missed:
                    print(f"    MISSED {row['rule']} ¶{row['paragraph']} {row['excerpt']} | {row['message']}")
                for problem in problems:
                    print(f"    FIX {problem}")
    tp, fp = verdicts["TP"], verdicts["FP"]
    precision = tp / max(tp + fp, 1)
    recall = still_found / max(judged_tp, 1)
    print(f"\nprecision {precision:.3f} (TP {tp}, FP {fp}, debatable {verdicts['debatable']}; target {TARGET}, "
          f"ratio {precision / TARGET:.2f})")
    print(f"recall of judged TPs {recall:.3f} ({still_found}/{judged_tp}; {missed_total} no longer found); "
          f"{tp - still_found} true findings the old checker missed")
    print(f"new findings to judge: {new_total}")
    print("FP patterns left: " + (", ".join(f"{p or '?'}×{n}" for p, n in patterns.most_common()) or "none"))
    print(f"--fix audit: {damaged} of {len(list(folder.glob('*.docx')))} files with a change not listed or not allowed")


if __name__ == "__main__":
    main()
