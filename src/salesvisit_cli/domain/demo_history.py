"""A realistic, deterministic demo history (pure: a seeded random.Random in, row tuples out):
arrivals of the demo customers, each salesperson's days of visits, reports, follow-ups,
cancellations, hand-ins and the plans ahead."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from salesvisit_cli.domain.demo_data import (
    BOOKINGS,
    CANCEL_REASONS,
    COMPLAINTS,
    NEXT_TIMES,
    NOTES_FIRST,
    NOTES_KNOWN,
    PLACES,
    PURPOSES,
    SUGGESTIONS,
)
from salesvisit_cli.domain.followups import THANKS_NOTE, next_meeting_purpose

VISIT_COLUMNS = (
    "id", "customer_id", "rep_id", "date", "status", "at", "purpose", "appointment", "place",
    "start", "minutes", "notes", "booking", "complaint", "suggestion", "next_date", "next_at",
    "next_place", "as_prospect", "conflict", "cancel_reason", "from_visit_id", "created_at",
    "reported_at",
)  # fmt: skip
FOLLOWUP_COLUMNS = (
    "id", "customer_id", "rep_id", "visit_id", "kind", "due", "note", "created_at", "done_at",
)  # fmt: skip
SUBMISSION_COLUMNS = ("rep_id", "date", "submitted_at", "forced")

# A day's moments as offsets from midnight, made once (timedelta objects are not free).
_OFFSETS = tuple(timedelta(minutes=minutes) for minutes in range(3 * 24 * 60))
_CLOCKS = tuple(f"{minutes // 60:02d}:{minutes % 60:02d}" for minutes in range(24 * 60))
_DAYS = tuple(timedelta(days=days) for days in range(11))


@dataclass
class DemoCustomer:
    """A demo customer's changing facts while its history is made up."""

    id: int
    status: str
    client_since: date | None = None
    visited: bool = False
    arrival: date | None = None  # when a prospect entered the file (None: from the start)
    won: bool = False  # a prospect who became a client in the history
    complained: bool = False

    def purpose(self, rng: random.Random) -> str:
        """A planned visit's purpose that fits what happened to the customer so far."""
        if self.complained:
            return "Discuss the complaint and our fix"
        if self.status == "prospect":
            return "Follow up on the quote" if self.visited else "First visit: present the company"
        if not self.visited:
            return rng.choice(("Introduce the new price list", "介绍新产品"))
        return rng.choice(("Thank for the order, ask for suggestions", "Follow up on the quote",
                           "Introduce the new price list", "介绍新产品"))  # fmt: skip


@dataclass
class DemoHistory:
    """The rows of one salesperson's demo history (tuples in the *_COLUMNS order)."""

    visits: list[tuple[Any, ...]] = field(default_factory=list)
    followups: list[tuple[Any, ...]] = field(default_factory=list)
    submissions: list[tuple[Any, ...]] = field(default_factory=list)
    done: int = 0


def arrivals(rng: random.Random, made: list[dict[str, Any]], first: date, days: int) -> list:
    """When each customer entered the file: clients and 40% of the prospects from the start,
    the other prospects spread over the history (so every month has new prospects to meet)."""
    found = []
    for fields in made:
        if fields["status"] == "prospect" and days > 1 and rng.random() >= 0.4:
            found.append(first + timedelta(days=int(rng.random() * days)))
        else:
            found.append(None)
    return found


def _clock(minutes: int) -> str:
    return _CLOCKS[max(0, min(minutes, 23 * 60 + 59))]


def _minutes(at: str) -> int:
    return int(at[:2]) * 60 + int(at[3:])


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


@dataclass
class DemoIds:
    visit: int
    followup: int


