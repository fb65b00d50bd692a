"""The Lexicon (jieba's tables read lazily from the cache) segments and tags as jieba does with
its whole dictionary loaded and gwplan's words added: ingest's keywords depend on it."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.ingest.tags import keywords
from generator.resources import data_dir
from generator.text.words import lexicon

WORDS = str(data_dir("rules") / "words.txt")

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="module")
def texts() -> list[str]:
    lines = []
    for name in ("web_copy.txt", "school_gbk.txt"):
        data = (FIXTURES / name).read_bytes()
        text = data.decode("gbk") if name == "school_gbk.txt" else data.decode("utf-8")
        lines += [line.strip() for line in text.splitlines() if len(line.strip()) >= 10]
    assert len(lines) > 20
    return lines


@pytest.fixture(scope="module")
def whole_jieba():
    """jieba as gwplan used it before the Lexicon: the whole dictionary, plus rules/words.txt."""
    import jieba
    import jieba.analyse

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for line in (data_dir("rules") / "words.txt").read_text(encoding="utf-8-sig").splitlines():
        parts = line.split()
        if parts and not line.startswith("#"):
            tokenizer.add_word(parts[0], int(parts[1]) if len(parts) > 1 else None, parts[2] if len(parts) > 2 else None)
    return tokenizer


def test_words_are_the_words_of_the_whole_dictionary(texts, whole_jieba):
    words = lexicon((WORDS,))
    for text in texts:
        assert words.cut(text) == whole_jieba.lcut(text), text


def test_tags_and_weights_come_from_jieba_tables(texts, whole_jieba):
    import jieba.analyse
    import jieba.posseg

    table = lexicon((WORDS,))
    idf, median = jieba.analyse.default_tfidf.idf_loader.get_idf()
    tags = {**jieba.posseg.dt.word_tag_tab, **whole_jieba.user_word_tag_tab}
    words = {word for text in texts for word in table.cut(text)}
    assert words
    for word in words:
        assert table.tags.get(word) == tags.get(word) and table.idf.get(word) == idf.get(word), word
        assert table.known(word) == bool(whole_jieba.FREQ.get(word))
    assert table.median_idf == median


def test_keywords_are_dictionary_nouns_ranked_by_weight():
    tags = keywords("组织老同志开展家风家教主题宣讲，建设校外辅导站，做好困难学生助学金发放。")
    assert tags and all(len(t) >= 2 for t in tags)
    assert "工作" not in tags and "幼儿园" not in keywords("幼儿园开展亲子阅读活动，评选书香家庭。")
