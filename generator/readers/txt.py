"""Decode a plain-text plan: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK."""
from __future__ import annotations

import codecs

from generator.errors import GwplanError

MAX_TEXT_BYTES = 20 * 1024 * 1024  # a plan is a few KB; 20 MB is surely not one


def decode_text(data: bytes, name: str, advice: str = "请提供 .txt 或 .docx 文件") -> str:
    """Return the text of `data`, or raise a Chinese error naming `name` (and saying what to give: `advice`)."""
    if not data.strip():
        raise GwplanError("文件是空的，没有可收录的内容。", name)
    if len(data) > MAX_TEXT_BYTES:
        raise GwplanError(
            f"文件过大（{len(data) // 1024 // 1024} MB），不像一份工作要点；请检查是否选错了文件。", name
        )
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name, advice)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name, advice)
    if data[:4096].count(b"\x00") > 2:  # UTF-16 without a BOM, or binary; a stray NUL is a control character
        raise GwplanError(f"这是二进制文件，不是文本；{advice}。", name)
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        _refuse_binary(text, name, advice)
        return text
    raise GwplanError("无法识别文件编码（既不是 UTF-8 也不是 GBK/GB18030）；请另存为 UTF-8 文本。", name)


def _strict(data: bytes, encoding: str, name: str, advice: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise GwplanError(
            f"文件声明为 {encoding.upper()} 编码，但第 {exc.start} 字节处内容无法解码；请另存为 UTF-8 文本。", name
        ) from None
    _refuse_binary(text, name, advice)
    return text


def _refuse_binary(text: str, name: str, advice: str) -> None:
    # GB18030 decodes almost any byte string; control characters give binary data away.
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > len(sample) * 0.01:
        raise GwplanError(f"文件中含有大量控制字符，像是二进制文件而不是文本；{advice}。", name)