class HistoryMaker:
    """Makes up one salesperson's past (reported visits, follow-ups, hand-ins) and plan.

    Built for volume (hundreds of thousands of visits): rows are tuples, random draws use
    `random()` directly, moments reuse precomputed offsets, and customer choice is O(1).
    """

    def __init__(
        self,
        rng: random.Random,
        rep_id: int,
        own: list[DemoCustomer],
        others: list[DemoCustomer],
        next_working_day: Callable[[date], date],
        now: datetime,
        ids: DemoIds,
        max_minutes: int = 30,
    ) -> None:
        self.rng = rng
        self.rand = rng.random
        self.rep_id = rep_id
        self.own = own
        self.others = others
        self._next_working_day = next_working_day
        self._next_cache: dict[date, date] = {}
        self.now = now
        self.today = now.date()
        self.backlog_from = self.today - timedelta(days=30)
        self.ids = ids
        self.max_minutes = max_minutes
        self.rows = DemoHistory()
        # Next meetings agreed for a past day: (customer, at, place, visit id, purpose).
        self.agreed: dict[date, list[tuple[DemoCustomer, str, str, int, str]]] = {}
        self.planned_on: dict[date, set[int]] = {}
        self.thanks_seen: set[tuple[int, date]] = set()
        prospects = [c for c in own if c.status == "prospect"]
        self.unvisited = [c for c in prospects if c.arrival is None]
        rng.shuffle(self.unvisited)
        # Prospects still to arrive, the next one last.
        self.waiting = sorted(
            (c for c in prospects if c.arrival is not None), key=lambda c: c.arrival, reverse=True
        )
        self.prospects = list(self.unvisited)  # arrived and (maybe) still prospects
        self.clients = [c for c in own if c.status == "client"]

    def next_working_day(self, day: date) -> date:
        found = self._next_cache.get(day)
        if found is None:
            found = self._next_cache[day] = self._next_working_day(day)
        return found

    def _int(self, low: int, high: int) -> int:
        return low + int(self.rand() * (high - low + 1))

    def _choice(self, items):
        return items[int(self.rand() * len(items))]

    def _arrive(self, day: date) -> None:
        waiting = self.waiting
        while waiting and waiting[-1].arrival <= day:
            customer = waiting.pop()
            # Newcomers are met soon, in no particular order.
            self.unvisited.insert(int(self.rand() * (len(self.unvisited) + 1)), customer)
            self.prospects.append(customer)

    # -- choosing customers ------------------------------------------------------------------
    def _pick(self, taken: set[int], prospect: bool) -> tuple[DemoCustomer, bool]:
        """A customer for the next call: (customer, conflict)."""
        if prospect:
            unvisited = self.unvisited
            while unvisited:
                candidate = unvisited.pop()
                if candidate.id not in taken and candidate.status == "prospect":
                    return candidate, False
            prospects = self.prospects
            for _ in range(8):
                if not prospects:
                    break
                index = int(self.rand() * len(prospects))
                candidate = prospects[index]
                if candidate.status != "prospect":  # won meanwhile: drop it (swap-remove)
                    prospects[index] = prospects[-1]
                    prospects.pop()
                elif candidate.id not in taken:
                    return candidate, False
        if self.others and self.rand() < 0.02:
            return self._choice(self.others), True
        clients = self.clients
        if clients:
            for _ in range(20):
                candidate = clients[int(self.rand() * len(clients))]
                if candidate.id not in taken:
                    return candidate, False
        for candidate in self.own:
            arrived = candidate.arrival is None or candidate.arrival <= self.today
            if arrived and candidate.id not in taken:
                return candidate, False
        return self._choice(self.own), False

    # -- one past working day ----------------------------------------------------------------
    def day(self, day: date, hand_in: bool) -> None:
        rand = self.rand
        self._arrive(day)
        agreed = sorted(self.agreed.pop(day, []), key=lambda meeting: meeting[1])
        taken = {meeting[0].id for meeting in agreed}
        calls = []
        for _ in range(max(0, self._int(5, 7) - len(agreed))):
            customer, conflict = self._pick(taken, prospect=rand() < 1 / 3)
            taken.add(customer.id)
            calls.append((customer, conflict))
        calls.reverse()
        midnight = _midnight(day)
        follow_day = self.next_working_day(day)
        clock = 9 * 60 + int(rand() * 41)
        max_minutes = self.max_minutes
        while calls or agreed:
            # An agreed meeting takes its turn when its time comes (or as soon as possible).
            if agreed and (not calls or _minutes(agreed[0][1]) <= clock + 30):
                customer, at, place, from_id, purpose = agreed.pop(0)
                conflict, start = False, max(clock, _minutes(at))
            else:
                (customer, conflict), at, place, from_id, purpose = (
                    calls.pop(),
                    None,
                    None,
                    None,
                    None,
                )
                start = clock
            if rand() < 0.12:  # over time
                minutes = max_minutes + 5 + int(rand() * 46)
            else:
                minutes = 12 + int(rand() * (max_minutes - 11)) if max_minutes > 12 else max_minutes
            self._report(day, midnight, follow_day, customer, conflict, start, minutes, at,
                         place, from_id, purpose)  # fmt: skip
            clock = start + minutes + 20 + int(rand() * 31)
        if rand() < 0.04:
            self._cancelled(day, midnight, taken)
        if hand_in:
            self._hand_in(day, midnight, clock)

    def _report(
        self,
        day: date,
        midnight: datetime,
        follow_day: date,
        customer: DemoCustomer,
        conflict: bool,
        start: int,
        minutes: int,
        at: str | None,
        place: str | None,
        from_id: int | None,
        purpose: str | None,
    ) -> None:
        rand, choice = self.rand, self._choice
        prospect = customer.status == "prospect"
        first = not customer.visited and prospect
        booking = choice(BOOKINGS) if rand() < (0.18 if prospect else 0.25) else None
        complaint = choice(COMPLAINTS) if not prospect and rand() < 0.08 else None
        next_date = next_at = next_place = None
        if rand() < 0.12:
            next_date = self.next_working_day(day + _DAYS[1 + int(rand() * 9)])
            next_at = choice(NEXT_TIMES)
            next_place = choice(PLACES)
        visit_id = self.ids.visit
        self.ids.visit += 1
        end = start + minutes
        self.rows.visits.append(
            (visit_id, customer.id, self.rep_id, day, "done", at,
             purpose, at is not None, place, _clock(start), minutes,
             choice(NOTES_FIRST if first else NOTES_KNOWN), booking, complaint,
             choice(SUGGESTIONS) if rand() < 0.12 else None, next_date, next_at, next_place,
             prospect, conflict, None, from_id, midnight + _OFFSETS[7 * 60 + 30],
             midnight + _OFFSETS[end + 3 + int(rand() * 38)])
        )  # fmt: skip
        self.rows.done += 1
        customer.visited = True
        if booking and prospect:
            customer.status, customer.client_since, customer.won = "client", day, True
            self.clients.append(customer)
        if booking:
            self._followup(customer.id, visit_id, "booking", day, booking)
        if complaint:
            customer.complained = True
            self._followup(customer.id, visit_id, "complaint", follow_day, complaint)
        key = (customer.id, follow_day)
        if key not in self.thanks_seen:
            self.thanks_seen.add(key)
            self._followup(customer.id, visit_id, "thanks", follow_day, THANKS_NOTE)
        if next_date is not None:
            purpose = next_meeting_purpose(day)
            if next_date < self.today:
                self.agreed.setdefault(next_date, []).append(
                    (customer, next_at, next_place, visit_id, purpose)
                )
            else:
                self.planned(next_date, customer, next_at, True, purpose, next_place,
                             from_id=visit_id, created=midnight + _OFFSETS[end + 5])  # fmt: skip

    def _followup(self, customer_id: int, visit_id: int | None, kind: str, due: date,
                  note: str | None) -> None:  # fmt: skip
        rand = self.rand
        midnight = _midnight(due)
        done_at = None
        # Recent ones are sometimes still open; older ones were nearly all worked off (a real
        # backlog does not grow for years).
        if due < self.today and rand() < (0.88 if due >= self.backlog_from else 0.998):
            done_at = midnight + _OFFSETS[9 * 60 + int(rand() * 481)]
            if rand() < 0.2:
                done_at += _OFFSETS[1440]
            if done_at > self.now:
                done_at = None
        self.rows.followups.append(
            (self.ids.followup, customer_id, self.rep_id, visit_id, kind, due, note,
             midnight + _OFFSETS[12 * 60 if kind == "booking" else 8 * 60], done_at)
        )  # fmt: skip
        self.ids.followup += 1

    def _cancelled(self, day: date, midnight: datetime, taken: set[int]) -> None:
        customer, _ = self._pick(taken, prospect=False)
        self.rows.visits.append(
            (self.ids.visit, customer.id, self.rep_id, day, "cancelled", "16:00",
             self._choice(PURPOSES), False, None, None, None, None, None, None, None, None, None,
             None, False, False, self._choice(CANCEL_REASONS), None, midnight + _OFFSETS[7 * 60],
             None)
        )  # fmt: skip
        self.ids.visit += 1

    def _hand_in(self, day: date, midnight: datetime, last_end: int) -> None:
        """On time mostly, sometimes late, sometimes missing (R6)."""
        rand = self.rand
        roll = rand()
        if roll < 0.72:
            if rand() < 0.6:
                moment = midnight + _OFFSETS[max(last_end + 30, 17 * 60 + int(rand() * 201))]
            else:
                next_day = _midnight(self.next_working_day(day))
                moment = next_day + _OFFSETS[7 * 60 + 30 + int(rand() * 86)]
        elif roll < 0.88:
            next_day = _midnight(self.next_working_day(day))
            moment = next_day + _OFFSETS[9 * 60 + 5 + int(rand() * 416)]
        else:
            return
        if moment <= self.now:
            self.rows.submissions.append((self.rep_id, day, moment, False))

    # -- the plan ----------------------------------------------------------------------------
    def planned(
        self,
        day: date,
        customer: DemoCustomer,
        at: str | None,
        appointment: bool,
        purpose: str,
        place: str | None = None,
        *,
        from_id: int | None = None,
        created: datetime | None = None,
    ) -> None:
        self.rows.visits.append(
            (self.ids.visit, customer.id, self.rep_id, day, "planned", at, purpose, appointment,
             place, None, None, None, None, None, None, None, None, None, False, False, None,
             from_id, created or self.now, None)
        )  # fmt: skip
        self.planned_on.setdefault(day, set()).add(customer.id)
        self.ids.visit += 1

    def plan(self, day: date, count: int) -> None:
        """`count` planned visits on `day` (next meetings already there count too)."""
        rng = self.rng
        self._arrive(day)
        taken = set(self.planned_on.get(day, ()))
        slots = list(range(9 * 60, 16 * 60 + 1, 60))
        for _ in range(max(0, count - len(taken))):
            customer, _ = self._pick(taken, prospect=rng.random() < 1 / 3)
            taken.add(customer.id)
            timed = rng.random() < 0.5 and bool(slots)
            appointment = timed and rng.random() < 0.6
            at = _clock(slots.pop(rng.randrange(len(slots)))) if timed else None
            self.planned(day, customer, at, appointment, customer.purpose(rng),
                         created=self.now - timedelta(days=1))  # fmt: skip
