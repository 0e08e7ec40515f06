"""Team screens: salespeople, the team-mode plan and its status."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from salesvisit_cli.domain.team import RepInfo
from salesvisit_cli.i18n import _, ngettext
from salesvisit_cli.render.console import out, warn
from salesvisit_cli.render.safe import inert


def _table(*titles: str):
    from salesvisit_cli.render.tables import data_table

    return data_table(titles, right=(_("ID"), _("Customers")))


def rep_table(reps: Sequence[RepInfo]) -> None:
    table = _table(_("ID"), _("Name"), _("Role"), _("Customers"), _("Database login"))
    for rep in reps:
        table.add_row(
            str(rep.id),
            inert(rep.name, style="bold" if rep.manager else ""),
            _("manager") if rep.manager else _("front desk") if rep.reception else _("salesperson"),
            str(rep.customers),
            inert(rep.db_role or "—"),
        )
    out().print(table)
    count = ngettext("{count} salesperson", "{count} salespeople", len(reps))
    out().print(inert(count.format(count=len(reps)), style="dim"))


def team_plan(plan: Any, urls: dict[str, str], *, applied: bool) -> None:
    """The rep → login role mapping (before confirmation, or as applied, with each URL)."""
    table = _table(_("Salesperson"), _("Login role"), _("Access"), _("Role"))
    for member in plan.members:
        state = (_("created") if applied else _("to create")) if member.create else _("existing")
        table.add_row(
            inert(member.rep),
            inert(member.role),
            _("all rows (manager)") if member.manager else _("own rows"),
            state,
        )
    out().print(table)
    if applied:
        out().print(inert(_("Each salesperson's SALESVISIT_DB:"), style="bold"))
        for member in plan.members:
            # soft_wrap: long URLs and passwords stay on one line for copying
            line = inert(f"  {member.rep}: ")
            line.append_text(inert(urls.get(member.rep, "")))
            out().print(line, soft_wrap=True)
        if any(m.password for m in plan.members):
            out().print(
                inert(
                    _("The new passwords are in these URLs; they are not shown again."),
                    style="dim",
                )
            )


def team_status(status: dict[str, Any]) -> None:
    state = _("on") if status["enabled"] else _("off (run `salesvisit team init` as the owner)")
    out().print(inert(_("Team mode: {state}").format(state=state)))
    groups = _("Groups: {team} (everyone), {managers} (managers)")
    out().print(
        inert(
            groups.format(team=status["team_role"] or "—", managers=status["manager_role"] or "—")
        )
    )
    you = status["you"] or _("no salesperson (owner or unmapped role)")
    connected = _("Connected as {user}: {you}").format(user=status["current_user"], you=you)
    out().print(inert(connected))
    table = _table(
        _("Salesperson"), _("Login role"), _("Access"), _("Role exists"), _("Can log in")
    )
    for rep in status["reps"]:
        if rep["in_managers"]:
            access = _("all rows (manager)")
        elif rep["in_team"]:
            access = _("own rows")
        else:
            access = _("none")
        table.add_row(
            inert(rep["name"]),
            inert(rep["db_role"] or "—"),
            access,
            _("yes") if rep["role_exists"] else _("no"),
            _("yes") if rep["login"] else _("no"),
        )
    out().print(table)
    off = [name for name, on in status["tables"].items() if not on]
    if off and status["team_role"]:
        off_on = _("row-level security is off on: {tables}; run `salesvisit team init`")
        warn(off_on.format(tables=", ".join(off)))
