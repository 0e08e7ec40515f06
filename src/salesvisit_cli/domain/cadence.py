"""Visit cadence per tier (CLI.md "Cadence and the pool"): when an owned customer is due for a
visit. Calendar days: a key customer visited on 1 March is due on 15 March (14 days later),
whatever the weekends and holidays in between."""

from __future__ import annotations

from datetime import date, timedelta


def anchor(owned_since: date, last_visit: date | None) -> date:
    """The day the clock starts from: the owner's last completed visit, or the day they got the
    customer (created, assigned, claimed) when that is later or there is no visit."""
    return owned_since if last_visit is None or last_visit < owned_since else last_visit


def cadence_days(tier: str, key_days: int, normal_days: int) -> int:
    """How often the tier is visited (`cadence.key_days`, `cadence.normal_days`)."""
    return key_days if tier == "key" else normal_days


def due_since(start: date, tier: str, key_days: int, normal_days: int) -> date:
    """The day a customer whose clock started on `start` becomes due for a visit."""
    return start + timedelta(days=cadence_days(tier, key_days, normal_days))


def days_overdue(due: date, today: date) -> int:
    """Days past the due day (0 on the day itself; negative: not due yet)."""
    return (today - due).days
