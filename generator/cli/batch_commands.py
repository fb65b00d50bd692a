"""gwplan batch (a plan per school, and a bundle) and gwplan bundle (any .docx files bound)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.app import EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, YEAR, cli, print_json
from generator.errors import GwplanError


@cli.command(help="按学校名册批量生成各校的关心下一代工作计划，可同时生成一份便于打印的汇编。")
@click.argument("roster", type=click.Path(path_type=Path), metavar="名册")
@click.option("--year", required=True, type=YEAR, metavar="年份", help="计划年份，如 2027。")
@click.option("-o", "--output", "outdir", required=True, type=click.Path(path_type=Path), metavar="文件夹", help="各校计划的输出文件夹。")
@click.option("--bundle", type=click.Path(path_type=Path), metavar="文件", help="同时把全部计划汇编成一个 .docx（每校另起一页，页码从 1 起）。")
@click.option("--library", "library", envvar="GWPLAN_LIBRARY", type=click.Path(path_type=Path), metavar="文件夹",
              help="上级（区、市）的条款库；不指定时使用内置示例条款库。")
@click.option("--plan", "plan_file", type=click.Path(path_type=Path), metavar="文件", help="上级的计划文件（YAML），学校计划从中继承条款。")
@click.option("--targets", type=click.Path(path_type=Path), metavar="文件", help="默认目标值；名册中各校的“目标.名称”列优先。")
@click.option("--rules", type=click.Path(path_type=Path), metavar="文件夹", help="额外的规则文件夹（补充内置的 rules/）。")
@click.option("--fonts", type=click.Choice(["standard", "windows"]), default="standard", metavar="方案", help="字体名称方案：standard 或 windows。")
@click.option("--jobs", type=click.IntRange(1, 64), metavar="N", help="并行进程数（默认为 CPU 核数）。")
@click.option("--review", is_flag=True, help="审阅版：每段加 Word 批注，注明条款出处和改动（汇编中同样保留）。")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
@click.option("--verbose", "-v", is_flag=True, help="逐条列出每所学校需要人工查看的内容。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出结果。")
def batch(roster, year, outdir, bundle, library, plan_file, targets, rules, fonts, jobs, review, force, verbose, as_json):
    from generator.batch.run import BatchInterrupted, run_batch
    from generator.cli.reports import batch_json, print_batch_report
    from generator.batch.roster import read_roster
    from generator.rules.schooltypes import load_school_types

    if bundle is not None and bundle.suffix.lower() != ".docx":
        raise GwplanError("汇编文件应以 .docx 结尾。", str(bundle))
    show_bar = sys.stderr.isatty() and not as_json
    total = len(read_roster(roster, load_school_types(rules))) if show_bar else 0
    try:
        with click.progressbar(length=total, label="生成学校计划", file=sys.stderr) if show_bar else _NoBar() as bar:
            result = run_batch(
                roster, year, outdir, library=library, plan=plan_file, targets=targets, rules=rules,
                bundle=bundle, jobs=jobs, force=force, fonts=fonts, review=review, progress=bar.update,
            )
    except BatchInterrupted as stop:
        click.echo(f"\n已中断：{len(stop.written)} 份学校计划已完整写入 {stop.outdir}，其余学校没有生成"
                   f"{'，汇编也没有生成' if bundle is not None else ''}。重新运行时加 --force 覆盖。", err=True)
        return EXIT_INTERRUPTED
    if as_json:
        print_json(batch_json(result))
    else:
        print_batch_report(result, verbose)
    return EXIT_FINDINGS if result.failed or result.bundle_error else EXIT_OK


@cli.command(name="bundle", help="把多份 .docx 计划（gwplan 生成的、在 Word/WPS 里改过的或其他来源的）汇编成一个便于双面打印的文件：先是目录，每份计划从奇数页开始、页码从 1 起。")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="文件或文件夹...")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), metavar="文件", help="汇编文件（.docx）。")
@click.option("--roster", type=click.Path(path_type=Path), metavar="名册", help="按名册中学校的顺序排列（按文件名或标题中的学校名称对应）。")
@click.option("--title", default="", metavar="标题", help="目录页的标题（默认“工作计划汇编”）。")
@click.option("--fonts", type=click.Choice(["standard", "windows"]), default="standard", metavar="方案", help="目录页的字体名称方案：standard 或 windows。")
@click.option("--rules", type=click.Path(path_type=Path), metavar="文件夹", help="额外的规则文件夹（名册中的学校类型）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出结果。")
def bundle_command(inputs, output, roster, title, fonts, rules, force, as_json):
    from generator.batch.bind import run_bundle
    from generator.cli.reports import bundle_json, print_bundle_report

    result = run_bundle(list(inputs), output, roster=roster, title=title, force=force, fonts=fonts, rules=rules)
    if as_json:
        print_json(bundle_json(result))
    else:
        print_bundle_report(result)
    return EXIT_FINDINGS if result.missing or any(f.pages is None for f in result.files) else EXIT_OK


class _NoBar:
    """Stands in for the progress bar when output is not a terminal."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, steps: int) -> None:
        pass
