"""The Chinese catalog is complete, compiled, and chosen as CLI.md "Language" says."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from salesvisit_cli import i18n
from scripts.i18n import MO, compiled, extract, read_catalog


def test_every_message_has_a_chinese_translation():
    catalog = read_catalog()
    missing = []
    for message in extract():
        if not message.id:
            continue
        translated = catalog.get(message.id)
        if (
            translated is None
            or not translated.string
            or translated.fuzzy
            or (isinstance(translated.string, tuple) and not all(translated.string))
        ):
            missing.append(message.id)
    assert not missing, f"untranslated (run `make i18n` and translate): {missing[:10]}"


def test_the_compiled_catalog_is_the_po_file():
    assert MO.read_bytes() == compiled(read_catalog()), "stale .mo: run `make i18n`"


def test_translations_keep_their_placeholders():
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for message in read_catalog():
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(fields(text) for text in ids))
        for text in strings:
            assert fields(text) <= wanted, (message.id, text)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh-CN"),
        ({"LC_ALL": "", "LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_TW"}, "en"),
        ({"LANG": "zh_CN.GB18030"}, "zh-CN"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_auto_reads_lc_all_then_lc_messages_then_lang(environ, expected):
    assert i18n.resolve("auto", environ) == expected
    assert i18n.resolve(None, environ) == expected


def test_a_configured_language_wins_over_the_environment(cli, monkeypatch):
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert cli("config", "set", "ui.language", "zh-CN").exit_code == 0
    i18n.reset()
    assert i18n.language() == "zh-CN"
    assert cli("config", "set", "ui.language", "klingon").exit_code == 1


def test_errors_in_chinese_start_with_the_chinese_prefix(cli, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    ran = cli("quota", "--bogus")
    assert ran.exit_code == 2
    assert ran.stderr.strip().splitlines()[-1].startswith("错误：")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    ran = cli("quota", "--bogus")
    assert ran.stderr.strip().splitlines()[-1].startswith("Error:")


def test_root_help_in_chinese_has_no_english_headings():
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "COLUMNS": "80"}
    env.pop("LC_ALL", None)
    env.pop("LANGUAGE", None)
    shown = subprocess.run(
        [sys.executable, "-m", "salesvisit_cli", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert shown.startswith("用法：")
    for english in ("Usage", "Options", "Commands", "Show this message", "Install completion"):
        assert english not in shown
