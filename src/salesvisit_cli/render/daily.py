"""The daily report screen (R6)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from salesvisit_cli.domain.daily import DailySummary
from salesvisit_cli.i18n import ngettext
from salesvisit_cli.render.console import out, success
from salesvisit_cli.render.history import short
from salesvisit_cli.render.safe import inert

STATUS_TEXT = {
    "on_time": ("handed in on time", "green"),
    "late": ("handed in late", "yellow"),
    "missing": ("MISSING: the deadline has passed", "bold red"),
    "pending": ("not handed in yet", "cyan"),
    None: ("nothing to hand in (no completed visits)", "dim"),
}


def daily_report(summary: DailySummary) -> None:
    from salesvisit_cli.render.tables import data_table

    out().print(inert(f"Daily report {summary.date.isoformat()} · {summary.rep}", style="bold"))
    if summary.visits:
        table = data_table(
            ("Time", "ID", "Customer", "New?", "Min", "Outcome", "Key points"), right=("ID", "Min")
        )
        for visit in summary.visits:
            minutes = inert(str(visit.minutes), style="yellow" if visit.over_time else "")
            if visit.over_time:
                minutes.append(" over", style="yellow")
            table.add_row(
                inert(visit.start),
                str(visit.id),
                inert(visit.customer),
                inert("new", style="bold green") if visit.new_customer else "known",
                minutes,
                inert(visit.outcome),
                inert(short(visit.notes, 36)),
            )
        out().print(table)
    else:
        out().print(inert("No completed visits this day.", style="dim"))
    out().print(
        inert(
            f"Visits {len(summary.visits)} · new customers {summary.new_customers} · "
            f"{summary.minutes} min · over time {summary.over_time} · "
            f"bookings {summary.bookings} · complaints {summary.complaints}"
        )
    )
    if summary.followups:
        kinds: dict[str, int] = {}
        for item in summary.followups:
            kinds[item["kind"]] = kinds.get(item["kind"], 0) + 1
        listed = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
        out().print(inert(f"Follow-ups created: {listed}"))
    if summary.planned:
        out().print(inert("Planned but not reported:", style="bold yellow"))
        for item in summary.planned:
            at = f" {item['at']}" if item["at"] else ""
            out().print(inert(f"  visit {item['id']}{at}  {item['customer']}"))
    label, style = STATUS_TEXT.get(summary.status, (summary.status, ""))
    line = inert(f"Hand-in deadline {summary.deadline:%Y-%m-%d %H:%M} · ")
    line.append_text(inert(label, style=style))
    if summary.submitted_at:
        line.append_text(inert(f" ({summary.submitted_at:%Y-%m-%d %H:%M})"))
    if summary.amended_at:
        line.append_text(inert(f", amended {len(summary.amended_at)}×", style="dim"))
    out().print(line)


TEAM_STATUS = {
    "on_time": ("on time", "green"),
    "late": ("late", "yellow"),
    "missing": ("MISSING", "bold red"),
    "pending": ("pending", "cyan"),
}


def _team_status(summary: DailySummary):
    """The hand-in state of one row (None: no visits, nothing to hand in)."""
    if summary.status is None:
        return inert("no visits", style="dim")
    label, style = TEAM_STATUS.get(summary.status, (summary.status, ""))
    return inert(label, style=style)


def team_table(summaries: Sequence[DailySummary], now: datetime) -> None:
    """One row per salesperson for one day: visits, new customers, the hand-in."""
    from salesvisit_cli.render.tables import data_table

    if not summaries:
        out().print(inert("No salespeople yet.", style="dim"))
        return
    first = summaries[0]
    table = data_table(
        title=f"Team daily reports · {first.date:%a %Y-%m-%d} · "
        f"due {first.deadline:%Y-%m-%d %H:%M}",
        team=True,
    )
    table.add_column("Salesperson", overflow="fold", min_width=8)
    for title in ("Visits", "New", "Min", "Over", "Bookings", "Complaints", "Conflicts"):
        table.add_column(title, justify="right")
    table.add_column("Planned", justify="right")
    table.add_column("Hand-in")
    table.add_column("Handed in at")
    for summary in summaries:
        handed = ""
        if summary.submitted_at:
            handed = f"{summary.submitted_at:%Y-%m-%d %H:%M}"
            if summary.amended_at:
                handed += f" (+{len(summary.amended_at)})"
        table.add_row(
            inert(summary.rep),
            str(len(summary.visits)),
            str(summary.new_customers),
            str(summary.minutes),
            str(summary.over_time),
            str(summary.bookings),
            str(summary.complaints),
            inert(str(summary.conflicts), style="yellow" if summary.conflicts else ""),
            str(len(summary.planned)),
            _team_status(summary),
            inert(handed),
        )
    out().print(table)
    with_visits = [s for s in summaries if s.status is not None]
    counts = {status: 0 for status in TEAM_STATUS}
    for summary in with_visits:
        counts[summary.status] = counts.get(summary.status, 0) + 1
    line = (
        f"{len(with_visits)} of {len(summaries)} with visits: {counts['on_time']} on time, "
        f"{counts['late']} late, {counts['missing']} missing, {counts['pending']} pending"
    )
    if counts["pending"] and now < first.deadline:
        line += f" (deadline {first.deadline:%Y-%m-%d %H:%M})"
    out().print(inert(line, style="dim"))


def submitted(result) -> None:
    """The hand-in confirmation and the day as handed in (warnings: printed by the command)."""
    summary = result.summary
    if result.amendment:
        success(
            f"Handed in an amendment of {summary.date.isoformat()}; the first hand-in "
            f"({summary.submitted_at:%Y-%m-%d %H:%M}) decides punctuality"
        )
    else:
        success(f"Handed in the report of {summary.date.isoformat()}")
    if result.moved:
        count = len(result.moved)
        success(
            ngettext("Moved {count} visit to {day}", "Moved {count} visits to {day}", count).format(
                count=count, day=result.moved_to.isoformat()
            )
        )
    if result.cancelled:
        count = len(result.cancelled)
        success(
            ngettext("Cancelled {count} visit", "Cancelled {count} visits", count).format(
                count=count
            )
        )
    daily_report(summary)
