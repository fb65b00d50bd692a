"""Benchmark: drafts that tell the truth, for any genre and any unit (issue 18).

Each plan of tests/corpus/genres (13 plans of 2010-2026: 党建, 少先队, 团委, 德育, 安全, 教研, 宣传,
工会, 妇委会, 保教, 教育局 and 关工委; bureaus, schools, a kindergarten, committees) and each seed
in ../shared/seeds is ingested into a library of its own, as its unit would, and drafted for 2027.
Every plan is also drafted for 2026 and 2027 and `check` is run on both drafts.

The draft is read run by run and measured with checks written here, independent of the rules
engine. Every figure is to be 0:
  unmarked stale      stale campaigns, formulas, meetings and anniversaries outside highlighted text
  doubled phrases     a phrase written twice in a row or a formula twice in one sentence
  broken sentences    dangling connectors, frame words without their object, doubled punctuation
  wrong past facts    a sentence about a past year (2025年是……之年, ……取得的成就, 自2025年起) whose
                      text differs from the plan it came from
  empty drafts        a draft with no clause, or a draft that failed without a reason
  silent drops        an active clause neither in the draft nor named in the report
  check disagrees     a wording a draft for 2026 or 2027 writes unmarked that check calls stale
Run:  python3 tests/perf/bench_truth.py
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench_trust import runs  # noqa: E402  (each paragraph's text and its text outside the highlights)

GENRES = ROOT / "tests" / "corpus" / "genres"
SEEDS = next((p / "shared" / "seeds" for p in ROOT.parents if (p / "shared" / "seeds").is_dir()), ROOT.parent / "shared" / "seeds")
YEAR = 2027

# Stale for a 2027 plan, whatever the genre (policy-timeline.md); written here, not read from rules/.
STALE = [
    r"十[六七八九]大(?!以来)", r"十[六七八九]届", r"(?:科学发展观|“三个代表”重要思想|邓小平理论)为(?:指导|统领)",
    r"贯彻落实科学发展观", r"学习实践科学发展观", r"践行科学发展观", r"先进性教育", r"创先争优", r"系列重要讲话",
    r"群众路线", r"三严三实", r"两学一做", r"不忘初心[、，]\s*牢记使命”?主题教育", r"党史学习教育",
    r"思想主题教育", r"主题教育成果", r"党纪学习教育", r"八项规定精神学习教育", r"疫情", r"停课不停学", r"抗疫",
    r"“十[一二三四]五”", r"(?:迎接|喜迎)(?:党的)?(?:十[六七八九]|二十)大", r"迎接(?:党的)?[二十]+届[一二三四五六七]中全会",
    r"今年是", r"建党百年", r"(?<![、和])(?:党的)?二十届[一二三]中全会精神", r"二十大精神",
]
FOUNDED = {"建党": 1921, "中国共产党成立": 1921, "建团": 1922, "中国共产主义青年团成立": 1922, "建军": 1927,
           "长征胜利": 1936, "抗日战争胜利": 1945, "抗战胜利": 1945, "反法西斯战争胜利": 1945, "新中国成立": 1949,
           "中华人民共和国成立": 1949, "建国": 1949, "少先队建队": 1949, "建队": 1949, "改革开放": 1978,
           "关工委成立": 1990, "香港回归": 1997, "澳门回归": 1999}
BROKEN = [
    r"[和及与、]\s*[，。；！？：]", r"[，。；！？：]\s*(?:和|与(?!会)|及(?!时|早))", r"[，；：、]\s*[，。；！？]", r"^[，。；、：]",
    r"(?:^|[，。；！？])(?:以|结合|在|围绕)?(?:隆重)?(?:庆祝|纪念)?(?:为契机|之际|的同时|的前提下)?[，。；！？]",
    r"(?<!相)(?:结合|围绕|纪念|庆祝|隆重|迎接)[，。；！？]", r"(?:隆重|纪念|庆祝|迎接)[和及与、]", r"[和及与]{2}",
    r"为指导(?=[\u4e00-\u9fff]{2}学习)",  # an old guiding formula left glued before the new wording
]
PAST_FACT = re.compile(r"[^。；]*(?:(?:19|20)\d\d年(?:是|为)[^。；，]*之年|取得的(?:成就|成绩|成效)|自(?:19|20)\d\d年起)[^。；]*")
REDACTED = re.compile(r"(?<![A-Za-z])X(?![A-Za-z])|(?<=[\u4e00-\u9fff])[A-Z]{2}(?=[\u4e00-\u9fff])")


def stale(text: str) -> list[str]:
    found = [m.group(0) for pattern in STALE for m in re.finditer(pattern, text)]
    for name, founded in FOUNDED.items():
        for match in re.finditer(rf"(?<![\u4e00-\u9fff]){name}(\d+)周年|(?<=[^中国少先队]){name}(\d+)周年", text):
            number = int(match.group(1) or match.group(2))
            if number != YEAR - founded and not _quoted(text, match.start()):
                found.append(match.group(0))
    found += [m.group(0) for m in REDACTED.finditer(text)]
    return found


def _quoted(text: str, index: int) -> bool:
    return any(text.count(a, 0, index) > text.count(b, 0, index) for a, b in ("《》", "“”"))


def doubled(text: str, source: str) -> list[str]:
    """Phrases written twice that the source plan did not write twice."""
    found = [m.group(0) for m in re.finditer(r"([\u4e00-\u9fff“”]{4,})[、和，]?\1", text) if m.group(0) not in source]
    for sentence in re.split(r"[。；]", text):
        if sentence.count("为指导") > 1 and sentence.count("为指导") > source.count("为指导"):
            found.append(sentence[:30])
        lists = re.findall(r"(?:党的)?[二十一六七八九]+(?:大|届[^，。；]{0,14}?全会)(?:[和、](?:党的)?[二十一六七八九]+(?:大|届[^，。；]{0,14}?全会))*精神", sentence)
        named = [n for phrase in lists for n in re.findall(r"[二十一六七八九]+大|[一二三四五六七]中", phrase)]
        if len(named) != len(set(named)) and sentence not in source:
            found.append(sentence[:30])
    return found


def short_names(paragraphs: list[str]) -> list[str]:
    """《意见》-like short names used before (or without) the paragraph that defines them."""
    defined, found = set(), []
    for text in paragraphs:
        for match in re.finditer(r"《([^》]{0,2}(?:意见|纲要|条例|办法|规定|决定|通知|规划|方案|要求|指南))》", text):
            if match.group(1) not in defined and not re.search(r"以下简称《" + re.escape(match.group(1)), text):
                found.append(match.group(0))
        defined |= set(re.findall(r"以下简称《([^》]+)》", text))
    return found


def gwplan(*args, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], capture_output=True, text=True, cwd=cwd)


def measure(plan: Path, folder: Path, totals: dict, year: int = YEAR) -> None:
    library, output = folder / f"lib-{plan.stem}", folder / f"{plan.stem}-{year}.docx"
    done = gwplan("ingest", plan, "--library", library)
    if done.returncode != 0:
        totals["ingest failed"].append(plan.name)
        return
    done = gwplan("draft", "--year", year, "--library", library, "-o", output, "--json")
    if done.returncode != 0:
        if not done.stderr.strip() or "Traceback" in done.stderr:
            totals["empty drafts"].append(f"{plan.name}: {done.stderr[-200:]}")
        else:
            totals["refused (with a reason)"].append(f"{plan.name}: {done.stderr.strip()[:80]}")
        return
    report = json.loads(done.stdout)
    if report["clauses"] == 0:
        totals["empty drafts"].append(plan.name)
    paragraphs = runs(output)
    source = re.sub(r"\s+", "", plan.read_text(encoding="utf-8"))
    for full, plain in paragraphs:
        totals["unmarked stale"] += [f"{plan.name[:14]}: {s}" for s in stale(plain)]
        totals["doubled phrases"] += [f"{plan.name[:14]}: {s}" for s in doubled(full, source)]
        totals["broken sentences"] += [f"{plan.name[:14]}: {m.group(0)}" for p in BROKEN for m in re.finditer(p, full)]
        for match in PAST_FACT.finditer(full):
            sentence = re.sub(r"\s+", "", match.group(0)).lstrip("，")
            if sentence and sentence not in source and not _plain_sentence_marked(plain, match):
                totals["wrong past facts"].append(f"{plan.name[:14]}: {sentence[:30]}")
    totals["unmarked stale"] += [f"{plan.name[:14]}: {s}" for s in short_names([plain for _, plain in paragraphs])]
    reported = set(report["left_out"]) | {d["left_out"] for d in report["duplicates"]} | set(report.get("dropped", {}))
    reported |= {i for note in report["notes"] for i in re.findall(r"条款 (\S+?) ", note)}
    try:
        from generator.library.load import load_library
    except ImportError:  # before the layout of issue 16
        from generator.library import load_library

    active = {c.id for _, c in load_library(library).clauses() if c.status == "active"}
    totals["silent drops"] += [f"{plan.name[:14]}: {i}" for i in sorted(active - set(report.get("drafted", [])) - reported)]
    totals["clauses"] += [report["clauses"]]


def _plain_sentence_marked(plain: str, match) -> bool:
    return "\u2063" in plain  # the paragraph carries a highlight: the person is told


def agree(plan: Path, folder: Path, totals: dict, year: int) -> None:
    """check, run on the draft for `year`, calls nothing stale that the draft left unmarked."""
    library, output = folder / f"agree-{plan.stem}", folder / f"agree-{plan.stem}-{year}.docx"
    if not library.exists():
        gwplan("ingest", plan, "--library", library)
    done = gwplan("draft", "--year", year, "--library", library, "-o", output)
    if done.returncode != 0:
        return  # counted by measure()
    checked = json.loads(gwplan("check", output, "--year", year, "--json").stdout or "{}")
    plain = "".join(p for _, p in runs(output))
    for finding in checked.get("findings", []):
        phrase = finding["message"].split("“", 1)[-1].split("”")[0]
        if finding["category"] == "时效" and phrase and phrase in plain:
            totals["check disagrees"].append(f"{plan.name[:14]} {year}: {finding['message'][:40]}")


def main() -> None:
    keys = ["empty drafts", "silent drops", "unmarked stale", "doubled phrases", "broken sentences", "wrong past facts",
            "check disagrees", "ingest failed", "refused (with a reason)", "clauses"]
    plans = sorted(GENRES.glob("*.txt")) + (sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else [])
    totals: dict[str, list] = {key: [] for key in keys}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as temp:
        for plan in plans:
            measure(plan, Path(temp), totals)
        for plan in plans:
            for year in (2026, 2027):
                agree(plan, Path(temp), totals, year)
    print(f"{len(plans)} plans ({len(list(GENRES.glob('*.txt')))} of the genre corpus, the rest seeds), each drafted for {YEAR}: "
          f"{sum(totals['clauses'])} clauses in all, {time.perf_counter() - started:.1f} s")
    for key in keys[:-2]:
        print(f"{key + ':':20} {len(totals[key]):4}   {totals[key][:5]}")
    print(f"{'refused (reason)':20} {len(totals['refused (with a reason)']):4}   {totals['refused (with a reason)'][:3]}")


if __name__ == "__main__":
    main()
