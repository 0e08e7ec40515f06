"""`report day --output`: the day's report (`daily`) as a Markdown file or an Excel workbook, for
a salesperson to send to a manager."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import BinaryIO

from salesvisit_cli.domain.daily import DailySummary
from salesvisit_cli.i18n import _
from salesvisit_cli.render.month_book import hand_in_label, outcome_label
from salesvisit_cli.render.safe import one_line
from salesvisit_cli.render.words import date_label, labelled, word
from salesvisit_cli.render.workbook import Book

# Characters Markdown (or the HTML it may hold) would act on.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~&])")


def md(text: object) -> str:
    """User text as literal Markdown on one line: every active character escaped."""
    return _MARKDOWN.sub(r"\\\1", one_line(text))


def _at(when: datetime) -> str:
    """A moment in the file: `2026-12-03 09:00` / `2026年12月3日 09:00`."""
    return f"{date_label(when.date())} {when:%H:%M}"


def _hand_in(summary: DailySummary) -> str:
    line = _("Hand-in: {status} (deadline {deadline})").format(
        status=hand_in_label(summary.status), deadline=_at(summary.deadline)
    )
    if summary.submitted_at:
        line += " · " + _("handed in {moment}").format(moment=_at(summary.submitted_at))
    if summary.amended_at:
        line += " · " + _("amended {count}×").format(count=len(summary.amended_at))
    if summary.changed_since_submit:
        line += " · " + _("changed since the hand-in: hand it in again")
    return line


def day_markdown(summary: DailySummary) -> str:
    """The report as Markdown: the visits with their key points, the totals, the bookings, the
    complaints, the follow-ups created and the hand-in."""
    lines = [
        "# " + _("Daily report {day} · {rep}").format(day=date_label(summary.date),
                                                     rep=md(summary.rep)),
        "",
    ]  # fmt: skip
    if summary.visits:
        lines += [
            "| " + " | ".join([_("Time"), _("Customer"), _("New customer"), _("Minutes"),
                               _("Outcome"), _("Key points")]) + " |",
            "|---|---|---|---:|---|---|",
        ]  # fmt: skip
        for visit in summary.visits:
            cells = [
                md(visit.start or ""), md(visit.customer),
                _("yes") if visit.new_customer else _("no"),
                f"{visit.minutes}" + (" ⚠" if visit.over_time else ""),
                md(outcome_label(visit.booking, visit.complaint, visit.next_date)),
                md(visit.notes or ""),
            ]  # fmt: skip
            lines.append("| " + " | ".join(cells) + " |")
    else:
        lines.append(_("No completed visits this day."))
    lines += ["", _totals(summary), ""]
    lines += _listed(_("Bookings"), [(v.customer, v.booking) for v in summary.visits if v.booking])
    lines += _listed(
        _("Complaints"), [(v.customer, v.complaint) for v in summary.visits if v.complaint]
    )
    created = [
        (f["customer"], f"{word('kind', f['kind'])} · {date_label(date.fromisoformat(f['due']))}")
        for f in summary.followups
    ]
    lines += _listed(_("Follow-ups created"), created)
    lines.append(_hand_in(summary))
    return "\n".join(lines) + "\n"


def _totals(summary: DailySummary) -> str:
    return _(
        "Visits {visits} · new customers {new} · {minutes} min · over time {over} · "
        "bookings {bookings} · complaints {complaints}"
    ).format(
        visits=len(summary.visits), new=summary.new_customers, minutes=summary.minutes,
        over=summary.over_time, bookings=summary.bookings, complaints=summary.complaints,
    )  # fmt: skip


def _listed(title: str, items: list[tuple[str, str]]) -> list[str]:
    if not items:
        return []
    return [f"## {title}", "", *(f"- {labelled(md(who))}{md(what)}" for who, what in items), ""]


def write_day_book(summary: DailySummary, handle: BinaryIO) -> None:
    """The report as a workbook: the visits, the follow-ups created, the hand-in."""
    with Book(handle) as book:
        visits = book.sheet(
            _("Daily report"),
            [_("Start"), _("Visit"), _("Customer"), _("New customer"), _("Minutes"), _("Over time"),
             _("Outcome"), _("Booking"), _("Complaint"), _("Next meeting"), _("Key points")],
        )  # fmt: skip
        for v in summary.visits:
            visits.add(
                [v.start, v.id, v.customer, v.new_customer, v.minutes, v.over_time,
                 outcome_label(v.booking, v.complaint, v.next_date), v.booking, v.complaint,
                 v.next_date, v.notes]
            )  # fmt: skip
        visits.finish()
        followups = book.sheet(
            _("Follow-ups"), [_("Follow-up"), _("Visit"), _("Customer"), _("Kind"), _("Due")]
        )
        for item in summary.followups:
            kind, due = word("kind", item["kind"]), date.fromisoformat(item["due"])
            followups.add([item["id"], item["visit_id"], item["customer"], kind, due])
        followups.finish()
        hand_in = book.sheet(
            _("Hand-in"),
            [_("Date"), _("Salesperson"), _("Deadline"), _("Handed in"), _("Status"), _("Amended"),
             _("Changed since hand-in")],
        )  # fmt: skip
        hand_in.add(
            [summary.date, summary.rep, summary.deadline, summary.submitted_at,
             hand_in_label(summary.status), len(summary.amended_at), summary.changed_since_submit]
        )  # fmt: skip
        hand_in.finish()
