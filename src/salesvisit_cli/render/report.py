"""The visit report screens: the confirmation after `visit report`, and a report's history."""

from __future__ import annotations

from typing import Any

from salesvisit_cli.domain.followups import KIND_LABELS
from salesvisit_cli.domain.visits import VisitView
from salesvisit_cli.render.console import out, success
from salesvisit_cli.render.safe import inert


def _when(visit: VisitView) -> str:
    return f"{visit.date.isoformat()} {visit.start or ''}".strip()


def visit_card(visit: VisitView, title: str) -> None:
    """The stored report as a two-column card."""
    from rich.panel import Panel
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    minutes = f"{visit.minutes} min" if visit.minutes is not None else None
    if minutes and visit.over_time:
        minutes += "  (over time)"
    rows = [
        ("Customer", f"{visit.customer}  (id {visit.customer_id})"),
        ("When", f"{_when(visit)}"),
        ("Minutes", minutes),
        ("New customer", "yes" if visit.new_customer else None),
        ("Key points", visit.notes),
        ("Booking", visit.booking),
        ("Complaint", visit.complaint),
        ("Suggestion", visit.suggestion),
        ("Next meeting", " · ".join(p for p in (visit.next, visit.next_place) if p) or None),
        ("Conflict", "another salesperson's customer" if visit.conflict else None),
    ]
    for label, value in rows:
        if value:
            grid.add_row(label, inert(value))
    out().print(Panel(grid, title=inert(title, style="bold"), title_align="left", expand=False))


def reported(result: Any) -> None:
    """The confirmation: what was stored, over time said kindly, and what was created
    (the warnings are printed before it, by the command)."""
    visit = result.visit
    verb = "Amended" if result.amended else "Reported"
    success(f"{verb} visit {visit.id}: {visit.customer}, {_when(visit)}, {visit.minutes} min")
    if result.over_time_note:
        out().print(inert(result.over_time_note, style="yellow"))
    for note in result.notes:
        out().print(inert(note, style="cyan"))
    visit_card(visit, f"Visit {visit.id}")
    if result.created:
        out().print(inert("Follow-ups created:", style="bold"))
        for ref in result.created:
            label = KIND_LABELS.get(ref.kind, ref.kind)
            out().print(inert(f"  #{ref.id}  {ref.kind:<9} due {ref.due.isoformat()}  {label}"))
    elif not result.amended:
        out().print(inert("No new follow-ups (a thank-you call is already due).", style="dim"))
    if result.next_visit_id:
        out().print(inert(f"Next meeting planned as visit {result.next_visit_id} on {visit.next}."))
    if result.history:
        out().print(inert(f"{len(result.history)} earlier version(s) kept.", style="dim"))


def report_history(result: Any) -> None:
    """A report as it stands, then every earlier version (oldest first)."""
    visit = result.visit
    visit_card(visit, f"Visit {visit.id} (current)")
    if result.over_time_note:
        out().print(inert(result.over_time_note, style="yellow"))
    if not result.history:
        out().print(inert("Never amended.", style="dim"))
        return
    from salesvisit_cli.render.tables import data_table

    columns = ("Replaced at", "Date", "Start", "Min", "Key points", "Booking", "Complaint", "Next")
    table = data_table(columns, right=("Min",), title="Earlier versions")
    for entry in result.history:
        old = entry["report"]
        table.add_row(
            inert(entry["revised_at"].replace("T", " ")),
            inert(old.get("date")),
            inert(old.get("start")),
            inert(old.get("minutes")),
            inert(old.get("notes")),
            inert(old.get("booking")),
            inert(old.get("complaint")),
            inert(" ".join(str(p) for p in (old.get("next_date"), old.get("next_at")) if p)),
        )
    out().print(table)
