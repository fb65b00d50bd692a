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
