"""R4: the visit report — its fields, what makes it valid, over time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime, timedelta
from typing import Any

from salesvisit_cli.domain.dates import (
    local_moment,
    minutes_before,
    minutes_between,
    parse_date,
    parse_minutes,
    parse_time,
)
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.messages import date_label
from salesvisit_cli.domain.text import check_text
from salesvisit_cli.i18n import N_, _

MIN_MINUTES = 1
MAX_MINUTES = 600
REQUIRED = ("start", "minutes", "notes")
OPTIONAL_TEXT = ("booking", "complaint", "suggestion", "next_place")


@dataclass(frozen=True)
class ReportFields:
    """What a salesperson writes about one call."""

    date: date
    start: str | None = None
    minutes: int | None = None
    notes: str | None = None
    booking: str | None = None
    complaint: str | None = None
    suggestion: str | None = None
    next_date: date | None = None
    next_at: str | None = None
    next_place: str | None = None

    @classmethod
    def of(cls, visit: Any) -> ReportFields:
        """The report part of a stored visit (any object with these attributes)."""
        return cls(**{name: getattr(visit, name) for name in REPORT_FIELDS})

    def values(self) -> dict[str, Any]:
        """The report as visit column values."""
        return {name: getattr(self, name) for name in REPORT_FIELDS}

    def snapshot(self) -> dict[str, Any]:
        """The report as JSON-ready data (kept in VisitRevision when amended)."""
        data = asdict(self)
        for key in ("date", "next_date"):
            data[key] = data[key].isoformat() if data[key] else None
        return data

    @property
    def outcome(self) -> str:
        return outcome(self.booking, self.complaint, self.next_date)


# The report fields a revision keeps (JSON), in display order.
REPORT_FIELDS = tuple(f.name for f in fields(ReportFields))


def outcome(booking: str | None, complaint: str | None, next_date: date | None) -> str:
    """One word for a visit's result: booking, complaint, next meeting or none."""
    parts = []
    if booking:
        parts.append(N_("booking"))
    if complaint:
        parts.append(N_("complaint"))
    if next_date:
        parts.append(N_("next meeting"))
    return ", ".join(parts) or N_("none")


def check_minutes(minutes: int) -> int:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise ValidationError(
            _("minutes must be between {MIN_MINUTES} and {MAX_MINUTES} (got {minutes})").format(
                MIN_MINUTES=MIN_MINUTES, MAX_MINUTES=MAX_MINUTES, minutes=minutes
            )
        )
    return minutes


def clean_changes(raw: dict[str, Any], today: date) -> dict[str, Any]:
    """The given report options, validated and typed (a blank optional text clears it).

    Keys: date, start, minutes, end, notes, booking, complaint, suggestion, next, next_place.
    """
    unknown = set(raw) - {*REPORT_FIELDS, "end", "next"}
    if unknown:
        raise ValidationError(
            _("unknown report field(s): {value}").format(value=", ".join(sorted(unknown)))
        )
    if "minutes" in raw and "end" in raw:
        raise ValidationError(_("give either --minutes or --end, not both"))
    fields: dict[str, Any] = {}
    if "date" in raw:
        fields["date"] = (
            raw["date"] if isinstance(raw["date"], date) else parse_date(raw["date"], today)
        )
    if "start" in raw:
        fields["start"] = parse_time(raw["start"])
    if "end" in raw:
        fields["end"] = parse_time(raw["end"])
    if "minutes" in raw:
        value = raw["minutes"]
        fields["minutes"] = check_minutes(
            value if isinstance(value, int) else parse_minutes(str(value))
        )
    if "notes" in raw:
        notes = check_text("notes", raw["notes"], max_length=20_000, multiline=True)
        if not notes:
            raise ValidationError(_("the notes (key points discussed) are empty"))
        fields["notes"] = notes
    for name in OPTIONAL_TEXT:
        if name in raw:
            label = name.replace("_", " ")
            fields[name] = check_text(label, raw[name], max_length=20_000, multiline=True)
    if "next" in raw:
        from salesvisit_cli.domain.followups import parse_next_meeting

        text = check_text("next meeting", raw["next"], max_length=40)
        fields["next_date"], fields["next_at"] = (
            parse_next_meeting(text, today) if text else (None, None)
        )
    return fields


