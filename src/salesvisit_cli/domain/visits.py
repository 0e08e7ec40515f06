"""The visit as every command shows it (`visit report --json` shape, CLI.md)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, NamedTuple

from salesvisit_cli.domain.followups import FollowupRef
from salesvisit_cli.domain.new_customer import is_new_customer, would_be_new_customer
from salesvisit_cli.domain.visit_report import ReportFields, is_over_time

STATUSES = ("planned", "done", "cancelled", "void")  # void: a report withdrawn


@dataclass(frozen=True, kw_only=True)
class VisitView(ReportFields):
    """A planned, done or cancelled visit: its report fields (ReportFields) and the rest."""

    id: int
    customer_id: int
    customer: str
    rep: str
    status: str
    at: str | None = None
    purpose: str | None = None
    appointment: bool = False
    place: str | None = None
    over_time: bool = False
    new_customer: bool = False
    conflict: bool = False
    cancel_reason: str | None = None
    followups: list[FollowupRef] = field(default_factory=list)

    @property
    def next(self) -> str | None:
        """The next meeting as `YYYY-MM-DD [HH:MM]`."""
        return next_meeting(self.next_date, self.next_at)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "customer_id": self.customer_id,
            "customer": self.customer,
            "rep": self.rep,
            "date": self.date.isoformat(),
            "status": self.status,
            "at": self.at,
            "purpose": self.purpose,
            "appointment": self.appointment,
            "place": self.place,
            "start": self.start,
            "minutes": self.minutes,
            "over_time": self.over_time,
            "notes": self.notes,
            "booking": self.booking,
            "complaint": self.complaint,
            "suggestion": self.suggestion,
            "next": self.next,
            "next_place": self.next_place,
            "new_customer": self.new_customer,
            "conflict": self.conflict,
            "cancel_reason": self.cancel_reason,
            "followups": [ref.to_json() for ref in self.followups],
        }


# What a visit row carries as is; the other fields of VisitView follow from the rules below.
_DERIVED = ("over_time", "new_customer", "followups", "appointment", "conflict")
_COPIED = tuple(f.name for f in fields(VisitView) if f.name not in _DERIVED)


def wins_new_customer(row: Any) -> bool:
    """R1 for a visit as listed: a completed one that won a new customer, or a planned one that
    would (the row carries the customer's status and first-visit facts)."""
    if row.status == "done":
        return is_new_customer(
            row.date, bool(row.as_prospect), row.first_visit_on, bool(row.first_visit_as_prospect)
        )
    if row.status == "planned":
        return would_be_new_customer(row.customer_status, row.first_visit_on)
    return False


def next_meeting(day: date | None, at: str | None) -> str | None:
    """The next meeting as `YYYY-MM-DD [HH:MM]` (None: none agreed)."""
    if day is None:
        return None
    return f"{day.isoformat()} {at}" if at else day.isoformat()


class MonthVisit(NamedTuple):
    """A completed visit as the month's workbook lists it (the fields of `visit list --json`
    it shows, and the customer's district)."""

    id: int
    date: date
    start: str | None
    rep: str
    customer: str
    district: str | None
    minutes: int | None
    over_time: bool
    new_customer: bool
    booking: str | None
    complaint: str | None
    next: str | None
    notes: str | None


# What a completed visit of the month is read from, in this order (store.month_book selects
# these columns by name): the visit's, the names, the customer's district and first-visit facts.
MONTH_VISIT_COLUMNS = (
    "id", "date", "start", "rep", "customer", "district", "minutes", "as_prospect",
    "first_visit_on", "first_visit_as_prospect", "booking", "complaint", "next_date", "next_at",
    "notes",
)  # fmt: skip


def month_visit(row: Sequence[Any], max_minutes: int) -> MonthVisit:
    """A completed visit read as MONTH_VISIT_COLUMNS (the workbook's ~6,000 a month: the
    row is unpacked, not read by name)."""
    (
        visit_id, day, start, rep, customer, district, minutes, as_prospect, first_visit_on,
        first_as_prospect, booking, complaint, next_date, next_at, notes,
    ) = row  # fmt: skip
    return MonthVisit(
        visit_id, day, start, rep, customer, district, minutes,
        is_over_time(minutes, max_minutes),
        is_new_customer(day, bool(as_prospect), first_visit_on, bool(first_as_prospect)),
        booking, complaint, next_meeting(next_date, next_at), notes,
    )  # fmt: skip


def visit_view(row: Any, followups: list[FollowupRef], max_minutes: int) -> VisitView:
    """A visit row of the store (its columns, `customer` and `rep` names, the customer's status
    and first-visit facts) as every command shows it."""
    return VisitView(
        **{name: getattr(row, name) for name in _COPIED},
        appointment=bool(row.appointment),
        conflict=bool(row.conflict),
        over_time=row.status == "done" and is_over_time(row.minutes, max_minutes),
        new_customer=wins_new_customer(row),
        followups=followups,
    )
