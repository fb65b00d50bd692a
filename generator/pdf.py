"""PDF previews through LibreOffice, with the 公文 fonts mapped to free CJK fonts.

Offices have 仿宋_GB2312, 方正小标宋简体 and friends; a Linux machine has none of them. A
private fontconfig file maps each to the free font named in the profile's preview_fonts, so
LibreOffice lays the page out with real CJK glyphs of the same width.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from generator.errors import GwplanError
from generator.profile import Profile
from generator.yamlio import atomic_write_bytes

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


def fontconfig_file(profile: Profile, folder: Path) -> Path:
    aliases = "\n".join(
        f"  <alias binding=\"same\"><family>{escape(name)}</family><prefer><family>{escape(free)}</family></prefer></alias>"
        for name, free in profile.preview_fonts.items()
    )
    path = folder / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{aliases}\n</fontconfig>\n",
        encoding="utf-8",
    )
    return path


def docx_to_pdf(docx_path: Path, pdf_path: Path, profile: Profile) -> None:
    """Render `docx_path` to `pdf_path` (written atomically). Raises GwplanError when it cannot."""
    soffice = find_soffice()
    if soffice is None:
        raise GwplanError(f"无法生成 PDF 预览：{NO_SOFFICE}")
    with tempfile.TemporaryDirectory(prefix="gwplan-pdf-") as temp:
        folder = Path(temp)
        env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file(profile, folder)), HOME=str(folder))
        source = folder / "draft.docx"
        shutil.copyfile(docx_path, source)
        command = [
            soffice, "--headless", "--norestore", "--nolockcheck",
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--convert-to", "pdf", "--outdir", str(folder), str(source),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, env=env)
        except subprocess.TimeoutExpired:
            raise GwplanError(f"LibreOffice 在 {TIMEOUT_SECONDS} 秒内没有完成 PDF 转换。", str(docx_path)) from None
        result = folder / "draft.pdf"
        if done.returncode != 0 or not result.exists():
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["无输出"]
            raise GwplanError(f"LibreOffice 没能生成 PDF（{detail[0]}）。", str(docx_path))
        atomic_write_bytes(pdf_path, result.read_bytes())
