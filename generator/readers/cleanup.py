"""Clean text copied from web pages and converters into the plan's real paragraphs.

Real copies of plans carry site watermarks, download prompts, "相关推荐" lists, file metadata,
converter residue and hard line breaks every ~25 characters. The rules here are general
patterns (URLs, site vocabulary, lines repeated down the page, the tail after the body ends),
never a list of one site's strings.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from generator import zhtext


@dataclass
class Para:
    """One paragraph of a source plan, with the source line it starts on."""

    text: str
    line: int
    level_hint: int = 0  # heading level from a Word style/outline level, 0 when unknown


@dataclass
class Cleaned:
    paragraphs: list[Para]
    dropped: Counter = field(default_factory=Counter)  # kind of noise → lines dropped
    warnings: list[str] = field(default_factory=list)


# Converter residue inside lines: [bookmark: _GoBack], [image: …], zero-width characters.
_RESIDUE = re.compile(r"\[(?:bookmark|image|pic|图片)[:：][^\]]*\]|[\u200b-\u200f\ufeff\u2060]")
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|cc|top|vip|info|io|xyz|me)\b",
    re.IGNORECASE,
)
# Vocabulary of document-sharing sites: accounts, paywalls, downloads, sharing buttons.
_SITE_WORDS = re.compile(
    r"公众号|微信号|关注我们|扫码|二维码|版权所有|原文链接|转载|文库|VIP|会员|专免|专享|付费|积分|"
    r"下载|收藏|打印本文|分享到|阅读全文|举报|点赞|浏览量|阅读量|登录|注册",
    re.IGNORECASE,
)
# Lines that start the page furniture after the document body.
_TAIL_START = re.compile(
    r"^(?:相关推荐|相关文档|相关阅读|相关文章|猜你喜欢|热门推荐|推荐阅读|更多推荐|精品推荐|精选推荐|延伸阅读|"
    r"上一篇|下一篇|免责声明|版权声明|本文由|本文来源|展开\s*>>|收起\s*<<|标签\s*[:：]|摘要\s*[:：]|关键词\s*[:：])"
)
# `key: value` metadata that sites print about a file (author, size, format, pages …).
_METADATA = re.compile(
    r"^(?:作者|分类|属性|大小|格式|时间|来源|页数|浏览|下载次数|上传者?|发布时间|更新时间|文件大小|"
    r"文档格式|字数|评分)\s*[:：]"
)
_FILE_NAME = re.compile(r"\.(?:docx?|wps|pdf|txt|rtf)\s*$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:[-—－–~\s]*\d{1,3}[-—－–~\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
# Separator lines (----, ====, ·····); a lone 。 is not one: it ends a hard-wrapped sentence.
_SEPARATOR = re.compile(r"^[-—_=*~·•.\s]+$")
_STRUCTURAL = re.compile(rf"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d{{1,2}}\.{zhtext.AFTER_ITEM_DOT})")


def clean_lines(raw_lines: list[str]) -> Cleaned:
    """Turn the raw lines of a text file into cleaned paragraphs."""
    dropped: Counter = Counter()
    lines = [(zhtext.normalize_text(_RESIDUE.sub("", text)), number) for number, text in enumerate(raw_lines, 1)]
    lines = [(text, number) for text, number in lines if text]
    lines = _cut_tail(lines, dropped)
    lines = _drop_noise(lines, dropped)
    warnings: list[str] = []
    if is_hard_wrapped(lines):
        paragraphs = _rejoin(lines)
        warnings.append(f"检测到硬换行（每行约 {_wrap_width(lines)} 字），已把断开的行重新接成段落。")
    else:
        paragraphs = [Para(text, number) for text, number in lines]
    return Cleaned(paragraphs, dropped, warnings)


def clean_paragraphs(paragraphs: list[Para]) -> Cleaned:
    """Clean paragraphs that are already real paragraphs (from .docx): no rejoining."""
    dropped: Counter = Counter()
    lines = [(zhtext.normalize_text(_RESIDUE.sub("", p.text)), p.line) for p in paragraphs]
    hints = {p.line: p.level_hint for p in paragraphs}
    lines = _drop_noise(_cut_tail([(t, n) for t, n in lines if t], dropped), dropped)
    return Cleaned([Para(text, number, hints[number]) for text, number in lines], dropped)


def _cut_tail(lines: list[tuple[str, int]], dropped: Counter) -> list[tuple[str, int]]:
    """Drop everything from the first line of page furniture after the body has begun."""
    body_seen = 0
    for index, (text, _) in enumerate(lines):
        if _TAIL_START.match(text) and body_seen >= 3:
            dropped["正文结束后的网页内容（相关推荐、标签、摘要等）"] += len(lines) - index
            return lines[:index]
        if len(text) > 15:
            body_seen += 1
    # Trailing file metadata without a tail heading: drop the run of metadata lines at the end.
    end = len(lines)
    while end > 0 and _METADATA.match(lines[end - 1][0]) and len(lines[end - 1][0]) < 40:
        end -= 1
    if end < len(lines):
        dropped["文末的文件信息（作者、大小、格式等）"] += len(lines) - end
    return lines[:end]


def _drop_noise(lines: list[tuple[str, int]], dropped: Counter) -> list[tuple[str, int]]:
    counts = Counter(text for text, _ in lines)
    kept = []
    for text, number in lines:
        kind = _noise_kind(text, counts[text])
        if kind:
            dropped[kind] += 1
        else:
            kept.append((text, number))
    return kept


def _noise_kind(text: str, repeats: int) -> str:
    structural = _STRUCTURAL.match(text) is not None
    sentence = zhtext.SENTENCE_END.search(text) is not None
    if _PAGE_NUMBER.match(text) or _SEPARATOR.match(text):
        return "页码或分隔线"
    if structural:
        return ""
    if _TAIL_START.match(text) and len(text) <= 12:
        return "网页栏目（相关推荐等）"
    if _URL.search(text) and len(text) <= 60 and not sentence:
        return "网址、水印"
    if _SITE_WORDS.search(text) and len(text) <= 30 and not re.search("[，。、；]", text):
        return "网站提示（公众号、VIP、下载等）"
    if _FILE_NAME.search(text) and len(text) <= 80:
        return "文件名"
    if repeats >= 3 and not sentence:
        return "反复出现的水印行"
    if _METADATA.match(text) and len(text) < 40:
        return "文件信息（作者、大小、格式等）"
    return ""


def is_hard_wrapped(lines: list[tuple[str, int]]) -> bool:
    """A copy is hard-wrapped when many body lines stop without ending a sentence."""
    body = [text for text, _ in lines[1:] if not _STRUCTURAL.match(text)]
    if len(body) < 6:
        return False
    open_ended = sum(1 for text in body if not zhtext.SENTENCE_END.search(text))
    return open_ended / len(body) >= 0.3


def _wrap_width(lines: list[tuple[str, int]]) -> int:
    lengths = sorted(len(text) for text, _ in lines)
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def _rejoin(lines: list[tuple[str, int]]) -> list[Para]:
    """Rejoin hard-wrapped lines into paragraphs.

    A body paragraph runs on until a line ends a sentence or the next line starts a heading
    marker. A heading (or the title) runs on only while its line is full width and the next
    line is a short line that does not end a sentence: the tail of the wrapped heading.
    """
    width = _wrap_width(lines)
    full = width * 0.85
    paragraphs: list[Para] = []
    current: Para | None = None
    current_is_heading = False
    last_len = 0
    for index, (text, number) in enumerate(lines):
        starts_block = _STRUCTURAL.match(text) is not None or index == 0
        if current is not None and not starts_block:
            if current_is_heading:
                joins = last_len >= full and len(text) < full and not zhtext.SENTENCE_END.search(text)
            else:
                joins = not zhtext.SENTENCE_END.search(current.text)
            if joins:
                current.text = _join(current.text, text)
                last_len = len(text)
                continue
        current = Para(text, number)
        paragraphs.append(current)
        current_is_heading = _is_heading_line(text, index)
        last_len = len(text)
    return paragraphs


def _is_heading_line(text: str, index: int) -> bool:
    if index == 0:
        return True
    level, _, rest = zhtext.heading_level(text)
    return level in (1, 2) and "。" not in rest


def _join(left: str, right: str) -> str:
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalpha():
        return f"{left} {right}"
    return zhtext.remove_cjk_spaces(left + right)
