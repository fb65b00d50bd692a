"""The command line: Chinese help and errors, exit codes, no tracebacks."""
import subprocess
import sys

import pytest


def test_help_is_chinese(gwplan):
    result = gwplan("--help")
    assert result.code == 0
    assert "用法：gwplan" in result.out and "命令：" in result.out and "ingest" in result.out
    assert "Usage" not in result.out and "Show this message" not in result.out
    sub = gwplan("ingest", "-h")
    assert sub.code == 0 and "--library 文件夹" in sub.out and "[必填]" in sub.out


def test_every_command_module_is_named_and_a_draft_imports_only_its_own():
    # The group imports a command's module when the command runs: the map must name them all.
    code = (
        "import importlib, pkgutil, sys\n"
        "from generator.cli.app import COMMAND_MODULES, cli\n"
        "cli.get_command(None, 'draft')\n"
        "loaded = sorted(n for n in sys.modules if n.startswith('generator.cli.') and n.endswith(('_command', '_commands')))\n"
        "import generator.cli as package\n"
        "for module in pkgutil.iter_modules(package.__path__):\n"
        "    importlib.import_module('generator.cli.' + module.name)\n"
        "print(loaded)\n"
        "print(sorted(cli.commands) == sorted(COMMAND_MODULES))\n"
        "print(all(cli.commands[name].callback.__module__ == 'generator.cli.' + module for name, module in COMMAND_MODULES.items()))\n"
    )
    lines = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert lines == ["['generator.cli.draft_command']", "True", "True"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["ingest"], "缺少参数"),
        (["ingest", "a.txt"], "缺少选项 --library"),
        (["lint", "--libary", "x"], "没有选项 --libary（是不是想用 --library？）"),
        (["nonsense"], "没有这个命令"),
    ],
)
def test_usage_errors_exit_2_in_chinese(gwplan, args, message):
    result = gwplan(*args)
    assert result.code == 2
    assert message in result.err and "Traceback" not in result.err


def test_console_script_runs_as_a_module():
    done = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("gwplan ")


def test_lint_does_not_import_jieba():
    code = "import sys; from generator.cli import main\ntry:\n    main(['lint', '--library', '/nonexistent'])\nexcept SystemExit: pass\nprint('jieba' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip().endswith("False")
