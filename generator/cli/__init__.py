"""The gwplan command line: parse arguments, call the library functions, print Chinese results.

Exit codes: 0 done; 1 findings or partial failure; 2 bad usage or bad input; 3 internal error.
"""
from __future__ import annotations

import codecs
import json
import os
import sys
import traceback
import unicodedata
from dataclasses import asdict
from pathlib import Path

import click

from generator import __version__
from generator.errors import GwplanError
from generator.cli.reports import draft_json, print_draft_report

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class ChineseFormatter(click.HelpFormatter):
    _HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}

    def write_usage(self, prog, args="", prefix=None):
        super().write_usage(prog, args, prefix="用法：")

    def write_heading(self, heading):
        self.write(f"{'':>{self.current_indent}}{self._HEADINGS.get(heading, heading)}：\n")

    def write_dl(self, rows, col_max=30, col_spacing=2):
        # click measures width with len(); Chinese characters take two columns on a terminal.
        rows = [(term, text.replace("[required]", "[必填]").replace("default:", "默认：")) for term, text in rows]
        width = min(max((_display_width(term) for term, _ in rows), default=0), col_max)
        for term, text in rows:
            indent = " " * self.current_indent
            gap = width - _display_width(term) + col_spacing
            if gap >= col_spacing:
                self.write(f"{indent}{term}{' ' * gap}{text}\n")
            else:
                self.write(f"{indent}{term}\n{indent}{' ' * (width + col_spacing)}{text}\n")


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class ChineseContext(click.Context):
    formatter_class = ChineseFormatter


class ChineseCommand(click.Command):
    context_class = ChineseContext

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx):
        return _help_option(self, ctx)


class ChineseGroup(click.Group):
    context_class = ChineseContext
    command_class = ChineseCommand

    def get_help_option(self, ctx):
        return _help_option(self, ctx)


def _help_option(command, ctx):
    option = click.Command.get_help_option(command, ctx)
    if option is not None:
        option.help = "显示本帮助并退出。"
    return option


LIBRARY_HELP = "条款库文件夹（也可用环境变量 GWPLAN_LIBRARY 指定）。"


@click.group(
    cls=ChineseGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    options_metavar="[选项]",
    subcommand_metavar="命令 [参数]...",
    help="gwplan：用往年的工作要点起草新一年的公文（GB/T 9704-2012 格式）。\n\n"
    "流程：ingest 收录往年计划 → 审核条款库（lint 检查）→ draft 起草新年度计划 → check 检查成稿。",
)
@click.version_option(__version__, "-V", "--version", message="gwplan %(version)s", help="显示版本并退出。")
def cli():
    pass


@cli.command(help="收录往年计划（.docx / .txt / 网页复制的文本）到条款库；条款库不存在时自动创建。")
@click.argument("plans", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="计划文件...")
@click.option("--library", "library", required=True, envvar="GWPLAN_LIBRARY", type=click.Path(path_type=Path), metavar="文件夹", help=LIBRARY_HELP)
@click.option("--rules", type=click.Path(path_type=Path), metavar="文件夹", help="额外的规则文件夹（补充内置的 rules/）。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出结果。")
def ingest(plans, library, rules, as_json):
    from generator.ingest import ingest as run_ingest

    result = run_ingest(list(plans), library, rules)
    if as_json:
        _print_json(
            {
                "library": str(result.library),
                "sections": result.sections,
                "clauses": result.clauses,
                "written": [str(p) for p in result.written],
                "upgraded": result.upgraded,
                "migrated": result.migrated,
                "audiences": result.audiences,
                "audience_added": result.audience_added,
                "plans": [asdict(p) for p in result.plans],
            }
        )
        return EXIT_OK
    click.echo(f"收录 {len(result.plans)} 份计划到条款库 {result.library}：")
    for plan in result.plans:
        label = f"{plan.org or '（未识别单位）'} {plan.year or '（未识别年份）'}年"
        if plan.skipped:
            click.echo(f"  - {plan.file}：{plan.skipped}。")
            continue
        click.echo(
            f"  ✓ {plan.file}　{label}：{plan.sections} 节 {plan.clauses} 条；新增 {plan.added} 条，并入已有条款 {plan.merged} 条。"
        )
        for warning in plan.warnings:
            click.echo(f"    提示：{warning}")
    if result.upgraded:
        click.echo(
            f"条款库已升级为新格式：来源中的原话改为逐字保存、同样的原话只保存一次（去掉 {result.migrated} 份重复副本）；"
            "条款、审核人的修改和注释都没有变。"
        )
    click.echo(f"条款库现有 {result.sections} 节 {result.clauses} 条；写入 {len(result.written)} 个文件。")
    counts = result.audiences
    click.echo(
        f"使用中的条款：区级和学校都用 {counts.get('both', 0)} 条，只用于区级计划 {counts.get('district', 0)} 条，"
        f"只用于学校计划 {counts.get('school', 0)} 条（条款的 audience；判断依据写在它后面的注释里，审核时可以改）。"
    )
    if result.audience_added:
        click.echo(f"原有条款中 {result.audience_added} 条还没有 audience，已按同样的方法判断并写上。")
    click.echo(f"下一步：审核并编辑条款库，然后运行 gwplan lint --library {result.library}")
    return EXIT_OK


