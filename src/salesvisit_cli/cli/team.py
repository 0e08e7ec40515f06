"""`salesvisit team …`: the shared PostgreSQL database and per-rep access."""

from __future__ import annotations

from typing import Annotated

import typer

from salesvisit_cli.cli.context import app_context
from salesvisit_cli.cli.options import Yes
from salesvisit_cli.cli.output import emit, json_output

app = typer.Typer(help="Team mode on PostgreSQL: per-salesperson access.", no_args_is_help=True)


@app.command("init")
@json_output
def init(
    ctx: typer.Context,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="REP=ROLE",
            help="Map a salesperson to an existing login role (repeatable).",
        ),
    ] = None,
    passwords: Annotated[
        bool,
        typer.Option(
            "--passwords", help="Give each new login role a random password (shown once)."
        ),
    ] = False,
    yes: Yes = False,
) -> None:
    """Give every salesperson their own PostgreSQL login, limited to their own rows.

    Run it as the database owner (a role with CREATEROLE) after `salesvisit rep add`; run it
    again after adding people or changing managers. Salespeople see and change only their
    customers, visits, follow-ups and daily reports; managers see everything.

    \b
    Examples:
      salesvisit team init
      salesvisit team init --map "Wang Li=wangli" --yes
    """
    from salesvisit_cli.domain.team import parse_mappings
    from salesvisit_cli.render.console import success
    from salesvisit_cli.render.team import team_plan
    from salesvisit_cli.services import team

    app_ctx = app_context(ctx)
    mappings = parse_mappings(mapping)
    if not yes:
        planned = team.plan(app_ctx.store, mappings)
        team_plan(planned, {}, applied=False)
        from salesvisit_cli.i18n import _
        from salesvisit_cli.render.console import warn

        for message in planned.warnings:
            warn(message)

        question = _("Create these roles and switch on row-level security ({team}, {managers})?")
        typer.confirm(
            question.format(team=planned.team_role, managers=planned.manager_role),
            abort=True,
            err=True,
        )
    done = team.init(
        app_ctx.store, mappings, passwords=passwords, pool=dict(vars(app_ctx.config.pool))
    )
    from salesvisit_cli.store.engine import database_url

    url = database_url(app_ctx.db_target)
    urls = {m.rep: team.member_url(url, m.role, m.password) for m in done.members}
    document = done.to_json()
    for member in document["members"]:
        member["url"] = urls[member["rep"]]

    def screen(done) -> None:
        team_plan(done, urls, applied=True)
        from salesvisit_cli.i18n import ngettext

        count = len(done.members)
        on = ngettext(
            "Team mode is on for {count} salesperson",
            "Team mode is on for {count} salespeople",
            count,
        )
        success(on.format(count=count))

    emit(done, screen, document=document, warnings=done.warnings)


@app.command("status")
@json_output
def status(ctx: typer.Context) -> None:
    """Show each salesperson's database login and whether row-level security is on.

    \b
    Example:
      salesvisit team status --json
    """
    from salesvisit_cli.render.team import team_status
    from salesvisit_cli.services import team

    emit(team.status(app_context(ctx).store), team_status)


app.command("roles", help="Same as `team status`.", hidden=True)(status)
