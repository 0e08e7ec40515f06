"""Every registered command, fed bad input, fails cleanly: exit 1 or 2, never a traceback."""

from __future__ import annotations

import click
import pytest
import typer.main
from typer.testing import CliRunner

from salesvisit_cli.cli.app import app

ROOT = typer.main.get_command(app)
HOSTILE = [
    "",
    "\x00\x1b[2J\x07",
    "9999-99-99",
    "-1",
    "99999999999999999999999",
    "[bold red]markup[/]\u202e",
    "x" * 5000,
]


def _leaves(
    group: click.Group, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    found = []
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            found += _leaves(command, (*path, name))
            if command.invoke_without_command:
                found.append(((*path, name), command))
        else:
            found.append(((*path, name), command))
    return found


COMMANDS = _leaves(ROOT)


# Each case runs in both languages: the same exit codes, one line starting with the prefix.
PREFIXES = {"C.UTF-8": ("Error:", "Aborted"), "zh_CN.UTF-8": ("错误：", "已中止")}
NO_SUCH_OPTION = {"C.UTF-8": "No such option", "zh_CN.UTF-8": "没有选项"}


@pytest.fixture(autouse=True, params=list(PREFIXES))
def language(request, monkeypatch) -> str:
    monkeypatch.setenv("LANG", request.param)
    return request.param


@pytest.fixture(autouse=True)
def _in_a_scratch_directory(tmp_path, monkeypatch):
    """Hostile values become file names (db backup -1): keep them out of the work tree."""
    scratch = tmp_path / "cwd"
    scratch.mkdir()
    monkeypatch.chdir(scratch)


IDS = [" ".join(path) for path, _ in COMMANDS]


def _value_options(command: click.Command) -> list[click.Option]:
    return [
        p
        for p in command.params
        if isinstance(p, click.Option) and not p.is_flag and not p.count and p.name != "help"
    ]


def _arguments(command: click.Command) -> list[click.Argument]:
    return [p for p in command.params if isinstance(p, click.Argument)]


def _run(args: list[str]):
    from salesvisit_cli.render import console

    console.out.cache_clear()
    console.err.cache_clear()
    return CliRunner().invoke(app, args, input="")


def _assert_clean(result, args: list[str], codes: tuple[int, ...], prefixes: tuple) -> None:
    shown = f"salesvisit {' '.join(repr(a)[:40] for a in args)}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{shown} raised {result.exception!r}"
    )
    assert "Traceback" not in result.stdout + result.stderr, shown
    assert result.exit_code in codes, f"{shown} exited {result.exit_code}: {result.stderr[-300:]}"
    if result.exit_code == 1 and result.stderr.strip():
        last = result.stderr.strip().splitlines()[-1]
        assert last.startswith(prefixes), f"{shown}: {last}"
        assert "Input should" not in last and "Extra inputs" not in last, f"{shown}: {last}"


def test_the_tree_was_walked():
    assert len(COMMANDS) >= 10
    assert ("customer", "add") in [path for path, _ in COMMANDS]
    assert ("db", "backup") in [path for path, _ in COMMANDS]


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_unknown_option_is_a_usage_error(path, command, language):
    args = [*path, "--no-such-option"]
    result = _run(args)
    _assert_clean(result, args, (2,), PREFIXES[language])
    assert NO_SUCH_OPTION[language] in result.stderr


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_hostile_values_everywhere(path, command, language):
    """Every argument and option at once gets the same hostile value."""
    for value in HOSTILE:
        args = [*path]
        for option in _value_options(command):
            args += [option.opts[0], value] * (2 if option.multiple else 1)
        args += ["--"] + [value] * sum(max(a.nargs, 1) for a in _arguments(command))
        _assert_clean(_run(args), args, (0, 1, 2), PREFIXES[language])


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=IDS)
def test_each_option_alone_with_a_bad_value(path, command, language):
    """One bad option value at a time, with plausible arguments: the option is refused."""
    arguments = ["1"] * sum(max(a.nargs, 1) for a in _arguments(command))
    for option in _value_options(command):
        if isinstance(option.type, click.types.StringParamType) and option.name in (
            "search", "note", "notes", "purpose", "reason", "suggestion", "booking", "complaint",
            "place", "next_place", "contact", "address", "industry", "size", "source", "web",
        ):  # fmt: skip
            value = "\x00\x1b[2J"  # free text: control characters are the bad input
        else:
            value = "not-a-valid-value\x00"
        args = [*path, option.opts[0], value, "--", *arguments]
        _assert_clean(_run(args), args, (1, 2), PREFIXES[language])
