"""`visit plan --suggest`: which customers to propose for a day, why, what for and when (key
customers not seen for a while, new prospects when the R1 pace is behind, the longest
unvisited). Phone follow-ups are no reason for a visit: the briefing lists them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from salesvisit_cli.domain.cadence import cadence_days, due_since
from salesvisit_cli.domain.dates import hours_range
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.locations import Point, nearest
from salesvisit_cli.domain.messages import Message
from salesvisit_cli.domain.plan import CustomerFacts, minute_of_day, unvisited_key
from salesvisit_cli.i18n import N_, _

# Suggestion priorities, best first.
KEY_REVISIT, NEW_PROSPECT, LONGEST_UNVISITED = 1, 2, 3
SUGGEST_MAX = 100
NEAR_KM = 5.0  # a customer this close to one of the day's visits is proposed first
# When suggested visits may start, without office hours on file.
DAY_OPENS, DAY_CLOSES = "09:00", "17:30"
SLOT_STEP = 15  # minutes between the start times tried
Rank = tuple[int, tuple, Message]


@dataclass(frozen=True)
class Candidate:
    """A customer the salesperson could visit, and its next planned visit (from today on)."""

    customer: CustomerFacts
    next_planned: date | None = None


@dataclass(frozen=True)
class Suggestion:
    """A customer proposed for the day, and why."""

    customer: CustomerFacts
    priority: int
    reason: Message

    def to_json(self) -> dict[str, Any]:
        return {
            "customer": self.customer.to_json(),
            "priority": self.priority,
            "reason": str(self.reason),
            "new_customer": self.customer.new_customer,
        }


def _since(customer: CustomerFacts, day: date) -> Message:
    days = customer.days_since(day)
    if days is None:
        return Message(N_("never visited"))
    last = customer.last_visit.isoformat()
    return Message.of(N_("last visited {date} ({days} days ago)"), date=last, days=days)


def _rank(candidate: Candidate, day: date, cadence: Cadence, new_behind: bool) -> Rank | None:
    customer = candidate.customer
    window = cadence_days(customer.tier, cadence.key_days, cadence.normal_days)
    if candidate.next_planned is not None and candidate.next_planned <= day + timedelta(window):
        return None  # planned within its cadence window: it is coming anyway
    last = customer.last_visit
    if customer.tier == "key" and (
        last is None or due_since(last, "key", cadence.key_days, cadence.normal_days) <= day
    ):
        since = Message.of(N_("key customer, {since}"), since=_since(customer, day))
        return KEY_REVISIT, unvisited_key(customer), since
    if customer.new_customer:
        if not new_behind:
            return None
        return (
            NEW_PROSPECT,
            (),
            Message(N_("prospect never visited: the new-customer pace is behind")),
        )
    label = N_("client, {since}") if customer.status == "client" else N_("known prospect, {since}")
    return (
        LONGEST_UNVISITED,
        unvisited_key(customer),
        Message.of(label, since=_since(customer, day)),
    )


def check_suggest_limit(limit: int) -> None:
    if not 1 <= limit <= SUGGEST_MAX:
        raise ValidationError(
            _("--suggest takes 1 to {SUGGEST_MAX} customers, not {limit}").format(
                SUGGEST_MAX=SUGGEST_MAX, limit=limit
            )
        )


@dataclass(frozen=True)
class Cadence:
    """How often each tier is visited (`cadence.key_days`, `cadence.normal_days`)."""

    key_days: int = 14
    normal_days: int = 30


def suggest(
    candidates: Iterable[Candidate],
    limit: int,
    *,
    day: date,
    cadence: Cadence,
    new_behind: bool,
    near: Sequence[tuple[str, Point]] = (),
) -> list[Suggestion]:
    """Up to `limit` customers for `day`, best first: key customers due by the cadence rule,
    never-visited prospects (only when the new-customer pace is behind), then the longest
    unvisited; never one planned within its cadence window. Within each, customers within
    NEAR_KM of one of the day's visits (`near`: name, point) first, each saying how far. Ties go
    to the lower id, so the same data gives the same list."""
    check_suggest_limit(limit)
    ranked = []
    for candidate in candidates:
        rank = _rank(candidate, day, cadence, new_behind)
        if rank is not None:
            priority, key, reason = rank
            closest = nearest(candidate.customer.point, near)
            if closest is not None:
                reason = Message.of(
                    N_("{reason}; {km} km from {name}"),
                    reason=reason, km=f"{closest[0]:.1f}", name=closest[1],
                )  # fmt: skip
            far = closest is None or closest[0] > NEAR_KM
            order = (priority, far, key, candidate.customer.id)
            ranked.append((order, candidate.customer, reason))
    ranked.sort(key=lambda entry: entry[0])
    return [Suggestion(customer, order[0], reason) for order, customer, reason in ranked[:limit]]


def _free(start: int, taken: Sequence[int], occupy: int) -> bool:
    return all(abs(start - other) >= occupy for other in taken)


def suggest_times(
    customers: Sequence[CustomerFacts],
    taken: Iterable[str],
    *,
    max_minutes: int,
    travel_minutes: int,
) -> list[str | None]:
    """A start time for each customer, in order: the earliest one within its office hours (or
    the working day when none are on file) that keeps `max_minutes + travel_minutes` from every
    other visit of the day; None when no time fits."""
    occupy = max_minutes + travel_minutes
    booked = [minute_of_day(at) for at in taken]
    times: list[str | None] = []
    for customer in customers:
        opens, closes = hours_range(customer.hours) if customer.hours else (DAY_OPENS, DAY_CLOSES)
        start, last = minute_of_day(opens), minute_of_day(closes) - max_minutes
        while start <= last and not _free(start, booked, occupy):
            start += SLOT_STEP
        if start > last:
            times.append(None)
            continue
        booked.append(start)
        times.append(f"{start // 60:02d}:{start % 60:02d}")
    return times
