"""Benchmark: a 2027 draft from plans of 2008-2025 leaves nothing stale, broken or traditional unmarked.

The corpus is tests/corpus/plans (24 plans of bureaus, schools and kindergartens, 2008-2025: every
era's formulas, redactions), plus copies in traditional script: two whole plans (converted at
ingest) and four with a few lines in traditional characters (kept, so the draft must mark them).
Everything is ingested into one library and drafted for 2027 with --all (every active clause).

The draft is then read run by run and measured with checks written here, independent of the
rules engine: stale references, broken sentences and traditional characters outside the
highlighted (marked) text. Each figure is to be 0.
Run:  python3 tests/perf/bench_trust.py
"""
from __future__ import annotations

import collections
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLANS = ROOT / "tests" / "corpus" / "plans"
YEAR = 2027

STALE = [
    r"十[六七八九]大", r"十[六七八九]届", r"科学发展观为(?:指导|统领)", r"贯彻落实科学发展观", r"学习实践科学发展观",
    r"“三个代表”重要思想为指导", r"系列重要讲话", r"群众路线", r"三严三实", r"两学一做", r"不忘初心、牢记使命",
    r"党史学习教育", r"中央八项规定精神学习教育", r"疫情", r"停课不停学", r"抗疫", r"“十[一二三四]五”",
    r"(?:迎接|喜迎)党的(?:十八|十九|二十)大", r"今年是", r"建党百年",
]
FOUNDED = {"建党": 1921, "中国共产党成立": 1921, "建团": 1922, "建军": 1927, "长征胜利": 1936, "抗日战争胜利": 1945,
           "抗战胜利": 1945, "反法西斯战争胜利": 1945, "新中国成立": 1949, "中华人民共和国成立": 1949, "少先队建队": 1949,
           "改革开放": 1978, "关工委成立": 1990, "香港回归": 1997, "澳门回归": 1999}
BROKEN = [
    r"[和及与、]\s*[，。；！？：]", r"[，。；！？：]\s*(?:和|与(?!会)|及(?!时|早))", r"[，；：、]\s*[，。；！？]", r"^[，。；、：]",
    r"(?:^|[，。；！？])(?:以|结合|在|围绕)?(?:隆重)?(?:庆祝|纪念)?(?:为契机|之际|的同时|的前提下)?[，。；！？]",
    r"(?<!相)(?:结合|围绕|纪念|庆祝|隆重|迎接)[，。；！？]", r"(?:隆重|纪念|庆祝|迎接)[和及与、]", r"[和及与]{2}",
    r"和[^，。；、和]{1,14}和[^，。；、和]{1,14}精神",
]


def corpus(folder: Path) -> list[Path]:
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    rng = random.Random(2027)
    paths = []
    for index, plan in enumerate(sorted(PLANS.glob("*.txt"))):
        text = plan.read_text(encoding="utf-8")
        lines = text.splitlines()
        if index in (3, 9, 15, 21):  # a few lines pasted from a traditional-script page
            for line in rng.sample(range(4, len(lines) - 2), 2):
                lines[line] = to_traditional.convert(lines[line])
        target = folder / plan.name
        target.write_text("\n".join(lines), encoding="utf-8")
        paths.append(target)
    for plan in sorted(PLANS.glob("*.txt"))[5:7]:  # two whole plans in traditional script
        target = folder / f"繁體-{plan.name}"
        target.write_text(to_traditional.convert(plan.read_text(encoding="utf-8").replace("年", "年度", 0)), encoding="utf-8")
        paths.append(target)
    return paths


def runs(path: Path) -> list[tuple[str, str]]:
    """(full paragraph text, its text outside the highlighted runs) for each paragraph."""
    import docx
    from generator.ooxml import W

    found = []
    for paragraph in docx.Document(str(path)).paragraphs:
        plain = []
        for run in paragraph._p.iter(W + "r"):
            text = "".join(t.text or "" for t in run.iter(W + "t"))
            plain.append("\u2063" if run.find(f"{W}rPr/{W}highlight") is not None else text)
        found.append((paragraph.text, "".join(plain)))
    return found


def stale(text: str) -> list[str]:
    found = [m.group(0) for pattern in STALE for m in re.finditer(pattern, text)]
    for name, founded in FOUNDED.items():
        for match in re.finditer(rf"{name}(\d+)周年", text):
            if int(match.group(1)) != YEAR - founded and not _quoted(text, match.start()):
                found.append(match.group(0))
    for match in re.finditer(r"((?:19|20)\d\d)年(?!\d{1,2}月\d{1,2}日)", text):  # a full date (成文日期) is no reference
        before, after = text[max(0, match.start() - 3) : match.start()], text[match.end() : match.end() + 4]
        past = re.search(r"[自从于]$", before) or re.match(r"(?:起|以来|印发|下发|颁布|—|-|至)", after)
        if int(match.group(1)) != YEAR and not past and not _quoted(text, match.start()):
            found.append(match.group(0))
    return found


def _quoted(text: str, index: int) -> bool:
    return any(text.count(a, 0, index) > text.count(b, 0, index) for a, b in ("《》", "“”"))


def traditional(text: str) -> int:
    from generator.readers.script import to_simplified

    simplified = to_simplified(text)
    return sum(1 for a, b in zip(text, simplified) if a != b) if len(simplified) == len(text) else len(text)


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        plans = corpus(folder)
        library, output = folder / "lib", folder / "2027.docx"
        gwplan = [sys.executable, "-m", "generator"]
        subprocess.run(gwplan + ["ingest", *map(str, plans), "--library", str(library)], check=True, capture_output=True, cwd=ROOT)
        started = time.perf_counter()
        done = subprocess.run(gwplan + ["draft", "--year", str(YEAR), "--library", str(library), "-o", str(output), "--all", "--review", "--json"],
                              capture_output=True, text=True, cwd=ROOT)
        elapsed = time.perf_counter() - started
        if done.returncode != 0:
            sys.exit(done.stderr)
        import json

        report = json.loads(done.stdout)
        paragraphs = runs(output)
        unmarked_stale = [s for _, plain in paragraphs for s in stale(plain)]
        broken = [m.group(0) for full, _ in paragraphs for pattern in BROKEN for m in re.finditer(pattern, full)]
        unmarked_traditional = sum(traditional(plain) for _, plain in paragraphs)
        marked_stale = sum(len(stale(full)) for full, _ in paragraphs) - len(unmarked_stale)
        kinds = collections.Counter(f["kind"] for r in report["reports"] for f in r["flags"])
        changes = sum(len(r["changes"]) for r in report["reports"])
        print(f"corpus: {len(plans)} plans of 2008-2025 ({len(plans) - 24} in traditional script, 4 more with traditional lines)")
        print(f"draft {YEAR} with --all: {report['clauses']} clauses in {report['sections']} sections, {elapsed:.2f} s")
        print(f"rewritten by the rules: {changes}; marked for a person: {sum(kinds.values())} ({', '.join(f'{k} {v}' for k, v in kinds.most_common())})")
        print(f"stale references found by the independent check: {marked_stale + len(unmarked_stale)}, of them marked {marked_stale}")
        print(f"unmarked stale references: {len(unmarked_stale)}   {unmarked_stale[:6]}")
        print(f"broken sentences:          {len(broken)}   {broken[:6]}")
        print(f"unmarked traditional characters: {unmarked_traditional}")


if __name__ == "__main__":
    main()
