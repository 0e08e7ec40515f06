"""The consoles and the JSON writer every command prints through."""

from __future__ import annotations

import sys
from functools import cache
from typing import Any

from salesvisit_cli.render.safe import to_json


@cache
def out():
    """The stdout console: colour only on a terminal, NO_COLOR honoured, no markup in plain str;
    no line starts with closing punctuation."""
    from rich.console import Console

    from salesvisit_cli.render.words import install_line_breaks

    install_line_breaks()
    console = Console(markup=False, highlight=False, emoji=False)
    console.on_broken_pipe = reader_went_away  # type: ignore[method-assign]
    return console


def reader_went_away() -> None:
    """The reader of stdout closed it (`| head`): end quietly with 141, as a tool killed by
    SIGPIPE does; stdout goes to /dev/null so nothing complains at exit."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    raise SystemExit(141)


@cache
def err():
    """The stderr console, for warnings."""
    from rich.console import Console

    from salesvisit_cli.render.words import install_line_breaks

    install_line_breaks()
    return Console(stderr=True, markup=False, highlight=False, emoji=False)


def emit_json(document: Any) -> None:
    """Exactly one JSON document on stdout."""
    sys.stdout.write(to_json(document) + "\n")
    sys.stdout.flush()


def warn(message: str) -> None:
    """A one-line warning on stderr (`Warning: …`), user text made inert."""
    from salesvisit_cli.i18n import _
    from salesvisit_cli.render.safe import inert
    from salesvisit_cli.render.words import flow

    head = inert(_("Warning: "), style="bold yellow")
    lines = flow([inert(message, style="yellow")], width=err().width, head=head, indent=2)
    for line in lines:
        err().print(line, soft_wrap=True)


def note(message: str) -> None:
    """A one-line note on stderr (what happened besides the output), user text made inert."""
    from salesvisit_cli.render.safe import inert

    err().print(inert(message, style="dim"), soft_wrap=True)


def success(message: str) -> None:
    """A confirmation on stdout, wrapped between words at the screen's width (a path longer
    than a line is the one thing folded)."""
    from salesvisit_cli.render.safe import inert

    out().print(inert(message, style="green"))
