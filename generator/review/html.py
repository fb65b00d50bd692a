"""HTML writer for the year-over-year report: one self-contained page (no network, no assets)."""
from __future__ import annotations

from pathlib import Path

import jinja2

from generator.review.diff import DiffReport
from generator.resources import data_dir
from generator.yamlio import atomic_write

STATUS_LABELS = {"kept": "保留", "reworded": "改写", "added": "新增", "dropped": "删除"}


def diff_html(report: DiffReport) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))), autoescape=True, undefined=jinja2.StrictUndefined
    )
    return env.get_template("diff.html.j2").render(
        title=f"年度对比：{report.new.title or report.new_name}",
        old_name=report.old_name,
        new_name=report.new_name,
        old_title=report.old.title,
        new_title=report.new.title,
        counts={status: report.count(status) for status in STATUS_LABELS},
        changes=report.changes,
        sections=report.sections,
        labels=STATUS_LABELS,
    )


def write_diff_html(report: DiffReport, path: Path) -> None:
    atomic_write(path, diff_html(report))
