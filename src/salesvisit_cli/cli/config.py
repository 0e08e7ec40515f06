"""`salesvisit config …`: the company policies and personal settings."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import app_context
from salesvisit_cli.cli.output import emit, json_output

app = typer.Typer(help="Configuration: show, set, path.", no_args_is_help=True)


@app.command("path")
def path(ctx: typer.Context) -> None:
    """Print the configuration file's path (SALESVISIT_CONFIG overrides it)."""
    typer.echo(str(app_context(ctx).config_path))


@app.command("show")
@json_output
def show(ctx: typer.Context) -> None:
    """Show every setting in effect (defaults included).

    \b
    Examples:
      salesvisit config show
      salesvisit config show --json
    """
    from salesvisit_cli import config as config_module
    from salesvisit_cli.render.config import config_table

    app_ctx = app_context(ctx)
    config = config_module.load(app_ctx.config_path)
    emit(
        config,
        lambda shown: config_table(shown, app_ctx.config_path),
        document=config.model_dump(mode="json"),
    )


@app.command("set")
def set_value(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Dotted key, e.g. quota.target.")],
    value: Annotated[str, typer.Argument(help="New value; lists are comma-separated.")],
) -> None:
    """Set one setting (validated; the file is replaced atomically).

    \b
    Examples:
      salesvisit config set quota.target 100
      salesvisit config set calendar.country CN
      salesvisit config set calendar.extra_holidays 2026-12-24,2026-12-31
      salesvisit config set checklist.carry "work ID,price list,samples"
    """
    from salesvisit_cli import config as config_module
    from salesvisit_cli.render.console import success

    updated = config_module.set_value(app_context(ctx).config_path, key, value)
    success(f"{key} = {config_module.display_value(updated, key)}")
