"""The gwplan command group: Chinese help, shared option texts, exit codes and output helpers.

Each command lives in a module of this folder and only parses options, calls one function of
the pipeline and hands the result to reports.py.
"""
from __future__ import annotations

import importlib
import json
import unicodedata
from pathlib import Path

import click

from generator import __version__
from generator.errors import GwplanError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
LIBRARY_HELP = "条款库文件夹（也可用环境变量 GWPLAN_LIBRARY 指定）。"
YEAR = click.IntRange(2000, 2100)


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


# Which module of this folder defines each command: a command's module is imported when the
# command is run (a draft need not load check, batch or serve; tests/cli/test_commands.py checks it).
COMMAND_MODULES = {
    "ingest": "library_commands", "lint": "library_commands", "draft": "draft_command",
    "batch": "batch_commands", "bundle": "batch_commands", "check": "check_command",
    "diff": "review_commands", "learn": "review_commands", "serve": "serve_command",
}


class ChineseGroup(click.Group):
    context_class = ChineseContext
    command_class = ChineseCommand

    def get_help_option(self, ctx):
        return _help_option(self, ctx)

    def list_commands(self, ctx):
        return sorted(set(self.commands) | set(COMMAND_MODULES))

    def get_command(self, ctx, name):
        if name not in self.commands and name in COMMAND_MODULES:
            importlib.import_module(f"generator.cli.{COMMAND_MODULES[name]}")  # registers it on cli
        return super().get_command(ctx, name)


def _help_option(command, ctx):
    option = click.Command.get_help_option(command, ctx)
    if option is not None:
        option.help = "显示本帮助并退出。"
    return option


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


def refuse_inputs(outputs, inputs) -> None:
    """An output may never be one of the command's inputs, --force or not."""
    for output in outputs:
        for given in inputs:
            if given is not None and output.resolve() == Path(given).resolve():
                raise GwplanError("输出文件与输入文件是同一个文件，会把输入覆盖；请换一个输出文件名。", str(output))


def refuse_overwrite(paths, force: bool) -> None:
    for path in paths:
        if path.exists() and not force:
            raise GwplanError("文件已存在；要覆盖请加 --force，或换一个输出文件名。", str(path))
        if path.exists() and path.is_dir():
            raise GwplanError("这是一个文件夹，不能作为输出文件。", str(path))


def print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))
