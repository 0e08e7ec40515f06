"""R6: the daily report of day D is due at `report.deadline` on the next working day after D."""

from __future__ import annotations

from datetime import date, datetime, time

from salesvisit_cli.domain.calendar import WorkCalendar

REPORT_STATUSES = ("on_time", "late", "missing", "pending")


def report_deadline(day: date, calendar: WorkCalendar, deadline: str = "09:00") -> datetime:
    """The local moment by which the reports of `day` must be handed in."""
    return datetime.combine(calendar.next_working_day(day), time.fromisoformat(deadline))


def report_status(
    deadline: datetime, submitted_at: datetime | None, now: datetime, *, has_visits: bool = True
) -> str | None:
    """on_time / late by the first hand-in; missing / pending when none yet; None for a day
    without completed visits and without a hand-in: nothing is due (R6 covers days with visits)."""
    if submitted_at is not None:
        return "on_time" if submitted_at <= deadline else "late"
    if not has_visits:
        return None
    return "missing" if now > deadline else "pending"
