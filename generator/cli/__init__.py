"""The gwplan command line: parse arguments, call the pipeline, print Chinese results.

Exit codes: 0 done; 1 findings or partial failure; 2 bad usage or bad input; 3 internal error;
130 interrupted. app.py holds the group, each *_command(s).py module its commands (imported
when one of them runs), reports.py what every command prints.
"""
from __future__ import annotations

import codecs
import os
import sys

import click

from generator.cli.app import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    cli,
)
from generator.errors import GwplanError

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
            import traceback

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
