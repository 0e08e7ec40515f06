"""Visits as calendar events: stable UIDs, the sequence, all-day and timed events."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

from salesvisit_cli.domain.calendar_feed import calendar_entry, sequence, visit_uid


def _row(**values):
    row = dict(id=7, date=date(2026, 12, 4), at="09:45", status="planned", purpose=None,
               place=None, appointment=False, cancel_reason=None, customer="华美",
               address="上海", revisions=0, moves=0)  # fmt: skip
    return SimpleNamespace(**{**row, **values})


def test_uid_depends_on_the_visit_only():
    assert visit_uid(7) == visit_uid(7) != visit_uid(8)


def test_sequence_rises_with_moves_revisions_and_cancellation():
    assert [sequence(0, 0, False), sequence(1, 0, False), sequence(1, 2, True)] == [0, 1, 4]


def test_a_timed_visit_lasts_max_minutes_and_lists_open_steps():
    entry = calendar_entry(_row(appointment=True), {"screen", "outline"}, 45)
    assert entry.start == datetime(2026, 12, 4, 9, 45)
    assert entry.end == datetime(2026, 12, 4, 10, 30)
    assert entry.open_steps == ("materials", "address")
    assert entry.location == "上海" and not entry.cancelled


def test_untimed_and_cancelled_visits():
    entry = calendar_entry(_row(at=None, status="cancelled", place="their office", moves=1),
                           set(), 30)  # fmt: skip
    assert entry.start is None and entry.end is None
    assert entry.cancelled and entry.sequence == 2 and entry.open_steps == ()
    assert entry.location == "their office"
