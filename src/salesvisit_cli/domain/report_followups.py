"""R5: what a visit report does — the follow-ups it creates (and an amended report changes) and
its next meeting → a planned visit (the follow-up work list is `domain.followups`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from salesvisit_cli.domain.followups import THANKS_NOTE, next_meeting_purpose
from salesvisit_cli.i18n import _

if TYPE_CHECKING:
    from salesvisit_cli.domain.calendar import WorkCalendar


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
