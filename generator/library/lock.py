"""One writer at a time per clause library: an exclusive lock on a file inside the library folder.

Every command that reads, changes and writes a library (ingest, learn, the serve web app) holds
`library_lock(folder)` around the whole read-modify-write, so two writers never interleave:

    with library_lock(library_dir):
        library = load_library(library_dir)
        ... decide ...
        write the files

The lock is an operating-system lock on `.gwplan.lock` (fcntl.flock on Unix, msvcrt.locking on
Windows): it is released when the holder exits, even after kill -9, so a crashed run never leaves
the library locked. The file itself stays, empty (deleting a lock file races with a waiting
writer). The loader and lint read only *.yaml, so they never see it.

Taking the lock first finishes or cleans up the write of a run that was killed (commit.recover).
A second writer waits up to `wait` seconds and then stops with a Chinese error (exit code 2).
"""
from __future__ import annotations

import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from generator.errors import GwplanError
from generator.library.journal import recover

LOCK_FILE = ".gwplan.lock"
DEFAULT_WAIT = 30.0  # seconds: longer than any ingest or learn of a real library takes
_POLL = 0.05

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # byte 0 (beyond the end of the empty file is allowed)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class LibraryBusy(GwplanError):
    """Another writer held the library's lock for longer than we were willing to wait."""


_held: dict[Path, list] = {}  # folder → [thread lock, depth]: nesting within one process
_registry = threading.Lock()


@contextmanager
def library_lock(library_dir: Path | str, *, wait: float = DEFAULT_WAIT):
    """Hold the library's writer lock for the body of the `with`; waits up to `wait` seconds.

    The library folder is created when it does not exist yet (ingest of a new library).
    Raises LibraryBusy (a GwplanError, so exit code 2) when another writer keeps it longer.
    Re-entrant within a thread (serve may call ingest while holding it); other threads of the
    same process wait as other processes do.
    """
    folder = Path(library_dir)
    if folder.exists() and not folder.is_dir():
        raise GwplanError("这不是文件夹；--library 应指向条款库文件夹。", str(folder))
    key = folder.resolve()
    with _registry:
        entry = _held.setdefault(key, [threading.RLock(), 0])
    deadline = time.monotonic() + max(wait, 0.0)
    if not entry[0].acquire(timeout=max(wait, 0.0)):
        raise LibraryBusy(f"本程序的另一个任务正在写这个条款库，等了 {wait:g} 秒仍未结束，请稍后再试。", str(folder))
    try:
        entry[1] += 1
        if entry[1] > 1:
            yield folder
            return
        with _file_lock(folder, deadline, wait):
            yield folder
    finally:
        entry[1] -= 1
        entry[0].release()


@contextmanager
def _file_lock(folder: Path, deadline: float, wait: float):
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise GwplanError(f"无法写入条款库文件夹，不能在其中建立写入锁（{exc.strerror or exc}）；文件夹可能只读，或路径中有同名文件。", str(folder)) from None
    try:
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LibraryBusy(
                    f"另一个 gwplan 进程（ingest、learn 或 serve）正在写这个条款库，等了 {wait:g} 秒仍未结束。"
                    "请等它完成后再运行；如果确认没有别的 gwplan 在运行，直接重试即可（锁会随进程结束自动释放）。",
                    str(folder),
                )
            time.sleep(_POLL)
        try:
            try:
                recover(folder)  # a write killed half-way: finish it, or remove its temp files
            except OSError as exc:
                raise GwplanError(f"无法整理上次中断的写入（{exc.strerror or exc}）；请检查文件夹权限。", str(folder)) from None
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)
