"""Benchmark: gwplan check on real 公文 nobody here made (../shared/real/gongwen, issue 22).

Each finding is matched to the hand-judged findings in JUDGED.tsv (by file, rule and excerpt; the
paragraph number moves when reading changes): TP, FP (with its pattern code) or debatable. A
finding the file does not judge is listed as new, for a person to judge. Prints precision (TP over
TP + FP, debatable left out), recall (judged TPs still found), the FP patterns left, and the
--fix audit: every paragraph's text and properties diffed against the changes --fix lists.
Findings the checker makes since JUDGED.tsv was written are judged here by hand in
real_check_judged.tsv (file, rule, paragraph, a hash of the excerpt: no text of the documents).
With --render, every original and its fixed copy go through LibreOffice (a private profile) and
the page counts are printed side by side: --fix must not push the 版记 or a 署名 onto a new page.
Run:  python3 tests/perf/bench_real_check.py [-v] [--render]
"""
from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import fixaudit  # noqa: E402
import realgongwen  # noqa: E402

from generator.check.checker import check_document  # noqa: E402
from generator.check.fix import fix_document  # noqa: E402

def main() -> None:
    verbose = "-v" in sys.argv
    folder = realgongwen.real_folder()
    if folder is None:
        print("../shared/real/gongwen not found: nothing to measure")
        return
    files, totals = realgongwen.score(folder, check_document)
    damaged = 0
    with tempfile.TemporaryDirectory() as temp:
        for path, report, matched, missed, new in files:
            verdicts = Counter(v for _, v, _ in matched)
            changes: list = []
            roles = realgongwen.document_roles(report.document)  # before --fix changes the document read
            fixed = Path(temp) / path.name
            fix_document(path, fixed, checked=report.document, record=changes)
            problems = fixaudit.audit(path, fixed, changes, roles)
            damaged += bool(problems)
            print(f"{path.name[:44]:44} TP {verdicts['TP']:3} FP {verdicts['FP']:3} deb {verdicts['debatable']:2} "
                  f"new {len(new):3} missed {len(missed):3} fix-problems {len(problems):3}")
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
    verdicts, target = totals["verdicts"], realgongwen.TARGET
    precision = realgongwen.precision(totals)
    recall = totals["still_found"] / max(totals["judged_tp"], 1)
    print(f"\nprecision {precision:.3f} (TP {verdicts['TP']}, FP {verdicts['FP']}, debatable {verdicts['debatable']}; "
          f"target {target}, ratio {precision / target:.2f})")
    print(f"recall of judged TPs {recall:.3f} ({totals['still_found']}/{totals['judged_tp']}); "
          f"{verdicts['TP'] - totals['still_found']} true findings the old checker missed")
    print(f"new findings to judge: {totals['new']}")
    print("FP patterns left: " + (", ".join(f"{p or '?'}×{n}" for p, n in totals["patterns"].most_common()) or "none"))
    print(f"--fix audit: {damaged} of {len(files)} files with a change not listed or not allowed")
    if "--render" in sys.argv:
        render([path for path, *_ in files])


def render(paths: list[Path]) -> None:
    """Pages of each original and of its fixed copy, as LibreOffice lays them out."""
    import subprocess

    from generator.libreoffice import converted_many

    def pages(pdf: Path | None) -> str:
        if pdf is None:
            return "?"
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages")), "?")

    with tempfile.TemporaryDirectory() as temp:
        fixed = []
        for path in paths:
            fixed.append(Path(temp) / path.name)
            fix_document(path, fixed[-1])
        with converted_many(paths + fixed, "pdf", "排版") as results:
            counts = {source: pages(pdf) for source, pdf in results.items()}
    more = 0
    for path, copy in zip(paths, fixed):
        before, after = counts[path], counts[copy]
        more += before.isdigit() and after.isdigit() and int(after) > int(before)
        print(f"{path.name[:44]:44} pages {before:>3} → {after:>3}")
    print(f"fixed copies with more pages than the original: {more} of {len(paths)}")


if __name__ == "__main__":
    main()
