"""Visit use cases before the call: schedule, cancel, list, and tick the preparation (R2)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from salesvisit_cli.domain import plan as rules
from salesvisit_cli.domain.errors import NotFoundError, ValidationError
from salesvisit_cli.domain.text import check_text
from salesvisit_cli.domain.visits import STATUSES, VisitView
from salesvisit_cli.services.customers import resolve
from salesvisit_cli.store import visits as rows
from salesvisit_cli.store.reps import ensure_rep, rep_id
from salesvisit_cli.store.visits import VisitRow

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from salesvisit_cli.config import Config
    from salesvisit_cli.domain.calendar import WorkCalendar
    from salesvisit_cli.store.engine import Store

CARRY = "carry"


@dataclass
class Scheduled:
    """A visit written, with the warnings the salesperson should see."""

    visit: VisitView
    warnings: list[str] = field(default_factory=list)


def clean_purpose(purpose: str | None) -> str | None:
    return check_text("purpose", purpose, max_length=500)


def clean_place(place: str | None) -> str | None:
    return check_text("place", place, max_length=500)


def refuse_past(day: date, today: date) -> None:
    if day < today:
        raise ValidationError(
            f"{day.isoformat()} is in the past: plan visits for today or later "
            "(record a past visit with `salesvisit visit report --customer REF --date D`)"
        )


def plan_visit(
    connection: Connection,
    rep: str,
    customer_id: int,
    *,
    config: Config,
    calendar: WorkCalendar,
    day: date,
    at: str | None,
    purpose: str | None,
    place: str | None = None,
    appointment: bool = False,
    allow_duplicate: bool = False,
    now: datetime,
) -> tuple[int, list[str]]:
    """Check and insert one planned visit inside an open write; returns its id and warnings."""
    facts = rows.customer_facts(connection, customer_id)
    if facts is None:
        raise NotFoundError(f"no customer with id {customer_id}")
    own_id = rep_id(connection, rep)
    if not allow_duplicate:
        existing = rows.same_day(connection, customer_id, day, rep_id=own_id) if own_id else []
        if existing:
            raise ValidationError(
                f"{facts.name} is already planned on {day.isoformat()} (visit {existing[0]}); "
                "use --allow-duplicate to plan another visit"
            )
    warnings = rules.schedule_warnings(
        day=day,
        at=at,
        customer=facts,
        working_day=calendar.is_working_day(day),
        others=rows.slots(connection, own_id, day),
        max_minutes=config.visit.max_minutes,
        travel_minutes=config.visit.travel_minutes,
    )
    owner = _owner(connection, customer_id)
    conflict = owner is not None and owner != rep
    if conflict:
        warnings.append(f"{facts.name} belongs to {owner}: the team view will show a conflict")
    new_id = rows.insert_planned(
        connection,
        customer_id=customer_id,
        rep_id=ensure_rep(connection, rep, now),
        day=day,
        at=at,
        purpose=purpose,
        appointment=appointment,
        place=place,
        conflict=conflict,
        now=now,
    )
    return new_id, warnings


def _owner(connection: Connection, customer_id: int) -> str | None:
    from salesvisit_cli.store.customers import get

    found = get(connection, customer_id)
    return found.owner if found else None


def schedule(
    store: Store,
    rep: str,
    ref: str,
    *,
    config: Config,
    calendar: WorkCalendar,
    day: date,
    at: str | None,
    purpose: str | None,
    place: str | None,
    appointment: bool,
    allow_duplicate: bool,
    today: date,
    now: datetime,
) -> Scheduled:
    """Plan a visit to a customer for the current salesperson."""
    refuse_past(day, today)
    purpose, place = clean_purpose(purpose), clean_place(place)
    with store.write() as connection:
        customer = resolve(connection, ref)
        new_id, warnings = plan_visit(
            connection,
            rep,
            customer.id,
            config=config,
            calendar=calendar,
            day=day,
            at=at,
            purpose=purpose,
            place=place,
            appointment=appointment,
            allow_duplicate=allow_duplicate,
            now=now,
        )
        visit = rows.view(connection, new_id, max_minutes=config.visit.max_minutes)
    return Scheduled(visit, warnings)


def _own_visit(connection: Connection, rep: str, visit_id: int, action: str, done: str) -> VisitRow:
    """A planned visit of this salesperson (`action`/`done`: "cancel"/"cancelled", …)."""
    found = rows.get_row(connection, visit_id)
    if found is None:
        raise NotFoundError(f"no visit with id {visit_id}")
    if found.rep != rep:
        raise ValidationError(
            f"visit {visit_id} is {found.rep}'s, not yours: you cannot {action} it"
        )
    if found.status == "cancelled":
        already = "already " if action == "cancel" else ""
        raise ValidationError(f"visit {visit_id} is {already}cancelled")
    if found.status == "done":
        raise ValidationError(
            f"visit {visit_id} is done (reported for {found.date.isoformat()}): "
            f"only planned visits can be {done}"
        )
    return found


def cancel(
    store: Store, rep: str, visit_id: int, *, reason: str | None, max_minutes: int
) -> VisitView:
    """Cancel one of the salesperson's planned visits."""
    reason = check_text("reason", reason, max_length=500)
    with store.write() as connection:
        _own_visit(connection, rep, visit_id, "cancel", "cancelled")
        rows.cancel(connection, visit_id, reason)
        return rows.view(connection, visit_id, max_minutes=max_minutes)


