"""gwplan batch: one school-level plan per roster row, and optionally one bundle for printing.

The district library, plan file, rules, targets and templates are loaded once (a Drafter);
worker processes forked from that state draft and write the schools in parallel. A row that
fails is reported with its row number and never stops the others.

What is the same for every school is done once per process and kept: clauses rolled over, marked
and put into a school's voice (per school type), page counts of paragraphs, provenance entries;
schools alike are handed out together, so one worker drafts their shared texts. Workers write each plan to a temporary name; the parent syncs and renames them into place a few
hundred at a time (writers/staged.py). Plan bodies for the bundle wait in a spool file.
"""
from __future__ import annotations

import datetime
import multiprocessing
import os
import re
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.batch.roster import School, read_roster
from generator.draft.build import Drafter
from generator.draft.marks import marks_in
from generator.draft.planfile import ALL_SCHOOLS, PlanSpec
from generator.draft.provenance import review_notes, sidecar_text
from generator.draft.schoolplan import SchoolUnit
from generator.errors import GwplanError, located
from generator.profile import Profile, load_profile
from generator.rules.audience import AudienceRules, load_audience_rules
from generator.rules.schooltypes import SchoolTypes, load_school_types
from generator.writers.bundle import BundlePart, Spool, SpooledBody, write_bundle
from generator.writers.docx import body_xml
from generator.writers.package import Body, package_bytes
from generator.writers.staged import commit_temporaries, write_temporary
from generator.yamlio import NAME_MAX, TEMP_NAME_EXTRA, write_problem

SCHOOL_TEMPLATE = "school.j2"
COMMIT_EVERY = 500, 0.5  # plans put in place together (one sync): this many, or after these seconds
_WINDOWS_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?$", re.IGNORECASE)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')


@dataclass
class MarkLine:
    """One thing in a school's plan a person must look at (a highlighted sentence)."""

    clause_id: str
    where: str  # library file:line of the clause
    kind: str
    excerpt: str
    reason: str


@dataclass
class RowResult:
    row: int
    name: str
    path: Path | None = None
    error: str = ""
    temp: str = ""  # the plan written under a temporary name, until it is put in place
    body: Body | SpooledBody | None = None  # the plan's paragraphs (and comments), kept for the bundle
    flags: list[MarkLine] = field(default_factory=list)
    left_out: int = 0  # district sentences left out of a school clause
    dropped: dict[str, str] = field(default_factory=dict)  # clause id → why this school's plan leaves it out
    pages: int | None = None  # pages the plan fills (computed for the bundle's 目录)


@dataclass
class BatchResult:
    results: list[RowResult]
    bundle: Path | None = None
    outdir: Path | None = None
    bundle_error: str = ""  # why the bundle was not written (the plans were)
    starts: list[int | None] = field(default_factory=list)  # each written plan's first page in the bundle

    @property
    def written(self) -> list[RowResult]:
        return [r for r in self.results if r.path is not None]

    @property
    def failed(self) -> list[RowResult]:
        return [r for r in self.results if r.error]


def safe_file_name(name: str, max_bytes: int = 120) -> str:
    """A school name made safe as a file name on Windows and Linux: no separators, no `..`, and
    at most `max_bytes` bytes of UTF-8 (file names are limited in bytes, 3 to a Chinese character)."""
    cleaned = _UNSAFE.sub("_", name).strip().strip(".").strip()
    cleaned = re.sub(r"\.{2,}", ".", cleaned)
    if not cleaned:
        cleaned = "学校"
    if _WINDOWS_RESERVED.match(cleaned):
        cleaned = f"_{cleaned}"
    return cleaned.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")


def output_paths(schools: list[School], outdir: Path, year: int) -> dict[int, Path]:
    """A unique path inside `outdir` for every usable row; two schools of one name get （2）."""
    root = outdir.resolve()
    taken: set[str] = set()
    paths = {}
    for school in schools:
        if school.problem:
            continue
        ending = f"{year}年关心下一代工作计划"
        room = NAME_MAX - TEMP_NAME_EXTRA - len(f"{ending}（9999）.docx".encode("utf-8"))
        stem = f"{safe_file_name(school.name, room)}{ending}"
        candidate, number = stem, 2
        while candidate.lower() in taken:
            candidate, number = f"{stem}（{number}）", number + 1
        taken.add(candidate.lower())
        path = root / f"{candidate}.docx"
        if path.parent != root:  # belt and braces: nothing is ever written outside OUTDIR
            raise GwplanError(f"学校名称“{school.name}”无法生成安全的文件名。")
        paths[school.row] = path
    return paths


