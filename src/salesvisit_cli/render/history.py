"""`customer show`: the visit history (newest first, with outcomes) and the open follow-ups."""

from __future__ import annotations

from datetime import date
from typing import Any

from salesvisit_cli.domain.visit_report import outcome
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert, one_line

SHOWN_VISITS = 20
STATUS_STYLE = {"planned": "cyan", "done": "", "cancelled": "dim"}


def short(text: str | None, width: int) -> str:
    """One line of user text, cut to `width` characters with an ellipsis."""
    line = one_line(text or "")
    return line if len(line) <= width else line[: width - 1] + "…"


def _visit_cells(visit: Any) -> tuple:
    """One row of the visit table: what happened, or what was planned, or why it was not."""
    minutes = "" if visit.minutes is None else str(visit.minutes)
    if visit.over_time:
        minutes += " over"
    if visit.status == "done":
        result, text = outcome(visit.booking, visit.complaint, visit.next_date), visit.notes
    elif visit.status == "planned":
        result, text = ("appointment" if visit.appointment else ""), visit.purpose
    else:
        result, text = "", visit.cancel_reason
    rep = inert(visit.rep)
    if visit.conflict:  # R8: another salesperson's customer
        rep.append(" conflict", style="bold yellow")
    return (
        str(visit.id),
        visit.date.isoformat(),
        inert(visit.start or visit.at),
        rep,
        inert(visit.status, style=STATUS_STYLE.get(visit.status, "")),
        inert(minutes, style="yellow" if visit.over_time else ""),
        inert(result),
        inert(short(text, 36)),
    )


def customer_history(found: Any, today: date) -> None:
    from salesvisit_cli.render.tables import data_table

    visits = found.visits
    if visits:
        table = data_table(
            ("ID", "Date", "Time", "Rep", "Status", "Min", "Outcome", "Key points"),
            right=("ID", "Min"),
            title="Visits",
        )
        for visit in visits[:SHOWN_VISITS]:
            table.add_row(*_visit_cells(visit))
        out().print(table)
        conflicts = sum(1 for visit in visits if visit.conflict)
        if conflicts:
            out().print(
                inert(
                    f"{conflicts} visit(s) by a salesperson other than the owner at the time "
                    "(conflict)",
                    style="yellow",
                )
            )
        if len(visits) > SHOWN_VISITS:
            more = len(visits) - SHOWN_VISITS
            out().print(inert(f"… {more} older visit(s) (see --json)", style="dim"))
    else:
        out().print(inert("No visits yet.", style="dim"))
    if found.followups:
        table = data_table(("ID", "Due", "Kind", "Rep", "Note"), title="Open follow-ups")
        for item in found.followups:
            due = inert(item.due.isoformat(), style="bold red" if item.overdue else "")
            if item.overdue:
                due.append(" overdue", style="bold red")
            table.add_row(
                str(item.id), due, inert(item.kind), inert(item.rep), inert(one_line(item.note))
            )
        out().print(table)
    else:
        out().print(inert("No open follow-ups.", style="dim"))
