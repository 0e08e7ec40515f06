"""User text is shown as text; NO_COLOR is honoured; --json is exactly one document."""

from __future__ import annotations

import json
import re

import pytest

from salesvisit_cli.render.safe import clean, inert, one_line, to_json

MARKUP = "[bold red]Acme[/bold red] [link=http://evil.example]click[/link]"


def test_markup_in_user_text_is_printed_literally(cli):
    added = cli("customer", "add", MARKUP, "--contact", "[blink]Wang[/]")
    assert added.exit_code == 0, added.stderr
    for screen in (
        added.stdout,
        cli("customer", "list").stdout,
        cli("customer", "show", "1").stdout,
    ):
        assert "[bold red]" in screen or "[bold" in screen  # the tag text is visible
    card = cli("customer", "show", "1").stdout
    assert "[blink]Wang[/]" in card


def test_control_and_bidi_characters_never_reach_the_terminal(cli):
    name = "Evil\u202egnp.exe Co"  # right-to-left override (disguises text)
    assert cli("customer", "add", name, "--note", "x\u2066y").exit_code == 0
    for args in (("customer", "list"), ("customer", "show", "1"), ("customer", "list", "--json")):
        screen = cli(*args).stdout
        assert "\u202e" not in screen and "\u2066" not in screen and "\x1b" not in screen
    data = cli("customer", "show", "1", "--json").json()
    assert data["name"] == name  # JSON keeps the data, escaped (\u202e) on the wire


def test_control_characters_in_input_are_refused(cli):
    result = cli("customer", "add", "Acme\x1b]0;pwned\x07")
    assert result.exit_code == 1 and "\x1b" not in result.stderr
    assert result.stderr.startswith("Error: name contains control characters")


def test_errors_quote_user_text_safely(cli):
    result = cli("customer", "show", "no\u202ematch")
    assert result.exit_code == 1
    assert "\u202e" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("no_color", [True, False])
def test_no_color_is_honoured(cli, monkeypatch, no_color):
    monkeypatch.setenv("FORCE_COLOR", "1")  # pretend to be a terminal
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    screen = cli("customer", "add", "Acme", "--tier", "key").stdout
    colours = re.findall(r"\x1b\[(?:[0-9]+;)*(?:3[0-8]|9[0-7])(?:;[0-9]+)*m", screen)
    assert bool(colours) is (not no_color)


def test_json_is_one_document_even_with_warnings(cli, monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    cli("customer", "add", "Acme", "--phone", "021 5555 0101")
    commands = [
        ("customer", "add", "Blue", "--phone", "021 5555 0101", "--json"),
        ("customer", "list", "--json"),
        ("customer", "show", "Acme", "--json"),
        ("customer", "edit", "Acme", "--tier", "key", "--json"),
        ("config", "show", "--json"),
        ("db", "check", "--json"),
    ]
    for args in commands:
        result = cli(*args)
        assert result.exit_code == 0, (args, result.stderr)
        json.loads(result.stdout)  # exactly one document: anything else fails to parse
        assert "\x1b" not in result.stdout, args


def test_safe_helpers():
    assert clean("a\x1b[31mb\x00c\u202ed") == "a\ufffd[31mb\ufffdc\ufffdd"
    assert clean(None) == ""
    assert one_line("a\nb\r\nc") == "a b c"
    assert inert("[bold]x[/bold]").plain == "[bold]x[/bold]"
    assert to_json({"n": "a\u202eb\x85"}) == '{\n  "n": "a\\u202eb\\u0085"\n}'