@cli.command(help="检查条款库：YAML 语法、字段、id 重复、状态、占位符，逐条给出“文件:行号: 问题”。")
@click.option("--library", "library", required=True, envvar="GWPLAN_LIBRARY", type=click.Path(path_type=Path), metavar="文件夹", help=LIBRARY_HELP)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出结果。")
def lint(library, as_json):
    from generator.review.lint import lint_library

    result = lint_library(library)
    errors = result.errors
    if as_json:
        _print_json({"library": str(library), "problems": [asdict(p) for p in result.problems]})
    else:
        for problem in result.problems:
            click.echo(str(problem))
        clauses = sum(len(s.clauses) for s in result.sections)
        warnings = len(result.problems) - len(errors)
        if errors:
            click.echo(f"共 {len(errors)} 处错误、{warnings} 条提示；请按行号修改后再运行。")
        else:
            click.echo(f"条款库没有错误（{len(result.sections)} 节 {clauses} 条，{warnings} 条提示）。")
    return EXIT_BAD_INPUT if errors else EXIT_OK


YEAR = click.IntRange(2000, 2100)


@cli.command(help="起草新一年的计划：从条款库挑选条款，更新年份、政策表述和周年数，填入目标，输出 GB/T 9704 格式的 .docx。")
@click.option("--year", required=True, type=YEAR, metavar="年份", help="计划年份，如 2027。")
@click.option("--library", "library", envvar="GWPLAN_LIBRARY", type=click.Path(path_type=Path), metavar="文件夹",
              help="条款库文件夹；不指定时使用内置的示例条款库。")
@click.option("--org", metavar="名称", help="发文单位（默认取条款库 gwplan.yaml 中的 org）。")
@click.option("--targets", type=click.Path(path_type=Path), metavar="文件", help="本年度目标值（YAML）；默认读条款库中的 targets.yaml。")
@click.option("--plan", "plan_file", type=click.Path(path_type=Path), metavar="文件",
              help="计划文件（YAML）：挑选和排列节与条款，设置标题、主送、署名、成文日期、附件。")
@click.option("--rules", type=click.Path(path_type=Path), metavar="文件夹", help="额外的规则文件夹（补充内置的 rules/）。")
@click.option("--fonts", type=click.Choice(["standard", "windows"]), default="standard", metavar="方案",
              help="字体名称：standard 用标准中的仿宋_GB2312、楷体_GB2312（默认）；windows 用仿宋、楷体。")
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 生成 PDF 预览（需已安装 soffice）。")
@click.option("--review", is_flag=True, help="审阅版：每段加 Word 批注，注明条款出处和改动，并另存出处文件 *.provenance.json。")
@click.option("--all", "everything", is_flag=True,
              help="写入条款库中所有使用中的条款（近似重复的只留一条）；默认只按本单位最近一年的计划起草。")
@click.option("--notice", is_flag=True, help="起草红头的印发通知，计划作为它的附件（版头、发文字号、版记见 --unit）。")
@click.option("--unit", type=click.Path(path_type=Path), metavar="文件",
              help="单位设置（YAML）：发文机关标志、字号代字、主送、抄送、印发机关、是否盖章；默认读条款库中的 unit.yaml。")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path), metavar="文件", help="输出文件（.docx 或 .txt）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出起草报告。")
