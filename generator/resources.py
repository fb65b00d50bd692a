"""Find the data folders (templates/, rules/, library/) in a checkout or an installed wheel, and the cache."""
from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder `name`: the checkout's top-level one, else the copy inside the wheel."""
    checkout = _PACKAGE.parent / name
    if checkout.is_dir() and (_PACKAGE.parent / "pyproject.toml").is_file():
        return checkout
    return _PACKAGE / "_data" / name


def jinja_bytecode_cache():
    """Jinja's compiled templates kept in the cache folder (a draft compiles a dozen templates,
    a tenth of a second), or None without one. Jinja checks each against its template's source."""
    folder = cache_dir()
    if folder is None:
        return None
    import jinja2

    try:
        (folder / "jinja").mkdir(exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder / "jinja"))


def cache_dir() -> Path | None:
    """gwplan's folder in the user's cache (GWPLAN_CACHE overrides it), created if needed; None
    when it cannot be created: callers then work without a cache."""
    if os.environ.get("GWPLAN_CACHE"):
        folder = Path(os.environ["GWPLAN_CACHE"])
    elif sys.platform == "win32":
        folder = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "gwplan" / "Cache"
    elif sys.platform == "darwin":
        folder = Path.home() / "Library" / "Caches" / "gwplan"
    else:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gwplan"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def cached(name: str) -> bytes | None:
    """The bytes kept under `name` (a path inside the cache folder), or None, also when they
    are not whole (each entry starts with a digest of the rest)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        stored = (folder / name).read_bytes()
    except OSError:
        return None
    digest, data = stored[:_DIGEST], stored[_DIGEST:]
    return data if hashlib.blake2b(data, digest_size=_DIGEST).digest() == digest else None


_DIGEST = 16


def keep(name: str, data: bytes, limit: int = 0) -> None:
    """Keep `data` under `name`, written under a temporary name and renamed, so a reader sees the
    old or the new bytes; with `limit`, the older half of the entries of that folder go once it
    holds more. Failures are silent: the cache only saves work."""
    folder = cache_dir()
    if folder is None:
        return
    path = folder / name
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".kept-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(hashlib.blake2b(data, digest_size=_DIGEST).digest() + data)
        os.replace(temporary, path)
        temporary = None
        entries = list(path.parent.glob("*" + path.suffix)) if limit else []
        if len(entries) > limit:
            entries.sort(key=lambda entry: entry.stat().st_mtime)
            for old in entries[: len(entries) // 2]:
                old.unlink(missing_ok=True)
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
