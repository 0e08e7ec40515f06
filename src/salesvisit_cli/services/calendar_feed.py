"""`visit export --ics`: the salesperson's planned and cancelled visits as calendar events."""

from __future__ import annotations

from datetime import date

from salesvisit_cli.domain.calendar_feed import CalendarEntry, calendar_entry
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.i18n import _
from salesvisit_cli.services.context import Work
from salesvisit_cli.store.calendar_feed import calendar_rows


def calendar_entries(work: Work, start: date | None, end: date | None) -> list[CalendarEntry]:
    """The events from `start` to `end` (either open), by date and time."""
    if start and end and start > end:
        raise ValidationError(_("--from {start} is after --to {end}").format(start=start, end=end))
    max_minutes = work.max_minutes
    with work.store.read() as connection:
        own_id = work.rep_id(connection)
        if own_id is None:
            return []
        found = calendar_rows(connection, own_id, start, end)
    return [calendar_entry(row, ticked, max_minutes) for row, ticked in found]
