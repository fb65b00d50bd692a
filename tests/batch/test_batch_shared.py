"""A batch shares work between its schools (clauses rolled once per school type, page counts,
provenance pieces, the static parts of the package, one sync for many plans, a streamed bundle).
None of it may change a byte: 50 schools drafted in one batch must equal, but for the time of
writing (tests/helpers.docx_digest), each school drafted alone in a process that drafted nothing
before, and the streamed bundle must equal the bundle built in memory from those lone plans.
"""
from __future__ import annotations

import csv
import datetime
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.batch.bind import own_body
from generator.batch.run import run_batch
from generator.profile import load_profile
from generator.writers.bundle import BundlePart, bundle_body
from generator.writers.package import package_bytes, section_properties
from generator.ooxml import W
from generator.writers.pagination import Measure
from generator.writers.pages import body_paragraphs, paragraphs_of
from helpers import docx_digest

ROOT = Path(__file__).resolve().parents[2]
TODAY = datetime.date(2026, 12, 1)
TYPES = ["小学", "初中", "幼儿园", "高中", "完全中学", "九年一贯制", "职校"]
HEADER = ["学校名称", "类型", "关工委主任", "目标.结对帮扶人数", "红色资源"]

# Each school alone: a fork of a process that has loaded gwplan but drafted nothing, one per school.
ALONE = """
import datetime, os, sys
from pathlib import Path
from generator.batch.run import run_batch
for roster in sorted(Path(sys.argv[1]).glob("*.csv")):
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            run_batch(roster, 2027, Path(sys.argv[2]), jobs=1, review=True, today=datetime.date(2026, 12, 1))
            code = 0
        finally:
            os._exit(code)
    if os.waitpid(pid, 0)[1] != 0:
        sys.exit(f"{roster.name} failed")
"""


def rows(count: int = 50) -> list[list]:
    found = []
    for number in range(count):
        kind = TYPES[number % len(TYPES)]
        helped = "" if number % 9 == 4 else 10 + number % 7  # some schools give no target: 【待定】
        found.append([f"青山区第{number + 1}{'幼儿园' if kind == '幼儿园' else '学校'}", kind, f"主任{number}",
                      helped, "青山烈士陵园" if number % 3 == 0 else ""])
    return found


def write_csv(path: Path, lines: list[list]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *lines])


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    if not hasattr(__import__("os"), "fork"):
        pytest.skip("needs fork")
    folder = tmp_path_factory.mktemp("shared")
    schools = rows()
    write_csv(folder / "名册.csv", schools)
    batch = run_batch(folder / "名册.csv", 2027, folder / "together", bundle=folder / "汇编.docx", jobs=2,
                      review=True, today=TODAY)
    (folder / "alone-rosters").mkdir()
    for number, school in enumerate(schools):
        write_csv(folder / "alone-rosters" / f"{number:02d}.csv", [school])
    subprocess.run([sys.executable, "-c", ALONE, str(folder / "alone-rosters"), str(folder / "alone")],
                   check=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": ""}, capture_output=True)
    return folder, batch


def test_each_plan_is_the_plan_drafted_alone(both):
    folder, batch = both
    together = sorted((folder / "together").glob("*.docx"))
    alone = sorted((folder / "alone").glob("*.docx"))
    assert len(together) == 50 and [p.name for p in together] == [p.name for p in alone]
    differ = [p.name for p, q in zip(together, alone) if docx_digest(p) != docx_digest(q)]
    assert not differ, f"{len(differ)} plans differ, e.g. {differ[:3]}"
    assert not list((folder / "together").glob(".*.tmp"))


def test_the_streamed_bundle_is_the_bundle_of_the_lone_plans(both):
    folder, batch = both
    profile = load_profile()
    measure = Measure(profile)
    parts = []
    for result in batch.written:
        body = own_body((folder / "alone" / result.path.name).read_bytes())
        paragraphs = body_paragraphs(body.xml)  # read with patterns: the same as with a parser
        assert paragraphs == paragraphs_of(f'<w:document xmlns:w="{W[1:-1]}"><w:body>{body.xml}</w:body></w:document>')
        parts.append(BundlePart(body, result.name, measure.pages(paragraphs)))
    streamed = folder / "汇编.docx"
    with zipfile.ZipFile(streamed) as package:  # the title and unit come from the district's draft
        core = ElementTree.fromstring(package.read("docProps/core.xml"))
    title, creator = (core.find(f"{{http://purl.org/dc/elements/1.1/}}{name}").text for name in ("title", "creator"))
    body, starts = bundle_body(parts, profile, title, creator, measure)
    assert starts == batch.starts and title.endswith("（学校计划汇编）")
    rebuilt = folder / "汇编-内存.docx"
    rebuilt.write_bytes(package_bytes(body, profile, title, creator, section=section_properties(profile), bundle=True))
    assert docx_digest(streamed) == docx_digest(rebuilt)
    assert len(body.comments) > 50  # the review comments of every plan are in the bundle
