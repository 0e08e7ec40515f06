"""Visits as an iCalendar file (RFC 5545) that phones import: built with `icalendar`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from salesvisit_cli.domain.calendar_feed import CalendarEntry
from salesvisit_cli.i18n import _
from salesvisit_cli.render.safe import clean

PRODUCT_ID = "-//salesvisit//visit calendar//EN"


def step_labels() -> dict[str, str]:
    """The R2 preparation steps as a person reads them (PROCESS.md R2)."""
    return {
        "screen": _("screen the customer"),
        "materials": _("prepare materials"),
        "address": _("confirm address and office hours"),
        "outline": _("prepare the negotiation outline"),
        "appointment": _("make an appointment"),
    }


def description(entry: CalendarEntry) -> str:
    """The event's notes: the purpose and the preparation steps still open."""
    lines = []
    if entry.purpose:
        lines.append(_("Purpose: {purpose}").format(purpose=clean(entry.purpose)))
    if entry.open_steps:
        labels = step_labels()
        lines.append(
            _("Still to prepare: {steps}").format(
                steps=_(", ").join(labels[step] for step in entry.open_steps)
            )
        )
    return "\n".join(lines)


def ics_document(entries: Sequence[CalendarEntry], zone_name: str | None, stamp: datetime) -> bytes:
    """The calendar: times in `zone_name` (with its VTIMEZONE), or in UTC when no zone is
    configured (the system's local times converted); `stamp` is DTSTAMP (now)."""
    from icalendar import Calendar, Event

    zone = _zone(zone_name)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Visits"))
    utc_stamp = stamp.astimezone(UTC)
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", utc_stamp)
        event.add("sequence", entry.sequence)
        event.add("summary", clean(entry.summary))
        if entry.start is None:
            event.add("dtstart", entry.day)
            event.add("dtend", entry.day + timedelta(days=1))
            event.add("transp", "TRANSPARENT")
        else:
            event.add("dtstart", _aware(entry.start, zone))
            event.add("dtend", _aware(entry.end, zone))
        if entry.location:
            event.add("location", clean(entry.location))
        notes = description(entry)
        if notes:
            event.add("description", notes)
        event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        calendar.add_component(event)
    if zone is not None:
        calendar.add_missing_timezones()
    return calendar.to_ical()


def _zone(name: str | None):
    if name is None:
        return None
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _aware(moment: datetime, zone) -> datetime:
    """A wall time in the configured zone, or the system's local time converted to UTC."""
    if zone is not None:
        return moment.replace(tzinfo=zone)
    return moment.astimezone().astimezone(UTC)
