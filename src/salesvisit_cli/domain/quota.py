"""R1: the monthly quota — the targets, the pace, the month's figures (who is a new customer:
`domain.new_customer`).

`month_quota` is a pure function: the store hands it the month's counts (`MonthActivity`), the
calendar (R7) decides the working days, the daily reports (R6) are judged in `domain.daily`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction
from functools import cached_property
from typing import Any

from salesvisit_cli.domain.calendar import WorkCalendar
from salesvisit_cli.domain.daily import REPORT_STATUSES, DayReport, daily_reports
from salesvisit_cli.domain.dates import Month

# Status words, best first (the team view sorts by them after the progress).
MET, ON_TRACK, AT_RISK, MISSED, UPCOMING = "met", "on track", "at risk", "missed", "upcoming"


def new_target(target: int, share: Fraction) -> int:
    """The new-customer target: ceil(target × share), exactly (no float rounding)."""
    return math.ceil(Fraction(target) * Fraction(share))


def towards_target(unit: str, *, customers: int, visits: int) -> int:
    """What counts towards the target: distinct customers (default) or visits (`quota.unit`)."""
    return customers if unit == "customers" else visits


@dataclass(frozen=True)
class QuotaRules:
    """The policies the quota is judged by (from the configuration)."""

    target: int = 120
    share: Fraction = Fraction(1, 3)
    unit: str = "customers"
    max_minutes: int = 30
    deadline: str = "09:00"

    @cached_property
    def new_target(self) -> int:
        """Decided once (the team's quota asks it ~5 times per salesperson, in fractions)."""
        return new_target(self.target, self.share)


@dataclass(frozen=True)
class DayCount:
    """Completed visits of one day; `new` of them were a new customer's very first visit."""

    day: date
    visits: int
    new: int = 0

    @property
    def known(self) -> int:
        return self.visits - self.new


@dataclass(frozen=True)
class MonthActivity:
    """What the database aggregated for one salesperson and month (GROUP BY results)."""

    visits: int = 0
    customers: int = 0
    new_customers: int = 0
    over_time: int = 0
    bookings: int = 0
    complaints: int = 0
    conflicts: int = 0  # visits to another salesperson's customer (R8)
    released: int = 0  # customers that left them for the public pool
    days: tuple[DayCount, ...] = ()
    first_submissions: Mapping[date, datetime] = field(default_factory=dict)


@dataclass(frozen=True)
class DayPoint:
    """One column of the month chart: a working day, or another day that has visits."""

    day: date
    working: bool
    visits: int
    new: int

    @property
    def known(self) -> int:
        return self.visits - self.new

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "working_day": self.working,
            "visits": self.visits,
            "new": self.new,
            "known": self.known,
        }


