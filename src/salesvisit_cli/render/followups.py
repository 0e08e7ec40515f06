"""Follow-up screens: the work list and one follow-up."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from salesvisit_cli.domain.followups import KIND_LABELS, KIND_ORDER, FollowupItem, RepFollowups
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert, one_line


def _when(item: FollowupItem, today: date):
    if item.done_at is not None:
        return inert(f"done {item.done_at:%Y-%m-%d}", style="dim")
    if item.overdue:
        return inert(f"OVERDUE {item.days_overdue(today)}d", style="bold red")
    if item.due == today:
        return inert("today", style="bold")
    return inert(item.due.isoformat())


def followup_list(items: Sequence[FollowupItem], today: date, *, every: bool = False) -> None:
    """Overdue first (marked), then by kind, each with the customer, the note and the phone."""
    if not items:
        what = "open follow-ups" if every else "follow-ups due today or overdue"
        out().print(inert(f"No {what}. Nice work.", style="green"))
        return
    from salesvisit_cli.render.tables import data_table

    table = data_table(("ID", "Due", "Kind", "Customer", "Phone", "Contact", "Note"))
    group = None
    for item in items:
        key = (item.overdue, item.kind)
        if group is not None and key != group:
            table.add_section()
        group = key
        table.add_row(
            str(item.id),
            _when(item, today),
            inert(item.kind, style="red" if item.kind == "complaint" else ""),
            inert(item.customer),
            inert(item.phone),
            inert(item.contact),
            inert(one_line(item.note or KIND_LABELS.get(item.kind, ""))),
        )
    out().print(table)
    overdue = sum(1 for item in items if item.overdue)
    summary = f"{len(items)} follow-up(s)"
    if overdue:
        summary += f", {overdue} overdue"
    out().print(inert(summary + " · `salesvisit followup done ID` when finished", style="dim"))


def followup_line(item: FollowupItem) -> None:
    parts = [
        f"#{item.id}",
        item.kind,
        f"due {item.due.isoformat()}",
        item.customer,
        item.phone or "",
        one_line(item.note or ""),
    ]
    out().print(inert("  ".join(part for part in parts if part)))


def team_followups(rows: Sequence[RepFollowups], today: date, *, every: bool = False) -> None:
    """One row per salesperson: overdue follow-ups by kind and the oldest; with --all, every
    open follow-up listed below, by salesperson."""
    from salesvisit_cli.render.tables import data_table

    if not rows:
        out().print(inert("No salespeople yet.", style="dim"))
        return
    table = data_table(title=f"Team follow-ups overdue on {today.isoformat()}", team=True)
    table.add_column("Salesperson", overflow="fold", min_width=8)
    table.add_column("Overdue", justify="right")
    for kind in KIND_ORDER:
        table.add_column(kind.capitalize(), justify="right")
    table.add_column("Oldest due")
    table.add_column("Today", justify="right")
    table.add_column("Open", justify="right")
    for row in rows:
        oldest = ""
        if row.oldest_due:
            oldest = f"{row.oldest_due.isoformat()} ({row.days_overdue(today)}d)"
        table.add_row(
            inert(row.rep),
            inert(str(row.overdue), style="bold red" if row.overdue else "dim"),
            *(str(row.overdue_by_kind.get(kind, 0)) for kind in KIND_ORDER),
            inert(oldest, style="red" if oldest else ""),
            str(row.due_today),
            str(row.open),
        )
    out().print(table)
    late = sum(1 for row in rows if row.overdue)
    total = sum(row.overdue for row in rows)
    out().print(
        inert(f"{total} overdue follow-up(s) with {late} of {len(rows)} salespeople", style="dim")
    )
    if not every:
        return
    for row in rows:
        if row.items:
            out().print()
            out().print(inert(row.rep, style="bold"))
            followup_list(row.items, today, every=True)
