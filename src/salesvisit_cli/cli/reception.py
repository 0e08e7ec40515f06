"""`salesvisit reception …` and `salesvisit duty …`: the front desk (前台接待)."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import work_of
from salesvisit_cli.cli.options import DefaultCommandGroup
from salesvisit_cli.cli.output import emit, json_output

app = typer.Typer(
    cls=DefaultCommandGroup,
    help="""The front desk: register walk-ins and calls, market research, the day's figures.

Without a command: the day's figures (`reception [D]`).""",
)
duty_app = typer.Typer(
    cls=DefaultCommandGroup,
    help="""The duty group that receives new customers: show it, set it (managers).

当天接待客户的小组. Without a command: the group of a day (`duty [D]`).""",
)

Day = Annotated[
    str | None, typer.Argument(help="The day (default today): YYYY-MM-DD, yesterday, mon…")
]
Contacted = Annotated[
    str | None,
    typer.Option("--contacted", help="The salesperson a new customer says they dealt with."),
]
Source = Annotated[
    str | None,
    typer.Option(
        "--source",
        help="Where a new customer heard of us: web, trade fair, referral, directory, "
        "news report, or free text (required for a new customer).",
    ),
]
Phone = Annotated[str | None, typer.Option("--phone", help="The customer's phone.")]
Contact = Annotated[str | None, typer.Option("--contact", help="Contact person (负责人).")]
Note = Annotated[str | None, typer.Option("--note", help="Free notes.")]


@duty_app.command(
    "show",
    help="""The duty group of a day, what each has received, who is next, and the weekly pattern.

\b
Examples:
  salesvisit duty
  salesvisit duty tomorrow --json""",
)
@json_output
def duty_show(ctx: typer.Context, day: Day = None) -> None:
    """The `show` command (its help is above)."""
    from salesvisit_cli.render.reception import duty_screen
    from salesvisit_cli.services import reception

    emit(reception.duty(work_of(ctx), day), duty_screen)


@duty_app.command(
    "set",
    help="""Set the duty group (managers): a weekday sets the weekly pattern, a date overrides it.

New walk-ins and calls go round the group on duty: the one who received the fewest new
customers that day first, then by name.

\b
Examples:
  salesvisit duty set mon "Zhang Wei" "Li Na"
  salesvisit duty set 2026-12-24 "Li Na"
""",
)
@json_output
def duty_set(
    ctx: typer.Context,
    day: Annotated[str, typer.Argument(help="A weekday (mon…sun: every week) or a date.")],
    reps: Annotated[list[str], typer.Argument(help="The salespeople on duty.")],
) -> None:
    """The `set` command (its help is above)."""
    from salesvisit_cli.render.reception import duty_screen
    from salesvisit_cli.services import reception

    emit(reception.set_duty(work_of(ctx), day, reps), duty_screen)


@app.command(
    "show",
    help="""The day's figures: walk-ins (new), calls (new), per salesperson.

The figures the front desk hands to the sales assistant every day.

\b
Examples:
  salesvisit reception
  salesvisit reception yesterday --json""",
)
@json_output
def show(ctx: typer.Context, day: Day = None) -> None:
    """The `show` command (its help is above)."""
    from salesvisit_cli.render.reception import day_screen
    from salesvisit_cli.services import reception

    emit(reception.day_figures(work_of(ctx), day), day_screen)


def _register(ctx: typer.Context, kind: str, name: str, **typed: str | None) -> None:
    from salesvisit_cli.render.reception import registered
    from salesvisit_cli.services import reception

    result = reception.register(work_of(ctx), reception.Registration(kind, name, **typed))
    emit(result, lambda found: registered(found.entry), warnings=result.warnings)


@app.command(
    "walkin",
    help="""Register a walk-in (front desk or managers).

A customer on file (same name, or same phone) goes to its salesperson, who gets a
follow-up today; a new one to --contacted, else to the next salesperson on duty.

\b
Examples:
  salesvisit reception walkin "Huamei Trading" --source "trade fair" --phone 021-5555-0101
  salesvisit reception walkin "Blue River" --contacted "Li Na" --source referral""",
)
@json_output
def walkin(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The customer's company name.")],
    contacted: Contacted = None,
    source: Source = None,
    phone: Phone = None,
    contact: Contact = None,
    note: Note = None,
) -> None:
    """The `walkin` command (its help is above)."""
    _register(ctx, "walkin", name, contacted=contacted, source=source, phone=phone,
              contact=contact, note=note)  # fmt: skip


@app.command(
    "call",
    help="""Register a call (front desk or managers): the same rules as a walk-in.

\b
Examples:
  salesvisit reception call 021-5555-0101
  salesvisit reception call "Acme Trading" --source web --phone "+1 555 0101"
""",
)
@json_output
def call(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The caller's company name, or their phone.")],
    contacted: Contacted = None,
    source: Source = None,
    phone: Phone = None,
    contact: Contact = None,
    note: Note = None,
) -> None:
    """The `call` command (its help is above)."""
    _register(ctx, "call", name, contacted=contacted, source=source, phone=phone,
              contact=contact, note=note)  # fmt: skip


@app.command(
    "research",
    help="""Mark a new customer's walk-in as market research (补客户, managers).

The customer is released; the salesperson who received it gets the next new walk-in out
of turn. Recorded with who approved it.

\b
Example:
  salesvisit reception research 12 --reason "a competitor checking prices"
""",
)
@json_output
def research(
    ctx: typer.Context,
    reception_id: Annotated[int, typer.Argument(metavar="ID", help="The registration.")],
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why it was market research.")
    ] = None,
) -> None:
    """The `research` command (its help is above)."""
    from salesvisit_cli.render.reception import research_marked
    from salesvisit_cli.services import reception

    emit(reception.research(work_of(ctx), reception_id, reason), research_marked)
