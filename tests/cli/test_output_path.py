"""The one output path: every command that prints a result takes --json through `json_output`."""

from __future__ import annotations

import click
import pytest
import typer

from salesvisit_cli.cli.app import COMMANDS, load_command
from salesvisit_cli.cli.output import emit, json_output

# Commands that print no result object (a path, a confirmation of a file written, a file).
WITHOUT_JSON = {
    "config path",
    "config set",
    "customer export",  # --format json
    "db backup",
    "demo",
    "report day",  # a Markdown or Excel file
    "report month",  # an Excel workbook
    "visit export",  # --ics: a calendar file
}


def _commands() -> dict[str, click.Command]:
    found = {}
    for name in COMMANDS:
        command = load_command(name)
        if isinstance(command, click.Group):
            found[name] = command  # a group with a callback (followup) prints a result too
            context = click.Context(command)
            for sub in command.list_commands(context):
                found[f"{name} {sub}"] = command.get_command(context, sub)
        else:
            found[name] = command
    return found


def _has_json(command: click.Command) -> bool:
    return any("--json" in param.opts for param in command.params)


def test_every_command_but_the_listed_ones_takes_json():
    commands = _commands()
    plain_groups = {
        name
        for name, command in commands.items()
        if isinstance(command, click.Group) and not command.invoke_without_command
    }
    without = {name for name, c in commands.items() if not _has_json(c)} - plain_groups
    assert without == WITHOUT_JSON
    assert "customer assign" in commands and "visit report" in commands


def test_json_is_the_decorators_one_option():
    """--json has the same help everywhere and comes from json_output (never declared twice)."""
    helps = {
        param.help
        for command in _commands().values()
        for param in command.params
        if "--json" in param.opts
    }
    assert helps == {"Print one JSON document instead of a table."}


def test_emit_outside_a_json_output_command_is_a_bug():
    with pytest.raises(RuntimeError, match="json_output"):
        emit({"a": 1})


def test_a_command_cannot_declare_its_own_json_flag():
    def command(ctx: typer.Context, as_json: bool = False) -> None: ...

    with pytest.raises(TypeError, match="as_json"):
        json_output(command)


def test_emit_prints_warnings_then_json_or_screen(capsys):
    shown = []

    @json_output
    def command(ctx: typer.Context) -> None:
        emit([Item(1), Item(2)], shown.append, warnings=["careful"])

    command(None, as_json=True)
    out, err = capsys.readouterr()
    assert out == '[\n  {\n    "n": 1\n  },\n  {\n    "n": 2\n  }\n]\n'
    assert "Warning: careful" in err and shown == []
    command(None)
    out, err = capsys.readouterr()
    assert out == "" and "Warning: careful" in err and shown == [[Item(1), Item(2)]]


class Item:
    def __init__(self, n: int) -> None:
        self.n = n

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Item) and other.n == self.n

    def to_json(self) -> dict[str, int]:
        return {"n": self.n}