def draft(year, library, org, targets, plan_file, rules, fonts, pdf, review, everything, notice, unit, output, force, as_json):
    from generator.draft.build import build_draft
    from generator.profile import load_profile
    from generator.draft.provenance import review_notes, sidecar_path, sidecar_text
    from generator.resources import data_dir
    from generator.writers import write_plan
    from generator.yamlio import atomic_write

    pdf_path = output.with_suffix(".pdf") if pdf else None
    provenance = sidecar_path(output) if review else None
    if review and output.suffix.lower() != ".docx":
        raise GwplanError("--review 需要输出 .docx（批注写在 Word 文档里）。", str(output))
    _refuse_overwrite([p for p in (output, pdf_path, provenance) if p], force)
    result = build_draft(year, library, org, targets, plan_file, rules, everything=everything)
    profile = load_profile(fonts)
    origin = sidecar_text(result, output, library or data_dir("library"))
    document = result.plan
    spec = result.spec.notice if result.spec is not None else None
    if notice or spec is not None:
        from generator.draft.notice import NoticeSpec, build_notice, first_page_overflow, load_unit

        unit_profile = load_unit(unit, library or data_dir("library"))
        document = build_notice(result.plan, unit_profile, spec or NoticeSpec(), year)
        result.notes.append(f"印发通知：{document.header.doc_number}，{document.title}；计划作为附件，版记在最后一页。")
        if not (spec and spec.number):
            result.warnings.append("发文字号的顺序号还没有，已写作“【待定】”并标黄：请在计划文件的 notice.number 中填写，或在文档中改正。")
        overflow = first_page_overflow(document, profile)
        if overflow:
            result.warnings.append(f"印发通知的第一页排不下，多出 {overflow} 行：署名和成文日期不能单独成页（GB/T 9704 7.3.5.4），"
                                   "请缩短通知正文（计划文件 notice.paragraphs）或去掉附注。")
    write_plan(document, output, profile, review_notes(result) if review else None, origin)
    if provenance:
        atomic_write(provenance, origin)
    pdf_note = ""
    if pdf_path:
        from generator.libreoffice import NO_SOFFICE, find_soffice
        from generator.writers.pdf import docx_to_pdf

        if output.suffix.lower() != ".docx":
            pdf_note = "PDF 预览只能从 .docx 生成，已跳过。"
        elif find_soffice() is None:
            pdf_note = f"未生成 PDF 预览：{NO_SOFFICE}"
        else:
            docx_to_pdf(output, pdf_path, profile)
            pdf_note = f"PDF 预览：{pdf_path}"
    if as_json:
        _print_json(draft_json(result, output, pdf_note))
    else:
        print_draft_report(result, output, pdf_note, review)
    return EXIT_OK


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
        _print_json(batch_json(result))
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
        _print_json(bundle_json(result))
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
        _refuse_overwrite([output], force)
    if document.suffix.lower() != ".docx":
        raise GwplanError("gwplan check 只检查 .docx 文件（.doc 请先另存为 .docx）。", str(document))
    report = check_document(document, year, rules)
    fixed = []
    if fix:
        from generator.check.fix import fix_document

        fixed = fix_document(document, output, fonts, checked=report.document)
    if as_json:
        _print_json(
            {
                "file": str(document),
                "year": report.year,
                "errors": len(report.errors),
                "warnings": len(report.findings) - len(report.errors),
                "findings": [asdict(f) for f in report.findings],
                "notes": report.notes,
                "fixed": fixed,
                "output": str(output) if fix else None,
            }
        )
    else:
        _print_check_report(report, fixed, output)
    return EXIT_FINDINGS if report.errors else EXIT_OK


