"""`--help` of every command, subcommand, option and argument in the interface language."""

from __future__ import annotations

import inspect
import re

import click
import pytest
import typer.main

from salesvisit_cli.cli.app import app
from salesvisit_cli.cli.help import METAVARS, Localised, translated
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
# An upper-case word of a placeholder (`VISIT_ID`, `TEXT`, `YYYY-MM`).
WORD = r"(?<![\w-])[A-Z][A-Z_]*(?:-[A-Z]+)*(?![\w-])"


def _english_placeholders(command: click.Command) -> set[str]:
    """The words of the placeholders click shows for `command` in English."""
    context = click.Context(command)
    pieces = super(Localised, command).collect_usage_pieces(context)
    for param in command.get_params(context):
        if not getattr(param, "is_flag", False) and not getattr(param, "count", False):
            pieces.append(param.make_metavar(context))
    return {word for piece in pieces for word in re.findall(WORD, piece)}


def _english_placeholders_in(text: str) -> set[str]:
    return set(re.findall(WORD, text)) & METAVARS | ({"[OPTIONS]"} & {*text.split()})


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
    assert re.match(r"用法：\S", shown.stdout)  # no space after the full-width colon
    for english in ("Usage:", "Options:", "Arguments:", "Commands:", "Show this message"):
        assert english not in shown.stdout
    # Section headings end with a full-width colon, like every other Chinese label.
    assert "\n选项：\n" in shown.stdout
    assert not re.search(r"(?m)^ *[^\x00-\x7f ]+:$", shown.stdout)
    for text in _help_texts(command):
        first_line = inspect.cleandoc(text).splitlines()[0]
        assert first_line not in shown.stdout, first_line
    assert translated(command.help).split("\n")[0][:20] in shown.stdout
    placeholders = _english_placeholders(command)
    assert placeholders <= METAVARS, "placeholder words without a message id"
    assert not _english_placeholders_in(shown.stdout), shown.stdout


REQUIRED_ARGUMENT = [
    (path, command)
    for path, command in COMMANDS
    if any(isinstance(param, click.Argument) and param.required for param in command.params)
]


@pytest.mark.parametrize(
    ("path", "command"), REQUIRED_ARGUMENT, ids=[" ".join(path) for path, _ in REQUIRED_ARGUMENT]
)
def test_a_missing_argument_in_chinese(path, command, cli, monkeypatch):
    """click's own error and usage line name the argument in Chinese and end with `。`."""
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    ran = cli(*path)
    assert ran.exit_code == 2
    assert not _english_placeholders_in(ran.stderr), ran.stderr
    error = ran.stderr.strip().splitlines()[-1]
    assert error.startswith("错误：缺少参数 '") and error.endswith("。"), error


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["visit", "report", "abc"], "错误：'[拜访编号]' 的值无效：'abc' 不是有效的整数。"),
        (["visit", "plan", "--suggest", "x"], "错误：'--suggest' 的值无效：'x' 不是有效的整数。"),
        (["followup", "add", "华美"], "错误：缺少选项 '--due'。"),
    ],
)
def test_a_bad_value_in_chinese(cli, monkeypatch, args, error):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    ran = cli(*args)
    assert ran.exit_code == 2 and ran.stderr.strip().splitlines()[-1] == error
    assert "用法：root " in ran.stderr and not _english_placeholders_in(ran.stderr)


def test_click_errors_in_english_are_click_s_own(cli, monkeypatch):
    monkeypatch.setenv("LANG", "C.UTF-8")
    ran = cli("visit", "prep")
    assert ran.stderr == (
        "Usage: root visit prep [OPTIONS] VISIT_ID ITEM...\n"
        "Try 'root visit prep --help' for help.\n\n"
        "Error: Missing argument 'VISIT_ID'.\n"
    )
    assert cli("visit", "report", "abc").stderr.endswith(
        "Error: Invalid value for '[VISIT_ID]': 'abc' is not a valid integer.\n"
    )


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
