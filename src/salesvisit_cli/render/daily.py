"""The daily report screen (R6)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from salesvisit_cli.domain.daily import DailySummary
from salesvisit_cli.i18n import _, ngettext
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


TEAM_STYLE = {"on_time": "green", "late": "yellow", "missing": "bold red", "pending": "cyan"}
NARROW = 100  # columns: under this, the narrower team table (the other figures below it)


def team_status_name(status: str) -> str:
    """A hand-in status in the team table (the JSON keeps the English value)."""
    names = {
        "on_time": _("on time"),
        "late": _("late"),
        "missing": _("MISSING"),
        "pending": _("pending"),
    }
    return names.get(status, status)


def _team_status(summary: DailySummary):
    """The hand-in state of one row (None: no visits, nothing to hand in)."""
    if summary.status is None:
        return inert(_("no visits"), style="dim")
    return inert(team_status_name(summary.status), style=TEAM_STYLE.get(summary.status, ""))


def _handed(summary: DailySummary, narrow: bool) -> str:
    if not summary.submitted_at:
        return ""
    handed = (
        f"{summary.submitted_at:%m-%d %H:%M}"
        if narrow
        else f"{summary.submitted_at:%Y-%m-%d %H:%M}"
    )
    if summary.amended_at:
        handed += f" (+{len(summary.amended_at)})"
    return handed


def team_table(summaries: Sequence[DailySummary], now: datetime) -> None:
    """One row per salesperson for one day: visits, new customers, the hand-in."""
    from salesvisit_cli.render.tables import data_table

    if not summaries:
        out().print(inert(_("No salespeople yet."), style="dim"))
        return
    narrow = out().width < NARROW
    first = summaries[0]
    title = _("Team daily reports · {day} · due {deadline}").format(
        day=first.date.isoformat(), deadline=f"{first.deadline:%Y-%m-%d %H:%M}"
    )
    table = data_table(title=title, team=True)
    table.add_column(_("Salesperson"), overflow="fold", min_width=8)
    counted = [_("Visits"), _("New")]
    if not narrow:
        counted += [_("Min"), _("Over"), _("Bookings"), _("Complaints"), _("Conflicts")]
    for heading in (*counted, _("Planned")):
        table.add_column(heading, justify="right")
    table.add_column(_("Hand-in"), no_wrap=True)
    table.add_column(_("Handed in at"), no_wrap=True)
    for summary in summaries:
        figures = [str(len(summary.visits)), str(summary.new_customers)]
        if not narrow:
            figures += [
                str(summary.minutes),
                str(summary.over_time),
                str(summary.bookings),
                str(summary.complaints),
                inert(str(summary.conflicts), style="yellow" if summary.conflicts else ""),
            ]
        table.add_row(
            inert(summary.rep),
            *figures,
            str(len(summary.planned)),
            _team_status(summary),
            inert(_handed(summary, narrow)),
        )
    out().print(table)
    if narrow:
        _figures_below(summaries)
    _team_summary(summaries, now)


def _figures_below(summaries: Sequence[DailySummary]) -> None:
    """The narrow table's other columns: one line per salesperson who has visits."""
    line = _(
        "{rep}: {minutes} min · over time {over} · bookings {bookings} · "
        "complaints {complaints} · conflicts {conflicts}"
    )
    for s in summaries:
        if s.visits:
            figures = line.format(
                rep=s.rep,
                minutes=s.minutes,
                over=s.over_time,
                bookings=s.bookings,
                complaints=s.complaints,
                conflicts=s.conflicts,
            )
            out().print(inert(figures, style="dim"))


def _team_summary(summaries: Sequence[DailySummary], now: datetime) -> None:
    first = summaries[0]
    with_visits = [s for s in summaries if s.status is not None]
    counts = dict.fromkeys(TEAM_STYLE, 0)
    for summary in with_visits:
        counts[summary.status] = counts.get(summary.status, 0) + 1
    line = _(
        "{with_visits} of {count} with visits: {on_time} on time, {late} late, "
        "{missing} missing, {pending} pending"
    ).format(with_visits=len(with_visits), count=len(summaries), **counts)
    if counts["pending"] and now < first.deadline:
        deadline = f"{first.deadline:%Y-%m-%d %H:%M}"
        line += _(" (deadline {deadline})").format(deadline=deadline)
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
