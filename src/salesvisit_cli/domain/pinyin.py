"""Pinyin of names: how a Chinese name is found (`shhm`, `shanghaihuamei` → 上海华美), sorted and
turned into a login name.

pypinyin is imported on first use (it takes a third of a second). Converting a whole name is
slow, so the Chinese runs are cut into words and each distinct word is converted once per
process: customer names share most of their words (上海, 贸易, 有限公司). A `NameBook` keeps
whole names' syllables, so that they can be saved between commands.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAS_HAN = f"[{_HAN}]"
_RUNS = f"([{_HAN}]+)|([^{_HAN}]+)"
_ASCII_WORD = re.compile(r"[a-z0-9]+")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """A pattern compiled on first use: the Han character classes take milliseconds that the
    commands which never convert a name would pay."""
    return re.compile(pattern)


def has_han(text: str) -> bool:
    """Whether the text holds a Chinese character."""
    return _compiled(_HAS_HAN).search(text) is not None


@lru_cache(maxsize=65536)
def syllables(name: str) -> tuple[str, ...]:
    """The name as lower-case ASCII words: each Chinese character's pinyin without tone (ü as
    v), other letters (accents dropped) and digits as they stand: 上海ABC公司 → shang hai abc
    gong si."""
    words: list[str] = []
    for han, other in _compiled(_RUNS).findall(unicodedata.normalize("NFKC", name)):
        if han:
            words += _han_syllables(han)
        else:
            plain = unicodedata.normalize("NFKD", other).encode("ascii", "ignore").decode()
            words += _ASCII_WORD.findall(plain.lower())
    return tuple(words)


@lru_cache(maxsize=16384)
def _han_syllables(run: str) -> tuple[str, ...]:
    """A run of Chinese characters cut into words (so 银行 reads yin hang), word by word."""
    from pypinyin.seg.mmseg import seg

    return tuple(syllable for word in seg.cut(run) for syllable in _word_pinyin(word))


@lru_cache(maxsize=16384)
def _word_pinyin(word: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(word, errors="ignore"))


def pinyin_query(text: str) -> str | None:
    """What a typed text looks for in pinyin (letters only; case, spaces and apostrophes
    ignored), or None when it cannot be pinyin."""
    query = "".join(text.split()).replace("'", "").casefold()
    return query if query.isascii() and query.isalpha() else None


class NameBook:
    """Each name's syllables, converted once: `known` (name → syllables joined by spaces, e.g.
    from a cache file) is used as it is; each new Chinese name is converted and added to it
    (`added` counts them)."""

    def __init__(self, known: dict[str, str] | None = None) -> None:
        self.known = {} if known is None else known
        self.added = 0

    def _spaced(self, name: str) -> str:
        """A Chinese name's syllables joined by spaces."""
        words = self.known.get(name)
        if words is None:
            words = self.known[name] = " ".join(syllables(name))
            self.added += 1
        return words

    def matches(self, query: str, name: str) -> bool:
        """Whether a `pinyin_query` is part of a Chinese name's full pinyin (`shanghaihuamei`)
        or of its initials (`shhm`). Names without Chinese characters never match by pinyin."""
        if name not in self.known and not has_han(name):
            return False
        words = self._spaced(name)
        return query in words.replace(" ", "") or query in "".join(w[0] for w in words.split())

    def sort_key(self, name: str) -> str:
        """Alphabetical order with each Chinese name among the Latin ones by its pinyin
        (上海华美 as `shang hai hua mei`, between Sandvik and Siemens)."""
        if name not in self.known and not has_han(name):
            return name.casefold()
        return self._spaced(name)
