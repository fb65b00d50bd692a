"""Benchmark: `gwplan draft` of the starter plan against the floor, a bare python-docx script.

The floor is a new Python process that builds and saves, with python-docx, a document of the
draft's very paragraphs (its text, read back from the draft). The two run paired, run by run
(A B A B …), so load from other work hits both alike; the median of the per-pair ratios is the
figure. Target (issue 23): ≤ 1.3× the floor; jieba is never imported on this path.
Both run as an installed gwplan would, with compiled bytecode (see ENV).
Run:  python3 tests/perf/bench_draft.py [--runs N]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET_RATIO = 1.3

BARE_PYTHON_DOCX = """
import docx, json, sys
paragraphs = json.load(open(sys.argv[2], encoding="utf-8"))
document = docx.Document()
document.add_paragraph(paragraphs[0], style="Title")
for text in paragraphs[1:]:
    document.add_paragraph(text)
document.save(sys.argv[1])
"""


# As installed (pip compiles every module): bytecode is written and used, here in a folder of
# its own, even where PYTHONDONTWRITEBYTECODE is set; the same for both commands.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "gwplan-bench-pycache")


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=31)  # the machine is shared: more pairs, a steadier median
    runs = parser.parse_args().runs
    print("load average %.1f %.1f %.1f" % os.getloadavg())
    with tempfile.TemporaryDirectory() as temp:
        output = Path(temp) / "draft.docx"
        draft = [sys.executable, "-m", "generator", "draft", "--year", "2027", "-o", str(output), "--force"]
        wall(draft)  # warm the disk cache (and gwplan's template cache, as any second run finds it)
        import docx

        texts = [p.text for p in docx.Document(str(output)).paragraphs if p.text.strip()]
        text_file = Path(temp) / "paragraphs.json"
        text_file.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        bare_command = [sys.executable, "-c", BARE_PYTHON_DOCX, str(Path(temp) / "bare.docx"), str(text_file)]
        wall(bare_command)
        ours, bare = [], []
        for _ in range(runs):
            ours.append(wall(draft))
            bare.append(wall(bare_command))
        ratios = [a / b for a, b in zip(ours, bare)]
        imports = subprocess.run([sys.executable, "-X", "importtime", *draft[1:]], capture_output=True, text=True, cwd=ROOT, env=ENV)
        jieba = "jieba" in imports.stderr
        ratio = statistics.median(ratios)
        print(f"document: the starter library's plan, {len(texts)} paragraphs with text; {runs} pairs")
        print(f"gwplan draft:          median {statistics.median(ours):.3f} s, best {min(ours):.3f} s")
        print(f"bare python-docx:      median {statistics.median(bare):.3f} s, best {min(bare):.3f} s   (the same text, new process)")
        print(f"gwplan / python-docx:  median of pair ratios {ratio:.2f} (quartiles {statistics.quantiles(ratios, n=4)[0]:.2f}–"
              f"{statistics.quantiles(ratios, n=4)[2]:.2f})   target ≤ {TARGET_RATIO}   {'met' if ratio <= TARGET_RATIO else 'NOT met'}")
        print(f"jieba imported on the draft path: {'YES' if jieba else 'no'}")


if __name__ == "__main__":
    main()
