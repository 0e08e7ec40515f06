"""`--help` in the interface language, translated when click formats it.

The commands keep their English help (docstrings, `help=` of options and arguments, group
help) as message ids: a command module is imported once per process, the language may change
between runs in one process (tests), so nothing is translated at import. `localise` gives every
command of a tree a class that formats its help from a translated copy of itself: the copy's
help, epilog and parameters' help go through `_()` (a dictionary look-up each), the command
itself is never changed. `scripts/i18n.py` extracts those ids from `cli/`.
"""

from __future__ import annotations

import copy
import inspect

import click

from salesvisit_cli.i18n import N_, _

# Typer's own help of its completion options (the root shows them), for the catalog.
TYPER_HELP = (
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)


def translated(text: str | None) -> str | None:
    """A help text in the interface language: its id is the text as written (`N_()`) or as
    click cleans it (docstrings, `help=`)."""
    if not text:
        return text
    found = _(text)
    return _(inspect.cleandoc(text)) if found is text else found


def short_help(command: click.Command, limit: int) -> str:
    """The one-line help of a command in its group's listing, in the interface language.

    Chinese has no spaces to cut at: its first sentence (up to `。`) is the line."""
    text = translated(command.short_help or command.help) or ""
    first = text.split("\n\n")[0]
    if "。" in first:
        return first.split("。")[0].replace("\n", "")
    if command.short_help:
        return click.Command(command.name, short_help=text).get_short_help_str(limit)
    return click.Command(command.name, help=text).get_short_help_str(limit)


class Localised:
    """Mixin of a click command: its help page and short help in the interface language."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        shown = copy.copy(self)
        shown.help = translated(self.help)
        shown.epilog = translated(self.epilog)
        shown.params = [_translated_param(param) for param in self.params]
        shown._help_option = None  # click words it once per command: word it in this language
        super(Localised, shown).format_help(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        return short_help(self, limit)  # type: ignore[arg-type]


def _translated_param(param: click.Parameter) -> click.Parameter:
    """A copy of `param` with its help in the interface language (shared options stay ids)."""
    help_text = getattr(param, "help", None)
    if not help_text:
        return param
    shown = copy.copy(param)
    shown.help = translated(help_text)  # type: ignore[attr-defined]
    return shown


_CLASSES: dict[type, type] = {}


def localise(command: click.Command) -> click.Command:
    """Give `command` and every command under it a `Localised` class (in place; idempotent)."""
    kind = type(command)
    if not issubclass(kind, Localised):
        if kind not in _CLASSES:
            _CLASSES[kind] = type(f"Localised{kind.__name__}", (Localised, kind), {})
        command.__class__ = _CLASSES[kind]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            localise(sub)
    return command
