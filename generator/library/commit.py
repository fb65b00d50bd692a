"""Writing a clause library: checked first, then all files or none (journal.py), even after kill -9.

A library write (ingest, learn, serve) hands `commit_library` every file it changes. The library
as it would be is loaded with the loader lint uses; any error means gwplan made a mistake, so
nothing is written and the error names file, line and cause. Callers hold the library lock.
"""
from __future__ import annotations

from pathlib import Path

from generator.errors import GwplanError, located
from generator.library.journal import write_files
from generator.library.load import load_library


def commit_library(root: Path, files: dict[Path, str | bytes], deleted: list[Path] = ()) -> None:
    """Replace `files` (path → new content) and remove `deleted` in one step, after checking
    that gwplan would accept the library as it would be. Raises GwplanError and writes nothing
    when the check fails."""
    root = Path(root)
    overlay = {Path(p): (c.decode("utf-8") if isinstance(c, bytes) else c) for p, c in files.items() if Path(p).suffix == ".yaml"}
    overlay.update({Path(p): None for p in deleted})
    check = load_library(root, overlay=overlay)
    if check.errors:
        first = check.errors[0]
        raise GwplanError(
            "gwplan 生成的条款库没有通过自检，为保护条款库，这次没有写入任何文件（这是 gwplan 的缺陷，请把这条信息报告给维护者）。"
            f"自检发现 {len(check.errors)} 处错误，第一处：{located(first.message, first.file, first.line)}",
            str(root),
        )
    write_files(root, files, list(deleted))