def school_unit(school: School, types: SchoolTypes, audience: AudienceRules, spec: PlanSpec) -> SchoolUnit:
    """The school as its plan sees it: its type, its voice and its own targets (the roster's
    values first, then the plan file's defaults for its type, then for all schools)."""
    targets = {**spec.school_targets.get(ALL_SCHOOLS, {}), **spec.school_targets.get(school.type, {}), **school.targets}
    local = "我园" if school.type == "幼儿园" else "我校"
    return SchoolUnit(school.type, types, audience, targets, local)


def check_school_targets(spec: PlanSpec, types: SchoolTypes) -> None:
    """Every school type the plan file gives targets for must be one the rules know."""
    for name, line in spec.school_target_lines.items():
        if name != ALL_SCHOOLS and types.canonical(name) != name:
            known = "、".join([ALL_SCHOOLS, *types.types])
            raise GwplanError(f"school_targets 中的“{name}”不是学校类型（可用：{known}）。", spec.path, line)


class _Job:
    """The state every worker shares (forked, so it is built once in the parent)."""

    drafter: Drafter
    profile: Profile
    types: SchoolTypes
    audience: AudienceRules
    paths: dict[int, Path]
    today: datetime.date
    keep_bodies: bool
    review: bool
    district_title: str


_JOB: _Job | None = None


def _draft_school(school: School) -> RowResult:
    job = _JOB
    result = RowResult(school.row, school.name)
    if school.problem:
        result.error = school.problem
        return result
    try:
        draft = job.drafter.draft(
            school.name,
            template=SCHOOL_TEMPLATE,
            today=job.today,
            school=school_unit(school, job.types, job.audience, job.drafter.spec),
            extra_clauses=school.clauses,
            extra_context={
                "school": school.name,
                "school_type": school.type,
                "director": school.director,
                "values": school.values,
                "district_title": job.district_title,
            },
        )
        in_file = {(m.excerpt, m.reason) for m in marks_in(draft.plan)}  # what the school's file highlights
        result.flags = [
            MarkLine(r.clause_id, located("", r.origin, r.line).rstrip(": "), f.kind, f.excerpt, f.reason)
            for r in draft.reports for f in r.flags if (f.excerpt, f.reason) in in_file
        ]
        result.left_out = sum(len(r.left_out) for r in draft.reports)
        result.dropped = dict(draft.selection.dropped) if draft.selection else {}
        notes = review_notes(draft) if job.review else None
        body, path = body_xml(draft.plan, job.profile, notes, count_pages=job.keep_bodies), job.paths[school.row]
        result.flags += [MarkLine("", str(path), "版式", draft.plan.signature, warning) for warning in body.warnings]
        body.provenance = sidecar_text(draft, path, job.drafter.library.root)
        result.temp = write_temporary(path, package_bytes(body, job.profile, draft.plan.title, school.name))
        if job.keep_bodies:
            result.body, result.pages = body, body.pages
    except GwplanError as exc:
        result.error = exc.message
    except OSError as exc:
        result.error = f"写入失败：{exc.strerror or exc}"
    return result


