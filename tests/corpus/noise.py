"""Noise generators: the ways real copies of a plan differ from the clean document.

Each kind takes the clean text and a seeded random generator and returns a noisy copy. The kinds
are modelled on what writers find on the web (document-sharing sites, 范文 sites, PDF
extraction), not on what gwplan's reader expects. A noisy copy must ingest to the same clauses
as its clean original (tests/test_noise.py); tests/perf/bench_noise.py prints the rate per kind.

Kinds:
    furniture_above   breadcrumbs, site name, publish time / views / font-size line, 导语 and a
                      reading-time notice above the title, and the title repeated as the page heading
    furniture_below   相关推荐 lists, 上一篇/下一篇, tags, copyright lines after the body
    watermarks        a site's watermark line (site name, URL, 公众号) spliced in every few lines
    hard_wraps        every line broken at a fixed width, headings included, as a PDF or a site does
    no_breaks         all line breaks removed (a site that extracts a .docx into one block)
    pdf_spaces        spaces between characters and hard wraps, as text copied out of a PDF
    half_width        half-width , ; : ( ) and . where the original has full-width punctuation
    full_width_ascii  full-width digits and letters (１．２０２４) as some editors type them
    traditional       converted to traditional script, with pinyin after some characters: 關(guān)
    page_chunks       the page numbers of a document viewer spliced into the text, mid-sentence
    redactions        a place or a number hidden by the site: XX, **, 20xx
    duplicated_title  the title twice, once in 【】, and a second, variant title after it
    mojibake          a run of mis-decoded characters (。ㄒ唬┱J識) inside one paragraph
    daoyu             a 导语 paragraph right after the title (下面是小编为大家整理的…)
"""
from __future__ import annotations

import random
import re

CJK = re.compile(r"[\u4e00-\u9fff]")
MARKER = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d{1,2}\.|[一二三四五六七八九十]是|第[一二三四五六七八九十]，|首先|其次|最后)")

SITES = ["公文范文网", "第一范文站", "优选文库", "办公资料网"]
DOMAINS = ["www.fanwen123.com", "wenku.example.cn", "www.gwzl8.net", "m.youxuan.cc"]