def _print_check_report(report, fixed, output) -> None:
    from generator.check.findings import CATEGORIES

    year = f"（计划年份 {report.year}）" if report.year else ""
    click.echo(f"检查 {report.path}{year}：")
    for category in CATEGORIES:
        groups: dict = {}
        for finding in report.findings:
            if finding.category == category:
                groups.setdefault((finding.rule, finding.severity, finding.message, finding.fix), []).append(finding)
        if not groups:
            continue
        click.echo(f"【{category}】")
        for (rule, severity, message, fix), items in groups.items():
            mark = "✗" if severity == "error" else "△"
            where = _where(items)
            click.echo(f"  {mark} {where}{message}")
            click.echo(f"      依据：{items[0].reason}")
            click.echo(f"      改法：{fix}{'（--fix 可自动修复）' if items[0].fixable else ''}　[{rule}]")
    for note in report.notes:
        click.echo(f"提示：{note}")
    errors = len(report.errors)
    warnings = len(report.findings) - errors
    fixable = sum(1 for f in report.findings if f.fixable)
    if not report.findings:
        click.echo("没有发现问题。")
    else:
        click.echo(f"共 {errors} 个错误、{warnings} 个提示；其中 {fixable} 个可用 --fix 自动修复。")
    if fixed:
        click.echo(f"已修复并另存为 {output}：")
        for change in fixed:
            click.echo(f"  · {change}")
    elif output is not None:
        click.echo(f"没有需要机械修复的问题；已另存为 {output}。")


def _where(items) -> str:
    if items[0].paragraph == 0:
        return f"{items[0].excerpt}："
    numbers = [str(f.paragraph) for f in items]
    shown = "、".join(numbers[:6]) + ("……" if len(numbers) > 6 else "")
    count = f"（共 {len(numbers)} 段）" if len(numbers) > 1 else ""
    return f"第 {shown} 段{count}“{items[0].excerpt}”："


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
    _refuse_overwrite([output], force)
    report = compare_files(old, new)
    write_diff_html(report, output)
    counts = {status: report.count(status) for status in ("kept", "reworded", "added", "dropped")}
    if as_json:
        _print_json(
            {
                "output": str(output),
                "counts": counts,
                "changes": [asdict(c) for c in report.changes],
                "sections": [
                    {"old": s.old_heading, "new": s.new_heading, "rows": [{"status": r.status, "old": r.old, "new": r.new} for r in s.rows]}
                    for s in report.sections
                ],
            }
        )
    else:
        click.echo(
            f"已生成对比报告 {output}：保留 {counts['kept']} 条，改写 {counts['reworded']} 条，"
            f"新增 {counts['added']} 条，删除 {counts['dropped']} 条；政策表述与目标变化 {len(report.changes)} 处。"
        )
    return EXIT_OK


@cli.command(help="把审核人在 Word 中改过的草稿读回条款库：改写的采用新文字，删除的标为待审，新增的成为新条款，顺序随之调整。")
@click.argument("edited", type=click.Path(path_type=Path), metavar="改过的草稿.docx")
@click.option("--library", "library", required=True, envvar="GWPLAN_LIBRARY", type=click.Path(path_type=Path), metavar="文件夹", help=LIBRARY_HELP)
@click.option("--provenance", type=click.Path(path_type=Path), metavar="文件",
              help="草稿的出处文件（draft --review 生成的 *.provenance.json）；默认在草稿旁边找。")
@click.option("--dry-run", is_flag=True, help="只列出会做的修改，不写入条款库。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出结果。")
def learn(edited, library, provenance, dry_run, as_json):
    from generator.review.learn import learn as run_learn

    if edited.suffix.lower() != ".docx":
        raise GwplanError("gwplan learn 读取 Word 草稿（.docx）。", str(edited))
    result = run_learn(edited, library, provenance, dry_run)
    if as_json:
        _print_json({"dry_run": dry_run, "actions": [asdict(a) for a in result.actions], "written": [str(p) for p in result.written],
                     "notes": result.notes})
        return EXIT_OK
    labels = {"reworded": "改写", "deleted": "删除", "added": "新增", "moved": "移动", "renamed": "改节标题", "restored": "恢复"}
    for note in result.notes:
        click.echo(f"提示：{note}")
    if not result.actions:
        click.echo("审核稿与条款库一致，没有需要学习的修改。")
        return EXIT_OK
    for action in result.actions:
        click.echo(f"  {labels.get(action.kind, action.kind)}　{action.clause_id}：{action.detail}")
    if dry_run:
        click.echo(f"（试运行：以上 {len(result.actions)} 项修改没有写入条款库。）")
    else:
        click.echo(f"已更新条款库 {library}：写入 {len(result.written)} 个文件；YAML 中原有的注释和编辑都已保留。")
    return EXIT_OK