def run_batch(
    roster: Path,
    year: int,
    outdir: Path,
    *,
    library: Path | None = None,
    plan: Path | None = None,
    targets: Path | None = None,
    rules: Path | None = None,
    bundle: Path | None = None,
    jobs: int | None = None,
    force: bool = False,
    fonts: str = "standard",
    today: datetime.date | None = None,
    review: bool = False,
    progress=None,
) -> BatchResult:
    """Draft every school of `roster` into `outdir`; `progress(n)` is called as rows finish."""
    global _JOB
    types = load_school_types(rules)
    schools = read_roster(roster, types)
    drafter = Drafter(year, library, targets, plan, rules)
    check_school_targets(drafter.spec, types)
    if outdir.exists() and not outdir.is_dir():
        raise GwplanError("输出位置是一个文件，不是文件夹。", str(outdir))
    paths = output_paths(schools, outdir, year)
    _refuse_clashes(paths, bundle, [roster, plan, targets])
    existing = [p for p in paths.values() if p.exists()]
    if bundle is not None and bundle.exists():
        existing.append(bundle)
    if existing and not force:
        shown = "、".join(p.name for p in existing[:3])
        raise GwplanError(f"{len(existing)} 个输出文件已存在（{shown}……）；要覆盖请加 --force。", str(outdir))
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GwplanError(f"无法创建输出文件夹：{write_problem(exc, outdir / '_')}；没有生成任何文件。", str(outdir)) from None

    if bundle is not None and not bundle.parent.is_dir():
        raise GwplanError("汇编文件所在的文件夹不存在；没有生成任何文件。", str(bundle))
    district = drafter.draft(today=today)
    job = _Job()
    job.drafter, job.profile, job.types, job.paths = drafter, load_profile(fonts), types, paths
    job.audience = load_audience_rules(rules)
    job.today, job.keep_bodies, job.district_title = today or datetime.date.today(), bundle is not None, district.plan.title
    job.review = review
    _JOB = job
    started = time.time()
    spool = Spool() if bundle is not None else None
    alike = sorted(schools, key=lambda s: (s.type, repr(sorted(s.targets.items())), repr(sorted(s.values.items()))))
    results, staged, drafted = [], [], _run_all(alike, jobs or os.cpu_count() or 1)
    committed = time.monotonic()
    try:
        for result in drafted:
            if result.temp:
                staged.append(result)
            if spool is not None and result.body is not None:
                result.body = spool.add(result.body)
            results.append(result)
            if len(staged) >= COMMIT_EVERY[0] or time.monotonic() - committed > COMMIT_EVERY[1]:
                _commit(staged, paths)
                committed = time.monotonic()
            if progress:
                progress(1)
        _commit(staged, paths)
        results.sort(key=lambda result: result.row)  # roster order again (the report, the bundle)
        outcome = BatchResult(results, outdir=outdir)
        written = [r for r in results if r.path is not None]
        if bundle is not None and written:
            parts = [BundlePart(r.body, r.name, r.pages) for r in written]
            try:
                outcome.starts = write_bundle(parts, bundle, job.profile, f"{district.plan.title}（学校计划汇编）", district.plan.org)
                outcome.bundle = bundle
            except GwplanError as exc:
                outcome.bundle_error = f"{bundle}：" + exc.message.replace("没有改动任何文件", "汇编文件没有写成")
    except KeyboardInterrupt:
        drafted.close()  # the workers stop before the plans they were writing are cleared away
        _commit(staged, paths)
        raise BatchInterrupted(_written_since(paths, started), outdir) from None
    finally:
        drafted.close()  # stops the workers at once if anything went wrong (a no-op when done)
        for result in staged:  # not put in place because something failed: no hidden leftovers
            Path(result.temp).unlink(missing_ok=True)
        _JOB = None
        if spool is not None:
            spool.close()
    for result in results:
        result.body = None
    return outcome


def _refuse_clashes(paths: dict[int, Path], bundle: Path | None, inputs: list[Path | None]) -> None:
    """No output may be an input, and the bundle may not be one of the plans."""
    plans = {p.resolve() if p.is_symlink() else p: p for p in paths.values()}  # their folder is resolved
    for given in [i for i in inputs if i is not None]:
        if given.resolve() in plans or (bundle is not None and given.resolve() == bundle.resolve()):
            raise GwplanError("输出文件与这个输入文件是同一个文件，会把它覆盖；请换一个输出位置。", str(given))
    if bundle is not None and bundle.resolve() in plans:
        raise GwplanError("汇编文件与一所学校的计划是同一个文件，会把那份计划覆盖；请给汇编另起一个文件名。", str(bundle))


def _commit(staged: list[RowResult], paths: dict[int, Path]) -> None:
    """Put the plans written so far in place (all synced first); empties `staged`."""
    failed = commit_temporaries([(result.temp, paths[result.row]) for result in staged])
    for result in staged:
        if result.temp in failed:
            result.error = f"写入失败：{write_problem(failed[result.temp], paths[result.row])}"
        else:
            result.path = paths[result.row]
        result.temp = ""
    staged.clear()


class BatchInterrupted(Exception):
    """Ctrl-C during a batch: which plans are on disk now (every one of them complete)."""

    def __init__(self, written: list[Path], outdir: Path):
        super().__init__("interrupted")
        self.written, self.outdir = written, outdir


def _written_since(paths: dict[int, Path], started: float) -> list[Path]:
    """The plans this run wrote before it was stopped; half-written temporary files are removed
    (a plan is renamed into place only when complete, so the others are whole)."""
    folders = {path.parent for path in paths.values()}
    for folder in folders:
        for temp in folder.glob(".*.tmp"):
            try:
                if temp.stat().st_mtime >= started - 1:
                    temp.unlink()
            except OSError:
                pass
    return [p for p in paths.values() if p.exists() and p.stat().st_mtime >= started - 1]


def _run_all(schools: list[School], jobs: int):
    """Each school's RowResult, in roster order, as it is done."""
    fork = "fork" in multiprocessing.get_all_start_methods()
    if jobs <= 1 or len(schools) < 8 or not fork:
        for school in schools:
            yield _draft_school(school)
        return
    # Forked workers inherit the loaded library, rules and compiled templates from this process.
    # They ignore Ctrl-C: the parent alone stops the pool and says what was written.
    context = multiprocessing.get_context("fork")
    chunk = max(1, min(32, len(schools) // (jobs * 4)))
    pool = context.Pool(jobs, initializer=signal.signal, initargs=(signal.SIGINT, signal.SIG_IGN))
    try:
        yield from pool.imap(_draft_school, schools, chunksize=chunk)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
