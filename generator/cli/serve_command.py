"""gwplan serve: the clause library in the browser (generator/review/serve/)."""
from __future__ import annotations

from pathlib import Path

import click

from generator.cli.app import EXIT_OK, LIBRARY_HELP, cli


@cli.command(help="在浏览器里审核条款库：看各年原文和逐词改动、编辑条款（每次保存先经 lint 检查）、预览草稿并下载 .docx。只在本机 127.0.0.1 上提供。")
@click.option("--library", "library", required=True, envvar="GWPLAN_LIBRARY", type=click.Path(path_type=Path), metavar="文件夹", help=LIBRARY_HELP)
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, metavar="端口", help="监听的端口（0 表示任选一个空闲端口）。")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器。")
def serve(library, port, no_browser):
    from generator.review.serve import run

    run(library, port, open_browser=not no_browser, echo=click.echo)
    return EXIT_OK
