"""Benchmark: gwplan check on the corpus of whole 公文 (tests/corpus/gongwen.py).

Prints, per kind of document, the findings on the correct one, the planted errors found, the
findings that were not the planted error; then precision and recall over the corpus (targets,
issue 13: ≥ 95% each), and the time per document. Run:  python3 tests/perf/bench_corpus.py
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "corpus")]

import gongwen  # noqa: E402

from generator.check.checker import check_document  # noqa: E402
from generator.check.fix import fix_document  # noqa: E402

TARGET = 0.95


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        corpus = gongwen.documents(Path(temp))
        hits = wrong = found = planted = unchanged = correct = 0
        rows: dict[str, list[int]] = {}
        start = time.perf_counter()
        for path, kind, error, rules in corpus:
            findings = check_document(path).findings
            right = [f for f in findings if f.rule in rules]
            extra = [f for f in findings if f.rule not in rules]
            row = rows.setdefault(kind, [0, 0, 0, 0])
            hits, wrong = hits + len(right), wrong + len(extra)
            if error:
                planted += 1
                found += bool(right)
                row[1] += bool(right)
                row[2] += 1
            else:
                row[0] = len(findings)
                correct += 1
                unchanged += fix_document(path, Path(temp) / "fixed.docx") == []
            row[3] += len(extra)
        seconds = time.perf_counter() - start
    print(f"{'kind':<10} {'on correct':>10} {'found':>8} {'false':>6}")
    for kind, (on_correct, got, of, false) in rows.items():
        print(f"{kind:<10} {on_correct:>10} {got:>5}/{of:<2} {false:>6}")
    precision, recall = hits / max(hits + wrong, 1), found / planted
    print(f"precision {precision:.3f} (target {TARGET}, ratio {precision / TARGET:.2f}); "
          f"recall {recall:.3f} (target {TARGET}, ratio {recall / TARGET:.2f})")
    print(f"--fix left {unchanged}/{correct} correct documents unchanged; {len(corpus)} documents in {seconds:.2f} s "
          f"({seconds / len(corpus) * 1000:.0f} ms each, fix included)")


if __name__ == "__main__":
    main()
