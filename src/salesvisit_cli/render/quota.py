"""The month-end quota screens: one salesperson's month, and the team table.

Under `NARROW` columns the team table drops the pace, conflicts and "met" columns (the status
says whether the quota is met) and lists the conflicts below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from rich.text import Text

from salesvisit_cli.domain.quota import AT_RISK, MET, MISSED, ON_TRACK, UPCOMING, Quota
from salesvisit_cli.i18n import _, ngettext
from salesvisit_cli.render.charts import Column, chart_legend, day_chart, meter
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert
from salesvisit_cli.render.words import day_label, moment, month_label, source_label, word

STATUS_STYLE = {
    MET: "bold green",
    ON_TRACK: "green",
    AT_RISK: "bold yellow",
    MISSED: "bold red",
    UPCOMING: "dim",
}
BAR_WIDTH = 24
NARROW = 100  # columns: under this, the narrower team table


def status_name(status: str) -> str:
    """A quota status as a person reads it (the JSON keeps the English value)."""
    return word("quota", status)


def _pace(value: Fraction | None) -> str:
    return "—" if value is None else f"{float(value):.1f}"


def _unit_label(q: Quota) -> str:
    return _("Customers") if q.unit == "customers" else _("Visits")


def _needed(q: Quota, needed: int, remaining: int) -> str:
    if remaining == 0:
        return _("target reached")
    if q.working_days_left == 0:
        if q.phase != "past":
            return _("no working day left")
        return _("{count} short").format(count=remaining)
    return _("{count} a day needed").format(count=needed)


def _meter_line(label: str, value: int, target: int, note: str, style: str) -> Text:
    share = f"{100 * value // target}%" if target else "—"
    line = Text(label)
    line.append(" " * max(1, 11 - line.cell_len))
    line.append_text(meter(value, target, BAR_WIDTH, style=style))
    line.append(f"  {value:>4} / {target:<4} {share:>5}   ")
    line.append(note, style="dim" if value >= target else "")
    return line


def quota_screen(q: Quota) -> None:
    """One salesperson's month: bars, status, chart, report punctuality, the other figures."""
    console = out()
    header = inert(q.rep, style="bold")
    header.append(f" · {month_label(q.month)} · ")
    header.append(status_name(q.status), style=STATUS_STYLE.get(q.status, ""))
    console.print(header)
    console.print()
    needed = _needed(q, q.needed_per_day, q.remaining)
    console.print(_meter_line(_unit_label(q), q.visited, q.target, needed, "green"))
    new_needed = _needed(q, q.new_needed_per_day, q.new_remaining)
    console.print(_meter_line(_("New"), q.new_visited, q.new_target, new_needed, "magenta"))
    figures = _(
        "{visits} visit(s) done · {left} of {days} working days left · pace so far {pace} a day"
    ).format(
        visits=q.visits,
        left=q.working_days_left,
        days=q.working_days,
        pace=_pace(q.pace_so_far),
    )
    console.print(Text(figures, style="dim"))
    console.print(Text(_status_sentence(q)))
    console.print()
    _chart(q)
    console.print()
    _reports(q)
    console.print()
    console.print(
        Text(
            _(
                "Over time (> {limit} min): {over} visit(s) · Bookings: {bookings} · "
                "Complaints: {complaints}"
            ).format(
                limit=q.rules.max_minutes,
                over=q.over_time_visits,
                bookings=q.bookings,
                complaints=q.complaints,
            )
        )
    )
    if q.conflicts:
        conflicts = _("Conflicts: {count} visit(s) to another salesperson's customer")
        console.print(Text(conflicts.format(count=q.conflicts), style="yellow"))


def _status_sentence(q: Quota) -> str:
    unit = _("customers") if q.unit == "customers" else _("visits")
    figures = {
        "unit": unit,
        "visited": q.visited,
        "new_visited": q.new_visited,
        "remaining": q.remaining,
        "new_remaining": q.new_remaining,
        "target": q.target,
        "new_target": q.new_target,
        "days": q.working_days,
        "pace": _pace(q.daily_pace),
        "needed": q.needed_per_day,
        "new_needed": q.new_needed_per_day,
        "so_far": _pace(q.pace_so_far),
        "new_so_far": _pace(q.new_pace_so_far),
    }
    if q.status == MET:
        sentence = _("Quota met: {visited} {unit} and {new_visited} new customers.")
    elif q.status == MISSED:
        sentence = _(
            "Quota missed: {remaining} {unit} and {new_remaining} new customers short "
            "when the month ended."
        )
    elif q.status == UPCOMING:
        sentence = _(
            "Not started: {target} {unit} ({new_target} new) over {days} working days, "
            "about {pace} a day."
        )
    elif q.working_days_left == 0:
        sentence = _("At risk: no working day is left in the month.")
    elif q.pace_so_far is None:
        sentence = _("On track: the month has just begun; {pace} a day keeps pace.")
    elif q.status == ON_TRACK:
        sentence = _(
            "On track: {needed} a day needed ({new_needed} new) against {so_far} a day "
            "({new_so_far} new) so far."
        )
    else:
        sentence = _(
            "At risk: {needed} a day needed ({new_needed} new) against {so_far} a day "
            "({new_so_far} new) so far."
        )
    return sentence.format(**figures)


