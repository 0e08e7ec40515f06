"""`--help` of every command, subcommand, option and argument in the interface language."""

from __future__ import annotations

import inspect

import click
import pytest
import typer.main

from salesvisit_cli.cli.app import app
from salesvisit_cli.cli.help import translated
from scripts.i18n import read_catalog


def _tree(command: click.Command, path: tuple[str, ...] = ()):
    """(path, command) of the root and every group and command under it."""
    yield path, command
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            yield from _tree(command.get_command(context, name), (*path, name))


COMMANDS = list(_tree(typer.main.get_command(app)))
IDS = [" ".join(path) or "salesvisit" for path, _ in COMMANDS]


def _help_texts(command: click.Command) -> list[str]:
    texts = [command.help, command.short_help, command.epilog]
    texts += [getattr(param, "help", None) for param in command.params]
    return [text for text in texts if text]


def test_every_help_text_is_a_translated_message_id():
    """What click shows is found in the catalog (extraction saw every help= and docstring)."""
    catalog = read_catalog()
    missing = []
    for path, command in COMMANDS:
        for text in _help_texts(command):
            message = catalog.get(text) or catalog.get(inspect.cleandoc(text))
            if message is None or not message.string:
                missing.append((" ".join(path), text[:60]))
    assert not missing


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_help_page_in_chinese(path, command, cli, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    shown = cli(*path, "--help")
    assert shown.exit_code == 0, shown.stderr
    assert shown.stdout.startswith("用法：")
    for english in ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message"):
        assert english not in shown.stdout
    for text in _help_texts(command):
        first_line = inspect.cleandoc(text).splitlines()[0]
        assert first_line not in shown.stdout, first_line
    assert translated(command.help).split("\n")[0][:20] in shown.stdout


def test_examples_in_chinese_use_chinese_input_words(cli, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    shown = cli("followup", "add", "--help").stdout
    assert "示例：" in shown and "--due 明天 --kind 电话" in shown


def test_one_process_switches_language_between_runs(cli, monkeypatch):
    """Command modules are imported once; their help follows the language of each run."""
    for language, heading, text in [
        ("C.UTF-8", "Usage:", "Plan a visit to a customer."),
        ("zh_CN.UTF-8", "用法：", "安排对一个客户的拜访。"),
        ("C.UTF-8", "Usage:", "Time of the call, HH:MM."),
        ("zh_CN.UTF-8", "用法：", "拜访时间，HH:MM。"),
    ]:
        monkeypatch.setenv("LANG", language)
        shown = cli("visit", "schedule", "--help").stdout
        assert shown.startswith(heading) and text in shown
        listing = cli("visit", "--help").stdout
        assert ("安排对一个客户的拜访" in listing) == (heading == "用法：")


def test_shared_options_stay_message_ids_after_a_chinese_help(cli, monkeypatch):
    """Showing help in Chinese changes no option object (the English help stays intact)."""
    from salesvisit_cli.cli.output import JSON_OPTION

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    cli("quota", "--help")
    assert JSON_OPTION.help == "Print one JSON document instead of a table."