def parse_statuses(values: Sequence[str] | None) -> list[str]:
    """`--status` values (repeated or comma-separated), checked."""
    chosen: list[str] = []
    for value in values or ():
        for part in value.split(","):
            status = part.strip().lower()
            if not status:
                continue
            if status not in STATUSES:
                raise ValidationError(f"invalid status {part!r}: choose {', '.join(STATUSES)}")
            if status not in chosen:
                chosen.append(status)
    return chosen


def listing(
    store: Store,
    rep: str,
    *,
    start: date | None,
    end: date | None,
    customer_ref: str | None,
    statuses: Sequence[str],
    max_minutes: int,
) -> list[VisitView]:
    """The salesperson's visits (planned, done, cancelled), by date and time."""
    if start and end and start > end:
        raise ValidationError(f"--from {start} is after --to {end}")
    with store.read() as connection:
        customer_id = resolve(connection, customer_ref).id if customer_ref else None
        own_id = rep_id(connection, rep)
        if own_id is None:
            return []
        return rows.views(
            connection,
            max_minutes=max_minutes,
            rep_id=own_id,
            start=start,
            end=end,
            customer_id=customer_id,
            statuses=statuses,
        )


@dataclass
class Prepared:
    """The checklist after `visit prep`: which items are ticked now."""

    target: str  # "visit" or "carry"
    changed: list[str]
    undo: bool
    state: dict[str, bool]
    visit_id: int | None = None
    customer: str | None = None
    date: date | None = None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "visit_id": self.visit_id,
            "customer": self.customer,
            "date": self.date.isoformat() if self.date else None,
            "changed": self.changed,
            "undo": self.undo,
            "state": self.state,
        }


def parse_target(text: str) -> int | None:
    """`visit prep` target: a visit id, or None for the pseudo-id `carry`."""
    value = text.strip()
    if value.casefold() == CARRY:
        return None
    if value.isascii() and value.isdigit():
        return int(value)
    raise ValidationError(f"invalid visit id {text!r}: give a visit id (see `visit plan`) or carry")


def prep_visit(
    store: Store, rep: str, visit_id: int, items: Sequence[str], *, undo: bool, now: datetime
) -> Prepared:
    """Tick (or untick) R2 steps of one planned visit; `appointment` is the visit's own flag."""
    chosen = rules.match_items(items, rules.PREP_ITEMS, "preparation", rules.PREP_WORDS)
    with store.write() as connection:
        visit = _own_visit(connection, rep, visit_id, "prepare", "prepared")
        facts = rows.customer_facts(connection, visit.customer_id)
        warnings = []
        if "address" in chosen and not undo and facts.missing_file:
            missing = " and ".join(facts.missing_file)
            warnings.append(
                f"{facts.name} has no {missing} on file: record what you confirmed with "
                f"`salesvisit customer edit {facts.id}`"
            )
        steps = [item for item in chosen if item != "appointment"]
        if undo:
            rows.untick_prep(connection, visit_id, steps)
        else:
            rows.tick_prep(connection, visit_id, steps, now)
        appointment = visit.appointment
        if "appointment" in chosen:
            appointment = not undo
            rows.set_appointment(connection, visit_id, appointment)
        done = rows.prep_done(connection, [visit_id]).get(visit_id, set())
    return Prepared(
        target="visit",
        changed=chosen,
        undo=undo,
        state=rules.prep_state(done, appointment),
        visit_id=visit_id,
        customer=facts.name,
        date=visit.date,
        warnings=warnings,
    )


def prep_carry(
    store: Store,
    rep: str,
    items: Sequence[str],
    *,
    carry: Sequence[str],
    day: date,
    undo: bool,
    now: datetime,
) -> Prepared:
    """Tick (or untick) items of the day's carry list (R2)."""
    chosen = rules.match_items(items, carry, "carry")
    with store.write() as connection:
        own_id = ensure_rep(connection, rep, now)
        if undo:
            rows.untick_carry(connection, own_id, day, chosen)
        else:
            rows.tick_carry(connection, own_id, day, chosen, now)
        done = rows.carry_done(connection, own_id, day)
    return Prepared(
        target=CARRY,
        changed=chosen,
        undo=undo,
        state={item: item in done for item in carry},
        date=day,
    )