@dataclass(frozen=True)
class Quota:
    """One salesperson's month: every figure of `quota --json`."""

    rep: str
    month: Month
    rules: QuotaRules
    visited: int
    new_visited: int
    visits: int
    working_days: int
    working_days_left: int
    working_days_elapsed: int
    over_time_visits: int
    bookings: int
    complaints: int
    reports: tuple[DayReport, ...]
    series: tuple[DayPoint, ...]
    phase: str  # past | current | future
    conflicts: int = 0  # completed visits to another salesperson's customer (R8)
    released: int = 0  # customers that left them for the public pool in the month
    manager: bool = False  # listed apart in the team views, never counted as met or missed

    @property
    def unit(self) -> str:
        return self.rules.unit

    @property
    def target(self) -> int:
        return self.rules.target

    @property
    def new_target(self) -> int:
        return self.rules.new_target

    @property
    def met(self) -> bool:
        return self.visited >= self.target and self.new_visited >= self.new_target

    @property
    def remaining(self) -> int:
        return max(0, self.target - self.visited)

    @property
    def new_remaining(self) -> int:
        return max(0, self.new_target - self.new_visited)

    @property
    def needed_pace(self) -> Fraction | None:
        """Visits (or customers) needed per remaining working day; None: no day left for them."""
        return _per_day(self.remaining, self.working_days_left)

    @property
    def new_needed_pace(self) -> Fraction | None:
        return _per_day(self.new_remaining, self.working_days_left)

    @property
    def pace_so_far(self) -> Fraction | None:
        """Progress per working day already behind us (None before the first one ends)."""
        if self.working_days_elapsed == 0:
            return None
        return Fraction(self.visited, self.working_days_elapsed)

    @property
    def new_pace_so_far(self) -> Fraction | None:
        if self.working_days_elapsed == 0:
            return None
        return Fraction(self.new_visited, self.working_days_elapsed)

    @property
    def daily_pace(self) -> Fraction:
        """The even pace the target asks for: target / working days of the month."""
        return Fraction(self.target, self.working_days) if self.working_days else Fraction(0)

    @property
    def needed_per_day(self) -> int:
        """Whole visits (or customers) needed per remaining working day; 0 when none is left."""
        return needed_per_day(self.target, self.visited, self.working_days_left)

    @property
    def new_needed_per_day(self) -> int:
        return needed_per_day(self.new_target, self.new_visited, self.working_days_left)

    @property
    def status(self) -> str:
        """met; missed (month over); upcoming (not begun); on track or at risk by the pace."""
        if self.met:
            return MET
        if self.phase == "past":
            return MISSED
        if self.phase == "future":
            return UPCOMING
        if self.working_days_left == 0:
            return AT_RISK
        if self.pace_so_far is None:  # no working day has ended yet: nothing to judge
            return ON_TRACK
        keeps_up = self.needed_pace <= self.pace_so_far
        keeps_up_new = self.new_needed_pace <= self.new_pace_so_far
        return ON_TRACK if keeps_up and keeps_up_new else AT_RISK

    @property
    def progress(self) -> Fraction:
        """Share of the way to both targets (each capped at 1), for ranking the team."""
        part = min(Fraction(self.visited, self.target), Fraction(1))
        if self.new_target:
            new_part = min(Fraction(self.new_visited, self.new_target), Fraction(1))
            return (part + new_part) / 2
        return part

    def report_counts(self) -> dict[str, int]:
        counts = {"days": len(self.reports)} | dict.fromkeys(REPORT_STATUSES, 0)
        for report in self.reports:
            counts[report.status] += 1
        return counts

    def days_with(self, status: str) -> list[DayReport]:
        return [report for report in self.reports if report.status == status]

    def to_json(self) -> dict[str, Any]:
        def number(value: Fraction | None) -> float | None:
            return None if value is None else round(float(value), 2)

        return {
            "rep": self.rep,
            "month": str(self.month),
            "unit": self.unit,
            "target": self.target,
            "visited": self.visited,
            "new_target": self.new_target,
            "new_visited": self.new_visited,
            "visits": self.visits,
            "working_days": self.working_days,
            "working_days_left": self.working_days_left,
            "over_time_visits": self.over_time_visits,
            "reports": self.report_counts(),
            "met": self.met,
            "manager": self.manager,
            "status": self.status,
            "progress": number(self.progress),
            "needed_per_day": self.needed_per_day,
            "new_needed_per_day": self.new_needed_per_day,
            "pace_so_far": number(self.pace_so_far),
            "daily_pace": number(self.daily_pace),
            "working_days_elapsed": self.working_days_elapsed,
            "max_minutes": self.rules.max_minutes,
            "bookings": self.bookings,
            "complaints": self.complaints,
            "conflicts": self.conflicts,
            "released": self.released,
            "late_days": [report.to_json() for report in self.days_with("late")],
            "missing_days": [report.to_json() for report in self.days_with("missing")],
            "days": [point.to_json() for point in self.series],
        }


def needed_per_day(target: int, done: int, working_days_left: int) -> int:
    """R1 pace: ceil(max(0, target − done) / working days left); 0 when no working day is left."""
    if working_days_left <= 0:
        return 0
    return math.ceil(Fraction(max(0, target - done), working_days_left))


def _per_day(amount: int, days: int) -> Fraction | None:
    if amount == 0:
        return Fraction(0)
    return Fraction(amount, days) if days else None


def month_quota(
    rep: str,
    month: Month,
    activity: MonthActivity,
    rules: QuotaRules,
    calendar: WorkCalendar,
    today: date,
    now: datetime,
) -> Quota:
    """Every quota figure of `rep` in `month`, as of `today` / `now`."""
    working = calendar.working_days(month)
    working_set = set(working)
    left = calendar.working_days_left(month, today)
    if today > month.last:
        phase = "past"
    elif today < month.first:
        phase = "future"
    else:
        phase = "current"
    counted = {count.day: count for count in activity.days if count.visits}
    series = tuple(
        DayPoint(
            day,
            day in working_set,
            counted[day].visits if day in counted else 0,
            counted[day].new if day in counted else 0,
        )
        for day in sorted(working_set | set(counted))
    )
    return Quota(
        rep=rep,
        month=month,
        rules=rules,
        visited=towards_target(rules.unit, customers=activity.customers, visits=activity.visits),
        new_visited=activity.new_customers,
        visits=activity.visits,
        working_days=len(working),
        working_days_left=left,
        working_days_elapsed=sum(1 for day in working if day < today),
        over_time_visits=activity.over_time,
        bookings=activity.bookings,
        complaints=activity.complaints,
        reports=daily_reports(counted, activity.first_submissions, calendar, rules.deadline, now),
        series=series,
        phase=phase,
        conflicts=activity.conflicts,
        released=activity.released,
    )


def rank(quotas: Iterable[Quota]) -> list[Quota]:
    """The salespeople furthest along first (met, progress to both targets, name), then the
    managers, listed apart."""
    return sorted(
        quotas,
        key=lambda q: (
            q.manager, not q.met, -q.progress, -q.visited, -q.new_visited, q.rep.lower(), q.rep,
        ),
    )  # fmt: skip
