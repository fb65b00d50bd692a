"""Several library files replaced in one step that survives kill -9: temp files and a journal.

1. stage   each new file is written to a temp file beside its target (`.NAME.xxxx.tmp`);
2. commit  a journal listing the renames is put in place with one atomic rename: from here on
           the write counts as done;
3. apply   the temp files are renamed over the targets, deleted files removed, the journal removed.
A run killed before step 2 leaves only temp files, which the next writer deletes; one killed
during step 3 leaves the journal, and the next writer (library_lock) or reader (load_library)
finishes the renames with `recover`. Writers hold the library lock, so no one else stages files.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from generator.errors import GwplanError
from generator.text import patterns

JOURNAL = ".gwplan.journal"
_TEMP = patterns.compile(r"^\..+\.tmp$")  # temp files as tempfile.mkstemp names them below


def recover(root: Path) -> None:
    """Finish a write a killed run had committed, and remove the temp files of one it had not."""
    root = Path(root)
    journal = root / JOURNAL
    if journal.exists():
        try:
            plan = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            plan = {}  # cannot happen: the journal is renamed into place whole
        for temp, target in plan.get("replace", []):
            if (root / temp).exists():
                os.replace(root / temp, root / target)
        for gone in plan.get("delete", []):
            (root / gone).unlink(missing_ok=True)
        journal.unlink()
    for folder in (root, root / "schema"):
        if folder.is_dir():
            for stale in folder.iterdir():
                if _TEMP.match(stale.name) and stale.is_file():
                    stale.unlink(missing_ok=True)


def write_files(root: Path, files: dict[Path, str | bytes], deleted: list[Path]) -> None:
    staged: list[tuple[Path, Path]] = []
    umask = os.umask(0)
    os.umask(umask)
    try:
        for path, content in files.items():
            staged.append((_stage(Path(path), content, umask), Path(path)))
        plan = {
            "replace": [[_inside(root, t), _inside(root, p)] for t, p in staged],
            "delete": [_inside(root, Path(p)) for p in deleted],
        }
        journal_temp = _stage(root / JOURNAL, json.dumps(plan, ensure_ascii=False), umask)
        os.replace(journal_temp, root / JOURNAL)  # the commit point
        _sync_folder(root)
    except OSError as exc:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise GwplanError(f"无法写入条款库：{exc.strerror or exc}；文件夹可能只读或磁盘已满，没有改动任何文件。", str(root)) from None
    try:
        recover(root)
    except OSError as exc:
        raise GwplanError(
            f"写入条款库时出错：{exc.strerror or exc}。改动已记录在 {JOURNAL} 中，下次运行 ingest 或 learn 时会自动完成。", str(root)
        ) from None


def _inside(root: Path, path: Path) -> str:
    """`path` relative to the library folder (mkstemp gives absolute names, --library may be relative)."""
    return os.path.relpath(os.path.abspath(path), os.path.abspath(root))


def _stage(path: Path, content: str | bytes, umask: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    # mkstemp makes 0600 files: give the result the mode a normal write would have.
    os.chmod(temp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask)
    with os.fdopen(handle, "wb") as out:
        out.write(content if isinstance(content, bytes) else content.encode("utf-8"))
        out.flush()
        os.fsync(out.fileno())
    return Path(temp)


def _sync_folder(folder: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows has no folder handles to fsync
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
