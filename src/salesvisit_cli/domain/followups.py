"""R5: the follow-ups a visit report creates and when they are due, the next meeting → a planned
visit, and the follow-up work list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from typing import Any, NamedTuple

from salesvisit_cli.domain.calendar import WorkCalendar
from salesvisit_cli.domain.dates import parse_date, parse_time
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.messages import date_label
from salesvisit_cli.i18n import N_, _

FOLLOWUP_KINDS = ("thanks", "booking", "complaint", "call", "other")
# The Chinese words users may type for the kinds, in every language (CLI.md "Language").
FOLLOWUP_KIND_WORDS = {
    "感谢": "thanks",
    "预订": "booking",
    "投诉": "complaint",
    "电话": "call",
    "其他": "other",
}
# The order the work list shows the kinds in: money first, then complaints, then courtesy.
KIND_ORDER = ("booking", "complaint", "thanks", "call", "other")
# What each kind asks for (message ids, shown translated: the source's words).
KIND_LABELS = {
    "booking": N_("Process the booking"),
    "complaint": N_("Report the complaint, tell the customer the result"),
    "thanks": N_("Thank-you call or fax"),
    "call": N_("Call"),
    "other": N_("Other"),
}
# The note a report writes on its thank-you follow-up: stored as this id (JSON stays the same
# in every language), shown translated (`render.words.note_text`).
THANKS_NOTE = N_("thank-you call or fax")
# The note of the follow-up the front desk gives a returning customer's salesperson.
WALKED_IN_NOTE, CALLED_NOTE = N_("walked in"), N_("called")
# Notes the program writes (rather than the salesperson): shown in the interface language.
GENERATED_NOTES = (THANKS_NOTE, WALKED_IN_NOTE, CALLED_NOTE)


@dataclass
class FollowupRef:
    """A follow-up as listed under the visit that created it."""

    id: int
    kind: str
    due: date

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "due": self.due.isoformat()}


@dataclass(frozen=True)
class NewFollowup:
    """A follow-up a report asks for."""

    kind: str
    due: date
    note: str | None = None


@dataclass(frozen=True)
class ExistingFollowup:
    """A follow-up already created by the visit being (re)reported."""

    id: int
    kind: str
    due: date
    note: str | None
    done: bool


@dataclass
class FollowupChanges:
    """What an amended report changes in its visit's follow-ups."""

    create: list[NewFollowup] = field(default_factory=list)
    update: list[tuple[int, NewFollowup]] = field(default_factory=list)
    delete: list[int] = field(default_factory=list)


def report_followups(
    visit_date: date,
    booking: str | None,
    complaint: str | None,
    calendar: WorkCalendar,
    *,
    thanks_already_due: bool = False,
) -> list[NewFollowup]:
    """The follow-ups a reported visit creates (R5).

    - a booking is processed at once: due the visit day, carrying the booking text;
    - a complaint goes through the complaint procedure: due the next working day;
    - every visited customer gets a thank-you call or fax the next working day, unless one is
      already due that day for the same customer (`thanks_already_due`).
    """
    next_day = calendar.next_working_day(visit_date)
    wanted = []
    if booking:
        wanted.append(NewFollowup("booking", visit_date, booking))
    if complaint:
        wanted.append(NewFollowup("complaint", next_day, complaint))
    if not thanks_already_due:
        wanted.append(NewFollowup("thanks", next_day, THANKS_NOTE))
    return wanted


def reconcile(
    wanted: Sequence[NewFollowup], existing: Sequence[ExistingFollowup]
) -> FollowupChanges:
    """Bring a visit's follow-ups in line with its amended report.

    Open follow-ups follow the report (new due date or text, or removed with the booking or
    complaint they came from); done ones are history and stay as they are.
    """
    changes = FollowupChanges()
    by_kind: dict[str, ExistingFollowup] = {}
    for item in existing:
        by_kind.setdefault(item.kind, item)
    wanted_kinds = set()
    for new in wanted:
        wanted_kinds.add(new.kind)
        old = by_kind.get(new.kind)
        if old is None:
            changes.create.append(new)
        elif not old.done and (old.due, old.note) != (new.due, new.note):
            changes.update.append((old.id, new))
    for item in existing:
        if (
            item.kind in ("booking", "complaint")
            and item.kind not in wanted_kinds
            and not item.done
        ):
            changes.delete.append(item.id)
    return changes


