"""The morning (R1–R3, R9): the day's pace, the preparation checklist, the visit order, the talking
points and the plan suggestions, as pure functions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from math import ceil
from typing import Any

from salesvisit_cli.domain.dates import hours_range
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.quota import needed_per_day

# R2 steps for each planned customer: short, stable keys (the `visit prep` items, JSON keys).
PREP_ITEMS = ("screen", "materials", "address", "outline", "appointment")
# The Chinese words users may type for them, in every language (CLI.md "Language").
PREP_WORDS = {
    "筛选": "screen",
    "资料": "materials",
    "地址": "address",
    "提纲": "outline",
    "预约": "appointment",
}
ALL = "all"

# R9: shown as tips, never enforced.
TIPS = (
    "Be prepared: know the customer's business before you walk in.",
    "Present the company: bring the brochure and any positive press.",
    "Tell the story of a customer you helped.",
    "Mention referrals and major clients; carry a client list.",
    "Thank the customer for their time and their business.",
    "Build a long-term relationship before asking for an order.",
    "Mutual benefit, not selling.",
)

# Suggestion priorities, best first.
NEXT_MEETING, KEY_REVISIT, NEW_PROSPECT, LONGEST_UNVISITED = 1, 2, 3, 4
SUGGEST_MAX = 100


# --- pace (R1) -------------------------------------------------------------------------------


def new_target(target: int, share: Fraction) -> int:
    """The new-customer target: ceil(target × share)."""
    return ceil(Fraction(target) * Fraction(share))


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

    @property
    def never_visited(self) -> bool:
        """No completed visit by anyone."""
        return self.first_visit_on is None and self.last_visit is None

    @property
    def new_customer(self) -> bool:
        """A prospect never visited: the visit would make a new customer (R1)."""
        return self.status == "prospect" and self.never_visited

    @property
    def missing_file(self) -> list[str]:
        """The R2 step-3 facts not on file."""
        return [
            label
            for label, value in (("address", self.address), ("office hours", self.hours))
            if not value
        ]

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
        }


def talking_points(customer: CustomerFacts) -> list[str]:
    """R3: what to say to this customer, chosen from their situation."""
    points: list[str] = []
    if customer.never_visited:
        points.append(
            "First meeting: introduce yourself, show your work ID, state the purpose, "
            '"I won\'t take much of your time".'
        )
    if not customer.never_visited or customer.status == "client":
        points.append(
            "Known customer: thank them for past business, apologise for any service "
            "shortfall, ask for suggestions."
        )
    for note in customer.open_complaints:
        detail = f" ({note})" if note else ""
        points.append(f"Open complaint{detail}: say what was done about it.")
    for note in customer.open_bookings:
        detail = f" ({note})" if note else ""
        points.append(f"Pending booking{detail}: report its progress, confirm the next step.")
    return points


def every_call(max_minutes: int = 30) -> str:
    """R3: the talking point for every call."""
    return (
        "Let them talk about their company, don't hard-sell; aim for a booking or commitment "
        f"and a next meeting; keep to {max_minutes} minutes."
    )


def tip_of_the_day(day: date) -> str:
    """One R9 tip, the same all day."""
    return TIPS[day.toordinal() % len(TIPS)]


# --- times --------------------------------------------------------------------------------------


def minute_of_day(at: str) -> int:
    hours, minutes = at.split(":")
    return int(hours) * 60 + int(minutes)


def overlapping(first: str, second: str, occupy_minutes: int) -> bool:
    """Two calls starting at `first` and `second`, each occupying `occupy_minutes`, collide."""
    return abs(minute_of_day(first) - minute_of_day(second)) < occupy_minutes


def office_hours_warning(at: str, hours: str | None, max_minutes: int) -> str | None:
    """Why `at` does not suit the customer's office hours (None: it does, or none on file)."""
    if not hours:
        return None
    opens, closes = hours_range(hours)
    start = minute_of_day(at)
    if start < minute_of_day(opens) or start >= minute_of_day(closes):
        return f"{at} is outside the customer's office hours {hours}"
    if start + max_minutes > minute_of_day(closes):
        return f"a {max_minutes}-minute call at {at} runs past closing time ({hours})"
    return None


@dataclass(frozen=True)
class Slot:
    """Another visit of the same day (for the overlap warning)."""

    visit_id: int
    at: str | None
    customer: str