def _chart(q: Quota) -> None:
    console = out()
    console.print(Text(_("Completed visits per day"), style="bold"))
    columns = [Column(p.day, p.new, p.known, p.working) for p in q.series]
    if not columns:
        console.print(Text(_("No working days in this month."), style="dim"))
        return
    for line in day_chart(columns, q.daily_pace, width=console.width):
        console.print(line, no_wrap=True, overflow="crop")
    note = _(" ({target} / {days} working days)").format(target=q.target, days=q.working_days)
    worked_off = any(not column.working for column in columns)
    console.print(chart_legend(q.daily_pace, note, worked_off=worked_off))


def _days(label: str, style: str, days: list[str]) -> None:
    """One line of report days (`  Late: 12-02 (…), …`; the label ends with its colon and
    space), wrapped under its label."""
    if not days:
        return
    text = Text("  ")
    text.append(label, style=style)
    text.append(_(", ").join(days))
    out().print(text)


def _reports(q: Quota) -> None:
    counts = q.report_counts()
    line = Text(_("Daily reports: "), style="bold")
    line.append(
        _(
            "{days} day(s) with visits — {on_time} on time, {late} late, {missing} missing, "
            "{pending} pending"
        ).format(**counts)
    )
    out().print(line)
    late = _("{day} (in {at})")
    _days(
        _("Late: "),
        "yellow",
        [late.format(day=day_label(r.day), at=moment(r.submitted_at)) for r in q.days_with("late")],
    )
    _days(_("Missing: "), "red", [day_label(r.day) for r in q.days_with("missing")])
    pending = _("{day} (due {at})")
    _days(
        _("Pending: "),
        "dim",
        [
            pending.format(day=day_label(r.day), at=moment(r.deadline))
            for r in q.days_with("pending")
        ],
    )


def _status(quota: Quota) -> Text:
    """The pace status; a manager is no salesperson: `manager`, never at risk or behind."""
    if quota.manager:
        return Text(_("manager"), style="dim")
    return Text(status_name(quota.status), style=STATUS_STYLE.get(quota.status, ""))


def _met(quota: Quota) -> Text:
    """yes / no; a manager never met or missed the quota."""
    if quota.manager:
        return Text("—", style="dim")
    return Text(_("yes") if quota.met else _("no"), style="green" if quota.met else "")


def team_table(quotas: Sequence[Quota]) -> None:
    """One row per salesperson, furthest along first; the managers last, apart."""
    from salesvisit_cli.render.tables import data_table, print_table

    console = out()
    if not quotas:
        console.print(Text(_("No salespeople yet."), style="dim"))
        return
    narrow = console.width < NARROW
    first = quotas[0]
    title = _("Team quota · {month}").format(month=month_label(first.month))
    table = data_table(title=title, team=True)
    table.add_column(_("Salesperson"), overflow="fold", min_width=8)
    titles = [_unit_label(first), _("New"), _("Need/day")]
    if not narrow:
        titles.append(_("Pace"))
    for heading in titles:
        table.add_column(heading, justify="right")
    table.add_column(_("Status"), no_wrap=True)
    table.add_column(_("On time"), justify="right")
    if not narrow:
        table.add_column(_("Conflicts"), justify="right")
        table.add_column(_("Met"))
    for q in quotas:
        counts = q.report_counts()
        cells = [
            inert(q.rep),
            f"{q.visited}/{q.target}",
            f"{q.new_visited}/{q.new_target}",
            str(q.needed_per_day) if q.working_days_left and not q.manager else "—",
        ]
        if not narrow:
            cells.append(_pace(q.pace_so_far))
        cells += [_status(q), f"{counts['on_time']}/{counts['days']}"]
        if not narrow:
            cells.append(Text(str(q.conflicts), style="yellow" if q.conflicts else "dim"))
            cells.append(_met(q))
        table.add_row(*cells)
    print_table(table)
    if narrow:
        _conflicts_below(quotas)
    sales = [q for q in quotas if not q.manager]
    met = sum(1 for q in sales if q.met)
    summary = ngettext(
        "{met} of {count} salesperson met the quota",
        "{met} of {count} salespeople met the quota",
        len(sales),
    )
    console.print(Text(summary.format(met=met, count=len(sales)), style="dim"))
    released = [q for q in quotas if q.released]
    if released:
        counts = _(", ").join(f"{q.rep} {q.released}" for q in released)
        console.print(inert(_("Released to the pool: {counts}").format(counts=counts), style="dim"))


def _conflicts_below(quotas: Sequence[Quota]) -> None:
    """The narrow table's conflicts column, as one line under the table."""
    listed = [f"{q.rep} {q.conflicts}" for q in quotas if q.conflicts]
    if listed:
        line = _("Conflicts (visits to another salesperson's customer): {listed}")
        out().print(inert(line.format(listed=_(", ").join(listed)), style="yellow"))


def team_month_screen(month: Any) -> None:
    """The team table, then the month's new customers by source (信息获取渠道)."""
    from salesvisit_cli.i18n import _

    team_table(month.quotas)
    totals: dict[str, int] = {}
    for sources in month.new_by_source.values():
        for source, count in sources.items():  # `trade fair` and `展会` are one source
            label = source_label(source)
            totals[label] = totals.get(label, 0) + count
    if totals:
        ranked = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
        listed = " · ".join(f"{label} {count}" for label, count in ranked)
        out().print(inert(_("New customers by source: {listed}").format(listed=listed)))
