"""PDF previews through LibreOffice, with the 公文 fonts mapped to free CJK fonts.

Offices have 仿宋_GB2312, 方正小标宋简体 and friends; a Linux machine has none of them. A
private fontconfig file maps each to the free font named in the profile's preview_fonts, so
LibreOffice lays the page out with real CJK glyphs of the same width.
"""
from __future__ import annotations

from pathlib import Path

from generator.errors import GwplanError
from generator.libreoffice import converted, converted_many
from generator.ooxml import escape
from generator.profile import Profile
from generator.yamlio import atomic_write_bytes


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

    def fonts(folder: Path) -> dict:
        return {"FONTCONFIG_FILE": str(fontconfig_file(profile, folder))}

    with converted(Path(docx_path), "pdf", "生成 PDF 预览", prepare=fonts) as result:
        atomic_write_bytes(pdf_path, result.read_bytes())


def page_counts(sources: list[Path], profile: Profile) -> dict[Path, int]:
    """Pages LibreOffice lays each file out on (one run for all); files it cannot read are left out."""
    import pdfplumber

    def fonts(folder: Path) -> dict:
        return {"FONTCONFIG_FILE": str(fontconfig_file(profile, folder))}

    counts = {}
    with converted_many(sources, "pdf", "计算页数", prepare=fonts) as results:
        for source, pdf in results.items():
            if pdf is not None:
                with pdfplumber.open(str(pdf)) as document:
                    counts[source] = len(document.pages)
    return counts


def preview_pdf(docx: Path, pdf: Path, profile) -> str:
    """Write the PDF preview of `docx` when LibreOffice is there; the line the report shows."""
    from generator.libreoffice import NO_SOFFICE, find_soffice

    if docx.suffix.lower() != ".docx":
        return "PDF 预览只能从 .docx 生成，已跳过。"
    if find_soffice() is None:
        return f"未生成 PDF 预览：{NO_SOFFICE}"
    try:
        docx_to_pdf(docx, pdf, profile)
    except GwplanError as exc:  # the draft itself is on disk: say so
        raise GwplanError(f"{exc.message}（{docx} 已经写好，只是没有生成 PDF 预览。）", exc.file, exc.line) from None
    return f"PDF 预览：{pdf}"

