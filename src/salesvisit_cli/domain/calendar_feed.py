"""Visits as calendar events (`visit export --ics`, RFC 5545): what each event says and when a
phone must replace the copy it has."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from salesvisit_cli.domain.checklist import prep_state

UID_DOMAIN = "salesvisit"


@dataclass(frozen=True)
class CalendarEntry:
    """One planned or cancelled visit as an event; `start` None: an all-day event."""

    uid: str
    day: date
    start: datetime | None  # naive wall time in the salesperson's zone
    end: datetime | None
    summary: str
    location: str | None
    purpose: str | None
    open_steps: tuple[str, ...]  # R2 steps not ticked yet (PREP_ITEMS keys)
    cancelled: bool
    sequence: int


def visit_uid(visit_id: int) -> str:
    """The event's UID: the same for a visit in every export, so a phone updates its copy."""
    return f"visit-{visit_id}@{UID_DOMAIN}"


def sequence(moves: int, revisions: int, cancelled: bool) -> int:
    """RFC 5545 SEQUENCE: raised by every move of the visit (`visit move`), every revision of
    its report and its cancellation, so a calendar replaces the older copy of the event."""
    return moves + revisions + (1 if cancelled else 0)


def calendar_entry(row: Any, ticked: set[str], max_minutes: int) -> CalendarEntry:
    """A visit row of `store.calendar_feed` as an event lasting `visit.max_minutes` (R3)."""
    start = end = None
    if row.at:
        start = datetime.combine(row.date, time.fromisoformat(row.at))
        end = start + timedelta(minutes=max_minutes)
    state = prep_state(ticked, row.appointment)
    cancelled = row.status == "cancelled"
    return CalendarEntry(
        uid=visit_uid(row.id),
        day=row.date,
        start=start,
        end=end,
        summary=row.customer,
        location=row.place or row.address,
        purpose=row.purpose,
        open_steps=() if cancelled else tuple(item for item, done in state.items() if not done),
        cancelled=cancelled,
        sequence=sequence(row.moves or 0, row.revisions or 0, cancelled),
    )
