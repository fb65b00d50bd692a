"""jieba, the word segmenter, as every stage uses it."""
from __future__ import annotations

import logging


def quiet_jieba() -> None:
    """jieba prints its dictionary loading to stderr: keep the user's terminal clean."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
