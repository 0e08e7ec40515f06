"""`report month --xlsx`: the month as an Excel workbook for a manager (labels in the interface
language, native Excel charts). Sheets: Summary (one row per salesperson, in `quota --team`
order, with a chart of customers and new customers against the targets), Visits (the month's
completed visits), Hand-in (each working day's daily report), Follow-ups (due in the month),
Days (completed visits per working day, with its chart), New customers by source (信息获取渠道:
the measure for the advertising plan)."""

from __future__ import annotations

from collections import Counter
from typing import BinaryIO

from salesvisit_cli.domain.quota import AT_RISK, MET, MISSED, ON_TRACK, UPCOMING, Quota
from salesvisit_cli.i18n import _
from salesvisit_cli.render.words import source_label, word
from salesvisit_cli.render.workbook import Book, Sheet

# Summary columns that the chart and the conditional formats refer to (0-based).
REP, STATUS, VISITED, TARGET, NEW, NEW_TARGET = range(6)


def status_label(status: str) -> str:
    return {
        MET: _("met"),
        ON_TRACK: _("on track"),
        AT_RISK: _("at risk"),
        MISSED: _("missed"),
        UPCOMING: _("upcoming"),
    }.get(status, status)


def hand_in_label(status: str | None) -> str:
    return {
        "on_time": _("on time"),
        "late": _("late"),
        "missing": _("missing"),
        "pending": _("pending"),
        None: _("no visits"),
    }.get(status, status or "")


def outcome_label(booking: object, complaint: object, next_meeting: object) -> str:
    """What a visit brought: booking, complaint, next meeting (or none)."""
    parts = [
        label
        for label, present in (
            (_("booking"), booking),
            (_("complaint"), complaint),
            (_("next meeting"), next_meeting),
        )
        if present
    ]
    return _(", ").join(parts) or _("none")


def write_month_book(book_data, handle: BinaryIO) -> list[str]:
    """Write the workbook of a `services.month_book.MonthBook`; returns the sheet names."""
    with Book(handle) as book:
        return [
            _summary(book, book_data.quotas),
            _visits(book, book_data),
            _hand_in(book, book_data),
            _followups(book, book_data),
            _days(book, book_data),
            _sources(book, book_data),
        ]


def _summary(book: Book, quotas: list[Quota]) -> str:
    unit = quotas[0].unit if quotas else "customers"
    sheet = book.sheet(
        _("Summary"),
        [
            _("Salesperson"), _("Status"),
            _("Customers") if unit == "customers" else _("Visits counted"), _("Target"),
            _("New customers"), _("New target"), _("New share"), _("Progress"), _("Visits"),
            _("Working days"), _("Working days left"), _("Needed per day"),
            _("New needed per day"), _("Over time"), _("Bookings"), _("Complaints"),
            _("On time"), _("Late"), _("Missing"), _("Pending"), _("Met"),
        ],
        styles={6: "percent", 7: "percent"},
    )  # fmt: skip
    for quota in quotas:
        reports = quota.report_counts()
        share = quota.new_visited / quota.visited if quota.visited else 0
        sheet.add(
            [
                quota.rep, status_label(quota.status), quota.visited, quota.target,
                quota.new_visited, quota.new_target, share, float(quota.progress), quota.visits,
                quota.working_days, quota.working_days_left, quota.needed_per_day,
                quota.new_needed_per_day, quota.over_time_visits, quota.bookings,
                quota.complaints, reports["on_time"], reports["late"], reports["missing"],
                reports["pending"], quota.met,
            ]
        )  # fmt: skip
    if quotas:
        _summary_formats(sheet, len(quotas))
        _targets_chart(book, sheet, quotas)
    sheet.finish()
    return sheet.name


def _summary_formats(sheet: Sheet, last: int) -> None:
    """Met in green, at risk and missed in red; each figure against its target likewise."""
    formats = sheet.formats
    for label, style in ((_("met"), "good"), (_("at risk"), "bad"), (_("missed"), "bad")):
        sheet.sheet.conditional_format(
            1, STATUS, last, STATUS,
            {"type": "cell", "criteria": "==", "value": f'"{label}"', "format": formats[style]},
        )  # fmt: skip
    for figure, target in ((VISITED, TARGET), (NEW, NEW_TARGET)):
        column, goal = _letter(figure), _letter(target)
        sheet.sheet.conditional_format(
            1, figure, last, figure,
            {"type": "formula", "criteria": f"=${column}2>=${goal}2", "format": formats["good"]},
        )  # fmt: skip


def _targets_chart(book: Book, sheet: Sheet, quotas: list[Quota]) -> None:
    """Customers and new customers per salesperson (columns) against the targets (lines).
    The cells' values go along as the chart's cache (what a reader shows before it
    recalculates), the names marked as text."""
    last = len(quotas)
    names = [quota.rep for quota in quotas]
    figures = {
        VISITED: [q.visited for q in quotas],
        NEW: [q.new_visited for q in quotas],
        TARGET: [q.target for q in quotas],
        NEW_TARGET: [q.new_target for q in quotas],
    }
    charts = {"column": (VISITED, NEW), "line": (TARGET, NEW_TARGET)}
    made = {}
    for kind, columns in charts.items():
        made[kind] = book.chart(kind)
        for column in columns:
            made[kind].add_series(
                {
                    "name": [sheet.name, 0, column],
                    "name_data": [sheet.headers[column]],
                    "categories": sheet.reference(REP, 1, last),
                    "categories_data": names,
                    "values": sheet.reference(column, 1, last),
                    "values_data": figures[column],
                    "marker": {"type": "none"},
                }
            )
    chart = made["column"]
    chart.combine(made["line"])
    chart.set_title({"name": _("Customers and new customers against the targets")})
    chart.set_size({"width": 720, "height": 400})
    sheet.sheet.insert_chart(last + 3, 0, chart)


