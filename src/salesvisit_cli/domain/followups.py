"""R5: follow-ups — their kinds and notes, when they are due, the next meeting's date, and the
follow-up work list (what a report creates and changes: `domain.report_followups`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from typing import Any, NamedTuple

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
