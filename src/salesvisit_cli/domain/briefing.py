"""The morning briefing (`visit plan`, CLI.md "The day"): what needs doing before the day's
visits — reports to hand in, follow-ups due, missed visits, customers about to go to the pool."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from salesvisit_cli.domain.calendar import WorkCalendar
from salesvisit_cli.domain.daily import report_deadline

# Follow-ups done on the phone: the briefing lists them; they are no reason for a visit.
PHONE_KINDS = ("thanks", "call")


@dataclass(frozen=True)
class PendingReport:
    """A day whose reports are still to be handed in, and by when they were due."""

    day: date
    deadline: datetime


def reports_due(
    days: Iterable[date], calendar: WorkCalendar, deadline: str, today: date
) -> list[PendingReport]:
    """The days (with reports not handed in) whose deadline is today or has passed (R6)."""
    found = (PendingReport(day, report_deadline(day, calendar, deadline)) for day in set(days))
    return sorted(
        (pending for pending in found if pending.deadline.date() <= today),
        key=lambda pending: pending.day,
    )


@dataclass(frozen=True)
class MissedVisit:
    """A visit planned on an earlier day, neither reported nor cancelled."""

    id: int
    date: date
    at: str | None
    customer: str


@dataclass(frozen=True)
class PhoneFollowup:
    """A follow-up done by phone (a thank-you or a call), due today or earlier."""

    id: int
    customer_id: int
    customer: str
    kind: str
    due: date

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "customer_id": self.customer_id,
            "customer": self.customer,
            "kind": self.kind,
            "due": self.due.isoformat(),
        }


@dataclass(frozen=True)
class Releasing:
    """A customer that goes to the public pool within a week."""

    customer_id: int
    customer: str
    release_on: date

    def to_json(self) -> dict[str, Any]:
        return {"customer_id": self.customer_id, "release_on": self.release_on.isoformat()}


@dataclass
class Briefing:
    """What the salesperson should deal with first this morning."""

    today: date
    pending_reports: list[PendingReport] = field(default_factory=list)
    followups_due: int = 0
    followups_overdue: int = 0
    bookings_open: int = 0
    missed: list[MissedVisit] = field(default_factory=list)
    releasing: list[Releasing] = field(default_factory=list)
    calls: list[PhoneFollowup] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.pending_reports
            or self.followups_due
            or self.followups_overdue
            or self.bookings_open
            or self.missed
            or self.releasing
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "pending_reports": [pending.day.isoformat() for pending in self.pending_reports],
            "followups_due": self.followups_due,
            "followups_overdue": self.followups_overdue,
            "bookings_open": self.bookings_open,
            "missed": [visit.id for visit in self.missed],
            "releasing": [customer.to_json() for customer in self.releasing],
            "calls": [call.to_json() for call in self.calls],
        }
