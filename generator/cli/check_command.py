"""gwplan check: GB/T 9704 and freshness findings for any .docx; --fix writes a repaired copy."""
from __future__ import annotations

from pathlib import Path

import click

from generator.cli.app import EXIT_FINDINGS, EXIT_OK, YEAR, cli, print_json, refuse_overwrite
from generator.cli.reports import check_json, print_check_report
from generator.errors import GwplanError


@cli.command(help="检查 .docx 是否符合 GB/T 9704-2012 公文格式，以及年份、会议表述等是否过时；--fix 自动修复格式问题。")
@click.argument("document", type=click.Path(path_type=Path), metavar="文件.docx")
@click.option("--year", type=YEAR, metavar="年份", help="计划年份（默认从标题中读取），用于检查时效。")
@click.option("--rules", type=click.Path(path_type=Path), metavar="文件夹", help="额外的规则文件夹（补充内置的 rules/）。")
@click.option("--fix", "fix", is_flag=True, help="把可以机械修复的问题（版面、字体字号、标点、空格、序号写法）修好，另存到 -o。")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="文件", help="--fix 的输出文件。")
@click.option("--fonts", type=click.Choice(["standard", "windows"]), default="standard", metavar="方案",
              help="--fix 写入的字体名称：standard（仿宋_GB2312 等，默认）或 windows（仿宋 等）。")
@click.option("--force", is_flag=True, help="--fix 的输出文件已存在时覆盖。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出检查结果。")
def check(document, year, rules, fix, output, fonts, force, as_json):
    from generator.check.checker import check_document

    if fix and output is None:
        raise click.UsageError("--fix 需要用 -o 指定修复后的文件（原文件不会被改动）。")
    if output is not None and not fix:
        raise click.UsageError("-o 只和 --fix 一起使用。")
    if fix:
        if output.resolve() == document.resolve():
            raise GwplanError("修复结果不能覆盖原文件，请用 -o 指定另一个文件名。", str(output))
        refuse_overwrite([output], force)
    if document.suffix.lower() != ".docx":
        raise GwplanError("gwplan check 只检查 .docx 文件（.doc 请先另存为 .docx）。", str(document))
    report = check_document(document, year, rules)
    fixed = []
    if fix:
        from generator.check.fix import fix_document

        fixed = fix_document(document, output, fonts, checked=report.document)
    if as_json:
        print_json(check_json(report, fixed, output if fix else None))
    else:
        print_check_report(report, fixed, output)
    return EXIT_FINDINGS if report.errors else EXIT_OK