def merge(old: ReportFields, changes: dict[str, Any]) -> ReportFields:
    """The report with the cleaned `changes` applied (`end` becomes minutes from the start)."""
    values = {key: value for key, value in changes.items() if key != "end"}
    merged = replace(old, **values)
    if "end" in changes:
        if merged.start is None:
            raise ValidationError(_("--end needs a start time (--start HH:MM)"))
        merged = replace(
            merged, minutes=check_minutes(minutes_between(merged.start, changes["end"]))
        )
    if merged.next_date is None and merged.next_place and "next_place" in changes:
        raise ValidationError(_("--next-place needs a next meeting (--next 'YYYY-MM-DD [HH:MM]')"))
    if merged.next_date is None:
        merged = replace(merged, next_at=None, next_place=None)
    return merged


def assume_start(fields: ReportFields, now: datetime) -> ReportFields:
    """Today's call reported without a start time just ended (R4: the report is written right
    after the call), so it started `minutes` ago; other reports are left as they are."""
    if fields.start is not None or fields.minutes is None or fields.date != now.date():
        return fields
    begin = minutes_before(now, fields.minutes)
    if begin.date() != fields.date:
        return fields
    return replace(fields, start=begin.strftime("%H:%M"))


def missing(fields: ReportFields) -> list[str]:
    """The required fields still empty (asked for on a terminal, errors otherwise)."""
    return [name for name in REQUIRED if getattr(fields, name) is None]


def check_complete(fields: ReportFields, now: datetime) -> None:
    """A report is complete and describes a call that already happened."""
    absent = missing(fields)
    if absent:
        options = ", ".join(f"--{name}" for name in absent)
        raise ValidationError(
            _("missing {options}: the report needs a start time, minutes and notes").format(
                options=options
            )
        )
    assert fields.start is not None and fields.minutes is not None
    check_minutes(fields.minutes)
    if fields.date > now.date():
        raise ValidationError(
            _("the visit date {date} is in the future").format(date=date_label(fields.date))
        )
    end = local_moment(fields.date, fields.start) + timedelta(minutes=fields.minutes)
    if end > now.astimezone():
        raise ValidationError(
            _(
                "a visit from {start} for {minutes} min on {date} ends at {value:%H:%M}, which is "
                "in the future: report it after the call"
            ).format(
                start=fields.start,
                minutes=fields.minutes,
                date=date_label(fields.date),
                value=end.astimezone(),
            )
        )


def is_over_time(minutes: int | None, max_minutes: int) -> bool:
    return minutes is not None and minutes > max_minutes


def over_time_message(minutes: int | None, max_minutes: int) -> str | None:
    """A friendly word when a call ran past the guideline (R3: allowed, just flagged)."""
    if not is_over_time(minutes, max_minutes):
        return None
    extra = minutes - max_minutes  # type: ignore[operator]
    from salesvisit_cli.i18n import _

    text = _(
        "{minutes} min is {extra} min over the {max_minutes}-minute guideline: flagged as over "
        "time. That's fine when the customer wanted more time."
    )
    return text.format(minutes=minutes, extra=extra, max_minutes=max_minutes)


def converts_to_client(status: str, booking: str | None) -> bool:
    """A booking turns a prospect into a client."""
    return status == "prospect" and bool(booking)


@dataclass(frozen=True)
class ReportedSlot:
    """Another completed visit of the same salesperson and day (for the double-report checks)."""

    visit_id: int
    customer_id: int
    customer: str
    start: str | None
    minutes: int | None

    @property
    def span(self) -> tuple[int, int] | None:
        return _span(self.start, self.minutes)

    def when(self) -> str:
        """`HH:MM–HH:MM` (or just the start)."""
        span = self.span
        if span is None:
            return self.start or "?"
        end = span[1] % (24 * 60)
        return f"{self.start}–{end // 60:02d}:{end % 60:02d}"


def _span(start: str | None, minutes: int | None) -> tuple[int, int] | None:
    if start is None or not minutes:
        return None
    hours, mins = start.split(":")
    begin = int(hours) * 60 + int(mins)
    return begin, begin + minutes


def overlapping_report(
    start: str | None, minutes: int | None, others: Iterable[ReportedSlot]
) -> ReportedSlot | None:
    """The first other completed visit whose time overlaps [start, start + minutes): one
    salesperson cannot be at two calls at once (back to back is fine)."""
    mine = _span(start, minutes)
    if mine is None:
        return None
    for other in others:
        theirs = other.span
        if theirs is not None and mine[0] < theirs[1] and theirs[0] < mine[1]:
            return other
    return None


def same_customer_report(customer_id: int, others: Iterable[ReportedSlot]) -> ReportedSlot | None:
    """An earlier completed visit to the same customer that day (a second one needs --again)."""
    return next((other for other in others if other.customer_id == customer_id), None)
