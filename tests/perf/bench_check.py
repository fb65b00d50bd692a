"""Benchmark: `gwplan check` (and --fix) on a document of 200+ pages.

Target (issue 5): ≤ 5 s wall for a 200-page document on the 2-core machine.
Two documents: a gwplan draft with 1,600 clauses (公文 format, checks clean) and the same text
typed into python-docx's default template (every paragraph wrong: the slow path, thousands of
findings). Pages are counted with LibreOffice when it is installed.
Run:  python3 tests/perf/bench_check.py
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from generator.model import Clause, Plan, Section  # noqa: E402
from generator.profile import load_profile  # noqa: E402
from pdfmeasure import soffice  # noqa: E402
from generator.writers.docx import write_docx  # noqa: E402

TARGET_SECONDS = 5.0
SENTENCE = "组织老同志参与课后服务，开设书法、戏曲、科技等兴趣课程，帮助学生全面发展，助力青少年健康成长，把学习成果转化为关心下一代的实际行动，不断提高工作实效。"


def build(folder: Path) -> tuple[Path, Path]:
    plan = Plan(title="青山区教育局关工委2027年关心下一代工作要点", org="青山区教育局关工委", year=2027,
                signature="青山区教育局关工委", date="2027年1月8日")
    for number in range(80):
        plan.sections.append(Section(heading=f"第{number + 1}方面的工作", clauses=[Clause(SENTENCE, "item") for _ in range(20)]))
    good = folder / "good.docx"
    write_docx(plan, good, load_profile())
    import docx

    document = docx.Document()
    document.add_paragraph(plan.title, style="Title")
    for section_number, section in enumerate(plan.sections, 1):  # 11 pt text: three times the clauses
        document.add_paragraph(f"{section_number}、{section.heading}")
        for item, clause in enumerate(section.clauses * 3, 1):
            document.add_paragraph(f"({item}){clause.text.replace('，', ',')} ")
    bad = folder / "bad.docx"
    document.save(bad)
    return good, bad


def pages(path: Path, folder: Path) -> str:
    if not shutil.which("soffice"):
        return "? (LibreOffice not installed)"
    soffice("--convert-to", "pdf", "--outdir", str(folder), str(path), capture_output=True, timeout=600)
    info = subprocess.run(["pdfinfo", str(folder / (path.stem + ".pdf"))], capture_output=True, text=True).stdout
    return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages")), "?")


def wall(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        good, bad = build(folder)
        for label, path in (("gwplan draft, 1,600 clauses", good), ("default template, all wrong", bad)):
            check = wall(["check", str(path)])
            fix = wall(["check", str(path), "--fix", "-o", str(folder / f"{path.stem}-fixed.docx")])
            print(f"{label:30} pages {pages(path, folder):>5}   check {check:5.2f} s   check --fix {fix:5.2f} s"
                  f"   target {TARGET_SECONDS} s, ratio {max(check, fix) / TARGET_SECONDS:.2f}")


if __name__ == "__main__":
    main()
