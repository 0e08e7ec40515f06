"""`customer show`: the visit history (newest first, with outcomes) and the open follow-ups."""

from __future__ import annotations

from datetime import date
from typing import Any

from salesvisit_cli.domain.visit_report import outcome
from salesvisit_cli.i18n import _, ngettext
from salesvisit_cli.render.console import out
from salesvisit_cli.render.followups import kind_name
from salesvisit_cli.render.safe import inert, one_line
from salesvisit_cli.render.words import day_label, note_text, outcome_text, word

SHOWN_VISITS = 20
NARROW = 100  # columns: under this, one block per visit instead of a table
STATUS_STYLE = {"planned": "cyan", "done": "", "cancelled": "dim", "void": "dim"}


def _visit_cells(visit: Any) -> tuple:
    """One row of the visit table: what happened, or what was planned, or why it was not."""
    minutes = "" if visit.minutes is None else str(visit.minutes)
    if visit.over_time:
        minutes += _(" over")
    if visit.status == "done":
        result = outcome_text(outcome(visit.booking, visit.complaint, visit.next_date))
        text = visit.notes
    elif visit.status == "planned":
        result, text = (_("appointment") if visit.appointment else ""), visit.purpose
    else:
        result, text = "", visit.cancel_reason
    rep = inert(visit.rep)
    if visit.conflict:  # R8: another salesperson's customer
        rep.append(_(" conflict"), style="bold yellow")
    return (
        str(visit.id),
        day_label(visit.date),
        inert(visit.start or visit.at),
        rep,
        inert(word("visit", visit.status), style=STATUS_STYLE.get(visit.status, "")),
        inert(minutes, style="yellow" if visit.over_time else ""),
        inert(result),
        inert(one_line(text or "")),
    )


def _visit_lines(visits: Any) -> None:
    """The narrow visit list: a line of facts per visit, its key points wrapped below it."""
    from rich.padding import Padding

    out().print(inert(_("Visits"), style="bold"))
    for visit in visits:
        number, day, at, rep, status, _minutes, result, text = _visit_cells(visit)
        minutes = inert("")
        if visit.minutes is not None:
            minutes = inert(_("{minutes} min").format(minutes=visit.minutes))
            if visit.over_time:
                minutes.append(_(" over"), style="yellow")
        line = inert(f"#{number}  {day} ")
        if result.plain == outcome_text("none"):
            result = inert("")
        for cell in (at, rep, status, minutes, result):
            if cell.plain:
                line.append("  ")
                line.append_text(cell)
        out().print(line)
        if text.plain:
            out().print(Padding(text, (0, 0, 0, 4)))


def _visit_table(visits: Any) -> None:
    from salesvisit_cli.render.tables import data_table

    minutes = _("Min")
    table = data_table(
        (_("ID"), _("Date"), _("Time"), _("Rep"), _("Status"), minutes, _("Outcome")),
        right=(_("ID"), minutes),
        title=_("Visits"),
    )
    table.columns[1].no_wrap = True
    table.add_column(_("Key points"), min_width=12)
    for visit in visits:
        table.add_row(*_visit_cells(visit))
    out().print(table)


def customer_history(found: Any, today: date) -> None:
    from salesvisit_cli.render.tables import data_table

    visits = found.visits
    if not visits:
        out().print(inert(_("No visits yet."), style="dim"))
    elif out().width < NARROW:
        _visit_lines(visits[:SHOWN_VISITS])
    else:
        _visit_table(visits[:SHOWN_VISITS])
    conflicts = sum(1 for visit in visits if visit.conflict)
    if conflicts:
        line = _("{count} visit(s) by a salesperson other than the owner at the time (conflict)")
        out().print(inert(line.format(count=conflicts), style="yellow"))
    if len(visits) > SHOWN_VISITS:
        more = len(visits) - SHOWN_VISITS
        older = ngettext(
            "… {count} older visit (see --json)", "… {count} older visits (see --json)", more
        )
        out().print(inert(older.format(count=more), style="dim"))
    if found.followups:
        table = data_table(
            (_("ID"), _("Due"), _("Kind"), _("Rep"), _("Note")), title=_("Open follow-ups")
        )
        for item in found.followups:
            due = inert(day_label(item.due), style="bold red" if item.overdue else "")
            if item.overdue:
                due.append(_(" overdue"), style="bold red")
            table.add_row(
                str(item.id),
                due,
                inert(kind_name(item.kind)),
                inert(item.rep),
                inert(note_text(item.note)),
            )
        out().print(table)
    else:
        out().print(inert(_("No open follow-ups."), style="dim"))
