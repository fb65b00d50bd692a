"""Drafts that tell the truth for any unit: the drafting unit's kind decides the audience, no
clause leaves without a report line, no draft is empty, units and years never mix."""
import json
import re
import shutil
from pathlib import Path

import docx
import pytest
import yaml

from conftest import run_gwplan

GENRES = Path(__file__).resolve().parents[1] / "corpus" / "genres"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def plan(prefix: str) -> Path:
    return next(GENRES.glob(f"{prefix}*.txt"))


@pytest.fixture(scope="module")
def libraries(tmp_path_factory):
    """One library per unit: a school's 德育 plan, a bureau's 安全 points, a 关工委 under two names."""
    root = tmp_path_factory.mktemp("units")
    made = {}
    for name, prefixes in {"deyu": ["2019"], "anquan": ["2020"], "ggw": ["2025-松溪", "2026"],
                           "mixed": ["2025-松溪", "2026", "2024"]}.items():
        run_gwplan("ingest", *[plan(p) for p in prefixes], "--library", root / name)
        made[name] = root / name
    return made


def draft(gwplan, library, *args, year=2027):
    output = library.parent / f"{library.name}-{year}-{len(args)}.docx"
    done = gwplan("draft", "--year", year, "--library", library, "-o", output, "--force", "--json", *args)
    return done, (json.loads(done.out) if done.code == 0 else None), output


def highlighted(path: Path) -> str:
    return "".join("".join(t.text or "" for t in r.iter(W + "t")) for r in docx.Document(str(path)).element.body.iter(W + "r")
                   if r.find(f"{W}rPr/{W}highlight") is not None)


def test_a_school_s_own_plan_keeps_its_school_clauses(gwplan, libraries):
    done, report, output = draft(gwplan, libraries["deyu"])
    assert done.code == 0, done.err
    assert report["clauses"] == 8 and report["sections"] == 3 and not report["dropped"]
    text = "\n".join(p.text for p in docx.Document(str(output)).paragraphs)
    assert "班主任做好记录" in text and "各年级组要结合学生年龄特点" in text


def test_every_active_clause_is_drafted_or_named_in_the_report(gwplan, libraries):
    from generator.library.load import load_library

    for name, library in libraries.items():
        done, report, _ = draft(gwplan, library, *(["--org", "松溪区教育局关工委"] if name == "mixed" else []))
        assert done.code == 0, (name, done.err)
        active = {c.id for _, c in load_library(library).clauses() if c.status == "active"}
        said = set(report["drafted"]) | set(report["left_out"]) | set(report["dropped"]) | {d["left_out"] for d in report["duplicates"]}
        assert active <= said, (name, active - said)