def parse_next_meeting(text: str, today: date) -> tuple[date, str | None]:
    """`--next "YYYY-MM-DD [HH:MM]"` (any date users type, optionally a time)."""
    parts = text.split()
    if not 1 <= len(parts) <= 2:
        raise ValidationError(
            _("invalid next meeting {text!r}: expected 'YYYY-MM-DD [HH:MM]'").format(text=text)
        )
    day = parse_date(parts[0], today)
    at = parse_time(parts[1]) if len(parts) == 2 else None
    return day, at


def next_meeting_purpose(visit_date: date) -> str:
    """The purpose of the visit a next meeting plans, agreed at the visit of `visit_date` (stored,
    so written in the interface language of the day)."""
    return _("next meeting agreed on {date}").format(date=date_label(visit_date))


def check_next_meeting(day: date, at: str | None, now: datetime) -> None:
    """A next meeting must lie ahead."""
    if day < now.date():
        raise ValidationError(
            _("the next meeting {day} is in the past").format(day=date_label(day))
        )
    if at is not None and datetime.combine(day, time.fromisoformat(at)) <= now:
        raise ValidationError(
            _("the next meeting {day} {at} is in the past").format(day=day.isoformat(), at=at)
        )


@dataclass(frozen=True)
class NextMeetingChange:
    """What a report's next meeting does to its planned visit: `create` one, `move` the one it
    created before, `cancel` it (the next meeting was removed), or `keep` things as they are."""

    action: str
    values: dict[str, Any]


def next_meeting_visit(
    visit_id: int,
    visit_date: date,
    next_date: date | None,
    next_at: str | None,
    next_place: str | None,
    *,
    planned_before: bool,
) -> NextMeetingChange:
    """R5: a next meeting becomes a planned visit (an appointment) on that date; amending the
    report moves that visit while it is still planned, and removing the meeting cancels it."""
    if next_date is None:
        if not planned_before:
            return NextMeetingChange("keep", {})
        reason = _("next meeting removed from visit {id}").format(id=visit_id)
        return NextMeetingChange("cancel", {"status": "cancelled", "cancel_reason": reason})
    values: dict[str, Any] = {"date": next_date, "at": next_at, "place": next_place}
    if planned_before:
        return NextMeetingChange("move", values)
    values |= {
        "status": "planned",
        "appointment": True,
        "purpose": next_meeting_purpose(visit_date),
        "from_visit_id": visit_id,
    }
    return NextMeetingChange("create", values)


def check_kind(kind: str) -> str:
    """A follow-up kind by its English key or its Chinese word (`电话` → `call`)."""
    value = kind.strip().lower()
    value = FOLLOWUP_KIND_WORDS.get(value, value)
    if value not in FOLLOWUP_KINDS:
        raise ValidationError(
            _("invalid kind {kind!r}: choose {value}").format(
                kind=kind, value=", ".join(FOLLOWUP_KINDS)
            )
        )
    return value


def check_due(due: date, today: date, what: str = "due date") -> date:
    """Follow-ups are due today or later (overdue ones exist only because time passed)."""
    if due < today:
        raise ValidationError(
            _("the {what} {due} is in the past").format(what=what, due=due.isoformat())
        )
    return due


