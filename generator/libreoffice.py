"""LibreOffice as a converter: PDF previews of drafts, and old .doc/.wps plans read as .docx.

soffice runs headless with a throw-away profile of its own, so a LibreOffice the user has open
is never disturbed and two conversions never share state.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from generator.errors import GwplanError

TIMEOUT_SECONDS = 180

# Where the installers put LibreOffice when it is not on PATH (Windows, macOS).
_INSTALL_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
NO_SOFFICE = (
    "找不到 LibreOffice（soffice）。Linux 上用 apt-get install libreoffice-writer 安装；Windows 上安装 LibreOffice 后"
    "会在 C:\\Program Files\\LibreOffice\\program 中找到它；也可用环境变量 GWPLAN_SOFFICE 指定 soffice 的完整路径。"
)


def find_soffice() -> str | None:
    """soffice from GWPLAN_SOFFICE, PATH, or the usual install folders."""
    explicit = os.environ.get("GWPLAN_SOFFICE")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    found = shutil.which("soffice") or shutil.which("libreoffice")
    return found or next((place for place in _INSTALL_PLACES if Path(place).is_file()), None)


@contextmanager
def converted(source: Path, target_format: str, what: str, prepare=None):
    """Convert `source` with LibreOffice; yields the converted file inside a temporary folder.

    `prepare(folder)` may add files (a fontconfig file) and return extra environment variables.
    Raises GwplanError, naming `source`, when LibreOffice is missing, fails or hangs.
    """
    soffice = find_soffice()
    if soffice is None:
        raise GwplanError(f"无法{what}：{NO_SOFFICE}", str(source))
    with tempfile.TemporaryDirectory(prefix="gwplan-lo-") as temp:
        folder = Path(temp)
        environment = dict(os.environ, HOME=str(folder))
        if prepare is not None:
            environment.update(prepare(folder))
        copy = folder / f"source{source.suffix.lower()}"
        shutil.copyfile(source, copy)
        done = _run(soffice, [copy], target_format, folder, environment, what, source)
        result = folder / f"source.{target_format.split(':')[0]}"
        if done.returncode != 0 or not result.exists():
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["无输出"]
            raise GwplanError(f"LibreOffice 没能{what}（{detail[0]}）；文件可能已损坏或有密码。", str(source))
        yield result


def _run(soffice: str, files: list[Path], target_format: str, folder: Path, environment: dict, what: str, source: Path):
    command = [
        soffice, "--headless", "--norestore", "--nolockcheck",
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--convert-to", target_format, "--outdir", str(folder), *map(str, files),
    ]
    timeout = TIMEOUT_SECONDS + 10 * len(files)
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=environment)
    except subprocess.TimeoutExpired:
        raise GwplanError(f"LibreOffice 在 {timeout} 秒内没有完成转换（{what}）。", str(source)) from None


@contextmanager
def converted_many(sources: list[Path], target_format: str, what: str, prepare=None):
    """Convert several files in one LibreOffice run; yields {source: converted file, or None}."""
    soffice = find_soffice()
    if soffice is None:
        raise GwplanError(f"无法{what}：{NO_SOFFICE}", str(sources[0]) if sources else None)
    with tempfile.TemporaryDirectory(prefix="gwplan-lo-") as temp:
        folder = Path(temp)
        environment = dict(os.environ, HOME=str(folder))
        if prepare is not None:
            environment.update(prepare(folder))
        copies = {}
        for number, source in enumerate(sources):
            copies[source] = folder / f"source{number}{source.suffix.lower()}"
            shutil.copyfile(source, copies[source])
        _run(soffice, list(copies.values()), target_format, folder, environment, what, sources[0])
        extension = target_format.split(":")[0]
        results = {source: copy.with_suffix(f".{extension}") for source, copy in copies.items()}
        yield {source: (result if result.exists() else None) for source, result in results.items()}
