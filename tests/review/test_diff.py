"""gwplan diff: the year-over-year report, its counts, and its page in a real browser."""
import json
import re
import shutil
import subprocess

import pytest
from conftest import FIXTURES, seed



@pytest.fixture
def library(starter):
    return starter


def test_diff_of_seed_000_against_its_2027_draft(tmp_path, gwplan, seeds):
    lib = tmp_path / "lib"
    source = seed(seeds, "000")
    gwplan("ingest", source, "--library", lib)
    draft = tmp_path / "2027.docx"
    gwplan("draft", "--year", "2027", "--library", lib, "-o", draft)
    result = gwplan("diff", source, draft, "-o", tmp_path / "report.html", "--json")
    data = json.loads(result.out)
    # The preamble and item 1 cite the congress: reworded. The other 19 only roll their year.
    assert data["counts"] == {"kept": 19, "reworded": 2, "added": 0, "dropped": 0}
    assert [c["kind"] for c in data["changes"]] == ["政策表述", "政策表述"]


def test_diff_report_shows_every_kind_of_change(tmp_path, gwplan):
    from generator.library.load import load_library

    lib = tmp_path / "lib"
    gwplan("ingest", FIXTURES / "web_copy.txt", "--library", lib)
    clauses = {c.text: (s, c) for s, c in load_library(lib).clauses()}
    ceremony = next(c for text, (_, c) in clauses.items() if "祭英烈" in text)
    care_section, care = next((s, c) for text, (s, c) in clauses.items() if "困境学生台账" in text)
    text = care_section.path.read_text(encoding="utf-8")
    text = text.replace("不少于300名。", "不少于350名，做到应帮尽帮。", 1)  # a reviewer's new target
    text += "  - id: 暑期托管\n    text: 组织老同志参与暑期托管服务，守护学生假期安全。\n"  # a new clause
    care_section.path.write_text(text, encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"exclude: [{ceremony.id}]\n", encoding="utf-8")  # dropped this year
    draft = tmp_path / "2027.txt"
    assert gwplan("draft", "--year", "2027", "--library", lib, "--plan", plan, "-o", draft).code == 0
    report = tmp_path / "report.html"
    data = json.loads(gwplan("diff", FIXTURES / "web_copy.txt", draft, "-o", report, "--json").out)
    # 9 clauses in 2023: the preamble and item 1 get the new congress wording, the care clause a
    # new target; the ceremony clause is dropped and the summer clause added; 5 only roll their year.
    assert data["counts"] == {"kept": 5, "reworded": 3, "added": 1, "dropped": 1}
    kinds = [(c["kind"], c["old"], c["new"]) for c in data["changes"]]
    assert ("目标数字", "300名", "350名") in kinds and sum(1 for k in kinds if k[0] == "政策表述") == 2
    html = report.read_text(encoding="utf-8")
    assert "<ins>" in html and "<del>" in html and "暑期托管服务" in html and "祭英烈" in html
    assert not re.search(r"(src|href)=\"?https?://", html) and "<script" not in html  # self-contained


def chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(not chromium(), reason="需要 Chromium（.ci/run 会安装）")
def test_report_renders_in_headless_chromium(tmp_path, gwplan):
    lib = tmp_path / "lib"
    gwplan("ingest", FIXTURES / "web_copy.txt", "--library", lib)
    draft = tmp_path / "2027.docx"
    gwplan("draft", "--year", "2027", "--library", lib, "-o", draft)
    report = tmp_path / "report.html"
    gwplan("diff", FIXTURES / "web_copy.txt", draft, "-o", report)
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--no-first-run", "--disable-sync", f"--user-data-dir={tmp_path / 'chrome'}"]
    dom = subprocess.run([chromium(), *flags, "--dump-dom", report.as_uri()], capture_output=True, text=True, timeout=120).stdout
    for heading in ("政策表述与目标的变化", "（总要求）", "加强理论学习，把牢正确方向", "加强自身建设，提升工作水平"):
        assert heading in dom
    assert re.search(r'class="count kept"><b>\d+</b>保留', dom)
    shot = tmp_path / "report.png"
    subprocess.run([chromium(), *flags, "--window-size=1280,2000", f"--screenshot={shot}", report.as_uri()],
                   capture_output=True, timeout=120)
    png = shot.read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 20000  # a real page, not a blank one


# --- learn ------------------------------------------------------------------------------------
