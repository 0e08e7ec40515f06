"""`visit plan`: the day's pace (R1 rules in `quota`), the customers as the plan sees them, time
slots and their warnings, the visit order and the whole morning screen.

The checklist is R2 (`checklist`), what to say R3/R9 (`talking_points`), proposals `suggestions`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from salesvisit_cli.domain.checklist import PREP_ITEMS, missing_from_file
from salesvisit_cli.domain.dates import hours_range
from salesvisit_cli.domain.messages import Day, Listing, Message, weekday
from salesvisit_cli.domain.new_customer import would_be_new_customer
from salesvisit_cli.domain.quota import needed_per_day, new_target
from salesvisit_cli.i18n import N_

if TYPE_CHECKING:
    from salesvisit_cli.domain.briefing import Briefing
    from salesvisit_cli.domain.route import RoundPlan
    from salesvisit_cli.domain.suggestions import Suggestion
    from salesvisit_cli.domain.talking_points import TalkingPoint


# --- pace (R1) -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pace:
    """The month against the quota, seen from the plan's date."""

    target: int
    visited: int
    new_target: int
    new_visited: int
    working_days_left: int
    needed_per_day: int
    new_needed_per_day: int
    unit: str = "customers"

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "visited": self.visited,
            "new_target": self.new_target,
            "new_visited": self.new_visited,
            "working_days_left": self.working_days_left,
            "needed_per_day": self.needed_per_day,
            "new_needed_per_day": self.new_needed_per_day,
            "unit": self.unit,
        }


def pace(
    *,
    target: int,
    share: Fraction,
    visited: int,
    new_visited: int,
    working_days_left: int,
    unit: str = "customers",
) -> Pace:
    """The pace figures of R1 (`working_days_left` counts the plan's date when it is one)."""
    goal_new = new_target(target, share)
    return Pace(
        target=target,
        visited=visited,
        new_target=goal_new,
        new_visited=new_visited,
        working_days_left=working_days_left,
        needed_per_day=needed_per_day(target, visited, working_days_left),
        new_needed_per_day=needed_per_day(goal_new, new_visited, working_days_left),
        unit=unit,
    )


# --- the customer as the plan sees it ---------------------------------------------------------


@dataclass(frozen=True)
class CustomerFacts:
    """What the plan needs to know about a customer."""

    id: int
    name: str
    tier: str = "normal"
    status: str = "prospect"
    address: str | None = None
    hours: str | None = None
    first_visit_on: date | None = None
    last_visit: date | None = None
    open_complaints: tuple[str, ...] = ()
    open_bookings: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    district: str | None = None

    @property
    def point(self) -> tuple[float, float] | None:
        """Where the customer is (None: not on file)."""
        return None if self.lat is None or self.lon is None else (self.lat, self.lon)

    @property
    def never_visited(self) -> bool:
        """No completed visit by anyone."""
        return self.first_visit_on is None and self.last_visit is None

    @property
    def new_customer(self) -> bool:
        """A visit would win a new customer (R1)."""
        return would_be_new_customer(self.status, self.first_visit_on)

    @property
    def missing_file(self) -> list[str]:
        """The R2 step-3 facts not on file."""
        return missing_from_file(self.address, self.hours)

    def days_since(self, day: date) -> int | None:
        return None if self.last_visit is None else (day - self.last_visit).days

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "tier": self.tier,
            "status": self.status,
            "address": self.address,
            "hours": self.hours,
            "last_visit": self.last_visit.isoformat() if self.last_visit else None,
            "lat": self.lat,
            "lon": self.lon,
            "district": self.district,
        }


# --- times --------------------------------------------------------------------------------------


def minute_of_day(at: str) -> int:
    hours, minutes = at.split(":")
    return int(hours) * 60 + int(minutes)


def overlapping(first: str, second: str, occupy_minutes: int) -> bool:
    """Two calls starting at `first` and `second`, each occupying `occupy_minutes`, collide."""
    return abs(minute_of_day(first) - minute_of_day(second)) < occupy_minutes


def office_hours_warning(at: str, hours: str | None, max_minutes: int) -> Message | None:
    """Why `at` does not suit the customer's office hours (None: it does, or none on file)."""
    if not hours:
        return None
    opens, closes = hours_range(hours)
    start = minute_of_day(at)
    if start < minute_of_day(opens) or start >= minute_of_day(closes):
        return Message.of(
            N_("{at} is outside the customer's office hours {hours}"), at=at, hours=hours
        )
    if start + max_minutes > minute_of_day(closes):
        return Message.of(
            N_("a {minutes}-minute call at {at} runs past closing time ({hours})"),
            minutes=max_minutes,
            at=at,
            hours=hours,
        )
    return None


@dataclass(frozen=True)
class Slot:
    """Another visit of the same day (for the overlap warning)."""

    visit_id: int
    at: str | None
    customer: str
    point: tuple[float, float] | None = None


