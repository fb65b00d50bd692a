"""gwplan ingest and gwplan lint: the clause library's way in and its checker."""
from __future__ import annotations

from pathlib import Path

import click

from generator.cli.app import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, LIBRARY_HELP, cli, print_json
from generator.cli.reports import ingest_json, lint_json, print_ingest_report, print_lint_report


@cli.command(help="收录往年计划（.docx / .txt / 网页复制的文本）到条款库；条款库不存在时自动创建。")
@click.argument("plans", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="计划文件...")
@click.option("--library", "library", required=True, envvar="GWPLAN_LIBRARY", type=click.Path(path_type=Path), metavar="文件夹", help=LIBRARY_HELP)
@click.option("--rules", type=click.Path(path_type=Path), metavar="文件夹", help="额外的规则文件夹（补充内置的 rules/）。")
@click.option("--org", metavar="名称", help="发文单位：文件的标题和署名中看不出单位时用它（也用于改正）。")
@click.option("--year", type=click.IntRange(2000, 2100), metavar="年份", help="计划年份：文件的标题中看不出年份时用它（也用于改正）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出结果。")
def ingest(plans, library, rules, org, year, as_json):
    from generator.ingest import ingest as run_ingest

    result = run_ingest(list(plans), library, rules, org=org, year=year)
    if as_json:
        print_json(ingest_json(result))
    else:
        print_ingest_report(result)
    # The library differs from a source (control characters removed): the exit code says so.
    return EXIT_FINDINGS if any(plan.removed_chars for plan in result.plans) else EXIT_OK


@cli.command(help="检查条款库：YAML 语法、字段、id 重复、状态、占位符，逐条给出“文件:行号: 问题”。")
@click.option("--library", "library", required=True, envvar="GWPLAN_LIBRARY", type=click.Path(path_type=Path), metavar="文件夹", help=LIBRARY_HELP)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出结果。")
def lint(library, as_json):
    from generator.review.lint import lint_library

    result = lint_library(library)
    if as_json:
        print_json(lint_json(result, library))
    else:
        print_lint_report(result)
    return EXIT_BAD_INPUT if result.errors else EXIT_OK
