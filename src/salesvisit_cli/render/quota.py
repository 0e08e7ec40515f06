"""The month-end quota screens: one salesperson's month, and the team table."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from rich.text import Text

from salesvisit_cli.domain.quota import AT_RISK, MET, MISSED, ON_TRACK, UPCOMING, Quota
from salesvisit_cli.render.charts import Column, chart_legend, day_chart, meter
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert

STATUS_STYLE = {
    MET: "bold green",
    ON_TRACK: "green",
    AT_RISK: "bold yellow",
    MISSED: "bold red",
    UPCOMING: "dim",
}
BAR_WIDTH = 24


def _pace(value: Fraction | None) -> str:
    return "—" if value is None else f"{float(value):.1f}"


def _needed(q: Quota, needed: int, remaining: int) -> str:
    if remaining == 0:
        return "target reached"
    if q.working_days_left == 0:
        return "no working day left" if q.phase != "past" else f"{remaining} short"
    return f"{needed} a day needed"


def _meter_line(label: str, value: int, target: int, note: str, style: str) -> Text:
    share = f"{100 * value // target}%" if target else "—"
    line = Text(f"{label:<10} ")
    line.append_text(meter(value, target, BAR_WIDTH, style=style))
    line.append(f"  {value:>4} / {target:<4} {share:>5}   ")
    line.append(note, style="dim" if note == "target reached" else "")
    return line


def quota_screen(q: Quota) -> None:
    """One salesperson's month: bars, status, chart, report punctuality, the other figures."""
    console = out()
    header = inert(q.rep, style="bold")
    header.append(f" · {q.month.first:%B %Y} ({q.month}) · ")
    header.append(q.status, style=STATUS_STYLE.get(q.status, ""))
    console.print(header)
    console.print()
    unit_label = "Customers" if q.unit == "customers" else "Visits"
    console.print(
        _meter_line(
            unit_label, q.visited, q.target, _needed(q, q.needed_per_day, q.remaining), "green"
        )
    )
    console.print(
        _meter_line(
            "New",
            q.new_visited,
            q.new_target,
            _needed(q, q.new_needed_per_day, q.new_remaining),
            "magenta",
        )
    )
    console.print(
        Text(
            f"{q.visits} visit(s) done · {q.working_days_left} of {q.working_days} "
            f"working days left · pace so far {_pace(q.pace_so_far)} a day",
            style="dim",
        )
    )
    console.print(Text(_status_sentence(q)))
    console.print()
    _chart(q)
    console.print()
    _reports(q)
    console.print()
    console.print(
        Text(
            f"Over time (> {q.rules.max_minutes} min): {q.over_time_visits} visit(s) · "
            f"Bookings: {q.bookings} · Complaints: {q.complaints}"
        )
    )
    if q.conflicts:
        console.print(
            Text(
                f"Conflicts: {q.conflicts} visit(s) to another salesperson's customer",
                style="yellow",
            )
        )


def _status_sentence(q: Quota) -> str:
    unit = "customers" if q.unit == "customers" else "visits"
    if q.status == MET:
        return f"Quota met: {q.visited} {unit} and {q.new_visited} new customers."
    if q.status == MISSED:
        return (
            f"Quota missed: {q.remaining} {unit} and {q.new_remaining} new customers short "
            "when the month ended."
        )
    if q.status == UPCOMING:
        return (
            f"Not started: {q.target} {unit} ({q.new_target} new) over {q.working_days} "
            f"working days, about {_pace(q.daily_pace)} a day."
        )
    if q.working_days_left == 0:
        return "At risk: no working day is left in the month."
    if q.pace_so_far is None:
        return f"On track: the month has just begun; {_pace(q.daily_pace)} a day keeps pace."
    verdict = "On track" if q.status == ON_TRACK else "At risk"
    return (
        f"{verdict}: {q.needed_per_day} a day needed ({q.new_needed_per_day} new) "
        f"against {_pace(q.pace_so_far)} a day ({_pace(q.new_pace_so_far)} new) so far."
    )


