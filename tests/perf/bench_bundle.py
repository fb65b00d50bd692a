"""Benchmark: `gwplan bundle` of gwplan's own plans and of documents gwplan never wrote.

Targets (issue 12): 1,000 own plans bound in ≤ 10 s; 100 foreign documents timed. Foreign
documents are made with python-docx in 100 different style sets (fonts, sizes, line spacing,
headings, lists, tables, footers or none). They are bound twice: as Word and WPS save them, with
the page count in docProps/app.xml (here: counted once by LibreOffice during setup, outside the
timing), and as python-docx leaves them, without, so LibreOffice counts their pages in the run.
Run:  python3 tests/perf/bench_bundle.py [own-count] [foreign-count]
"""
from __future__ import annotations

import csv
import random
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OWN_TARGET = 10.0


def run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", *args], check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def own_plans(folder: Path, count: int) -> Path:
    kinds = ["小学", "初中", "幼儿园", "高中", "完全中学", "九年一贯制", "职校"]
    with open(folder / "名册.csv", "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["学校名称", "类型", "目标.宣讲场次", "目标.结对帮扶人数", "目标.新增志愿者"])
        for number in range(count):
            kind = kinds[number % len(kinds)]
            writer.writerow([f"青山区第{number + 1}{'幼儿园' if kind == '幼儿园' else '学校'}", kind, 5, 10 + number % 40, 3])
    run(["batch", str(folder / "名册.csv"), "--year", "2027", "-o", str(folder / "plans")])
    return folder / "plans"


def foreign_document(path: Path, number: int) -> None:
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    pick = random.Random(number)
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = pick.choice(["Times New Roman", "Arial"]), Pt(pick.choice([10.5, 12, 14, 16]))
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), pick.choice(["宋体", "仿宋", "楷体", "微软雅黑"]))
    normal.paragraph_format.line_spacing = pick.choice([1.0, 1.25, 1.5])
    document.add_paragraph(f"第{number}学校2027年关心下一代工作计划", style="Title")
    for section in range(pick.randint(3, 6)):
        document.add_heading(f"{'一二三四五六'[section]}、工作重点", level=1)
        for item in range(pick.randint(2, 5)):
            document.add_paragraph(f"{item + 1}.组织老同志开展关心下一代活动，结合学校实际做好各项工作。" * pick.randint(1, 3))
        if pick.random() < 0.3:
            document.add_paragraph("开展读书活动", style="List Number")
    if pick.random() < 0.3:
        table = document.add_table(rows=3, cols=3)
        table.style = "Table Grid"
    if pick.random() < 0.7:
        document.sections[0].footer.paragraphs[0].text = f"第{number}学校"
    document.save(str(path))


def with_saved_counts(files: list[Path]) -> None:
    """Write the page and character counts into docProps/app.xml, as Word and WPS do on saving."""
    from generator.writers.pages import paragraphs_of
    from generator.writers.pdf import page_counts
    from generator.profile import load_profile

    counts = page_counts(files, load_profile())
    for path in files:
        with zipfile.ZipFile(path) as package:
            parts = {name: package.read(name) for name in package.namelist()}
        text = "".join(t for _, t in paragraphs_of(parts["word/document.xml"]))
        app = parts["docProps/app.xml"].decode("utf-8")
        app = re.sub(r"<Pages>\d+</Pages>", f"<Pages>{counts[path]}</Pages>", app)
        characters = len(re.sub(r"\s", "", text))
        app = re.sub(r"<Characters>\d+</Characters>", f"<Characters>{characters}</Characters>", app)
        parts["docProps/app.xml"] = app.encode("utf-8")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in parts.items():
                package.writestr(name, data)


def main() -> None:
    own_count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    foreign_count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        plans = own_plans(folder, own_count)
        seconds = run(["bundle", str(plans), "-o", str(folder / "own.docx")])
        print(f"{own_count} own plans (XML join):      {seconds:6.2f} s  ({own_count / seconds:.0f} plans/s; "
              f"target {OWN_TARGET} s for 1,000, ratio {seconds / OWN_TARGET * 1000 / own_count:.2f})")
        bare = folder / "bare"
        bare.mkdir()
        for number in range(foreign_count):
            foreign_document(bare / f"学校{number:03d}.docx", number)
        seconds = run(["bundle", str(bare), "-o", str(folder / "bare.docx")])
        print(f"{foreign_count} foreign, no page counts:  {seconds:6.2f} s  ({seconds / foreign_count * 1000:.0f} ms each, "
              "LibreOffice counts the pages)")
        saved = folder / "saved"
        saved.mkdir()
        for number in range(foreign_count):
            foreign_document(saved / f"学校{number:03d}.docx", number)
        with_saved_counts(sorted(saved.glob("*.docx")))
        seconds = run(["bundle", str(saved), "-o", str(folder / "saved.docx")])
        print(f"{foreign_count} foreign, saved page counts: {seconds:6.2f} s  ({seconds / foreign_count * 1000:.0f} ms each, docxcompose)")


if __name__ == "__main__":
    main()
