"""The root command: global options, the command groups, and the one error handler."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Annotated

import click
import typer
from typer.core import TyperGroup

from salesvisit_cli import __version__
from salesvisit_cli.cli.context import AppContext
from salesvisit_cli.cli.help import Localised, localise, reworded, short_help
from salesvisit_cli.domain.errors import SalesvisitError
from salesvisit_cli.i18n import N_, _, ngettext

# The command groups and root commands, loaded only when used: `salesvisit --help` and shell
# completion build (and import) nothing but the one group they need. name: (module, attribute,
# the line `--help` lists; tests/cli/test_startup.py checks it against the real help).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "customer": (
        "salesvisit_cli.cli.customer",
        "app",
        N_("The customer file: add, list, show, edit, import and export customers."),
    ),
    "visit": (
        "salesvisit_cli.cli.visit",
        "app",
        N_("Visits: schedule, plan the day, prepare, report, move, cancel, void, list."),
    ),
    "followup": (
        "salesvisit_cli.cli.followup",
        "app",
        N_("Follow-ups due today and overdue; done, add, snooze."),
    ),
    "daily": (
        "salesvisit_cli.cli.daily",
        "daily",
        N_("The day's report summary; --submit hands it in (deadline 09:00 next working day)."),
    ),
    "quota": (
        "salesvisit_cli.cli.quota",
        "quota",
        N_("This month's customers visited (and new ones) against the quota."),
    ),
    "report": (
        "salesvisit_cli.cli.report",
        "app",
        N_("Files for others: the month as an Excel workbook, the day's report as a file."),
    ),
    "reception": (
        "salesvisit_cli.cli.reception",
        "app",
        N_("The front desk: register walk-ins and calls, market research, the day's figures."),
    ),
    "duty": (
        "salesvisit_cli.cli.reception",
        "duty_app",
        N_("The duty group that receives new customers: show it, set it (managers)."),
    ),
    "rep": ("salesvisit_cli.cli.rep", "app", N_("Salespeople and managers.")),
    "team": (
        "salesvisit_cli.cli.team",
        "app",
        N_("Team mode on PostgreSQL: per-salesperson access."),
    ),
    "db": ("salesvisit_cli.cli.db", "app", N_("The database: path, integrity check, backup.")),
    "config": ("salesvisit_cli.cli.config", "app", N_("Configuration: show, set, path.")),
    "demo": (
        "salesvisit_cli.cli.demo",
        "demo",
        N_("Fill a new database with a realistic demo team, customers and history."),
    ),
}

HELP = N_("""The field salesperson's command line: plan the day, report each visit,
work the follow-ups, hand in the daily report, and check the monthly quota.

\b
Examples:
  salesvisit visit plan                      # this morning's customers and checklist
  salesvisit visit report 12 --minutes 25 --notes "Met the buyer"
  salesvisit followup                        # calls due today and overdue
  salesvisit daily --submit                  # hand in yesterday's or today's report
  salesvisit quota                           # this month against the 120-customer quota""")


class SalesvisitGroup(TyperGroup):
    """Turns every expected failure into one `Error:` line and exit code 1."""

    def resolve_command(self, ctx: click.Context, args: list[str]):
        """An unknown command: one usage error, with the closest command when one is near."""
        name = args[0] if args else None
        if name is not None and not ctx.resilient_parsing and self.get_command(ctx, name) is None:
            from difflib import get_close_matches

            message = _("No such command {name!r}.").format(name=name)
            close = get_close_matches(name, self.list_commands(ctx), n=1)
            if close:
                message += " " + ngettext(
                    "Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1
                ).format(possibility=repr(close[0]))
            ctx.fail(message)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context):
        failed = True
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a reader that went away (`| head`) shows here
            failed = False
            return result
        except SalesvisitError as error:
            raise click.ClickException(_one_line(error)) from None
        except click.exceptions.Exit as done:
            failed = done.exit_code != 0
            raise
        except click.BadParameter as error:
            raise reworded(error) from None
        except (click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except BrokenPipeError:
            _reader_went_away()
        except OSError as error:
            if os.environ.get("SALESVISIT_DEBUG"):
                raise
            where = f": {error.filename}" if error.filename else ""
            from salesvisit_cli.domain.errors import os_reason

            raise click.ClickException(_one_line(f"{os_reason(error)}{where}")) from None
        except Exception as error:
            if os.environ.get("SALESVISIT_DEBUG"):
                raise
            raise click.ClickException(
                _one_line(
                    _("unexpected {kind}: {error} (set SALESVISIT_DEBUG=1 to see where)").format(
                        kind=type(error).__name__, error=error
                    )
                )
            ) from None
        finally:
            if isinstance(ctx.obj, AppContext):
                ctx.obj.close(failed=failed)


class LazyRootGroup(Localised, SalesvisitGroup):
    """The root group: the groups and commands of COMMANDS are built only when named."""

    def main(self, *args, **kwargs):
        """Every run speaks the configured language, click's own words included."""
        from salesvisit_cli import i18n
        from salesvisit_cli.cli import help_wrap

        i18n.reset()
        i18n.activate()
        help_wrap.install()
        return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*self.commands, *(name for name in COMMANDS if name not in self.commands)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            return load_command(cmd_name)
        return super().get_command(ctx, cmd_name)

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        """The root's parameters, completion of customer and visit names wired."""
        from salesvisit_cli.cli.completion import complete_parameters

        params = super().get_params(ctx)
        complete_parameters(params)
        return params

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from COMMANDS' one-line help: nothing is imported to print it."""
        limit = formatter.width - 6 - max(len(name) for name in self.list_commands(ctx))
        rows = []
        for name in self.list_commands(ctx):
            if name in COMMANDS:
                rows.append((name, short_help(click.Command(name, help=COMMANDS[name][2]), limit)))
            else:
                command = self.commands[name]
                if not command.hidden:
                    rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)


