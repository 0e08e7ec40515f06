"""The pinyin of customer names, kept between commands in the user cache directory.

Loading pypinyin takes a third of a second and converting 20,000 names as long again, so a
search or a sorted list reads the syllables of the names already seen from `pinyin.json` and
converts only new names. The file is only a cache: a missing, unreadable or foreign one is
ignored, and one that cannot be written is left alone.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from salesvisit_cli.domain.pinyin import NameBook

VERSION = 1
MAX_NAMES = 200_000  # the most recently added names are kept


def cache_file() -> Path:
    from salesvisit_cli.paths import cache_dir

    return cache_dir() / "pinyin.json"


@contextmanager
def name_book() -> Iterator[NameBook]:
    """A NameBook seeded from the cache file; the names it converted are saved afterwards."""
    path = cache_file()
    book = NameBook(load(path))
    yield book
    if book.added:
        _save(path, book.known)


def load(path: Path) -> dict[str, str]:
    """The names and syllables of the cache file (empty when it is missing or foreign)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict) or document.get("version") != VERSION:
        return {}
    names = document.get("names")
    if not isinstance(names, dict):
        return {}
    return {name: words for name, words in names.items() if isinstance(words, str)}


def _save(path: Path, known: dict[str, str]) -> None:
    from salesvisit_cli.paths import make_private_dir

    kept = dict(list(known.items())[-MAX_NAMES:])
    text = json.dumps({"version": VERSION, "names": kept}, ensure_ascii=False)
    temporary: Path | None = None
    try:
        make_private_dir(path.parent)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=".pinyin-", delete=False
        ) as handle:
            temporary = Path(handle.name)
            handle.write(text)
        temporary.replace(path)  # whole or not at all, whoever else writes it meanwhile
    except OSError:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
