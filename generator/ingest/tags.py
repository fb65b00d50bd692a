"""Keyword tags and ids for clauses: nouns of two or more characters that jieba knows as words.

jieba's part-of-speech tagging picks the nouns (n, nz, vn, nt, ns); only words in its dictionary
or in rules/words.txt count, so an unknown run that the statistical model glues together
(好能, 八至, 师德师) never becomes a tag. School-type words (幼儿园, 初中, 中考 …) are reserved
for reviewers: batch matches them against school types (rules/school_types.yaml), so an
automatic tag must never be one.

jieba's dictionary, POS and IDF tables are read from the Lexicon (text/words.py) as each text
needs them, so ingesting one plan does not load them whole.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from generator.text.words import Lexicon, lexicon

# Words every clause of a 关工委 plan shares: as tags they would tell a reviewer nothing.
_STOP_WORDS = {
    "工作", "开展", "进一步", "积极", "加强", "推进", "组织", "全面", "深入", "不断", "坚持", "推动",
    "习近平", "新时代", "中国特色社会主义", "关工委", "关心下一代", "教育系统", "各级", "各校", "要求",
    "落实", "提高", "提升", "发挥", "作用", "建设", "活动", "年内", "我们", "通过", "做好", "继续",
    "下一代", "关心", "教育", "五老", "广大", "统一", "配合", "实施", "对照", "更多地", "学校", "各类",
    "老同志", "学生", "青少年", "工作委员会", "方面", "情况", "内容", "形式", "基础", "全年", "每学期",
    # Nouns every plan uses in every section: they say nothing about one clause.
    "精神", "指导", "特色", "社会主义", "时代", "科学", "中国", "部署", "系统", "计划", "总结", "要点", "成员",
    "发展", "经验", "思想", "主题", "故事", "报告", "联系", "优势", "全会精神", "理论", "政治", "教学", "工作机制",
    "要求", "年度", "单位", "教育局", "区委", "区政府", "党委", "教师", "老教师", "全区", "全市", "全县", "机制",
    "质量", "水平", "能力", "作用", "目标", "任务", "措施", "意见", "规划", "责任",
}
_NOUNS = ("n", "nz", "vn", "nt", "ns", "nw")
_JIEBA_STOP_WORDS = {  # jieba.analyse's own (English) stop words, which extract_tags skipped
    "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are", "by", "be", "as", "on", "with", "can", "if",
    "from", "which", "you", "it", "this", "then", "at", "have", "all", "not", "one", "has", "or",
}
_WORDS_FILE = "words.txt"


@lru_cache(maxsize=4)
def _lexicon(rules: str | None = None) -> Lexicon:
    """jieba's dictionary with gwplan's words (rules/words.txt of every rules folder) added."""
    from generator.rules.ruleset import rules_dirs

    files = tuple(str(Path(folder) / _WORDS_FILE) for folder in rules_dirs(rules) if (Path(folder) / _WORDS_FILE).exists())
    return lexicon(files)


@lru_cache(maxsize=4)
def reserved_words(rules: str | None = None) -> frozenset[str]:
    """School types, their aliases and stage tags: for reviewers, never automatic tags."""
    from generator.rules.schooltypes import load_school_types

    return frozenset(load_school_types(rules).reserved)


def keywords(text: str, count: int = 5, rules: str | None = None) -> list[str]:
    """The `count` most characteristic nouns of `text`: words, never fragments or numbers.

    Ranked as jieba.analyse.extract_tags ranks them (TF-IDF over the nouns), from the Lexicon's
    tables: jieba's words, each tagged with its dictionary part of speech."""
    words = _lexicon(rules)
    reserved = reserved_words(rules)
    plain = re.sub(r"\{\{.*?\}\}", "", text)
    counts: dict[str, float] = {}
    for word in words.cut(plain):
        if words.tags.get(word) in _NOUNS and len(word.strip()) >= 2 and word.lower() not in _JIEBA_STOP_WORDS:
            counts[word] = counts.get(word, 0.0) + 1.0
    total = sum(counts.values())
    weights = {word: n * words.idf.get(word, words.median_idf) / total for word, n in counts.items()}
    found = []
    for word in sorted(weights, key=weights.__getitem__, reverse=True)[: count * 4]:
        if (
            word in _STOP_WORDS
            or word in reserved
            or not words.known(word)
            or re.search(r"[\d%.]|^[一二三四五六七八九十百千两]+$", word)
        ):
            continue
        found.append(word)
        if len(found) == count:
            break
    return found


def clause_id(tags: list[str], text: str, taken: set[str]) -> str:
    """A readable id from the first tags (党建带关建-工作机制), unique among `taken`.

    Other pairs of tags are tried before a number is added, so ids stay words. The id depends
    only on the text and the ids already taken: re-ingesting never renames a clause.
    """
    words = [t for t in tags if re.fullmatch(r"[^\s{}\[\],:#&*!|>'\"%@`]+", t)]
    pairs = [(a, b) for i, a in enumerate(words[:4]) for b in words[i + 1 : 4]]
    candidates = ["-".join(pair) for pair in pairs] or words[:1]
    for candidate in candidates:
        if candidate not in taken:
            return candidate
    base = candidates[0] if candidates else _fallback(text)
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}" if base in taken else base


def _fallback(text: str) -> str:
    """An id for a clause without characteristic nouns: its first two dictionary words."""
    words = _lexicon()
    plain = re.sub(r"\{\{.*?\}\}", "", text)
    found = [w for w in words.cut(plain) if len(w) >= 2 and words.known(w) and w not in _STOP_WORDS and not re.search(r"\d", w)]
    return "-".join(found[:2]) or "条款"


def tokens(text: str) -> list[str]:
    """jieba's words of `text`, for word-level diffs."""
    return _lexicon().cut(text)
