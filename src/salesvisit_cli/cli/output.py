"""The one output path: a command's result as one JSON document (`--json`) or as its screen.

    @app.command("show")
    @json_output
    def show(ctx: typer.Context, ref: str) -> None:
        from salesvisit_cli.render.customers import customer_card
        emit(found, customer_card)

`json_output` gives the command its `--json` option; `emit` prints the warnings on stderr, then
either the result's JSON (`to_json()`, lists of such, or plain data) or its screen. Screens
print through `render.console` (colour only on a terminal, NO_COLOR, user text inert); JSON
through `render.console.emit_json` (exactly one document on stdout).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Annotated, Any

import typer

JSON_OPTION = typer.Option("--json", help="Print one JSON document instead of a table.")
_json_wanted: ContextVar[bool] = ContextVar("json_wanted")
_NOT_GIVEN: Any = object()


def json_output(command: Callable[..., None]) -> Callable[..., None]:
    """Add `--json` to a Typer command; `emit` then prints the command's result either way."""
    signature = inspect.signature(command, eval_str=True)
    if "as_json" in signature.parameters:
        raise TypeError(f"{command.__name__} declares its own as_json")
    option = inspect.Parameter(
        "as_json",
        inspect.Parameter.KEYWORD_ONLY,
        default=False,
        annotation=Annotated[bool, JSON_OPTION],
    )

    @functools.wraps(command)
    def with_json(*args: Any, as_json: bool = False, **kwargs: Any) -> None:
        token = _json_wanted.set(as_json)
        try:
            command(*args, **kwargs)
        finally:
            _json_wanted.reset(token)

    with_json.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*signature.parameters.values(), option]
    )
    with_json.__annotations__ = {**command.__annotations__, "as_json": option.annotation}
    return with_json


def json_wanted() -> bool:
    """Whether the running command was given `--json` (only inside a `json_output` command)."""
    try:
        return _json_wanted.get()
    except LookupError:
        raise RuntimeError("emit/json_wanted outside a @json_output command") from None


def emit(
    result: Any,
    screen: Callable[[Any], object] | None = None,
    *,
    document: Any = _NOT_GIVEN,
    warnings: Iterable[str] = (),
) -> None:
    """Warnings on stderr, then `result` as JSON (or `document`, when the JSON differs from
    what the screen shows) or drawn by `screen(result)`."""
    from salesvisit_cli.render.console import emit_json, warn

    wanted = json_wanted()
    for message in warnings:
        warn(message)
    if wanted:
        emit_json(to_document(result) if document is _NOT_GIVEN else document)
    elif screen is not None:
        screen(result)


def to_document(result: Any) -> Any:
    """JSON-ready data: `to_json()` of result objects, lists of them, plain data as it is."""
    if hasattr(result, "to_json"):
        return result.to_json()
    if isinstance(result, list | tuple):
        return [to_document(item) for item in result]
    return result
