"""The root command: global options, the command groups, and the one error handler."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import click
import typer
from typer.core import TyperGroup

from salesvisit_cli import __version__
from salesvisit_cli.cli import config as config_cli
from salesvisit_cli.cli import (
    customer,
    daily,
    db,
    demo,
    followup,
    quota,
    rep,
    team,
    team_commands,
    visit,
    visit_report,
)
from salesvisit_cli.cli.context import AppContext
from salesvisit_cli.domain.errors import SalesvisitError

HELP = """The field salesperson's command line: plan the day, report each visit,
work the follow-ups, hand in the daily report, and check the monthly quota.

\b
Examples:
  salesvisit visit plan                      # this morning's customers and checklist
  salesvisit visit report 12 --minutes 25 --notes "Met the buyer"
  salesvisit followup                        # calls due today and overdue
  salesvisit daily --submit                  # hand in yesterday's or today's report
  salesvisit quota                           # this month against the 120-customer quota
"""


class SalesvisitGroup(TyperGroup):
    """Turns every expected failure into one `Error:` line and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SalesvisitError as error:
            raise click.ClickException(_one_line(error)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except OSError as error:
            if os.environ.get("SALESVISIT_DEBUG"):
                raise
            where = f": {error.filename}" if error.filename else ""
            raise click.ClickException(_one_line(f"{error.strerror or error}{where}")) from None
        except Exception as error:
            if os.environ.get("SALESVISIT_DEBUG"):
                raise
            raise click.ClickException(
                _one_line(
                    f"unexpected {type(error).__name__}: {error} "
                    "(set SALESVISIT_DEBUG=1 to see where)"
                )
            ) from None
        finally:
            if isinstance(ctx.obj, AppContext):
                ctx.obj.close()


def _one_line(message: object) -> str:
    from salesvisit_cli.render.safe import one_line

    return one_line(message)


app = typer.Typer(
    cls=SalesvisitGroup,
    help=HELP,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"salesvisit {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db_option: Annotated[
        str | None,
        typer.Option(
            "--db",
            envvar="SALESVISIT_DB",
            help="Database file or SQLAlchemy URL (default: salesvisit.db in the user data dir).",
            show_envvar=True,
        ),
    ] = None,
    rep_option: Annotated[
        str | None,
        typer.Option(
            "--rep",
            envvar="SALESVISIT_REP",
            help="Salesperson to act as (default: config 'rep', else the login name).",
            show_envvar=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Global options; nothing is opened until a command needs it."""
    ctx.obj = AppContext(db_option=db_option or None, rep_option=rep_option or None)


customer.app.command("assign")(team_commands.assign)
app.add_typer(customer.app, name="customer")
visit.app.command("report")(visit_report.report)
app.add_typer(visit.app, name="visit")
app.add_typer(followup.app, name="followup")
app.command("daily", help=daily.HELP, no_args_is_help=False)(daily.daily)
app.command("quota", help=quota.HELP)(quota.quota)
app.add_typer(rep.app, name="rep")
app.add_typer(team.app, name="team")
app.add_typer(db.app, name="db")
app.add_typer(config_cli.app, name="config")
app.command("demo", help=demo.HELP)(demo.demo)


def main() -> None:
    """Console-script entry point."""
    app(prog_name="salesvisit")
    sys.exit(0)
