"""gwplan draft: one plan (or its 印发通知) for a year, with the report of what to look at."""
from __future__ import annotations

from pathlib import Path

import click

from generator.cli.app import EXIT_OK, YEAR, cli, print_json, refuse_inputs, refuse_overwrite
from generator.cli.reports import draft_json, print_draft_report
from generator.errors import GwplanError


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

    pdf_path = output.with_suffix(".pdf") if pdf else None
    provenance = sidecar_path(output) if review else None
    if review and output.suffix.lower() != ".docx":
        raise GwplanError("--review 需要输出 .docx（批注写在 Word 文档里）。", str(output))
    refuse_overwrite([p for p in (output, pdf_path, provenance) if p], force)
    refuse_inputs([p for p in (output, pdf_path, provenance) if p], [targets, plan_file, unit])
    result = build_draft(year, library, org, targets, plan_file, rules, everything=everything)
    profile = load_profile(fonts)
    origin = sidecar_text(result, output, library or data_dir("library"))
    document = result.plan
    spec = result.spec.notice if result.spec is not None else None
    if notice or spec is not None:
        from generator.draft.notice import NoticeSpec, issue_as_notice, load_unit

        document = issue_as_notice(result, load_unit(unit, library or data_dir("library")), spec or NoticeSpec(), year, profile)
    # The draft and its provenance file are written together: both or neither.
    result.warnings += write_plan(document, output, profile, review_notes(result) if review else None, origin,
                                  {provenance: origin} if provenance else None)
    pdf_note = ""
    if pdf_path:
        from generator.writers.pdf import preview_pdf

        pdf_note = preview_pdf(output, pdf_path, profile)
    if as_json:
        print_json(draft_json(result, output, pdf_note))
    else:
        print_draft_report(result, output, pdf_note, review)
    return EXIT_OK
