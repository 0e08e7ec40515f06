"""`--help` in the interface language, translated when click formats it.

The commands keep their English help (docstrings, `help=` of options and arguments, group
help) as message ids: a command module is imported once per process, the language may change
between runs in one process (tests), so nothing is translated at import. `localise` gives every
command of a tree a class that formats its help from a translated copy of itself: the copy's
help, epilog and parameters' help go through `_()` (a dictionary look-up each), the command
itself is never changed. `scripts/i18n.py` extracts those ids from `cli/`.

The placeholders click shows (`[OPTIONS]`, `VISIT_ID`, `TEXT`…) in the usage line, the argument
and option lists and its errors are message ids too, translated word by word (`metavar`).
"""

from __future__ import annotations

import copy
import inspect
import re

import click

from salesvisit_cli.i18n import N_, _, language

# Typer's own help of its completion options (the root shows them), for the catalog.
TYPER_HELP = (
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)

# The words of click's placeholders: ours (`metavar=`, argument names) and its value types'.
METAVARS = frozenset({
    N_("OPTIONS"), N_("COMMAND"), N_("ARGS"), N_("TEXT"), N_("INTEGER"), N_("FLOAT"),
    N_("BOOLEAN"), N_("FILE"), N_("DIRECTORY"), N_("PATH"), N_("VISIT_ID"), N_("FOLLOWUP_ID"),
    N_("ID"), N_("ITEM"), N_("REF"), N_("REFS"), N_("REP"), N_("REPS"), N_("ROLE"), N_("NAME"),
    N_("KEY"), N_("VALUE"), N_("N"), N_("D"), N_("DAY"), N_("YYYY-MM"),
})  # fmt: skip
# An upper-case word of a placeholder (`[a|b]`, a choice list, is what one types: it stays).
_PLACEHOLDER_WORD = r"(?<![\w-])[A-Z][A-Z_]*(?:-[A-Z]+)*(?![\w-])"


def metavar(text: str) -> str:
    """A placeholder as click writes it (`[OPTIONS]`, `ITEM...`) in the interface language."""
    return re.sub(
        _PLACEHOLDER_WORD, lambda word: _(word[0]) if word[0] in METAVARS else word[0], text
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
        shown.params = [_translated_param(param, ctx) for param in self.params]
        shown._help_option = None  # click words it once per command: word it in this language
        super(Localised, shown).format_help(ctx, formatter)  # type: ignore[misc]

    def get_short_help_str(self, limit: int = 45) -> str:
        return short_help(self, limit)  # type: ignore[arg-type]

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """The usage line's placeholders (help pages and usage errors) in the interface language."""
        pieces = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        return [metavar(piece) for piece in pieces]

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc]
        except click.BadParameter as error:
            raise reworded(error) from None


def reworded(error: click.BadParameter) -> click.UsageError:
    """click's complaint about a parameter in the interface language: the placeholder and the
    value type translated, and a Chinese sentence ending in `。` (click appends `.`)."""
    if error.param is not None and error.param_hint is None and error.ctx is not None:
        error.param_hint = metavar(error.param.get_error_hint(error.ctx))
    message = error.format_message()
    if language() == "zh-CN":
        if error.param is not None and error.param.type.name in ("integer", "float"):
            kind = error.param.type.name
            message = re.sub(rf"(?<![A-Za-z]){kind}(?![A-Za-z])", _(kind.upper()), message)
        message = re.sub(r"(?<=[^\s.])\.(?=\s|$)", "。", message).replace("。 ", "。")
    return click.UsageError(message, error.ctx)


def _translated_param(param: click.Parameter, ctx: click.Context) -> click.Parameter:
    """A copy of `param` with its help and placeholder in the interface language (shared
    options stay ids)."""
    shown = copy.copy(param)
    help_text = getattr(param, "help", None)
    if help_text:
        shown.help = translated(help_text)  # type: ignore[attr-defined]
    if not getattr(param, "is_flag", False) and not getattr(param, "count", False):
        made = param.make_metavar(ctx)
        if metavar(made) != made:
            shown.metavar = metavar(made)
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
