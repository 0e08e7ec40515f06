"""The pinyin cache file: names converted once are read back; a bad file is only a cache."""

from __future__ import annotations

import json

from salesvisit_cli.store import pinyin_cache
from salesvisit_cli.store.pinyin_cache import cache_file, name_book


def test_converted_names_are_kept_for_the_next_command(isolated_env):
    assert cache_file().is_relative_to(isolated_env / "cache")
    with name_book() as book:
        assert book.matches("shhm", "上海华美") and book.added == 1
    with name_book() as book:
        assert book.sort_key("上海华美") == "shang hai hua mei" and book.added == 0
    saved = json.loads(cache_file().read_text(encoding="utf-8"))
    assert saved == {"version": 1, "names": {"上海华美": "shang hai hua mei"}}


def test_nothing_is_written_when_nothing_was_converted(isolated_env):
    with name_book() as book:
        book.sort_key("Acme")
    assert not cache_file().exists()


def test_a_damaged_or_foreign_file_is_ignored(isolated_env):
    cache_file().parent.mkdir(parents=True)
    for text in ("{not json", "[1, 2]", '{"version": 99, "names": {"华美": "x"}}'):
        cache_file().write_text(text, encoding="utf-8")
        with name_book() as book:
            assert book.sort_key("华美") == "hua mei"
    cache_file().write_text('{"version": 1, "names": {"华美": 3, "北京": "bei jing"}}')
    with name_book() as book:
        assert book.known == {"北京": "bei jing"}


def test_a_cache_that_cannot_be_written_is_left_alone(isolated_env):
    (isolated_env / "cache").write_text("a file where the directory should be")
    with name_book() as book:
        assert book.matches("hm", "华美")
    assert (isolated_env / "cache").read_text() == "a file where the directory should be"


def test_only_the_latest_names_are_kept(isolated_env, monkeypatch):
    monkeypatch.setattr(pinyin_cache, "MAX_NAMES", 2)
    with name_book() as book:
        for name in ("北京", "上海", "广州"):
            book.sort_key(name)
    names = json.loads(cache_file().read_text(encoding="utf-8"))["names"]
    assert names == {"上海": "shang hai", "广州": "guang zhou"}
    assert not list(cache_file().parent.glob(".pinyin-*"))  # no temporary file left behind
