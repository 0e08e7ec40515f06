"""The visit report screens: the confirmation after `visit report`, and a report's history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from salesvisit_cli.domain.followups import KIND_LABELS
from salesvisit_cli.domain.visits import VisitView
from salesvisit_cli.i18n import _, ngettext
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert, one_line
from salesvisit_cli.render.words import date_label, day_label, moment, print_flow


def _when(visit: VisitView) -> str:
    return f"{day_label(visit.date)} {visit.start or ''}".strip()


def visit_card(visit: VisitView, title: str) -> None:
    """The stored report as a two-column card."""
    from rich.panel import Panel
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    minutes = (
        _("{minutes} min").format(minutes=visit.minutes) if visit.minutes is not None else None
    )
    if minutes and visit.over_time:
        minutes += _("  (over time)")
    customer = _("{customer}  (id {id})").format(customer=visit.customer, id=visit.customer_id)
    meeting = " · ".join(p for p in (_next_meeting(visit), visit.next_place) if p) or None
    rows = [
        (_("Customer"), customer),
        (_("When"), _when(visit)),
        (_("Minutes"), minutes),
        (_("New customer"), _("yes") if visit.new_customer else None),
        (_("Key points"), visit.notes),
        (_("Booking"), visit.booking),
        (_("Complaint"), visit.complaint),
        (_("Suggestion"), visit.suggestion),
        (_("Next meeting"), meeting),
        (_("Conflict"), _("another salesperson's customer") if visit.conflict else None),
    ]
    for label, value in rows:
        if value:
            grid.add_row(label, inert(value))
    out().print(Panel(grid, title=inert(title, style="bold"), title_align="left", expand=False))


def reported(result: Any) -> None:
    """The confirmation: what was stored, over time said kindly, and what was created
    (the warnings are printed before it, by the command)."""
    visit = result.visit
    verb = _("Amended visit {id}: ") if result.amended else _("Reported visit {id}: ")
    done = [
        inert(one_line(visit.customer), style="green"),
        inert(_when(visit), style="green"),
        inert(_("{minutes} min").format(minutes=visit.minutes), style="green"),
    ]
    print_flow(done, head=inert(verb.format(id=visit.id), style="green"), indent=2)
    notes = [(result.over_time_note, "yellow")] if result.over_time_note else []
    for text, style in notes + [(note, "cyan") for note in result.notes]:
        print_flow([inert(text, style=style)])
    visit_card(visit, _("Visit {id}").format(id=visit.id))
    if result.created:
        out().print(inert(_("Follow-ups created:"), style="bold"))
        for ref in result.created:
            due = _("due {day}").format(day=day_label(ref.due))
            label = _(KIND_LABELS[ref.kind]) if ref.kind in KIND_LABELS else ref.kind
            print_flow([inert(f"#{ref.id}"), inert(due), inert(label)], head=inert("  "), indent=4)
    elif not result.amended:
        out().print(inert(_("No new follow-ups (a thank-you call is already due)."), style="dim"))
    if result.next_visit_id:
        planned = _("Next meeting planned as visit {id} on {day}.")
        print_flow([inert(planned.format(id=result.next_visit_id, day=_next_meeting(visit)))])
    if result.history:
        kept = ngettext(
            "{count} earlier version kept.", "{count} earlier versions kept.", len(result.history)
        )
        out().print(inert(kept.format(count=len(result.history)), style="dim"))


def report_history(result: Any) -> None:
    """A report as it stands, then every earlier version (oldest first)."""
    visit = result.visit
    visit_card(visit, _("Visit {id} (current)").format(id=visit.id))
    if result.over_time_note:
        out().print(inert(result.over_time_note, style="yellow"))
    if not result.history:
        out().print(inert(_("Never amended."), style="dim"))
        return
    from salesvisit_cli.render.tables import data_table

    columns = (
        _("Replaced at"), _("Date"), _("Start"), _("Min"),
        _("Key points"), _("Booking"), _("Complaint"), _("Next"),
    )  # fmt: skip
    table = data_table(columns, right=(_("Min"),), title=_("Earlier versions"))
    for entry in result.history:
        old = entry["report"]
        table.add_row(
            inert(moment(datetime.fromisoformat(entry["revised_at"]))),
            inert(_iso_date(old.get("date"))),
            inert(old.get("start")),
            inert(old.get("minutes")),
            inert(old.get("notes")),
            inert(old.get("booking")),
            inert(old.get("complaint")),
            inert(" ".join(p for p in (_iso_date(old.get("next_date")), old.get("next_at")) if p)),
        )
    out().print(table)


def _next_meeting(visit: VisitView) -> str | None:
    """The agreed next meeting as a person reads it (`12月4日 周五 15:30`)."""
    if visit.next_date is None:
        return None
    return " ".join(p for p in (day_label(visit.next_date), visit.next_at) if p)


def _iso_date(value: str | None) -> str | None:
    """A date of an earlier version (ISO in its JSON) as a person reads it."""
    return date_label(date.fromisoformat(value)) if value else None