def schedule_warnings(
    *,
    day: date,
    at: str | None,
    customer: CustomerFacts,
    working_day: bool,
    others: Iterable[Slot],
    max_minutes: int,
    travel_minutes: int,
) -> list[Message]:
    """What is allowed but worth a second look when planning a visit."""
    warnings = []
    if not working_day:
        text = N_("{day} ({weekday}) is not a working day")
        warnings.append(Message.of(text, day=Day(day), weekday=weekday(day)))
    if at is not None:
        hours = office_hours_warning(at, customer.hours, max_minutes)
        if hours:
            warnings.append(hours)
        occupy = max_minutes + travel_minutes
        for other in others:
            if other.at is not None and overlapping(at, other.at, occupy):
                text = N_(
                    "{at} overlaps visit {visit_id} at {other_at} ({customer}); "
                    "each call takes {minutes} min plus {travel} min travel"
                )
                warnings.append(
                    Message.of(
                        text,
                        at=at,
                        visit_id=other.visit_id,
                        other_at=other.at,
                        customer=other.customer,
                        minutes=max_minutes,
                        travel=travel_minutes,
                    )
                )
    return warnings


# --- the day's visits ---------------------------------------------------------------------------


@dataclass
class PlanVisit:
    """One planned visit of the day, with its preparation state."""

    id: int
    at: str | None
    purpose: str | None
    appointment: bool
    customer: CustomerFacts
    place: str | None = None
    prep: dict[str, bool] = field(default_factory=dict)
    talking_points: list[TalkingPoint] = field(default_factory=list)

    @property
    def new_customer(self) -> bool:
        return self.customer.new_customer

    def to_json(self, every_call: str | None = None) -> dict[str, Any]:
        """The `visit plan --json` visit; `every_call` ends its talking points when given."""
        points = [point.text for point in self.talking_points] + (
            [every_call] if every_call else []
        )
        return {
            "id": self.id,
            "at": self.at,
            "purpose": self.purpose,
            "appointment": self.appointment,
            "place": self.place,
            "new_customer": self.new_customer,
            "prep": {item: self.prep.get(item, False) for item in PREP_ITEMS},
            "customer": self.customer.to_json(),
            "missing": self.customer.missing_file,
            "talking_points": points,
        }


def unvisited_key(customer: CustomerFacts) -> tuple:
    """Longest since the last visit first (never visited is longest)."""
    return (customer.last_visit is not None, customer.last_visit or date.min)


def visit_order(visit: PlanVisit) -> tuple:
    """Timed visits by time; then the untimed: key customers first, longest unvisited first."""
    if visit.at is not None:
        return (0, visit.at, 0, (), visit.id)
    return (1, "", visit.customer.tier != "key", unvisited_key(visit.customer), visit.id)


def order_visits(visits: Iterable[PlanVisit]) -> list[PlanVisit]:
    return sorted(visits, key=visit_order)


def overlaps(visits: Sequence[PlanVisit], occupy_minutes: int) -> list[tuple[PlanVisit, PlanVisit]]:
    """Pairs of timed visits whose time slots collide (in time order)."""
    timed = sorted((v for v in visits if v.at is not None), key=lambda v: (v.at, v.id))
    found = []
    for index, first in enumerate(timed):
        for second in timed[index + 1 :]:
            if minute_of_day(second.at) - minute_of_day(first.at) >= occupy_minutes:
                break
            found.append((first, second))
    return found


def plan_warnings(
    visits: Sequence[PlanVisit], *, occupy_minutes: int, working_day: bool
) -> list[Message]:
    """The day's problems on one line: not a working day, overlaps, appointments, addresses."""
    warnings = []
    if not working_day and visits:
        warnings.append(Message(N_("not a working day")))
    for first, second in overlaps(visits, occupy_minutes):
        text = N_("{first} and {second} overlap (visits {first_id}, {second_id})")
        warnings.append(
            Message.of(
                text, first=first.at, second=second.at, first_id=first.id, second_id=second.id
            )
        )
    no_appointment = [v for v in visits if not v.appointment]
    if no_appointment:
        ids = Listing(tuple(v.id for v in no_appointment))
        text = N_("{count} without appointment (visit {ids})")
        warnings.append(Message.of(text, count=len(no_appointment), ids=ids))
    missing = [v for v in visits if v.customer.missing_file]
    if missing:
        ids = Listing(tuple(v.id for v in missing))
        text = N_("{count} missing address or office hours (visit {ids})")
        warnings.append(Message.of(text, count=len(missing), ids=ids))
    return warnings


# --- the whole screen ---------------------------------------------------------------------------


@dataclass
class Plan:
    """`visit plan`: everything the morning screen and its JSON show."""

    date: date
    rep: str
    working_day: bool
    pace: Pace
    carry: list[str]
    carry_done: list[str]
    visits: list[PlanVisit]
    warnings: list[Message] = field(default_factory=list)
    tip: str = ""
    every_call: str = ""
    call_minutes: int = 30
    done_today: int = 0
    suggestions: list[Suggestion] | None = None
    accepted: list[int] = field(default_factory=list)
    route: RoundPlan | None = None  # `--route`: the visits are in its order
    briefing: Briefing | None = None

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "date": self.date.isoformat(),
            "rep": self.rep,
            "working_day": self.working_day,
            "visits": [visit.to_json(self.every_call) for visit in self.visits],
            "carry": list(self.carry),
            "carry_done": list(self.carry_done),
            "pace": self.pace.to_json(),
            "done_today": self.done_today,
            "warnings": [str(warning) for warning in self.warnings],
            "every_call": self.every_call,
            "tip": self.tip,
        }
        if self.briefing is not None:
            document["briefing"] = self.briefing.to_json()
        if self.route is not None:
            document["route"] = self.route.to_json()
            for visit in document["visits"]:
                visit["eta"] = self.route.eta(visit["id"])
        if self.suggestions is not None:
            document["suggestions"] = [s.to_json() for s in self.suggestions]
            document["accepted"] = list(self.accepted)
        return document
