"""A hostile-input corpus, generated: what an attacker or an unlucky user feeds gwplan.

Families (issue 20): every control and separator character in every kind of input; text that
tries to become document structure; Jinja that tries to run or grow without end; files far
larger than a plan (tripping the readers' limits before any work); non-regular files; outputs
that would overwrite inputs. Cases are small; the large ones are built so the limits refuse them
at once. The text is written for this corpus.
"""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

# Every C0 control a text can carry but tab, LF and CR; the characters str.splitlines() and YAML
# take as line breaks; the two non-characters XML refuses.
CONTROLS = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]
SEPARATORS = ["\x85", "\u2028", "\u2029"]
NONCHARACTERS = ["\ufffe", "\uffff"]
INVALID = CONTROLS + NONCHARACTERS  # none of these can be in an XML document
EVERY = CONTROLS + SEPARATORS + NONCHARACTERS


def code(char: str) -> str:
    return f"U+{ord(char):04X}"


TITLE = "青山区教育局关工委2026年工作要点"
# Distinct activities, so no two items merge as near-duplicates at ingest.
_ACTIVITIES = [
    "组织老党员给初一新生讲入学第一课", "在寒假开展红色家书诵读比赛", "评选十佳五老志愿者并通报表扬",
    "编印校园关工委工作简报四期", "举办青少年法治教育模拟法庭", "为留守儿童建立成长档案",
    "请退休校长指导青年教师备课", "开设周末书法兴趣班", "组织中学生参观科技馆",
    "走访慰问困难家庭学生", "推广家庭教育公开课视频", "举行老少共话中国梦座谈",
    "建设关工委网上工作平台", "开展禁毒知识竞赛", "组织戏曲进校园展演",
    "召开网吧义务监督员培训会", "资助品学兼优的贫困学生", "开展读一本好书征文",
    "组建五老宣讲团赴乡村学校宣讲", "举办心理健康讲座", "开展防溺水安全提醒",
    "组织关工委主任培训班", "推进校外教育辅导站建设", "表彰优秀关心下一代工作者",
    "开展劳动实践周活动", "协助社区开办四点半课堂", "收集整理老同志口述历史",
    "举办青少年科普知识讲座", "开展学雷锋志愿服务月活动", "组织毕业生感恩母校活动",
    "建立五老人才信息库", "开展网络文明进校园宣传", "组织学生体验非遗剪纸",
    "开展国家安全教育日主题班会", "走访调研农村寄宿制学校", "举办少儿围棋友谊赛",
]
_PREAMBLE = (
    "2026年，全区教育系统关心下一代工作坚持以习近平新时代中国特色社会主义思想为指导，"
    "围绕立德树人根本任务，发挥老同志政治优势、经验优势、威望优势和时间优势，"
    "为青少年健康成长营造良好环境。"
)


def txt_plan(items: list[str], preamble_repeats: int = 1) -> str:
    """A plain-text plan: title, preamble paragraphs, one section of numbered items."""
    preamble = "\n".join(_PREAMBLE for _ in range(preamble_repeats))
    body = "\n".join(f"{number}. {item}。" for number, item in enumerate(items, 1))
    return f"{TITLE}\n\n{preamble}\n\n一、关爱服务\n{body}\n"


def txt_plan_with_every_character() -> tuple[str, dict[str, int]]:
    """A plan with each character of EVERY inside its own item (line), rare enough (under 1% of
    the characters) not to look like a binary file; returns the text and each character's line."""
    count = len(_ACTIVITIES)
    items = [f"{_ACTIVITIES[i % count]}，并{_ACTIVITIES[(i * 5 + 3) % count]}" for i in range(3 * count)]
    for index, char in enumerate(EVERY):
        items[index * 3] = items[index * 3].replace("，并", f"，{char}并")
    text = txt_plan(items)
    lines = {}
    for number, line in enumerate(text.split("\n"), 1):
        for char in EVERY:
            if char in line and char not in lines:
                lines[char] = number
    return text, lines


def yaml_escape(char: str) -> str:
    """The double-quoted YAML escape for `char`."""
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def library_section(texts: list[str], quoted: bool = True) -> str:
    """A library section file whose clauses have these texts (double-quoted YAML, escapes allowed)."""
    lines = ["section: 做实关爱服务", "theme: 关爱帮扶", "clauses:"]
    for number, text in enumerate(texts, 1):
        value = f'"{text}"' if quoted else text
        lines += [f"  - id: 关爱-{number}", "    status: active", "    kind: item", f"    text: {value}"]
    return "\n".join(lines) + "\n"


# Jinja that runs without end or grows without bound, and what prints junk (issue 20).
JINJA_BOMBS = {
    "nested-range": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}开展活动。",
    "lipsum": "{{ lipsum(1000000) }}开展活动。",
    "power": "{{ 10 ** 100000000 }}开展活动。",
    "power-tower": "{{ 9 ** 9 ** 9 }}开展活动。",
    "repeat": "{{ 'x' * 1000000000 }}开展活动。",
    "center": "{{ '活动'|center(1000000000) }}",
    "format-width": "{{ '{:>999999999}'.format(1) }}",
    "percent-width": "{{ '%0999999999d' % 1 }}",
    "self": "{{ self }}开展活动。",
    "doubling": "{% set ns = namespace(s='活动') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "join": "{% set s = '活动' * 100000 %}{{ ([s] * 10000)|join }}",
    "recursion": "{% macro f(n) %}{{ f(n) }}{{ f(n) }}{% endmacro %}{{ f(1) }}",
}

# Source text that looks like Jinja: ingest must keep it as text.
JINJA_LOOKALIKE = "{% for i in range(100000) %}{% for j in range(100000) %}开展读书活动{% endfor %}{% endfor %}{# 备注 #}"


def roster_csv(rows: list[tuple[str, str, str]], note_width: int = 120) -> str:
    """A roster (学校名称, 类型, 红色资源) as CSV; the 红色资源 cells are long plain text, so the
    control characters of the hostile rows stay a small share of the file, as in a real roster."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["学校名称", "类型", "红色资源"])
    for name, kind, resource in rows:
        writer.writerow([name, kind, resource or "本地革命纪念馆" * (note_width // 7)])
    return buffer.getvalue()


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def bomb_docx(path: Path, paragraphs: int = 0, extra_parts: int = 0, texts: int = 3) -> Path:
    """A tiny .docx whose document.xml unpacks to `texts` short paragraphs and `paragraphs` empty
    ones (compressing to almost nothing), and `extra_parts` more files in the package."""
    body = "".join(f"<w:p><w:r><w:t>{n}.开展读书活动。</w:t></w:r></w:p>" for n in range(1, texts + 1)) + "<w:p/>" * paragraphs
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", document)
        for number in range(extra_parts):
            package.writestr(f"customXml/item{number}.xml", "<a/>")
    return path