def test_a_district_plan_leaves_out_school_only_clauses_with_a_reason(gwplan, libraries, tmp_path):
    library = tmp_path / "lib"
    shutil.copytree(libraries["anquan"], library)
    section = sorted(library.glob("[1-9]*.yaml"))[0]
    data = yaml.safe_load(section.read_text(encoding="utf-8"))
    first = data["clauses"][0]["id"]
    section.write_text(re.sub(r"audience: \w+", "audience: school", section.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    done, report, _ = draft(gwplan, library)
    assert done.code == 0, done.err
    assert first in report["dropped"] and "school" in report["dropped"][first] and first not in report["drafted"]
    text = gwplan("draft", "--year", 2027, "--library", library, "-o", tmp_path / "a.txt").out
    assert f"· {first}：条款库中标为只用于学校计划" in text
    everything = gwplan("draft", "--year", 2027, "--library", library, "-o", tmp_path / "b.docx", "--all")
    assert everything.code == 0 and "或加 --all" not in everything.out and "【读者】" in everything.out


def test_an_empty_body_is_an_error_that_says_why(gwplan, libraries, tmp_path):
    library = tmp_path / "lib"
    shutil.copytree(libraries["deyu"], library)
    (library / "unit.yaml").write_text("kind: 教育局\n", encoding="utf-8")  # a school's clauses, drafted as a bureau
    output = tmp_path / "empty.docx"
    done = gwplan("draft", "--year", 2027, "--library", library, "-o", output)
    assert done.code == 2 and "没有正文" in done.err and "按读者略去" in done.err and not output.exists()


def test_org_names_match_after_normalisation_and_never_mix_units(gwplan, libraries):
    for org in ("松溪区教育局关工委", "松溪区教育局关心下一代工作委员会"):
        done, report, output = draft(gwplan, libraries["mixed"], "--org", org)
        assert done.code == 0, done.err
        assert report["base"]["year"] == 2026 and report["base"]["org"] == "松溪区教育局关心下一代工作委员会"
        body = "\n".join(p.text for p in docx.Document(str(output)).paragraphs)
        assert "妇委会" not in body and "女教职工" not in body
    done, _, _ = draft(gwplan, libraries["mixed"], "--org", "青山区教育系统妇委会")
    assert done.code == 0
    unknown = gwplan("draft", "--year", 2027, "--library", libraries["mixed"], "-o", libraries["mixed"].parent / "x.docx",
                     "--org", "临江市教育局")
    assert unknown.code == 2 and "2026　松溪区教育局关心下一代工作委员会" in unknown.err and "2024　青山区教育系统妇委会" in unknown.err


def test_a_plan_of_unknown_year_is_listed_not_merged(gwplan, libraries, tmp_path):
    library = tmp_path / "lib"
    shutil.copytree(libraries["ggw"], library)
    meta = library / "gwplan.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("    year: 2026\n", ""), encoding="utf-8")
    done = gwplan("draft", "--year", 2027, "--library", library, "-o", tmp_path / "x.docx")
    assert done.code == 2 and "年份不明" in done.err and "2025　松溪区教育局关工委" in done.err


def test_short_name_whose_definition_is_not_drafted_is_marked(gwplan, libraries, tmp_path):
    spec = tmp_path / "plan.yaml"
    from generator.library.load import load_library

    defining = next(c.id for _, c in load_library(libraries["ggw"]).clauses() if "以下简称《意见》" in c.text)
    spec.write_text(f"exclude: [{defining}]\n", encoding="utf-8")
    done, report, output = draft(gwplan, libraries["ggw"], "--plan", spec)
    assert done.code == 0, done.err
    assert "《意见》" in highlighted(output)
    assert any(f["excerpt"] == "《意见》" and defining in f["reason"] for r in report["reports"] for f in r["flags"])
    done, report, output = draft(gwplan, libraries["ggw"])
    assert "《意见》" not in highlighted(output)


@pytest.mark.parametrize("year", [2026, 2027])
def test_check_accepts_every_wording_the_draft_writes(gwplan, libraries, year):
    done, report, output = draft(gwplan, libraries["ggw"], year=year)
    assert done.code == 0, done.err
    checked = json.loads(gwplan("check", output, "--year", year, "--json").out)
    marked = highlighted(output)
    stale = [f for f in checked["findings"] if f["category"] == "时效"]
    assert all(f["excerpt"] and any(part in marked for part in f["message"].split("“")[1:2]) for f in stale), stale
    body = "\n".join(p.text for p in docx.Document(str(output)).paragraphs)
    assert "党的二十届四中全会精神" in body and "党的二十大和二十届历次全会精神" in body


def test_headings_are_checked_like_clauses(gwplan, tmp_path):
    library = tmp_path / "lib"
    assert gwplan("ingest", plan("2011"), "--library", library).code == 0
    done, report, output = draft(gwplan, library)
    assert done.code == 0, done.err
    headings = [p.text for p in docx.Document(str(output)).paragraphs if p.style.name.startswith("Heading 2")]
    assert headings and not any("90周年" in h for h in headings)
    assert "创先争优" in highlighted(output) and "十二五" in highlighted(output)
