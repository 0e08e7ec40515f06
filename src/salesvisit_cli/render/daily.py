"""The daily report screen (R6)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from salesvisit_cli.domain.daily import DailySummary
from salesvisit_cli.domain.followups import KIND_LABELS
from salesvisit_cli.i18n import N_, _, ngettext
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert
from salesvisit_cli.render.words import day_label, labelled, outcome_text, print_flow, shorten

STATUS_TEXT = {
    "on_time": (N_("handed in on time"), "green"),
    "late": (N_("handed in late"), "yellow"),
    "missing": (N_("MISSING: the deadline has passed"), "bold red"),
    "pending": (N_("not handed in yet"), "cyan"),
    None: (N_("nothing to hand in (no completed visits)"), "dim"),
}


def daily_report(summary: DailySummary) -> None:
    from salesvisit_cli.render.tables import data_table

    title = _("Daily report {day} · {rep}").format(day=day_label(summary.date), rep=summary.rep)
    out().print(inert(title, style="bold"))
    if summary.visits:
        columns = (
            _("Time"), _("ID"), _("Customer"), _("New?"), _("Min"), _("Outcome"), _("Key points"),
        )  # fmt: skip
        table = data_table(columns, right=(_("ID"), _("Min")))
        for column in table.columns:
            column.overflow = "fold"
        for visit in summary.visits:
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
        out().print(table)
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
        print_flow(listed, head=inert(labelled(_("Follow-ups created"))), indent=2, separator=", ")
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


def moment(when: datetime) -> str:
    """A date and time: `Wed 2026-12-02 09:00` / `12月2日 周三 09:00`."""
    return f"{day_label(when.date())} {when:%H:%M}"


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
    _tomorrow(result.tomorrow)


def _tomorrow(plan: dict) -> None:
    """Tomorrow's plan (明天的任务安排), so the evening closes the day."""
    visits = plan["visits"]
    following = day_label(date.fromisoformat(plan["date"]))
    out().print(inert(_("Tomorrow's plan ({date})").format(date=following), style="bold"))
    if not visits:
        out().print(inert("  " + _("No visits planned yet: `salesvisit visit plan --suggest 5`")))
    for visit in visits:
        at = visit["at"] or "--:--"
        out().print(inert(f"  {at}  {visit['customer']}  (#{visit['id']})"))
