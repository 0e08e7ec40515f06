"""R1: the new-customer rule — a completed visit wins a new customer when it finds a prospect
on the day of the customer's first completed visit ever.

Its own module (the quota counts by it; every list of visits shows it, and need not load the
quota). The SQL forms live in `store.rules`; a test holds them equal to these.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from salesvisit_cli.domain.dates import Month


@dataclass(frozen=True)
class DoneVisit:
    """A completed visit as the new-customer rule sees it."""

    id: int
    date: date
    start: str | None
    as_prospect: bool  # the customer was still a prospect when the visit was reported


@dataclass(frozen=True)
class FirstVisit:
    """A customer's first completed visit ever (by anyone): kept in `customer.first_visit_*`."""

    date: date
    as_prospect: bool


def first_visit_order(visit: DoneVisit) -> tuple:
    """Which completed visit came first: by date, then start time (unknown last), then id."""
    return (visit.date, visit.start is None, visit.start or "", visit.id)


def first_visit(done: Iterable[DoneVisit]) -> FirstVisit | None:
    """The customer's first completed visit, or None before any."""
    earliest = min(done, key=first_visit_order, default=None)
    return None if earliest is None else FirstVisit(earliest.date, earliest.as_prospect)


def is_new_customer(
    visit_date: date,
    as_prospect: bool,
    first_visit_on: date | None,
    first_visit_as_prospect: bool,
) -> bool:
    """A completed visit wins a new customer: it found a prospect on the day of the customer's
    first completed visit ever (a customer registered as a client is never new)."""
    return bool(as_prospect and first_visit_as_prospect and first_visit_on == visit_date)


def is_new_in_month(
    month: Month, first_visit_on: date | None, first_visit_as_prospect: bool
) -> bool:
    """A new customer for `month`: first completed visit ever (as a prospect) in that month."""
    return bool(
        first_visit_as_prospect
        and first_visit_on is not None
        and month.first <= first_visit_on <= month.last
    )


def would_be_new_customer(status: str, first_visit_on: date | None) -> bool:
    """A planned visit would win a new customer: a prospect without a completed visit yet."""
    return status == "prospect" and first_visit_on is None
