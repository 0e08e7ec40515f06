"""Pinyin of names: how a Chinese name is found (`shhm`, `shanghaihuamei` → 上海华美), sorted and
turned into a login name.

pypinyin is imported on first use (it takes a third of a second). Converting a whole name is
slow, so the Chinese runs are cut into words and each distinct word is converted once per
process: customer names share most of their words (上海, 贸易, 有限公司).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAS_HAN = re.compile(f"[{_HAN}]")
_RUNS = re.compile(f"([{_HAN}]+)|([^{_HAN}]+)")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def has_han(text: str) -> bool:
    """Whether the text holds a Chinese character."""
    return _HAS_HAN.search(text) is not None


@lru_cache(maxsize=65536)
def syllables(name: str) -> tuple[str, ...]:
    """The name as lower-case ASCII words: each Chinese character's pinyin without tone (ü as
    v), other letters (accents dropped) and digits as they stand: 上海ABC公司 → shang hai abc
    gong si."""
    words: list[str] = []
    for han, other in _RUNS.findall(unicodedata.normalize("NFKC", name)):
        if han:
            words += _han_syllables(han)
        else:
            plain = unicodedata.normalize("NFKD", other).encode("ascii", "ignore").decode()
            words += _ASCII_WORD.findall(plain.lower())
    return tuple(words)


@lru_cache(maxsize=16384)
def _han_syllables(run: str) -> tuple[str, ...]:
    return tuple(syllable for word in _words(run) for syllable in _word_pinyin(word))


def _words(run: str):
    from pypinyin.seg.mmseg import seg

    return seg.cut(run)


@lru_cache(maxsize=16384)
def _word_pinyin(word: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(word, errors="ignore"))


def pinyin_query(text: str) -> str | None:
    """What a typed text looks for in pinyin (letters only; case, spaces and apostrophes
    ignored), or None when it cannot be pinyin."""
    query = "".join(text.split()).replace("'", "").casefold()
    return query if query.isascii() and query.isalpha() else None


def matches(query: str, name: str) -> bool:
    """Whether a `pinyin_query` is part of a Chinese name's full pinyin (`shanghaihuamei`) or
    of its initials (`shhm`). Names without Chinese characters never match by pinyin."""
    if not has_han(name):
        return False
    words = syllables(name)
    return query in "".join(words) or query in "".join(word[0] for word in words)


def sort_key(name: str) -> str:
    """Alphabetical order with each Chinese name among the Latin ones by its pinyin
    (上海华美 as `shang hai hua mei`, between Sandvik and Siemens)."""
    return " ".join(syllables(name)) if has_han(name) else name.casefold()
