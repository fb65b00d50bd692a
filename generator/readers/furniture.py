"""Site furniture around a copied plan: everything that is not the document.

Above the title: breadcrumbs, site names, publish-time and view-count lines, 导语, reading-time
notices, the title repeated as the page heading. Inside the body: watermark lines repeated down
the page, URLs, sharing prompts, page numbers. After the body: 相关推荐 lists, tags, copyright.

The rules are shapes, not lists of sites: separators (> |), 「：」-labelled metadata, lines with no
sentence in them, and position: whatever stands before the document's title is furniture unless
it is the 版头 of a real document (份号, 密级, 发文机关标志, 发文字号).
"""
from __future__ import annotations

import re
from collections import Counter

from generator.readers import tables
from generator.readers.title import KIND_WORDS, ORG_SUFFIX
from generator.text import patterns, zhtext

Line = tuple[str, int]  # text and source line number


class Dropped(Counter):
    """Lines removed as furniture, counted by kind and kept (line number, text) for the report."""

    def __init__(self):
        super().__init__()
        self.lines: list[tuple[str, int, str]] = []  # kind, line number, text

    def note(self, kind: str, lines: list[Line]) -> None:
        self[kind] += len(lines)
        self.lines.extend((kind, number, text) for text, number in lines)

_TITLE_END = patterns.compile(rf"(?:{KIND_WORDS})(?:[（(][^）)]{{1,20}}[）)])?$")
_YEAR = patterns.compile(r"(?:19|20)\d{2}\s*年|20[xX×]{2}年|(?:19|20)\d{2}\s*[-—–~]\s*(?:19|20)\d{2}\s*学年")
# Converter residue inside lines: [bookmark: _GoBack], [image: …], zero-width characters.
RESIDUE = patterns.compile(r"\[(?:bookmark|image|pic|图片)[:：][^\]]*\]|[\u200b-\u200f\ufeff\u2060]")
_URL = patterns.compile(
    r"(?:https?://|www\.)\S+|\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|cc|top|vip|info|io|xyz|me)\b",
    re.IGNORECASE,
)
# Vocabulary of document-sharing sites: accounts, paywalls, downloads, sharing buttons.
_SITE_WORDS = patterns.compile(
    r"公众号|微信号|关注我们|扫码|二维码|版权所有|原文链接|转载|文库|VIP|会员|专免|专享|付费|积分|"
    r"下载|收藏|打印本文|分享到|阅读全文|举报|点赞|浏览量|阅读量|登录|注册",
    re.IGNORECASE,
)
# Lines that start the page furniture after the document body.
_TAIL_START = patterns.compile(
    r"^(?:相关推荐|相关文档|相关阅读|相关文章|猜你喜欢|热门推荐|推荐阅读|更多推荐|精品推荐|精选推荐|延伸阅读|"
    r"上一篇|下一篇|免责声明|版权声明|本文由|本文来源|展开\s*>>|收起\s*<<|标签\s*[:：]|摘要\s*[:：]|关键词\s*[:：])"
)
# `key: value` metadata that sites print about a page or file (author, time, views, size …).
_METADATA_LABELS = (
    r"(?:作者|分类|属性|大小|格式|时间|来源|信息来源|页数|浏览|浏览次数|点击|点击数|点击量|阅读|阅读次数|下载次数|上传者?|"
    r"发布|发布时间|发布日期|发表时间|发表日期|更新时间|文件大小|文档格式|字数|评分|编辑|责任编辑|字号|字体|栏目|类别|访问量|发布于)"
)
_METADATA = patterns.compile(rf"^{_METADATA_LABELS}\s*[:：]")
# A page's buttons: 【打印正文】【关闭窗口】, 【字体：大 中 小】, [打印] [关闭].
_BUTTONS = patterns.compile(r"^(?:[【\[][^】\]]{1,12}[】\]]\s*)+$")
# A document site's header: counts and places with no label (约4.71千字 约8页 2026-03-02发布于四川).
_PAGE_STATS = patterns.compile(
    r"约?\d+(?:\.\d+)?\s*(?:千字|万字|字|页|KB|MB|人(?:阅读|浏览)|次(?:阅读|浏览|下载)?)|(?:发布|上传|更新)于\S{0,6}|"
    r"(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
# Lines that address the page's reader, not the plan's: the site's own notices and slogans.
_ADDRESSES_READER = patterns.compile(
    r"^本文档由|^本文(?:由|来自|系)|本站|如有侵权|供大家(?:参考|借鉴|学习)|供参考|欢迎(?:阅读|下载|借鉴|分享)|"
    r"倾情为你奉上|精选优质文档|专心-+专注-+专业|可编辑|word版|Word版|^Copyright|©|ICP备|"
    r"下载文档|请自行甄别|平台不提供|仅部分预览|客服工作时间|更多内容推荐|点击进入"
)
_FILE_NAME = patterns.compile(r"\.(?:docx?|wps|pdf|txt|rtf)\s*$", re.IGNORECASE)
PAGE_NUMBER = patterns.compile(r"^(?:[-—－–~\s]*\d{1,3}[-—－–~\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$")
# Separator lines (----, ====, ·····); a lone 。 or . is not one: it ends a hard-wrapped sentence.
_SEPARATOR = patterns.compile(r"^[-—_=*~·•.\s]{3,}$")
STRUCTURAL = patterns.compile(rf"^(?:{tables.MARK}\d|[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d{{1,2}}\.{zhtext.AFTER_ITEM_DOT})")
# An editor's lead-in (导语) or a reading notice: the site talking about the document.
_LEAD_IN = patterns.compile(
    r"^【?导[语读]】|^[【\[]?导[语读][】\]：:]|(?:下面|以下)是.{0,20}(?:整理|收集|分享|精心|带来|推荐)|小编|仅供参考|欢迎阅读|希望(?:对|能)[^，。]{0,8}(?:帮助|有所帮助)|"
    r"阅读本文(?:大约|大概)?需要|本文共\d+字|预计阅读"
)
# 版头 of a real document: 份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人.
_HEADER_PART = patterns.compile(
    r"^(?:\d{6}|(?:绝密|机密|秘密)(?:★.*)?|特急|加急|平急|特提|.{2,30}(?:文件|函|简报|通报)|.{1,12}[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号.*|签发人[:：].*)$"
)


def title_like(text: str) -> bool:
    """The shape of a plan's title: a kind word at the end, no sentence, no site separators."""
    text = strip_brackets(text)
    if not text or len(text) > 60 or zhtext.heading_level(text)[0]:
        return False
    if re.search(r"[，。；！？>|›»]|[:：]", text) or _URL.search(text) or _LEAD_IN.search(text):
        return False
    return _TITLE_END.search(text) is not None and len(text) >= 6


_NUMBERED = r"(?:篇[一二三四五六七八九十\d]+|第[一二三四五六七八九十\d]+篇|(?:通用|汇总|精选)?\d+篇(?:范文)?)"
# What sites add to a title: 【篇一】 before it, 范文, 篇一, （通用15篇） after it.
_DECORATION = patterns.compile(
    rf"^[【\[]?{_NUMBERED}[】\]]?\s*|(?:(?:格式)?范文(?:精选|大全)?|[（(【\[]?(?:{_NUMBERED}|全文共\d+字)[)）】\]]?|(?<=[点划结排案])\d{{1,2}})+$"
)


def strip_brackets(text: str) -> str:
    """【2024年…工作要点】 → 2024年…工作要点 (sites wrap a title in brackets, number it and call it 范文)."""
    text = text.strip()
    for _ in range(3):
        match = re.fullmatch(r"[【\[《〔](.+)[】\]》〕]", text)
        text = _DECORATION.sub("", match.group(1) if match else text).strip()
    return text


def _information(text: str) -> tuple[int, int, int]:
    """How much a title says: year, unit, length (a variant title without its unit says less)."""
    text = strip_brackets(text)
    before_year = _YEAR.split(text)[0] if _YEAR.search(text) else text
    has_org = re.search(ORG_SUFFIX, before_year) is not None or re.search(ORG_SUFFIX + r"(?=.*(?:工作|" + KIND_WORDS + "))", text) is not None
    return (1 if _YEAR.search(text) else 0, 1 if has_org else 0, len(text))


def body_starts(text: str) -> bool:
    """A line that can only be the document's body: a heading marker, or a sentence that is not the site's."""
    if STRUCTURAL.match(text) or re.match(r"^[一二三四五六七八九十]是|^第[一二三四五六七八九十][，,]", text):
        return True
    if furniture_kind(text, 1) or _LEAD_IN.search(text) or _METADATA.match(text):
        return False
    return "，" in text and len(text) >= 12 and not title_like(text)


def find_title(lines: list[Line], limit: int = 40) -> tuple[int, int, str] | None:
    """(first line, last line, title text) of the document's title, or None.

    The title is the most informative title-shaped line (or a line and its wrapped tail, or a
    unit line above a title line) in the block of title-shaped lines just before the body.
    """
    candidates: list[tuple[int, int, str]] = []
    for index, (text, _) in enumerate(lines[:limit]):
        listed = numbered_title(text)
        if listed:  # 1.临江市第一中学2026年德育工作计划第1篇: a 合集's first document
            candidates.append((index, index, listed))
            break
        if body_starts(text) and candidates:
            break
        joined = None
        if index + 1 < len(lines):
            nxt = lines[index + 1][0]
            if not title_like(text) and len(nxt) <= 12 and title_like(text + nxt) and not body_starts(nxt):
                joined = (index, index + 1, strip_brackets(text + nxt))
            elif _unit_line(text) and title_like(nxt) and not _YEAR.search(text):
                joined = (index, index + 1, text + strip_brackets(nxt))
        if joined:
            candidates.append(joined)
        elif title_like(text):
            candidates.append((index, index, strip_brackets(text)))
    if not candidates:
        return None
    block = [candidates[-1]]
    for candidate in reversed(candidates[:-1]):  # title-shaped lines right above the last one
        if block[0][0] - candidate[1] <= 4:
            block.insert(0, candidate)
        else:
            break
    best = max(block, key=lambda c: (_information(c[2]), c[0]))
    return best if best[0] >= block[0][0] else None


def numbered_title(text: str) -> str:
    """The title in a 合集's list entry (1.…2026年…工作计划第1篇), or "": it must name its year."""
    match = re.match(r"^\d{1,2}[.．、]\s*(.+)$", text)
    title = strip_brackets(match.group(1)) if match else ""
    return title if title and title_like(title) and _YEAR.search(title) else ""


def _unit_line(text: str) -> bool:
    """`常州市武进区教育局关工委` on its own line above `2025年工作要点`."""
    return len(text) <= 30 and re.search(ORG_SUFFIX + "$", text) is not None and not re.search(r"[，。：:>|]", text)


def recipient_line(text: str) -> bool:
    """主送机关: 各学校： or 各乡镇中心学校，县直各学校、幼儿园： (a list of units, no sentence)."""
    return bool(re.fullmatch(r"[^。，；]{2,50}[:：]|各[^。；]{1,70}[:：]", text)) and not re.search(r"如下|是[:：]$|为[:：]$", text)


def header_part(text: str) -> bool:
    return _HEADER_PART.match(text.strip()) is not None


def cut_tail(lines: list[Line], dropped: Counter) -> list[Line]:
    """Drop everything from the first line of page furniture after the body has begun."""
    body_seen = 0
    for index, (text, _) in enumerate(lines):
        if _TAIL_START.match(text) and body_seen >= 3:
            _note(dropped, "正文结束后的网页内容（相关推荐、标签、摘要等）", lines[index:])
            return lines[:index]
        if len(text) > 15:
            body_seen += 1
    # Trailing file metadata without a tail heading: drop the run of metadata lines at the end.
    end = len(lines)
    while end > 0 and _METADATA.match(lines[end - 1][0]) and len(lines[end - 1][0]) < 40:
        end -= 1
    if end < len(lines):
        _note(dropped, "文末的文件信息（作者、大小、格式等）", lines[end:])
    return lines[:end]


def drop_noise(lines: list[Line], dropped: Counter, keep_page_numbers: bool = False) -> list[Line]:
    """Drop watermarks, URLs, site prompts and the like (page-number lines too, unless asked to
    keep them for the caller to join the sentence a page break cut)."""
    counts = Counter(text for text, _ in lines)
    kept = []
    for text, number in lines:
        kind = furniture_kind(text, counts[text])
        if kind and not (keep_page_numbers and PAGE_NUMBER.match(text)):
            _note(dropped, kind, [(text, number)])
        else:
            kept.append((text, number))
    return kept


def furniture_kind(text: str, repeats: int) -> str:
    """What kind of site furniture `text` is, or "" for document text."""
    structural = STRUCTURAL.match(text) is not None
    sentence = zhtext.SENTENCE_END.search(text) is not None
    if PAGE_NUMBER.match(text) or _SEPARATOR.match(text):
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
    if _METADATA.match(text) and len(text) < 60 or _metadata_row(text):
        return "文件信息（作者、时间、浏览次数等）"
    if _BUTTONS.match(text):
        return "网页按钮（打印、关闭、字号等）"
    if _ADDRESSES_READER.search(text) and len(text) <= 90 or re.search(r"(?:下面|以下)是[^。]{0,12}小编|小编(?:为|给|帮)大家", text):
        return "网站对读者说的话（本文档由…、供大家参考等）"
    if _PAGE_STATS.search(text) and not sentence and len(_PAGE_STATS.sub("", text).strip(" 　·|约")) <= len(text) // 3:
        return "文档网站的页头（字数、页数、发布时间）"
    return ""


def _metadata_row(text: str) -> bool:
    """发布时间：… 来源：… 点击数：次 on one line: several labels, each followed by its value."""
    labels = re.findall(rf"{_METADATA_LABELS}\s*[:：]", text)
    return len(labels) >= 2 and not zhtext.SENTENCE_END.search(text)


def front_matter(lines: list[Line], dropped: Counter) -> tuple[list[Line], tuple[str, int] | None, list[str]]:
    """Find the title and drop the furniture around it.

    Returns the lines after the title, the title (text, line) and the 版头 lines kept aside.
    Lines before the title are dropped (the 版头 of a real document is kept aside, not dropped);
    between the title and the body, 导语, reading notices, metadata and repeated titles go too.
    """
    found = find_title(lines)
    if found is None:
        return lines, None, []
    first, last, title = found
    header = [text for text, _ in lines[:first] if header_part(text)]
    before = first - len(header)
    if before:
        _note(dropped, "标题之前的内容（网页导航、网站名、发布时间、导语、页眉等）", [line for line in lines[:first] if not header_part(line[0])])
    rest = lines[last + 1 :]
    start = 0
    while start < len(rest) and not body_starts(rest[start][0]):
        text = rest[start][0]
        if _LEAD_IN.search(text) or _METADATA.match(text) or title_like(text) or furniture_kind(text, 1):
            _note(dropped, "标题之后的导语、阅读提示和重复标题", [rest[start]])
            start += 1
            continue
        if recipient_line(text):  # 主送机关: the body begins
            break
        if len(text) <= 20 and not zhtext.SENTENCE_END.search(text) and "，" not in text:
            _note(dropped, "标题之后的网页内容", [rest[start]])  # a site name or a label: no sentence in it
            start += 1
            continue
        break
    return drop_lead_ins(rest[start:], dropped), (title, lines[first][1]), header


def drop_lead_ins(lines: list[Line], dropped: Counter) -> list[Line]:
    """A 导语 or reading notice before the body's first heading (the site's words, not the plan's)."""
    first_heading = next((i for i, (text, _) in enumerate(lines) if STRUCTURAL.match(text)), len(lines))
    leads = {i for i, (text, _) in enumerate(lines[: max(6, min(first_heading, 12))]) if _LEAD_IN.search(text) and not STRUCTURAL.match(text)}
    if leads:
        _note(dropped, "标题之后的导语、阅读提示和重复标题", [lines[i] for i in sorted(leads)])
    return [line for i, line in enumerate(lines) if i not in leads]


def _note(dropped: Counter, kind: str, lines: list[Line]) -> None:
    if isinstance(dropped, Dropped):
        dropped.note(kind, lines)
    else:
        dropped[kind] += len(lines)