def _visits(book: Book, data) -> str:
    sheet = book.sheet(
        _("Visits"),
        [
            _("Visit"), _("Date"), _("Start"), _("Salesperson"), _("Customer"), _("District"),
            _("Minutes"), _("Over time"), _("New customer"), _("Outcome"), _("Booking"),
            _("Complaint"), _("Next meeting"), _("Key points"),
        ],
    )  # fmt: skip
    outcomes: dict[tuple[bool, bool, bool], str] = {}  # eight labels, each made once
    for visit in data.visits:
        key = (bool(visit.booking), bool(visit.complaint), bool(visit.next))
        outcome = outcomes.get(key) or outcomes.setdefault(key, outcome_label(*key))
        sheet.add(
            [
                visit.id, visit.date, visit.start, visit.rep, visit.customer, visit.district,
                visit.minutes, visit.over_time, visit.new_customer, outcome, visit.booking,
                visit.complaint, visit.next, visit.notes,
            ]
        )  # fmt: skip
    sheet.finish()
    return sheet.name


def _hand_in(book: Book, data) -> str:
    """Every working day of the month (and any other day with visits) of each salesperson:
    visits, deadline, first hand-in, status, and whether its reports changed since."""
    sheet = book.sheet(
        _("Hand-in"),
        [_("Date"), _("Salesperson"), _("Visits"), _("Deadline"), _("Handed in"), _("Status"),
         _("Changed since hand-in")],
    )  # fmt: skip
    for quota in data.quotas:
        visits = {point.day: point.visits for point in quota.series}
        reports = {report.day: report for report in quota.reports}
        for day in sorted(set(data.working_days) | set(reports)):
            report = reports.get(day)
            if report is None:
                status = _("no visits") if day < data.today else _("not yet")
                sheet.add([day, quota.rep, visits.get(day, 0), None, None, status, None])
                continue
            sheet.add(
                [day, quota.rep, visits.get(day, 0), report.deadline, report.submitted_at,
                 hand_in_label(report.status), (quota.rep, day) in data.changed]
            )  # fmt: skip
    sheet.finish()
    return sheet.name


def _followups(book: Book, data) -> str:
    sheet = book.sheet(
        _("Follow-ups"),
        [
            _("Follow-up"), _("Due"), _("Salesperson"), _("Customer"), _("Kind"), _("Note"),
            _("State"), _("Done at"), _("Overdue days"), _("Visit"),
        ],
    )  # fmt: skip
    states = {True: _("done"), False: _("open")}
    kinds: dict[str, str] = {}  # each kind's word, made once
    for item in data.followups:
        kind = kinds.get(item.kind) or kinds.setdefault(item.kind, word("kind", item.kind))
        sheet.add(
            [
                item.id, item.due, item.rep, item.customer, kind, item.note,
                states[item.done_at is not None], item.done_at, item.days_late, item.visit_id,
            ]
        )  # fmt: skip
    sheet.finish()
    return sheet.name


def _days(book: Book, data) -> str:
    """Completed visits (and new customers) per working day, with its chart."""
    visits: Counter = Counter()
    new: Counter = Counter()
    for quota in data.quotas:
        for point in quota.series:
            visits[point.day] += point.visits
            new[point.day] += point.new
    sheet = book.sheet(_("Days"), [_("Working day"), _("Completed visits"), _("New customers")])
    for day in data.working_days:
        sheet.add([day, visits[day], new[day]])
    last = len(data.working_days)
    if last:
        chart = book.chart("column")
        chart.add_series(
            {
                "name": [sheet.name, 0, 1],
                "name_data": [sheet.headers[1]],
                "categories": sheet.reference(0, 1, last),
                "values": sheet.reference(1, 1, last),
                "values_data": [visits[day] for day in data.working_days],
            }
        )
        chart.set_title({"name": _("Completed visits per working day")})
        chart.set_x_axis({"date_axis": False, "num_format": "mm-dd"})
        chart.set_legend({"none": True})
        chart.set_size({"width": 720, "height": 360})
        sheet.sheet.insert_chart(1, 4, chart)
    sheet.finish()
    return sheet.name


def _sources(book: Book, data) -> str:
    """New customers registered in the month: one row per source (most first), the total and
    each salesperson's count in `quota --team` order."""
    reps = [quota.rep for quota in data.quotas if quota.rep in data.new_by_source]
    totals: Counter = Counter()
    for counts in data.new_by_source.values():
        totals.update(counts)
    sheet = book.sheet(_("New customers by source"), [_("Source"), _("Total"), *reps])
    for source, total in sorted(totals.items(), key=lambda item: (-item[1], item[0])):
        counts = [data.new_by_source[rep].get(source, 0) for rep in reps]
        sheet.add([source_label(source), total, *counts])
    sheet.finish()
    return sheet.name


def _letter(column: int) -> str:
    return chr(ord("A") + column)