def _one_line(message: object) -> str:
    from salesvisit_cli.render.safe import one_line

    return one_line(message)


app = typer.Typer(
    cls=LazyRootGroup,
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


@functools.cache
def load_command(name: str) -> click.Command:
    """The click command or group for one entry of COMMANDS (built once per process), its
    customer, visit and salesperson parameters completed from the database."""
    from salesvisit_cli.cli.completion import complete_command

    return complete_command(_build(name))


def _build(name: str) -> click.Command:
    from typer.main import get_command_from_info
    from typer.models import CommandInfo

    module_name, attribute, help_line = COMMANDS[name]
    module = _import(module_name)
    target = getattr(module, attribute)
    if isinstance(target, typer.Typer):
        return localise(_lazy_group(name, target))
    return localise(
        get_command_from_info(
            CommandInfo(name=name, callback=target, short_help=help_line),
            pretty_exceptions_short=app.pretty_exceptions_short,
            rich_markup_mode=app.rich_markup_mode,
        )
    )


# Commands that live in their own modules but belong to a group: (name, module, attribute).
EXTRA_COMMANDS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "visit": (
        ("report", "salesvisit_cli.cli.visit_report", "report"),
        ("export", "salesvisit_cli.cli.visit_export", "export"),
    ),
}


class LazyCommands:
    """A group whose commands are built (their signatures read by Typer) when first named: a
    run builds only the command it calls. `pending`: name -> a function building the command."""

    pending: dict[str, Callable[[], click.Command]]

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*self.pending, *(name for name in self.commands if name not in self.pending)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.pending:
            self.add_command(self.pending[cmd_name](), cmd_name)
        return super().get_command(ctx, cmd_name)  # type: ignore[misc]


_LAZY_CLASSES: dict[type, type] = {}


def _lazy_group(name: str, target: typer.Typer) -> click.Group:
    """The group of a Typer app (its callback and options built now), its registered commands
    and EXTRA_COMMANDS built when first named."""
    import copy

    from typer.main import get_group_from_info
    from typer.models import TyperInfo

    shell = copy.copy(target)
    shell.registered_commands = []
    group = get_group_from_info(
        TyperInfo(shell, name=name),
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
        suggest_commands=False,  # click suggests (in the interface language); not twice
    )
    kind = type(group)
    if kind not in _LAZY_CLASSES:
        _LAZY_CLASSES[kind] = type(f"Lazy{kind.__name__}", (LazyCommands, kind), {})
    group.__class__ = _LAZY_CLASSES[kind]
    group.pending = {
        info.name: functools.partial(_command, info) for info in target.registered_commands
    }
    for command, module, attribute in EXTRA_COMMANDS.get(name, ()):
        group.pending.setdefault(command, functools.partial(_extra, command, module, attribute))
    return group


def _command(info) -> click.Command:
    """One registered command, localised, its parameters completed."""
    from typer.main import get_command_from_info

    from salesvisit_cli.cli.completion import complete_command

    built = get_command_from_info(
        info,
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
    )
    return localise(complete_command(built))


def _extra(name: str, module: str, attribute: str) -> click.Command:
    """A command of EXTRA_COMMANDS, registered as `@group.command(name)` would."""
    scratch = typer.Typer()
    scratch.command(name)(getattr(_import(module), attribute))
    return _command(scratch.registered_commands[0])


def _import(name: str):
    """A module by dotted name (an import statement, so `-X importtime` reports it)."""
    return __import__(name, fromlist=["__name__"])


def _reader_went_away() -> None:
    from salesvisit_cli.render.console import reader_went_away

    reader_went_away()


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="salesvisit")
        sys.stdout.flush()
    except BrokenPipeError:
        _reader_went_away()
    sys.exit(0)
