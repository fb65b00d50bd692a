"""Benchmark: does every form of every genre read as its clean plan? (issue 17)

For each genre of tests/corpus/genres_data.py and each form of tests/corpus/genres.py, the copy
is read with gwplan's reader and compared with what the genre's data says (title, unit, year,
kind, school year, clause count) and with the clean text's clauses (each ≥ 97% similar; the
calendar forms against the clean calendar text, PDFs against the clean text). Prints agreement
per form and per genre, and each disagreement.
Run:  python3 tests/perf/bench_genres.py [--no-pdf]
"""
from __future__ import annotations

import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "corpus")]

from genres import FORMS, form_text  # noqa: E402
from genres_agree import agreement  # noqa: E402
from genres_data import GENRES  # noqa: E402


def main() -> None:
    with_pdf = "--no-pdf" not in sys.argv
    forms = [f for f in FORMS if with_pdf or f != "pdf"] + (["calendar_pdf"] if with_pdf else [])
    results: dict[tuple[str, str], list[str]] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        pdfs: dict[str, dict[str, Path]] = {}
        if with_pdf:
            from genres_pdf import pdf_files

            converted_files = pdf_files(folder / "pdf")
            for form, table in (("pdf", False), ("calendar_pdf", True)):
                pdfs[form] = {key: path for (key, with_table), path in converted_files.items() if with_table == table}
        converted = time.perf_counter()
        for g in GENRES:
            for form in forms:
                if form in pdfs:
                    path = pdfs[form][g.key]
                else:
                    path = folder / f"{g.key}-{form}.txt"
                    path.write_text(form_text(g, form), encoding="utf-8")
                results[(g.key, form)] = agreement(g, form, path)
    elapsed = time.perf_counter() - converted
    per_form, per_genre = defaultdict(list), defaultdict(list)
    for (key, form), problems in results.items():
        per_form[form].append(not problems)
        per_genre[key].append(not problems)
    print(f"{len(GENRES)} 种文体 × {len(forms)} 种形式；读取 {elapsed:.1f} 秒（PDF 转换 {converted - started:.1f} 秒）")
    print("按形式：")
    for form in forms:
        ok = per_form[form]
        print(f"  {form:<14}{sum(ok)}/{len(ok)}  {sum(ok) / len(ok):.0%}")
    print("按文体：")
    for g in GENRES:
        ok = per_genre[g.key]
        print(f"  {g.key:<6}{sum(ok)}/{len(ok)}  {sum(ok) / len(ok):.0%}")
    total = [not p for p in results.values()]
    print(f"合计：{sum(total)}/{len(total)} = {sum(total) / len(total):.1%}")
    for (key, form), problems in results.items():
        if problems:
            print(f"  ✗ {key}/{form}: {'; '.join(problems[:3])}")
    noise_on_genres()


def noise_on_genres() -> None:
    """Each noise kind of tests/corpus/noise.py over every genre's clean text (metamorphic.compare)."""
    from metamorphic import compare
    from noise import KINDS

    from genres import clean

    print("各文体干净文本加上 tests/corpus/noise.py 的每种噪声（3 个随机种子）：")
    with tempfile.TemporaryDirectory() as temp:
        paths = []
        for g in GENRES:
            paths.append(Path(temp) / f"{g.key}.txt")
            paths[-1].write_text(clean(g), encoding="utf-8")
        for kind in KINDS:
            results = [compare(path, (kind,), seed) for path in paths for seed in (7, 11, 23)]
            ok = sum(r.ok for r in results)
            print(f"  {kind:<18}{ok}/{len(results)}  {ok / len(results):.0%}")
            for result in [r for r in results if not r.ok][:2]:
                print(f"      {result.plan}: {'; '.join(result.problems[:2])}")


if __name__ == "__main__":
    main()
