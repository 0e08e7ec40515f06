"""Team screens: salespeople, the team-mode plan and its status."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from salesvisit_cli.domain.team import RepInfo
from salesvisit_cli.i18n import _
from salesvisit_cli.render.console import out, warn
from salesvisit_cli.render.safe import inert


def _table(*titles: str):
    from salesvisit_cli.render.tables import data_table

    return data_table(titles, right=("ID", "Customers"))


def rep_table(reps: Sequence[RepInfo]) -> None:
    table = _table("ID", "Name", "Role", "Customers", "Database login")
    for rep in reps:
        table.add_row(
            str(rep.id),
            inert(rep.name, style="bold" if rep.manager else ""),
            "manager" if rep.manager else _("front desk") if rep.reception else "salesperson",
            str(rep.customers),
            inert(rep.db_role or "—"),
        )
    out().print(table)
    out().print(inert(f"{len(reps)} salespeople", style="dim"))


def team_plan(plan: Any, urls: dict[str, str], *, applied: bool) -> None:
    """The rep → login role mapping (before confirmation, or as applied, with each URL)."""
    table = _table("Salesperson", "Login role", "Access", "Role")
    for member in plan.members:
        state = ("created" if applied else "to create") if member.create else "existing"
        table.add_row(
            inert(member.rep),
            inert(member.role),
            "all rows (manager)" if member.manager else "own rows",
            state,
        )
    out().print(table)
    if applied:
        out().print(inert("Each salesperson's SALESVISIT_DB:", style="bold"))
        for member in plan.members:
            # soft_wrap: long URLs and passwords stay on one line for copying
            line = inert(f"  {member.rep}: ")
            line.append_text(inert(urls.get(member.rep, "")))
            out().print(line, soft_wrap=True)
        if any(m.password for m in plan.members):
            out().print(
                inert("The new passwords are in these URLs; they are not shown again.", style="dim")
            )
    for message in plan.warnings:
        warn(message)


def team_status(status: dict[str, Any]) -> None:
    state = "on" if status["enabled"] else "off (run `salesvisit team init` as the owner)"
    out().print(inert(f"Team mode: {state}"))
    out().print(
        inert(
            f"Groups: {status['team_role'] or '—'} (everyone), "
            f"{status['manager_role'] or '—'} (managers)"
        )
    )
    you = status["you"] or "no salesperson (owner or unmapped role)"
    out().print(inert(f"Connected as {status['current_user']}: {you}"))
    table = _table("Salesperson", "Login role", "Access", "Role exists", "Can log in")
    for rep in status["reps"]:
        if rep["in_managers"]:
            access = "all rows (manager)"
        elif rep["in_team"]:
            access = "own rows"
        else:
            access = "none"
        table.add_row(
            inert(rep["name"]),
            inert(rep["db_role"] or "—"),
            access,
            "yes" if rep["role_exists"] else "no",
            "yes" if rep["login"] else "no",
        )
    out().print(table)
    off = [name for name, on in status["tables"].items() if not on]
    if off and status["team_role"]:
        warn(f"row-level security is off on: {', '.join(off)}; run `salesvisit team init`")
