"""Shell completion (bash, zsh, fish) of customer names, visit ids and salespeople.

Parameters are completed by their name, wherever they appear: `ref`/`refs`/`customer` (a
customer REF), `visit_id`/`visit_ids`, `rep`/`owner`/`rep_option`. So a new command gets
completion by naming its parameters as the others do. Nothing heavy is imported: the values
come from `store.completion`, which reads an SQLite file with `sqlite3`.
"""

from __future__ import annotations

import os
import re

import click
from click.shell_completion import CompletionItem

# Characters bash would split or act on in a completed word (zsh and fish quote for themselves).
_BASH_SPECIAL = re.compile(r"([\s\\'\"`$&|;<>()*?!#~{}\[\]])")


def _word(value: str) -> str:
    """The value as bash must insert it (backslash-escaped); as it is for other shells."""
    if os.environ.get("_SALESVISIT_COMPLETE", "").endswith("bash"):
        return _BASH_SPECIAL.sub(r"\\\1", value)
    return value


def _root_value(ctx: click.Context, name: str) -> str | None:
    value = ctx.find_root().params.get(name)
    return value or None


def _target(ctx: click.Context) -> str:
    from salesvisit_cli.paths import default_database

    return _root_value(ctx, "db_option") or str(default_database())


def _rep(ctx: click.Context) -> str:
    """`--rep` / SALESVISIT_REP, else the config's `rep`, else the login name."""
    import getpass
    import tomllib

    from salesvisit_cli.paths import config_path

    chosen = _root_value(ctx, "rep_option")
    if chosen:
        return chosen
    try:
        with config_path().open("rb") as handle:
            configured = tomllib.load(handle).get("rep")
    except (OSError, ValueError):
        configured = None
    if isinstance(configured, str) and configured.strip():
        return configured.strip()
    return getpass.getuser()


def customers(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    from salesvisit_cli.store.completion import customer_names

    return [CompletionItem(_word(name)) for name in customer_names(_target(ctx), incomplete)]


def visits(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    from salesvisit_cli.store.completion import planned_visits

    return [
        CompletionItem(str(visit_id), help=" ".join(part for part in (day, at, name) if part))
        for visit_id, day, at, name in planned_visits(_target(ctx), _rep(ctx), incomplete)
    ]


def reps(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    from salesvisit_cli.store.completion import rep_names

    return [CompletionItem(_word(name)) for name in rep_names(_target(ctx), incomplete)]


COMPLETERS = {
    "ref": customers,
    "refs": customers,
    "customer": customers,
    "visit_id": visits,
    "visit_ids": visits,
    "rep": reps,
    "owner": reps,
    "rep_option": reps,
}


def complete_parameters(params: list[click.Parameter]) -> None:
    """Give every parameter named in COMPLETERS its completion (unless it has its own)."""
    for param in params:
        completer = COMPLETERS.get(param.name or "")
        if completer is not None and param._custom_shell_complete is None:
            param._custom_shell_complete = completer


def complete_command(command: click.Command) -> click.Command:
    """`complete_parameters` for a command and, for a group, every command in it."""
    complete_parameters(command.params)
    if isinstance(command, click.Group):
        for child in command.commands.values():
            complete_command(child)
    return command
