"""The daily report screen (R6)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from salesvisit_cli.domain.daily import DailySummary, DailyVisit
from salesvisit_cli.domain.followups import KIND_LABELS
from salesvisit_cli.i18n import N_, _, ngettext
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert
from salesvisit_cli.render.words import (
    date_label,
    day_label,
    labelled,
    moment,
    outcome_text,
    print_flow,
    shorten,
    word,
)

if TYPE_CHECKING:
    from rich.table import Table

STATUS_TEXT = {
    "on_time": (N_("handed in on time"), "green"),
    "late": (N_("handed in late"), "yellow"),
    "missing": (N_("MISSING: the deadline has passed"), "bold red"),
    "pending": (N_("not handed in yet"), "cyan"),
    None: (N_("nothing to hand in (no completed visits)"), "dim"),
}


def daily_report(summary: DailySummary) -> None:
    title = _("Daily report {day} · {rep}").format(day=day_label(summary.date), rep=summary.rep)
    out().print(inert(title, style="bold"))
    if summary.visits:
        out().print(_visits_table(summary.visits))
    else:
        out().print(inert(_("No completed visits this day."), style="dim"))
    totals = (
        _("visits {count}").format(count=len(summary.visits)),
        _("new customers {count}").format(count=summary.new_customers),
        _("{minutes} min").format(minutes=summary.minutes),
        _("over time {count}").format(count=summary.over_time),
        _("bookings {count}").format(count=summary.bookings),
        _("complaints {count}").format(count=summary.complaints),
    )
    print_flow([inert(total) for total in totals], separator=" · ")
    if summary.followups:
        kinds: dict[str, int] = {}
        for item in summary.followups:
            kinds[item["kind"]] = kinds.get(item["kind"], 0) + 1
        listed = [
            inert(f"{count} {_(KIND_LABELS.get(kind, kind))}")
            for kind, count in sorted(kinds.items())
        ]
        print_flow(
            listed, head=inert(labelled(_("Follow-ups created"))), indent=2, separator=_(", ")
        )
    if summary.planned:
        out().print(inert(_("Planned but not reported:"), style="bold yellow"))
        for item in summary.planned:
            at = f" {item['at']}" if item["at"] else ""
            visit = _("visit {id}").format(id=item["id"]) + at
            print_flow([inert(visit), inert(item["customer"])], head=inert("  "), indent=4)
    label, style = STATUS_TEXT.get(summary.status, (summary.status, ""))
    deadline = _("Hand-in deadline {moment}").format(moment=moment(summary.deadline))
    items = [inert(deadline), inert(_(label), style=style)]
    if summary.submitted_at:
        items.append(inert(f"({moment(summary.submitted_at)})"))
    if summary.amended_at:
        amended = _("amended {count}×").format(count=len(summary.amended_at))
        items.append(inert(amended, style="dim"))
    print_flow(items, separator=" · ", indent=2)


def _visits_table(visits: Sequence[DailyVisit]) -> Table:
    """The day's completed visits, one row each (every column folds)."""
    from salesvisit_cli.render.tables import data_table

    columns = (
        _("Time"), _("ID"), _("Customer"), _("New?"), _("Min"), _("Outcome"), _("Key points"),
    )  # fmt: skip
    table = data_table(columns, right=(_("ID"), _("Min")))
    for column in table.columns:
        column.overflow = "fold"
    for visit in visits:
        minutes = inert(str(visit.minutes), style="yellow" if visit.over_time else "")
        if visit.over_time:
            minutes.append(_(" over"), style="yellow")
        table.add_row(
            inert(visit.start),
            str(visit.id),
            inert(visit.customer),
            inert(_("new"), style="bold green") if visit.new_customer else _("known"),
            minutes,
            inert(outcome_text(visit.outcome)),
            inert(shorten(visit.notes, 36)),
        )
    return table


TEAM_STYLE = {"on_time": "green", "late": "yellow", "missing": "bold red", "pending": "cyan"}
NARROW = 100  # columns: under this, the narrower team table (the other figures below it)


def _team_status(summary: DailySummary):
    """The hand-in state of one row (None: no visits, nothing to hand in)."""
    if summary.status is None:
        return inert(_("no visits"), style="dim")
    return inert(word("daily", summary.status), style=TEAM_STYLE.get(summary.status, ""))


def _handed(summary: DailySummary) -> str:
    if not summary.submitted_at:
        return ""
    handed = f"{date_label(summary.submitted_at.date())} {summary.submitted_at:%H:%M}"
    if summary.amended_at:
        handed += f" (+{len(summary.amended_at)})"
    return handed


def team_table(summaries: Sequence[DailySummary], now: datetime) -> None:
    """One row per salesperson for one day: visits, new customers, the hand-in."""
    from salesvisit_cli.render.tables import data_table, print_table

    if not summaries:
        out().print(inert(_("No salespeople yet."), style="dim"))
        return
    narrow = out().width < NARROW
    first = summaries[0]
    title = _("Team daily reports · {day} · due {deadline}").format(
        day=day_label(first.date), deadline=moment(first.deadline)
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
            inert(_handed(summary)),
        )
    print_table(table)
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
        deadline = moment(first.deadline)
        line += _(" (deadline {deadline})").format(deadline=deadline)
    out().print(inert(line, style="dim"))


def submitted(result) -> None:
    """The hand-in confirmation and the day as handed in (warnings: printed by the command)."""
    summary = result.summary
    if result.amendment:
        text = _(
            "Handed in an amendment of {day}; the first hand-in ({moment}) decides punctuality"
        )
        text = text.format(day=day_label(summary.date), moment=moment(summary.submitted_at))
    else:
        text = _("Handed in the report of {day}").format(day=day_label(summary.date))
    print_flow([inert(text, style="green")])
    if result.moved:
        count = len(result.moved)
        text = ngettext("Moved {count} visit to {day}", "Moved {count} visits to {day}", count)
        print_flow([inert(text.format(count=count, day=day_label(result.moved_to)), style="green")])
    if result.cancelled:
        count = len(result.cancelled)
        text = ngettext("Cancelled {count} visit", "Cancelled {count} visits", count)
        print_flow([inert(text.format(count=count), style="green")])
    daily_report(summary)
    if summary.market:
        line = inert(_("Market notes: "), style="bold")
        line.append_text(inert(summary.market))
        out().print(line)
    _tomorrow(result.tomorrow, result.today)


def _tomorrow(plan: dict, today: date | None) -> None:
    """Tomorrow's plan (明天的任务安排), so the evening closes the day; handed in on the next
    working day's morning, that plan is today's."""
    visits = plan["visits"]
    day = date.fromisoformat(plan["date"])
    heading = _("Today's plan ({date})") if day == today else _("Tomorrow's plan ({date})")
    out().print(inert(heading.format(date=day_label(day)), style="bold"))
    if not visits:
        out().print(inert("  " + _("No visits planned yet: `salesvisit visit plan --suggest 5`")))
    for visit in visits:
        at = visit["at"] or "--:--"
        out().print(inert(f"  {at}  {visit['customer']}  (#{visit['id']})"))
