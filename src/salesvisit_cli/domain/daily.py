"""R6: the day's report — what it holds, its deadline (`report.deadline` on the next working day
after the day) and its status (on time, late, missing, pending)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from salesvisit_cli.domain.calendar import WorkCalendar
from salesvisit_cli.domain.visit_report import outcome

REPORT_STATUSES = ("on_time", "late", "missing", "pending")
# What `daily --submit` does with the day's visits still planned.
LEFTOVER_CHOICES = ("move", "cancel", "keep")


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


def leftover_day(day: date, today: date, calendar: WorkCalendar) -> date:
    """Where the visits of `day` left planned at its hand-in move: the next working day after
    it, or, when that has passed, the first working day from today on."""
    target = calendar.next_working_day(day)
    if target >= today:
        return target
    return today if calendar.is_working_day(today) else calendar.next_working_day(today)


def daily_reports(
    days: Iterable[date],
    first_submissions: Mapping[date, datetime],
    calendar: WorkCalendar,
    deadline: str,
    now: datetime,
) -> tuple[DayReport, ...]:
    """R6 for each day with completed visits: due on the next working day, judged by the first
    hand-in; days without visits have no report to hand in."""
    found = []
    for day in sorted(set(days)):
        due = report_deadline(day, calendar, deadline)
        submitted = first_submissions.get(day)
        found.append(DayReport(day, due, submitted, report_status(due, submitted, now)))
    return tuple(found)


@dataclass(frozen=True)
class DayReport:
    """The daily report of one day with completed visits (R6)."""

    day: date
    deadline: datetime
    submitted_at: datetime | None
    status: str

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "deadline": self.deadline.isoformat(timespec="minutes"),
            "submitted_at": self.submitted_at.isoformat() if self.submitted_at else None,
            "status": self.status,
        }


@dataclass
class DailyVisit:
    """One completed visit in the day's report table."""

    id: int
    customer_id: int
    customer: str
    start: str | None
    minutes: int
    new_customer: bool
    over_time: bool
    booking: str | None
    complaint: str | None
    next_date: date | None
    notes: str | None
    conflict: bool = False  # another salesperson's customer (R8)

    @property
    def outcome(self) -> str:
        return outcome(self.booking, self.complaint, self.next_date)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "customer_id": self.customer_id,
            "customer": self.customer,
            "start": self.start,
            "minutes": self.minutes,
            "new_customer": self.new_customer,
            "over_time": self.over_time,
            "outcome": self.outcome,
            "booking": self.booking,
            "complaint": self.complaint,
            "next": self.next_date.isoformat() if self.next_date else None,
            "conflict": self.conflict,
        }


@dataclass
class DailySummary:
    """The report of one salesperson's day (R6)."""

    date: date
    rep: str
    visits: list[DailyVisit]
    deadline: datetime
    status: str | None
    submitted_at: datetime | None = None
    amended_at: list[datetime] = field(default_factory=list)
    followups: list[dict[str, Any]] = field(default_factory=list)
    planned: list[dict[str, Any]] = field(default_factory=list)
    market: str | None = None  # market notes handed in with the day (市场动态)
    changed_at: datetime | None = None  # when its reports last changed

    @property
    def changed_since_submit(self) -> bool:
        """A report was added, amended or voided after the last hand-in."""
        handed_in = self.amended_at[-1] if self.amended_at else self.submitted_at
        return handed_in is not None and self.changed_at is not None and self.changed_at > handed_in

    @property
    def new_customers(self) -> int:
        return len({v.customer_id for v in self.visits if v.new_customer})

    @property
    def minutes(self) -> int:
        return sum(v.minutes for v in self.visits)

    @property
    def over_time(self) -> int:
        return sum(1 for v in self.visits if v.over_time)

    @property
    def bookings(self) -> int:
        return sum(1 for v in self.visits if v.booking)

    @property
    def complaints(self) -> int:
        return sum(1 for v in self.visits if v.complaint)

    @property
    def conflicts(self) -> int:
        return sum(1 for v in self.visits if v.conflict)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "rep": self.rep,
            "visits": len(self.visits),
            "new_customers": self.new_customers,
            "minutes": self.minutes,
            "over_time": self.over_time,
            "bookings": self.bookings,
            "complaints": self.complaints,
            "conflicts": self.conflicts,
            "deadline": self.deadline.isoformat(),
            "submitted_at": self.submitted_at.isoformat() if self.submitted_at else None,
            "status": self.status,
            "changed_since_submit": self.changed_since_submit,
            "amended_at": [moment.isoformat() for moment in self.amended_at],
            "report": [v.to_json() for v in self.visits],
            "followups": self.followups,
            "not_reported": self.planned,
            "market": self.market,
        }
