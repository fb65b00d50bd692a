"""gwplan diff and gwplan learn: the year-over-year report and a reviewed draft read back."""
from __future__ import annotations

from pathlib import Path

import click

from generator.cli.app import EXIT_OK, LIBRARY_HELP, cli, print_json, refuse_overwrite
from generator.cli.reports import diff_json, learn_json, print_diff_report, print_learn_report
from generator.errors import GwplanError


@cli.command(help="对比两份计划（往年计划或草稿，.docx / .txt），生成逐节逐条的年度对比报告（HTML）。")
@click.argument("old", type=click.Path(path_type=Path), metavar="旧计划")
@click.argument("new", type=click.Path(path_type=Path), metavar="新计划")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), metavar="文件", help="输出的报告（.html）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@click.option("--json", "as_json", is_flag=True, help="同时以 JSON 输出对比结果。")
def diff(old, new, output, force, as_json):
    from generator.review.diff import compare_files
    from generator.review.html import write_diff_html

    if output.suffix.lower() not in (".html", ".htm"):
        raise GwplanError("对比报告应保存为 .html 文件。", str(output))
    refuse_overwrite([output], force)
    report = compare_files(old, new)
    write_diff_html(report, output)
    if as_json:
        print_json(diff_json(report, output))
    else:
        print_diff_report(report, output)
    return EXIT_OK


@cli.command(help="把审核人在 Word 中改过的草稿读回条款库：改写的采用新文字，删除的标为待审，新增的成为新条款，顺序随之调整。")
@click.argument("edited", type=click.Path(path_type=Path), metavar="改过的草稿.docx")
@click.option("--library", "library", required=True, envvar="GWPLAN_LIBRARY", type=click.Path(path_type=Path), metavar="文件夹", help=LIBRARY_HELP)
@click.option("--provenance", type=click.Path(path_type=Path), metavar="文件",
              help="草稿的出处文件（draft --review 生成的 *.provenance.json）；默认在草稿旁边找。")
@click.option("--dry-run", is_flag=True, help="只列出会做的修改，不写入条款库。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出结果。")
@click.option("--force", is_flag=True, help="文档不是 gwplan draft 生成的（没有出处信息和条款标记）时，仍按审核稿学习。")
def learn(edited, library, provenance, dry_run, as_json, force):
    from generator.review.learn import learn as run_learn

    if edited.suffix.lower() != ".docx":
        raise GwplanError("gwplan learn 读取 Word 草稿（.docx）。", str(edited))
    result = run_learn(edited, library, provenance, dry_run, force)
    if as_json:
        print_json(learn_json(result, dry_run))
    else:
        print_learn_report(result, library, dry_run)
    return EXIT_OK
