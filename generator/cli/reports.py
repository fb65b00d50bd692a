"""What the commands tell the writer: the text and JSON report of every command.

Every report line a person must act on names the clause, its library file and line, what is in
doubt and why; the same findings are highlighted in the document itself.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict

import click

from generator.errors import located


def print_draft_report(result, output, pdf_note: str, review: bool = False) -> None:
    from generator.draft.unitfit import left_out_lines  # only a draft's report needs the draft stage

    plan = result.plan
    for warning in result.warnings:
        click.echo(f"！！注意：{warning}")
    clauses = len(plan.all_clauses())
    click.echo(f"已生成 {output}：{plan.title}（{len(plan.sections)} 节，{clauses} 条）。")
    selection = result.selection
    if selection is not None and selection.base is not None:
        base = selection.base
        click.echo(f"底稿：{base.get('year')}年 {base.get('file')}（{base.get('clauses', '?')} 条），各节和条款的顺序照此；条款用条款库中审核过的文字。")
    changes = [(r, c) for r in result.reports for c in r.changes]
    if changes:
        click.echo(f"自动更新 {len(changes)} 处：")
        for report, change in changes:
            after = f"“{change.after}”" if change.after else "删去"
            click.echo(f"  · {report.clause_id}：“{change.before}” → {after}（{change.reason}）")
    filled = [item for r in result.reports for item in r.filled]
    if filled:
        click.echo(f"填入目标 {len(filled)} 处：{'、'.join(filled)}")
    flags = [(r, f) for r in result.reports for f in r.flags]
    if flags:
        marked = sum(len(c.marks) for c in plan.all_clauses()) + sum(len(s.marks) for s in plan.sections)
        click.echo(f"需要人工查看 {len(flags)} 处（文中标黄 {marked} 处）：")
        for kind in dict.fromkeys(f.kind for _, f in flags):
            click.echo(f"  【{kind}】")
            for report, flag in ((r, f) for r, f in flags if f.kind == kind):
                where = located("", report.origin, report.line).rstrip(": ")
                click.echo(f"  · {report.clause_id}（{where}）：“{flag.excerpt}”——{flag.reason}")
    for line in left_out_lines(selection, result.everything) if selection is not None else []:
        click.echo(line)
    for note in result.notes:
        click.echo(f"提示：{note}")
    if result.suggestions:
        click.echo("可考虑写入：" + "；".join(result.suggestions) + "。")
    if pdf_note:
        click.echo(pdf_note)
    if review:
        from generator.draft.provenance import sidecar_path

        click.echo(f"审阅版：每段附有批注；出处文件 {sidecar_path(output)}")


def draft_json(result, output, pdf_note: str) -> dict:
    selection = result.selection
    return {
        "output": str(output),
        "title": result.plan.title,
        "sections": len(result.plan.sections),
        "clauses": len(result.plan.all_clauses()),
        "warnings": result.warnings,
        "base": selection.base if selection is not None else None,
        "left_out": [c.id for c in selection.left_out] if selection is not None else [],
        "dropped": selection.dropped if selection is not None else {},
        "drafted": result.drafted,
        "duplicates": [{"left_out": a.id, "kept": b.id} for a, b in selection.duplicates] if selection is not None else [],
        "reports": [asdict(r) for r in result.reports],
        "suggestions": result.suggestions,
        "notes": result.notes,
        "pdf": pdf_note,
    }


def _flag_line(clause_id: str, where: str, excerpt: str, reason: str) -> str:
    return f"{clause_id}（{where}）：“{excerpt}”——{reason}"


def print_batch_report(result, verbose: bool = False) -> None:
    written = result.written
    click.echo(f"已生成 {len(written)} 份学校计划，保存在 {result.outdir}。")
    if result.failed:
        click.echo(f"失败 {len(result.failed)} 份：")
        for row in result.failed:
            click.echo(f"  名册第 {row.row} 行（{row.name or '无名称'}）：{row.error}")
    flagged = [r for r in written if r.flags]
    if flagged:
        total = sum(len(r.flags) for r in written)
        click.echo(f"需要人工查看 {total} 处（文中标黄；{len(flagged)} 所学校有，{len(written) - len(flagged)} 所没有）：")
        for row in flagged:
            kinds = "、".join(f"{kind} {count}" for kind, count in Counter(f.kind for f in row.flags).items())
            click.echo(f"  {row.name}：{len(row.flags)} 处（{kinds}）")
            if verbose:
                for flag in row.flags:
                    click.echo(f"    · {_flag_line(flag.clause_id, flag.where, flag.excerpt, flag.reason)}")
        if not verbose:
            click.echo("  加 --verbose 逐条列出。同一条款在各校都标黄时，改条款库中的这一条即可。")
    else:
        click.echo("没有需要人工查看的内容。")
    if dropped := [r for r in written if r.dropped]:
        click.echo("按学校类型没有写入的条款：" + "；".join(f"{r.name} {len(r.dropped)} 条" for r in dropped) + ("" if verbose else "（加 --verbose 列出原因）"))
        for row in dropped if verbose else []:
            click.echo("".join(f"    · {row.name}：{i}——{why}\n" for i, why in row.dropped.items()).rstrip("\n"))
    if result.bundle:
        click.echo(f"汇编：{result.bundle}（目录 + {len(written)} 份计划，每份从奇数页开始、页码从 1 起）。")
    if result.bundle_error:
        click.echo(f"汇编没有写成：{result.bundle_error}（{len(written)} 份学校计划已写入 {result.outdir}）")


def batch_json(result) -> dict:
    starts = dict(zip((r.row for r in result.written), result.starts)) if result.starts else {}
    return {
        "outdir": str(result.outdir),
        "written": [
            {
                "row": r.row, "name": r.name, "path": str(r.path), "pages": r.pages, "bundle_page": starts.get(r.row),
                "left_out_sentences": r.left_out, "dropped": r.dropped, "flags": [asdict(f) for f in r.flags],
            }
            for r in result.written
        ],
        "failed": [{"row": r.row, "name": r.name, "error": r.error} for r in result.failed],
        "bundle": str(result.bundle) if result.bundle else None,
        "bundle_error": result.bundle_error or None,
    }


def print_bundle_report(result) -> None:
    method = "按 XML 合并（全部是 gwplan 生成、未经改动的文件）" if result.method == "xml" else "用 docxcompose 合并，每份保留自己的样式和页脚"
    click.echo(f"已汇编 {len(result.files)} 份计划到 {result.output}（{method}）：")
    for number, (item, start) in enumerate(zip(result.files, result.starts), 1):
        where = f"第 {start} 页起" if start is not None else "起始页不明"
        pages = f"{item.pages} 页，页数由{item.pages_from}给出" if item.pages else "页数不明"
        click.echo(f"  {number}. {item.name}（{item.path.name}）：{where}，{pages}")
        notes = []
        if item.appended is not None:
            if item.appended.comments:
                notes.append(f"去掉了 {item.appended.comments} 条批注")
            if item.appended.revisions:
                notes.append(f"含有 {item.appended.revisions} 处未接受的修订，打印效果以 Word 显示为准，请先接受或拒绝")
            if item.appended.footer_added:
                notes.append("原文件没有页码，汇编中加上了公文页码")
            if item.appended.tables_may_shift:
                notes.append("原文件是旧版 Word 兼容模式，汇编中表格的位置和行高可能略有不同，请核对")
        for note in notes:
            click.echo(f"     提示：{note}")
    unknown = [item.name for item in result.files if item.pages is None]
    if unknown:
        click.echo(f"！！页数不明：{'、'.join(unknown)}。目录中它们和其后各份的页码写作“？”并标黄；"
                   "请在 Word 或 WPS 中打开这些文件保存一次（文件会记下页数），或安装 LibreOffice 后重新汇编。")
    if result.missing:
        click.echo(f"名册中没有找到计划的学校 {len(result.missing)} 所：{'、'.join(result.missing)}")
    if result.unmatched:
        click.echo(f"名册之外的文件 {len(result.unmatched)} 份（排在最后）：{'、'.join(p.name for p in result.unmatched)}")


def bundle_json(result) -> dict:
    return {
        "output": str(result.output),
        "method": result.method,
        "files": [
            {
                "path": str(item.path), "name": item.name, "start_page": start, "pages": item.pages, "pages_from": item.pages_from or None,
                "own": item.own, **(asdict(item.appended) if item.appended else {}),
            }
            for item, start in zip(result.files, result.starts)
        ],
        "missing": result.missing,
        "unmatched": [str(p) for p in result.unmatched],
    }


# --- ingest and lint ---------------------------------------------------------------------------


def ingest_json(result) -> dict:
    return {
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


def print_ingest_report(result) -> None:
    click.echo(f"收录 {len(result.plans)} 份计划到条款库 {result.library}：")
    for plan in result.plans:
        label = f"{plan.org or '（未识别单位）'} {plan.year or '（未识别年份）'}年" + ("工作总结" if plan.kind == "summary" else "")
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
    if any(plan.removed_chars for plan in result.plans):
        click.echo("注意：有计划含有 Word 文档不能保存的控制字符，已删去（见上面的提示），请对照原件核对。")


def lint_json(result, library) -> dict:
    return {"library": str(library), "problems": [asdict(p) for p in result.problems]}


def print_lint_report(result) -> None:
    errors = result.errors
    for problem in result.problems:
        click.echo(str(problem))
    clauses = sum(len(s.clauses) for s in result.sections)
    warnings = len(result.problems) - len(errors)
    if errors:
        click.echo(f"共 {len(errors)} 处错误、{warnings} 条提示；请按行号修改后再运行。")
    else:
        click.echo(f"条款库没有错误（{len(result.sections)} 节 {clauses} 条，{warnings} 条提示）。")


# --- check ---------------------------------------------------------------------------------------


def check_json(report, fixed, output) -> dict:
    return {
        "file": str(report.path),
        "year": report.year,
        "errors": len(report.errors),
        "warnings": len(report.findings) - len(report.errors),
        "findings": [asdict(f) for f in report.findings],
        "notes": report.notes,
        "fixed": fixed,
        "output": str(output) if output else None,
    }


def print_check_report(report, fixed, output) -> None:
    from generator.check.findings import CATEGORIES  # other commands' reports do not load check

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
            place = where(items)
            click.echo(f"  {mark} {place}{message}")
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


def where(items) -> str:
    if items[0].paragraph == 0:
        return f"{items[0].excerpt}："
    numbers = [str(f.paragraph) for f in items]
    shown = "、".join(numbers[:6]) + ("……" if len(numbers) > 6 else "")
    count = f"（共 {len(numbers)} 段）" if len(numbers) > 1 else ""
    return f"第 {shown} 段{count}“{items[0].excerpt}”："


# --- diff and learn ------------------------------------------------------------------------------


def diff_counts(report) -> dict:
    return {status: report.count(status) for status in ("kept", "reworded", "added", "dropped")}


def diff_json(report, output) -> dict:
    return {
        "output": str(output),
        "counts": diff_counts(report),
        "changes": [asdict(c) for c in report.changes],
        "sections": [
            {"old": s.old_heading, "new": s.new_heading, "rows": [{"status": r.status, "old": r.old, "new": r.new} for r in s.rows]}
            for s in report.sections
        ],
    }


def print_diff_report(report, output) -> None:
    counts = diff_counts(report)
    click.echo(
        f"已生成对比报告 {output}：保留 {counts['kept']} 条，改写 {counts['reworded']} 条，"
        f"新增 {counts['added']} 条，删除 {counts['dropped']} 条；政策表述与目标变化 {len(report.changes)} 处。"
    )


def learn_json(result, dry_run: bool) -> dict:
    return {"dry_run": dry_run, "actions": [asdict(a) for a in result.actions], "written": [str(p) for p in result.written],
            "notes": result.notes}


def print_learn_report(result, library, dry_run: bool) -> None:
    labels = {"reworded": "改写", "deleted": "删除", "added": "新增", "moved": "移动", "renamed": "改节标题", "restored": "恢复"}
    for note in result.notes:
        click.echo(f"提示：{note}")
    if not result.actions:
        click.echo("审核稿与条款库一致，没有需要学习的修改。")
        return
    for action in result.actions:
        click.echo(f"  {labels.get(action.kind, action.kind)}　{action.clause_id}：{action.detail}")
    if dry_run:
        click.echo(f"（试运行：以上 {len(result.actions)} 项修改没有写入条款库。）")
    else:
        click.echo(f"已更新条款库 {library}：写入 {len(result.written)} 个文件；YAML 中原有的注释和编辑都已保留。")
