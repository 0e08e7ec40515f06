"""`salesvisit db …`: where the data lives, integrity check, backup."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from salesvisit_cli.cli.context import app_context
from salesvisit_cli.cli.options import Force
from salesvisit_cli.cli.output import emit, json_output, json_wanted
from salesvisit_cli.i18n import _

app = typer.Typer(help="The database: path, integrity check, backup.", no_args_is_help=True)


@app.command("path")
@json_output
def path(ctx: typer.Context) -> None:
    """Print the database in use (file path or URL, password hidden)."""
    from salesvisit_cli.store.engine import database_url, sqlite_path

    url = database_url(app_context(ctx).db_target)
    file = sqlite_path(url)
    if file is not None:
        shown = {"path": str(file), "url": None}
    else:
        from sqlalchemy.engine import make_url

        shown = {"path": None, "url": make_url(url).render_as_string(hide_password=True)}
    emit(shown, lambda found: typer.echo(found["path"] or found["url"]))


@app.command("check")
@json_output
def check(
    ctx: typer.Context,
    full: Annotated[
        bool, typer.Option("--full", help="Run the slower, thorough integrity_check.")
    ] = False,
) -> None:
    """Check the database; exit code 1 unless it is sound.

    \b
    Examples:
      salesvisit db check
      salesvisit db check --full
    """
    from salesvisit_cli.domain.errors import StoreError
    from salesvisit_cli.render.console import success
    from salesvisit_cli.services.database import check as run_check

    problems = run_check(app_context(ctx).store, full=full)
    if problems and not json_wanted():
        raise StoreError(
            _("the database has {count} problem(s): {value}").format(
                count=len(problems), value="; ".join(problems[:5])
            )
        )
    found = {"ok": not problems, "problems": problems, "full": full}
    sound = _("ok ({check})").format(check="integrity_check" if full else "quick_check")
    emit(found, lambda result: success(sound))
    if problems:
        raise typer.Exit(1)


@app.command("backup")
def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Backup file to create (0600).")],
    force: Force = False,
) -> None:
    """Copy the database online to FILE (safe while others use it).

    \b
    Example:
      salesvisit db backup ~/backups/salesvisit-$(date +%F).db
    """
    from salesvisit_cli.i18n import _
    from salesvisit_cli.render.console import success
    from salesvisit_cli.services.database import backup as run_backup

    written = run_backup(app_context(ctx).store, file, force=force)
    success(_("Backed up to {file}").format(file=written))