def _chart(q: Quota) -> None:
    console = out()
    console.print(Text("Completed visits per day", style="bold"))
    columns = [Column(p.day, p.new, p.known, p.working) for p in q.series]
    if not columns:
        console.print(Text("No working days in this month.", style="dim"))
        return
    for line in day_chart(columns, q.daily_pace, width=console.width):
        console.print(line, no_wrap=True, overflow="crop")
    console.print(
        chart_legend(
            q.daily_pace,
            f" ({q.target} / {q.working_days} working days)",
            worked_off=any(not column.working for column in columns),
        )
    )


def _reports(q: Quota) -> None:
    console = out()
    counts = q.report_counts()
    line = Text("Daily reports: ", style="bold")
    line.append(
        f"{counts['days']} day(s) with visits — {counts['on_time']} on time, "
        f"{counts['late']} late, {counts['missing']} missing, {counts['pending']} pending"
    )
    console.print(line)
    late = q.days_with("late")
    if late:
        text = Text("  Late:    ", style="yellow")
        text.append(", ".join(f"{r.day:%a %d %b} (in {r.submitted_at:%d %b %H:%M})" for r in late))
        console.print(text)
    missing = q.days_with("missing")
    if missing:
        text = Text("  Missing: ", style="red")
        text.append(", ".join(f"{r.day:%a %d %b}" for r in missing))
        console.print(text)
    pending = q.days_with("pending")
    if pending:
        text = Text("  Pending: ", style="dim")
        text.append(", ".join(f"{r.day:%a %d %b} (due {r.deadline:%d %b %H:%M})" for r in pending))
        console.print(text)


def team_table(quotas: Sequence[Quota]) -> None:
    """One row per salesperson, furthest along first."""
    from salesvisit_cli.render.tables import data_table

    console = out()
    if not quotas:
        console.print(Text("No salespeople yet.", style="dim"))
        return
    first = quotas[0]
    unit = "Customers" if first.unit == "customers" else "Visits"
    table = data_table(title=f"Team quota · {first.month.first:%B %Y} ({first.month})", team=True)
    table.add_column("Salesperson", overflow="fold", ratio=None, min_width=8)
    for title in (unit, "New", "Need/day", "Pace", "Status", "On time", "Conflicts", "Met"):
        table.add_column(title, justify="left" if title in ("Status", "Met") else "right")
    for q in quotas:
        counts = q.report_counts()
        needed = str(q.needed_per_day) if q.working_days_left else "—"
        table.add_row(
            inert(q.rep),
            f"{q.visited}/{q.target}",
            f"{q.new_visited}/{q.new_target}",
            needed,
            _pace(q.pace_so_far),
            Text(q.status, style=STATUS_STYLE.get(q.status, "")),
            f"{counts['on_time']}/{counts['days']}",
            Text(str(q.conflicts), style="yellow" if q.conflicts else "dim"),
            Text("yes" if q.met else "no", style="green" if q.met else ""),
        )
    console.print(table)
    met = sum(1 for q in quotas if q.met)
    console.print(Text(f"{met} of {len(quotas)} salespeople met the quota", style="dim"))
    released = [q for q in quotas if q.released]
    if released:
        from salesvisit_cli.i18n import _

        counts = ", ".join(f"{q.rep} {q.released}" for q in released)
        console.print(inert(_("Released to the pool: {counts}").format(counts=counts), style="dim"))


def source_label(source: str) -> str:
    """A customer's source as shown: the known ones (domain.reception.SOURCES) translated."""
    from salesvisit_cli.i18n import _

    known = {
        "": _("(none)"),
        "web": _("web"),
        "trade fair": _("trade fair"),
        "referral": _("referral"),
        "directory": _("directory"),
        "news report": _("news report"),
    }
    return known.get(source, source)


def team_month_screen(month: Any) -> None:
    """The team table, then the month's new customers by source (信息获取渠道)."""
    from salesvisit_cli.i18n import _

    team_table(month.quotas)
    totals: dict[str, int] = {}
    for sources in month.new_by_source.values():
        for source, count in sources.items():
            totals[source] = totals.get(source, 0) + count
    if totals:
        ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
        listed = " · ".join(f"{source_label(source)} {count}" for source, count in ranked)
        out().print(inert(_("New customers by source: {listed}").format(listed=listed)))