def lines_of(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _title(first_line: str) -> str:
    """The title at the start of the first line (the whole line, unless the copy ran together)."""
    match = re.match(r"^.{4,60}?(?:要点|计划|总结)", first_line)
    return match.group(0) if match and len(first_line) > 60 else first_line


def furniture_above(text: str, rng: random.Random) -> str:
    lines = lines_of(text)
    title = _title(lines[0])
    site = rng.choice(SITES)
    furniture = [
        f"当前位置：首页 > 工作计划 > {rng.choice(['关工委工作计划', '学校工作计划', '教育工作要点'])} > 正文",
        site,
        title,
        f"发布时间：{rng.randint(2019, 2025)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)} 10:2{rng.randint(0, 9)}   "
        f"来源：{site}   浏览次数：{rng.randint(100, 9999)}",
        "字号：大 中 小",
        f"【导语】下面是{site}为您整理的{title}，仅供参考，希望能够帮助到大家。",
        f"阅读本文大约需要{rng.randint(3, 9)}分钟",
    ]
    rng.shuffle(furniture[3:5])
    return "\n".join(furniture + lines)


def furniture_below(text: str, rng: random.Random) -> str:
    tail = [
        "上一篇：2023年学校德育工作计划",
        "下一篇：关工委工作总结范文三篇",
        "相关推荐",
        "2024年关工委工作计划（精选5篇）",
        "学校关心下一代工作总结",
        "标签：关工委 工作要点 计划",
        f"版权所有 © {rng.choice(SITES)} 2025",
    ]
    return "\n".join(lines_of(text) + tail[rng.randint(0, 2):])


def watermarks(text: str, rng: random.Random) -> str:
    mark = f"{rng.choice(SITES)} 公众号：老笔杆子文库 {rng.choice(DOMAINS)}"
    out = []
    for index, line in enumerate(lines_of(text)):
        out.append(line)
        if index and index % rng.randint(4, 6) == 0:
            out.append(mark)
    return "\n".join(out)


def _wrap(line: str, width: int) -> list[str]:
    pieces, current, used = [], "", 0.0
    for char in line:
        size = 0.5 if ord(char) < 0x2000 else 1.0
        if used + size > width:
            pieces.append(current)
            current, used = "", 0.0
        current += char
        used += size
    return pieces + ([current] if current else [])


def hard_wraps(text: str, rng: random.Random) -> str:
    width = rng.randint(24, 30)
    return "\n".join(piece for line in lines_of(text) for piece in _wrap(line, width))


def no_breaks(text: str, rng: random.Random) -> str:
    return rng.choice(["", " "]).join(lines_of(text))


def pdf_spaces(text: str, rng: random.Random) -> str:
    out = []
    for line in lines_of(text):
        for piece in _wrap(line, 28):
            out.append("".join(char + (" " if CJK.match(char) and rng.random() < 0.3 else "") for char in piece).rstrip())
    return "\n".join(out)


_HALF = {"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "。": "."}


def half_width(text: str, rng: random.Random) -> str:
    out = []
    for line in lines_of(text):
        out.append("".join(_HALF[c] if c in _HALF and rng.random() < 0.6 else c for c in line))
    return "\n".join(out)


def full_width_ascii(text: str, rng: random.Random) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isascii() and (c.isalnum() or c == ".") and rng.random() < 0.7 else c for c in text)


_PINYIN = {"關": "guān", "心": "xīn", "學": "xué", "習": "xí", "組": "zǔ", "織": "zhī", "開": "kāi", "展": "zhǎn",
           "幹": "gàn", "傳": "chuán", "統": "tǒng", "愛": "ài", "國": "guó", "黨": "dǎng", "團": "tuán", "紀": "jì"}


def traditional(text: str, rng: random.Random) -> str:
    import opencc

    converted = opencc.OpenCC("s2t").convert(text)
    return "".join(c + (f"({_PINYIN[c]})" if c in _PINYIN and rng.random() < 0.15 else "") for c in converted)


def page_chunks(text: str, rng: random.Random) -> str:
    """Document viewers cut a text into pages and print each page's number where it begins."""
    out, page, since = [], 1, 0
    size = rng.randint(300, 450)
    for char in text:
        out.append(char)
        since += 1
        if since >= size and CJK.match(char):
            page += 1
            since = 0
            out.append(rng.choice([f" {page} ", f" - {page} - ", f"第{page}页", f"\n{page}\n"]))
    return "".join(out)


def redactions(text: str, rng: random.Random) -> str:
    """A site hides a name or a number: two characters become XX or **, or one becomes *."""
    lines = lines_of(text)
    candidates = [i for i, line in enumerate(lines[1:], 1) if len(line) > 40]
    for index in rng.sample(candidates, min(3, len(candidates))):
        line = lines[index]
        if re.search(r"20\d\d年", line) and rng.random() < 0.5:
            lines[index] = re.sub(r"20(\d\d)年", "20xx年", line, count=1)
            continue
        mark = rng.choice(["XX", "**", "*"])
        spots = [i for i in range(5, len(line) - 5) if all(CJK.match(c) for c in line[i : i + len(mark)])]
        spot = rng.choice(spots)
        lines[index] = line[:spot] + mark + line[spot + len(mark) :]
    return "\n".join(lines)


def duplicated_title(text: str, rng: random.Random) -> str:
    lines = lines_of(text)
    title = lines[0]
    variant = re.sub(r"^.*?(\d{4}年)", r"\1", title)  # the same title without its unit
    return "\n".join([f"【{title}】", variant if variant != title else title + "（全文）"] + lines)


def mojibake(text: str, rng: random.Random) -> str:
    """A few words of one paragraph decoded with the wrong code page, as a page that mixes
    encodings shows them: UTF-8 read as GBK (关心下一代 → 鍏冲績涓嬩竴浠), GBK read as Big5,
    or the 锟斤拷 that a lost character leaves."""
    lines = lines_of(text)
    index = rng.choice(sorted(range(1, len(lines)), key=lambda i: -len(lines[i]))[:5])
    line = lines[index]
    spot = line.find("，") + 1 or 10
    words = line[spot : spot + rng.randint(3, 5)]
    how = rng.choice(["utf8-as-gbk", "gbk-as-big5", "lost"])
    if how == "utf8-as-gbk":
        run = words.encode("utf-8").decode("gbk", errors="replace")
    elif how == "gbk-as-big5":
        run = words.encode("gbk").decode("big5", errors="replace")
    else:
        run = "锟斤拷" * rng.randint(1, 2)
    lines[index] = line[:spot] + run + line[spot + len(words) :]
    return "\n".join(lines)


def daoyu(text: str, rng: random.Random) -> str:
    lines = lines_of(text)
    lead = rng.choice([
        "导语】下面是小编为大家整理的工作计划范文，希望对大家有所帮助，欢迎阅读参考！",
        "【导语】工作计划是对一定时期的工作预先作出安排和打算。以下是本站为您整理的范文，供参考。",
    ])
    return "\n".join([lines[0], lead] + lines[1:])


KINDS = {
    "furniture_above": furniture_above,
    "furniture_below": furniture_below,
    "watermarks": watermarks,
    "hard_wraps": hard_wraps,
    "no_breaks": no_breaks,
    "pdf_spaces": pdf_spaces,
    "half_width": half_width,
    "full_width_ascii": full_width_ascii,
    "traditional": traditional,
    "page_chunks": page_chunks,
    "redactions": redactions,
    "duplicated_title": duplicated_title,
    "mojibake": mojibake,
    "daoyu": daoyu,
}

# Kinds that change the wording itself: the reader keeps and reports what it cannot undo.
CHANGES_WORDING = {"redactions", "mojibake"}

# Combinations seen in real copies, in the order the damage happens: a site that runs a document
# together prints its own furniture around the block, not inside it.
COMBINATIONS = [
    ("furniture_above", "watermarks", "hard_wraps", "furniture_below"),
    ("duplicated_title", "daoyu", "half_width", "page_chunks"),
    ("traditional", "hard_wraps", "watermarks"),
    ("no_breaks", "furniture_above"),
    ("pdf_spaces", "page_chunks", "full_width_ascii"),
    ("traditional", "no_breaks", "furniture_below"),
    ("mojibake", "daoyu", "watermarks", "half_width"),
    ("redactions", "half_width", "hard_wraps", "furniture_above"),
]


def noisy(text: str, kinds: tuple[str, ...] | list[str], seed: int) -> str:
    rng = random.Random(seed)
    for kind in kinds:
        text = KINDS[kind](text, rng)
    return text