def _refuse_overwrite(paths, force: bool) -> None:
    for path in paths:
        if path.exists() and not force:
            raise GwplanError("文件已存在；要覆盖请加 --force，或换一个输出文件名。", str(path))
        if path.exists() and path.is_dir():
            raise GwplanError("这是一个文件夹，不能作为输出文件。", str(path))


def _print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


# Marks that a GBK console (Chinese Windows, a .bat script, `> log.txt`) cannot encode, and what
# it shows instead; anything else it lacks becomes "?". Output never stops for an encoding.
_CONSOLE_FALLBACKS = {"✓": "√", "✗": "×", "⚠": "！", "•": "·", "‐": "-", "\u00a0": " "}


def _console_fallback(error: UnicodeEncodeError) -> tuple[str, int]:
    replacement = ""
    for char in error.object[error.start : error.end]:
        candidate = _CONSOLE_FALLBACKS.get(char, "?")
        try:
            candidate.encode(error.encoding)
        except (UnicodeEncodeError, LookupError):
            candidate = "?"
        replacement += candidate
    return replacement, error.end


codecs.register_error("gwplan-console", _console_fallback)


def _tolerant_console() -> None:
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="gwplan-console")
            except (ValueError, OSError):  # a stream that cannot be reconfigured keeps its settings
                pass


def main(argv: list[str] | None = None) -> None:
    """Console entry point: run the command and turn every failure into a Chinese message."""
    _tolerant_console()
    try:
        code = cli.main(args=argv, prog_name="gwplan", standalone_mode=False)
    except GwplanError as exc:
        click.echo(f"错误：{exc}", err=True)
        code = EXIT_BAD_INPUT
    except click.UsageError as exc:
        click.echo(_usage_message(exc), err=True)
        code = EXIT_BAD_INPUT
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        code = EXIT_BAD_INPUT
    except KeyboardInterrupt:
        click.echo("\n已中断。", err=True)
        code = EXIT_INTERRUPTED
    except Exception:  # a bug: say so plainly, show the traceback only when asked
        if os.environ.get("GWPLAN_DEBUG"):
            traceback.print_exc()
        click.echo("内部错误：gwplan 遇到了意外情况。设置环境变量 GWPLAN_DEBUG=1 后重试可看到详细信息，请把它报告给开发者。", err=True)
        code = EXIT_INTERNAL
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _usage_message(exc: click.UsageError) -> str:
    command = exc.ctx.command_path if exc.ctx else "gwplan"
    hint = f"\n运行 {command} --help 查看用法。"
    if isinstance(exc, click.NoSuchOption):
        similar = f"（是不是想用 {'、'.join(exc.possibilities)}？）" if exc.possibilities else ""
        return f"用法错误：没有选项 {exc.option_name}{similar}{hint}"
    if isinstance(exc, click.MissingParameter):
        param = exc.param
        if param is not None and param.param_type_name == "argument":
            return f"用法错误：缺少参数 {param.make_metavar(exc.ctx) if exc.ctx else param.name}。{hint}"
        name = param.opts[0] if param is not None and param.opts else ""
        return f"用法错误：缺少选项 {name}。{hint}"
    if isinstance(exc, click.BadParameter):
        param = exc.param
        name = (param.opts[0] if param.opts else param.name) if param is not None else ""
        if param is not None and isinstance(param.type, click.Choice):
            return f"用法错误：{name} 只能是 {'、'.join(map(str, param.type.choices))}。{hint}"
        if param is not None and isinstance(param.type, click.IntRange):
            return f"用法错误：{name} 应是 {param.type.min} 到 {param.type.max} 之间的整数。{hint}"
        if param is not None and isinstance(param.type, click.types.IntParamType):
            return f"用法错误：{name} 应是整数。{hint}"
        return f"用法错误：{name} 的值无效（{exc.message}）。{hint}"
    message = exc.format_message()
    for english, chinese in (
        ("No such command", "没有这个命令"),
        ("Got unexpected extra argument", "多余的参数"),
        ("Got unexpected extra arguments", "多余的参数"),
        ("requires an argument", "需要一个值"),
        ("Option", "选项"),
    ):
        message = message.replace(english, chinese)
    return f"用法错误：{message}{hint}"
