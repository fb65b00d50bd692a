"""Benchmark: `gwplan draft` of a 3-page plan, wall time of the whole command.

Target (issue 3): ≤ 0.5 s wall on the 2-core machine, and jieba never imported on this path.
Printed beside it: a bare python-docx script that builds and saves a document with the same
number of paragraphs, started the same way (a new Python process), and the ratio of the two.
Run:  python3 tests/perf/bench_draft.py
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TARGET_SECONDS = 0.5
RUNS = 10

BARE_PYTHON_DOCX = """
import docx, sys
document = docx.Document()
document.add_paragraph("青山区教育局关工委2027年关心下一代工作要点", style="Title")
for number in range(int(sys.argv[2])):
    document.add_paragraph(f"{number}.组织老同志参与课后服务，开设书法、戏曲、科技等兴趣课程，帮助学生全面发展，助力青少年健康成长。")
document.save(sys.argv[1])
"""


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        output = Path(temp) / "draft.docx"
        draft = [sys.executable, "-m", "generator", "draft", "--year", "2027", "-o", str(output), "--force"]
        wall(draft)  # warm the disk cache
        import docx

        paragraphs = len(docx.Document(str(output)).paragraphs)
        ours = [wall(draft) for _ in range(RUNS)]
        bare = [wall([sys.executable, "-c", BARE_PYTHON_DOCX, str(Path(temp) / "bare.docx"), str(paragraphs)]) for _ in range(RUNS)]
        imports = subprocess.run([sys.executable, "-X", "importtime", *draft[1:]], capture_output=True, text=True, cwd=ROOT)
        jieba = "jieba" in imports.stderr
        median, best = statistics.median(ours), min(ours)
        print(f"document: starter library plan, 3 pages, {paragraphs} paragraphs")
        print(f"gwplan draft:          median {median:.3f} s, best {best:.3f} s   target {TARGET_SECONDS} s   ratio to target {median / TARGET_SECONDS:.2f}")
        print(f"bare python-docx:      median {statistics.median(bare):.3f} s, best {min(bare):.3f} s   (same paragraph count, new process)")
        print(f"gwplan / python-docx:  {median / statistics.median(bare):.2f}")
        print(f"jieba imported on the draft path: {'YES' if jieba else 'no'}")


if __name__ == "__main__":
    main()
