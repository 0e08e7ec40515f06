"""`visit plan --suggest`: which customers to propose for a day, and why (follow-up calls due,
key customers not seen for a while, new prospects when the R1 pace is behind, the longest
unvisited)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from salesvisit_cli.domain.cadence import due_since
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.locations import Point, nearest
from salesvisit_cli.domain.messages import Message
from salesvisit_cli.domain.plan import CustomerFacts, unvisited_key
from salesvisit_cli.i18n import N_, _

# Suggestion priorities, best first.
NEXT_MEETING, KEY_REVISIT, NEW_PROSPECT, LONGEST_UNVISITED = 1, 2, 3, 4
SUGGEST_MAX = 100
NEAR_KM = 5.0  # a customer this close to one of the day's visits is proposed first


@dataclass(frozen=True)
class Candidate:
    """A customer the salesperson could visit, with the follow-up call that may be due."""

    customer: CustomerFacts
    call_due: date | None = None
    call_kind: str | None = None


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


def _call_reason(candidate: Candidate, day: date) -> Message:
    thanks = candidate.call_kind == "thanks"
    if candidate.call_due == day:
        return Message(N_("thank-you call due today") if thanks else N_("follow-up call due today"))
    text = (
        N_("thank-you call overdue since {date}")
        if thanks
        else N_("follow-up call overdue since {date}")
    )
    return Message.of(text, date=candidate.call_due.isoformat())


def _rank(
    candidate: Candidate, day: date, key_days: int, new_behind: bool
) -> tuple[int, tuple, Message] | None:
    customer = candidate.customer
    if candidate.call_due is not None:
        return NEXT_MEETING, (candidate.call_due,), _call_reason(candidate, day)
    last = customer.last_visit
    since = _since(customer, day)
    if customer.tier == "key" and (last is None or due_since(last, "key", key_days, 0) <= day):
        return (
            KEY_REVISIT,
            unvisited_key(customer),
            Message.of(N_("key customer, {since}"), since=since),
        )
    if customer.new_customer:
        if not new_behind:
            return None
        return (
            NEW_PROSPECT,
            (),
            Message(N_("prospect never visited: the new-customer pace is behind")),
        )
    label = N_("client, {since}") if customer.status == "client" else N_("known prospect, {since}")
    return LONGEST_UNVISITED, unvisited_key(customer), Message.of(label, since=since)


def check_suggest_limit(limit: int) -> None:
    if not 1 <= limit <= SUGGEST_MAX:
        raise ValidationError(
            _("--suggest takes 1 to {SUGGEST_MAX} customers, not {limit}").format(
                SUGGEST_MAX=SUGGEST_MAX, limit=limit
            )
        )


def suggest(
    candidates: Iterable[Candidate],
    limit: int,
    *,
    day: date,
    key_days: int,
    new_behind: bool,
    near: Sequence[tuple[str, Point]] = (),
) -> list[Suggestion]:
    """Up to `limit` customers for `day`, best first: follow-up calls due, key customers due by
    the cadence rule (`cadence.key_days`), never-visited prospects (only when the new-customer
    pace is behind), then the longest unvisited; within each, customers within NEAR_KM of one of
    the day's visits (`near`: name, point) first, each saying how far. Ties go to the lower id,
    so the same data gives the same list."""
    check_suggest_limit(limit)
    ranked = []
    for candidate in candidates:
        rank = _rank(candidate, day, key_days, new_behind)
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