def schedule_warnings(
    *,
    day: date,
    at: str | None,
    customer: CustomerFacts,
    working_day: bool,
    others: Iterable[Slot],
    max_minutes: int,
    travel_minutes: int,
) -> list[str]:
    """What is allowed but worth a second look when planning a visit."""
    warnings = []
    if not working_day:
        warnings.append(f"{day.isoformat()} ({day.strftime('%A')}) is not a working day")
    if at is not None:
        hours = office_hours_warning(at, customer.hours, max_minutes)
        if hours:
            warnings.append(hours)
        occupy = max_minutes + travel_minutes
        for other in others:
            if other.at is not None and overlapping(at, other.at, occupy):
                warnings.append(
                    f"{at} overlaps visit {other.visit_id} at {other.at} ({other.customer}); "
                    f"each call takes {max_minutes} min plus {travel_minutes} min travel"
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
    talking_points: list[str] = field(default_factory=list)

    @property
    def new_customer(self) -> bool:
        return self.customer.new_customer

    def to_json(self, every_call: str | None = None) -> dict[str, Any]:
        """The `visit plan --json` visit; `every_call` ends its talking points when given."""
        points = self.talking_points + ([every_call] if every_call else [])
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


def prep_state(done: Iterable[str], appointment: bool) -> dict[str, bool]:
    """Every R2 step ticked or not; `appointment` follows the visit's appointment flag."""
    ticked = set(done)
    state = {item: item in ticked for item in PREP_ITEMS}
    state["appointment"] = bool(appointment)
    return state


def _unvisited_key(customer: CustomerFacts) -> tuple:
    """Longest since the last visit first (never visited is longest)."""
    return (customer.last_visit is not None, customer.last_visit or date.min)


def visit_order(visit: PlanVisit) -> tuple:
    """Timed visits by time; then the untimed: key customers first, longest unvisited first."""
    if visit.at is not None:
        return (0, visit.at, 0, (), visit.id)
    return (1, "", visit.customer.tier != "key", _unvisited_key(visit.customer), visit.id)


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
) -> list[str]:
    """The day's problems on one line: not a working day, overlaps, appointments, addresses."""
    warnings = []
    if not working_day and visits:
        warnings.append("not a working day")
    for first, second in overlaps(visits, occupy_minutes):
        warnings.append(f"{first.at} and {second.at} overlap (visits {first.id}, {second.id})")
    no_appointment = [v for v in visits if not v.appointment]
    if no_appointment:
        ids = ", ".join(str(v.id) for v in no_appointment)
        warnings.append(f"{len(no_appointment)} without appointment (visit {ids})")
    missing = [v for v in visits if v.customer.missing_file]
    if missing:
        ids = ", ".join(str(v.id) for v in missing)
        warnings.append(f"{len(missing)} missing address or office hours (visit {ids})")
    return warnings


# --- suggestions --------------------------------------------------------------------------------


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
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "customer": self.customer.to_json(),
            "priority": self.priority,
            "reason": self.reason,
            "new_customer": self.customer.new_customer,
        }


def _since(customer: CustomerFacts, day: date) -> str:
    days = customer.days_since(day)
    if days is None:
        return "never visited"
    return f"last visited {customer.last_visit.isoformat()} ({days} days ago)"


def _rank(
    candidate: Candidate, day: date, key_revisit_days: int, new_behind: bool
) -> tuple[int, tuple, str] | None:
    customer = candidate.customer
    if candidate.call_due is not None:
        kind = "thank-you call" if candidate.call_kind == "thanks" else "follow-up call"
        when = "due today" if candidate.call_due == day else f"overdue since {candidate.call_due}"
        return NEXT_MEETING, (candidate.call_due,), f"{kind} {when}"
    days = customer.days_since(day)
    if customer.tier == "key" and (days is None or days >= key_revisit_days):
        return KEY_REVISIT, _unvisited_key(customer), f"key customer, {_since(customer, day)}"
    if customer.new_customer:
        if not new_behind:
            return None
        return NEW_PROSPECT, (), "prospect never visited: the new-customer pace is behind"
    label = "client" if customer.status == "client" else "known prospect"
    return LONGEST_UNVISITED, _unvisited_key(customer), f"{label}, {_since(customer, day)}"


def check_suggest_limit(limit: int) -> None:
    if not 1 <= limit <= SUGGEST_MAX:
        raise ValidationError(f"--suggest takes 1 to {SUGGEST_MAX} customers, not {limit}")


def suggest(
    candidates: Iterable[Candidate],
    limit: int,
    *,
    day: date,
    key_revisit_days: int,
    new_behind: bool,
) -> list[Suggestion]:
    """Up to `limit` customers for `day`, best first: follow-up calls due, key customers not seen
    for `key_revisit_days`, never-visited prospects (only when the new-customer pace is behind),
    then the longest unvisited. Ties go to the lower id, so the same data gives the same list."""
    check_suggest_limit(limit)
    ranked = []
    for candidate in candidates:
        rank = _rank(candidate, day, key_revisit_days, new_behind)
        if rank is not None:
            priority, key, reason = rank
            ranked.append(((priority, key, candidate.customer.id), candidate.customer, reason))
    ranked.sort(key=lambda entry: entry[0])
    return [Suggestion(customer, order[0], reason) for order, customer, reason in ranked[:limit]]


# --- checklist items typed by the user ---------------------------------------------------------


def match_items(
    given: Sequence[str], valid: Sequence[str], what: str, words: Mapping[str, str] | None = None
) -> list[str]:
    """Items by name (case-insensitive), by another word for them (`words`: word → item) or
    1-based number, or `all`; unknown ones are an error that lists the valid ones. Returned in
    checklist order, without repeats."""
    if not given:
        raise ValidationError(f"name at least one {what} item: {_listing(valid)}")
    by_name = {word.casefold(): item for word, item in (words or {}).items()}
    by_name.update((item.casefold(), item) for item in valid)
    chosen: set[str] = set()
    for raw in given:
        token = raw.strip()
        if token.casefold() == ALL:
            chosen.update(valid)
        elif token.isascii() and token.isdigit() and 1 <= int(token) <= len(valid):
            chosen.add(valid[int(token) - 1])
        elif token.casefold() in by_name:
            chosen.add(by_name[token.casefold()])
        else:
            raise ValidationError(f"unknown {what} item {raw!r}; valid: {_listing(valid)}")
    return [item for item in valid if item in chosen]


def _listing(valid: Sequence[str]) -> str:
    named = ", ".join(f"{number} {item}" for number, item in enumerate(valid, 1))
    return f"{named} (or {ALL})"


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
    warnings: list[str] = field(default_factory=list)
    tip: str = ""
    every_call: str = ""
    done_today: int = 0
    suggestions: list[Suggestion] | None = None
    accepted: list[int] = field(default_factory=list)

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
            "warnings": list(self.warnings),
            "every_call": self.every_call,
            "tip": self.tip,
        }
        if self.suggestions is not None:
            document["suggestions"] = [s.to_json() for s in self.suggestions]
            document["accepted"] = list(self.accepted)
        return document
