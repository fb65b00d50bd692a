"""jieba, the word segmenter, as every stage uses it: its dictionary read lazily from a table.

jieba keeps its whole dictionary in memory: loading it (350,000 words), its part-of-speech
table and its IDF table takes 2-4 s, longer than ingesting a plan. A Lexicon holds the same
three tables, plus gwplan's own words (rules/words.txt, added as jieba.add_word adds them), in
one SQLite file in the user's cache folder, built once per jieba version and word list. jieba's
own Tokenizer then segments with a dictionary that is filled, before each text, with exactly the
entries that text can reach (every dictionary word and word prefix it contains), so the words
are the ones jieba with its full dictionary finds.
"""
from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from generator.resources import cache_dir
from generator.text import patterns

_FORMAT = 1  # bump when the table's layout changes
_BLOCK = patterns.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")  # the runs jieba segments (re_han_default)


def import_jieba():
    """jieba, imported without pkg_resources: jieba 0.42 imports it only to open its own data
    files and opens them directly without it, while importing it costs 0.15-0.5 s."""
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes `import pkg_resources` fail
        try:
            import jieba  # noqa: F401
        finally:
            del sys.modules["pkg_resources"]
    import jieba

    return jieba


def quiet_jieba() -> None:
    """jieba prints its dictionary loading to stderr: keep the user's terminal clean."""
    import_jieba().setLogLevel(logging.WARNING)


class Lexicon:
    """jieba's dictionary (with gwplan's words), part-of-speech tags and IDF weights, looked up
    in a table as texts need them."""

    def __init__(self, database: sqlite3.Connection):
        jieba = import_jieba()
        quiet_jieba()
        self.db = database
        meta = dict(self.db.execute("SELECT key, value FROM meta"))
        self.longest, self.median_idf = int(meta["longest"]), float(meta["median_idf"])
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.FREQ, self.tokenizer.total = {}, int(meta["total"])
        self.tokenizer.initialized = True  # its dictionary is what load() puts in FREQ
        self.tags: dict[str, str] = {}
        self.idf: dict[str, float] = {}
        self._asked: set[str] = set()

    def load(self, text: str) -> None:
        """Put every entry `text` can reach into the tokenizer's dictionary: the words and word
        prefixes it holds, found length by length (a longer one only extends a known prefix)."""
        freq = self.tokenizer.FREQ
        candidates = {char for block in _BLOCK.findall(text) for char in block}
        blocks = _BLOCK.findall(text)
        length = 1
        while candidates:
            self._fetch(candidates - self._asked)
            length += 1
            if length > self.longest:
                break
            candidates = {
                block[start : start + length]
                for block in blocks
                for start in range(len(block) - length + 1)
                if block[start : start + length - 1] in freq
            }

    def _fetch(self, words: set[str]) -> None:
        self._asked |= words
        listed = list(words)
        for start in range(0, len(listed), 900):
            chunk = listed[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for word, freq, tag, idf in self.db.execute(f"SELECT word, freq, tag, idf FROM words WHERE word IN ({marks})", chunk):
                self.tokenizer.FREQ[word] = freq
                if tag:
                    self.tags[word] = tag
                if idf is not None:
                    self.idf[word] = idf

    def cut(self, text: str) -> list[str]:
        """jieba.lcut(text), with gwplan's words."""
        self.load(text)
        return self.tokenizer.lcut(text)

    def known(self, word: str) -> bool:
        """Whether `word` is a dictionary word (not only a prefix of one); load() its text first."""
        return bool(self.tokenizer.FREQ.get(word))

    def frequency(self, word: str) -> int:
        """The word's count in jieba's dictionary (0 when unknown), looked up on its own."""
        if word not in self._asked:
            self._fetch({word})
        return self.tokenizer.FREQ.get(word) or 0


@lru_cache(maxsize=4)
def lexicon(word_files: tuple[str, ...] = ()) -> Lexicon:
    """The Lexicon of jieba's dictionary plus the words of `word_files` (jieba user dictionaries),
    from the cache folder, built there first if needed (a few seconds, once per word list)."""
    jieba = import_jieba()

    key = hashlib.sha256(f"{_FORMAT}|{jieba.__version__}|{_stamp()}".encode())
    for name in word_files:
        key.update(b"|" + Path(name).read_bytes())
    folder = cache_dir()
    if folder is None:  # nowhere to keep it: build it in memory, as slow as jieba itself
        database = sqlite3.connect(":memory:", check_same_thread=False)
        _build(database, word_files)
        return Lexicon(database)
    path = folder / f"jieba-{key.hexdigest()[:16]}.sqlite"
    if not path.exists():
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        os.close(handle)
        try:
            database = sqlite3.connect(temp)
            _build(database, word_files)
            database.close()
            os.replace(temp, path)  # another process may have built it too: either copy is whole
        finally:
            Path(temp).unlink(missing_ok=True)
    return Lexicon(sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False))


def _stamp() -> str:
    """Size and time of jieba's dictionary files, so an upgraded jieba gets a new table."""
    jieba = import_jieba()

    folder = Path(jieba.__file__).parent
    return ",".join(f"{p.stat().st_size}:{int(p.stat().st_mtime)}" for p in (folder / "dict.txt", folder / "analyse" / "idf.txt"))


def _build(database: sqlite3.Connection, word_files: tuple[str, ...]) -> None:
    """Load jieba whole, as it always ran: dictionary, gwplan's words, POS and IDF tables; save them."""
    jieba = import_jieba()
    import jieba.analyse
    import jieba.posseg

    quiet_jieba()
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for name in word_files:
        for line in Path(name).read_text(encoding="utf-8-sig").splitlines():
            parts = line.split()
            if parts and not line.lstrip().startswith("#"):
                freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
                tokenizer.add_word(parts[0], freq, parts[2] if len(parts) > 2 else None)
    tags = dict(jieba.posseg.dt.word_tag_tab)
    tags.update(tokenizer.user_word_tag_tab)
    idf = jieba.analyse.default_tfidf.idf_loader
    idf_freq, median_idf = idf.get_idf()
    database.executescript(
        "CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER, tag TEXT, idf REAL) WITHOUT ROWID;"
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);"
    )
    database.executemany(
        "INSERT INTO words VALUES (?, ?, ?, ?)",
        ((word, freq, tags.get(word), idf_freq.get(word)) for word, freq in tokenizer.FREQ.items()),
    )
    longest = max(len(word) for word in tokenizer.FREQ)
    database.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("total", str(tokenizer.total)), ("longest", str(longest)), ("median_idf", repr(median_idf)),
    ])
    database.commit()
