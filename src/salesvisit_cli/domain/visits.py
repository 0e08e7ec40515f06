"""The visit as every command shows it (`visit report --json` shape, CLI.md)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

STATUSES = ("planned", "done", "cancelled")
FOLLOWUP_KINDS = ("thanks", "booking", "complaint", "call", "other")
# The Chinese words users may type for the kinds, in every language (CLI.md "Language").
FOLLOWUP_KIND_WORDS = {
    "感谢": "thanks",
    "预订": "booking",
    "投诉": "complaint",
    "电话": "call",
    "其他": "other",
}


@dataclass
class FollowupRef:
    """A follow-up as listed under the visit that created it."""

    id: int
    kind: str
    due: date

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "due": self.due.isoformat()}


@dataclass
class VisitView:
    """A planned, done or cancelled visit with its report fields."""

    id: int
    customer_id: int
    customer: str
    rep: str
    date: date
    status: str
    at: str | None = None
    purpose: str | None = None
    appointment: bool = False
    place: str | None = None
    start: str | None = None
    minutes: int | None = None
    over_time: bool = False
    notes: str | None = None
    booking: str | None = None
    complaint: str | None = None
    suggestion: str | None = None
    next_date: date | None = None
    next_at: str | None = None
    next_place: str | None = None
    new_customer: bool = False
    conflict: bool = False
    cancel_reason: str | None = None
    followups: list[FollowupRef] = field(default_factory=list)

    @property
    def next(self) -> str | None:
        """The next meeting as `YYYY-MM-DD [HH:MM]`."""
        if self.next_date is None:
            return None
        return (
            f"{self.next_date.isoformat()} {self.next_at}"
            if self.next_at
            else self.next_date.isoformat()
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "customer_id": self.customer_id,
            "customer": self.customer,
            "rep": self.rep,
            "date": self.date.isoformat(),
            "status": self.status,
            "at": self.at,
            "purpose": self.purpose,
            "appointment": self.appointment,
            "place": self.place,
            "start": self.start,
            "minutes": self.minutes,
            "over_time": self.over_time,
            "notes": self.notes,
            "booking": self.booking,
            "complaint": self.complaint,
            "suggestion": self.suggestion,
            "next": self.next,
            "next_place": self.next_place,
            "new_customer": self.new_customer,
            "conflict": self.conflict,
            "cancel_reason": self.cancel_reason,
            "followups": [ref.to_json() for ref in self.followups],
        }
