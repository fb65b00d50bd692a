"""Keyword tags for clauses, from jieba's TF-IDF keyword extraction.

jieba costs about a second to load its dictionary, so it is imported here, on first use, and
only commands that segment text (ingest, learn, diff) ever call into this module.
"""
from __future__ import annotations

import logging
import re

# Words every clause of a 关工委 plan shares: as tags they would tell a reviewer nothing.
_STOP_WORDS = {
    "工作", "开展", "进一步", "积极", "加强", "推进", "组织", "全面", "深入", "不断", "坚持", "推动",
    "习近平", "新时代", "中国特色社会主义", "关工委", "关心下一代", "教育系统", "各级", "各校", "要求",
    "落实", "提高", "提升", "发挥", "作用", "建设", "活动", "年内", "我们", "通过", "做好", "继续",
    "下一代", "关心", "教育", "五老", "广大", "统一", "配合", "实施", "对照", "更多地", "学校", "各类",
}
_ANALYSE = None


def quiet_jieba() -> None:
    """jieba prints its dictionary loading to stderr: keep the user's terminal clean."""
    import jieba

    jieba.setLogLevel(logging.WARNING)


def _analyse():
    global _ANALYSE
    if _ANALYSE is None:
        import jieba.analyse

        quiet_jieba()
        _ANALYSE = jieba.analyse
    return _ANALYSE


def keywords(text: str, count: int = 5) -> list[str]:
    """The `count` most characteristic words of `text`, placeholders and numbers left out."""
    plain = re.sub(r"\{\{.*?\}\}", "", text)
    found = []
    for word in _analyse().extract_tags(plain, topK=count * 3):
        if word in _STOP_WORDS or len(word) < 2 or re.fullmatch(r"[\d\.%]+|[一二三四五六七八九十百千两]+", word):
            continue
        found.append(word)
        if len(found) == count:
            break
    return found


def tokens(text: str) -> list[str]:
    """jieba's words of `text`, for word-level diffs."""
    _analyse()  # sets up jieba quietly
    import jieba

    return jieba.lcut(text)