@dataclass
class FollowupItem:
    """A follow-up as the work list and `customer show` present it."""

    id: int
    customer_id: int
    customer: str
    kind: str
    due: date
    note: str | None
    done_at: datetime | None
    overdue: bool
    rep: str | None = None
    phone: str | None = None
    contact: str | None = None
    visit_id: int | None = None
    done_note: str | None = None
    created_at: datetime | None = None

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days if self.overdue else 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "customer_id": self.customer_id,
            "customer": self.customer,
            "kind": self.kind,
            "due": self.due.isoformat(),
            "note": self.note,
            "done_at": self.done_at.isoformat() if self.done_at else None,
            "overdue": self.overdue,
            "phone": self.phone,
            "contact": self.contact,
            "rep": self.rep,
            "visit_id": self.visit_id,
            "done_note": self.done_note,
        }


# What a follow-up row carries as is (overdue follows from the rule below).
_ITEM_COLUMNS = tuple(f.name for f in fields(FollowupItem) if f.name != "overdue")


def followup_item(row: Any, today: date) -> FollowupItem:
    """A follow-up row of the store (its columns with `customer`, `rep`, `phone`, `contact`)
    as the work list shows it, overdue or not as of `today`."""
    values = {name: getattr(row, name) for name in _ITEM_COLUMNS}
    return FollowupItem(**values, overdue=is_overdue(row.due, row.done_at, today))


def is_overdue(due: date, done_at: datetime | None, today: date) -> bool:
    return done_at is None and due < today


def days_late(due: date, done_at: datetime | None, today: date) -> int:
    """Days past the due date: until today while open, until it was done once done."""
    return max(0, ((done_at.date() if done_at else today) - due).days)


class MonthFollowup(NamedTuple):
    """A follow-up as the month's workbook lists it, open or done, with its days late."""

    id: int
    due: date
    rep: str
    customer: str
    kind: str
    note: str | None
    done_at: datetime | None
    days_late: int
    visit_id: int | None


# What a follow-up of the month is read from, in this order (store.month_book selects these
# columns by name).
MONTH_FOLLOWUP_COLUMNS = ("id", "due", "rep", "customer", "kind", "note", "done_at", "visit_id")


def month_followup(row: Sequence[Any], today: date) -> MonthFollowup:
    """A follow-up read as MONTH_FOLLOWUP_COLUMNS, as of `today` (unpacked, not read by name:
    a month of the team has ~8,000)."""
    followup_id, due, rep, customer, kind, note, done_at, visit_id = row
    return MonthFollowup(
        followup_id,
        due,
        rep,
        customer,
        kind,
        note,
        done_at,
        days_late(due, done_at, today),
        visit_id,
    )


def worklist_order(items: Sequence[FollowupItem]) -> list[FollowupItem]:
    """Overdue first, then by kind (bookings, complaints, thanks, calls, other), by due."""

    def key(item: FollowupItem):
        kind = KIND_ORDER.index(item.kind) if item.kind in KIND_ORDER else len(KIND_ORDER)
        return (not item.overdue, kind, item.due, item.id)

    return sorted(items, key=key)


@dataclass
class RepFollowups:
    """One salesperson's row in `followup --team`: overdue follow-ups by kind, the oldest due
    date, and the follow-ups listed (the overdue ones, or every open one with --all)."""

    rep: str
    open: int = 0
    due_today: int = 0
    overdue_by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KIND_ORDER, 0))
    oldest_due: date | None = None
    items: list[FollowupItem] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(self.overdue_by_kind.values())

    def days_overdue(self, today: date) -> int:
        return (today - self.oldest_due).days if self.oldest_due else 0

    def to_json(self, today: date) -> dict[str, Any]:
        return {
            "rep": self.rep,
            "overdue": self.overdue,
            "overdue_by_kind": dict(self.overdue_by_kind),
            "oldest_due": self.oldest_due.isoformat() if self.oldest_due else None,
            "days_overdue": self.days_overdue(today),
            "due_today": self.due_today,
            "open": self.open,
            "followups": [item.to_json() for item in self.items],
        }


def team_order(rows: Sequence[RepFollowups]) -> list[RepFollowups]:
    """Most overdue first, then the oldest overdue, then by name."""
    return sorted(
        rows,
        key=lambda r: (-r.overdue, r.oldest_due or date.max, r.rep.lower(), r.rep),
    )
