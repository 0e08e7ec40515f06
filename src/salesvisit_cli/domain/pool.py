"""The public pool (公海, CLI.md "Cadence and the pool"): a customer its owner does not visit
for `pool.release_days` days has no owner from the day after; claims are limited per salesperson
and a released customer cannot go straight back to the salesperson who lost it."""

from __future__ import annotations

from datetime import date, timedelta

from salesvisit_cli.domain.messages import date_label
from salesvisit_cli.i18n import _, ngettext

WARN_DAYS = 7  # the morning briefing warns this many days ahead
RULE_REASON = "no visit for {days} days"  # stored in the log (English: JSON is one language)


def release_on(start: date, release_days: int) -> date | None:
    """The first day without an owner for a customer whose clock started on `start` (the owner's
    last completed visit, else the day they got it); None when releases are off (0)."""
    if release_days <= 0:
        return None
    return start + timedelta(days=release_days + 1)


def release_day(
    start: date, release_days: int, held: bool, hold_ended: date | None = None
) -> date | None:
    """The day the rule releases the customer: `release_on`, never while an open booking or
    complaint follow-up holds it (`held`), and not before the day after the last one closed."""
    day = release_on(start, release_days)
    if day is None or held:
        return None
    if hold_ended is not None and hold_ended >= day:
        return hold_ended + timedelta(days=1)
    return day


def is_released(start: date, release_days: int, today: date, held: bool = False) -> bool:
    """Does the rule put the customer in the pool on `today`?"""
    day = release_day(start, release_days, held)
    return day is not None and day <= today


def releasing_soon(day: date | None, today: date, within: int = WARN_DAYS) -> bool:
    """A release within `within` days from today (the briefing's `releasing`)."""
    return day is not None and today < day <= today + timedelta(days=within)


def reclaim_from(released_on: date, reclaim_days: int) -> date:
    """The first day the salesperson who lost a customer may claim it again."""
    return released_on + timedelta(days=reclaim_days)


def past_limit(owned: int, adding: int, claim_limit: int) -> bool:
    """Would one salesperson own more than `pool.claim_limit` (0: no limit) customers?"""
    return bool(claim_limit) and owned + adding > claim_limit


def claim_refusal(
    *,
    owned: int,
    claiming: int,
    claim_limit: int,
    released_from_me_on: date | None,
    reclaim_days: int,
    today: date,
) -> str | None:
    """Why a claim is refused (None: allowed): past `pool.claim_limit` (0: no limit), or within
    `pool.reclaim_days` of this customer's release from the same salesperson."""
    if past_limit(owned, claiming, claim_limit):
        return ngettext(
            "you own {owned} customer and may own at most {limit} (pool.claim_limit)",
            "you own {owned} customers and may own at most {limit} (pool.claim_limit)",
            owned,
        ).format(owned=owned, limit=claim_limit)
    if released_from_me_on is not None:
        allowed = reclaim_from(released_from_me_on, reclaim_days)
        if today < allowed:
            return _("it left you on {released}; you may claim it again from {allowed}").format(
                released=date_label(released_from_me_on), allowed=date_label(allowed)
            )
    return None


def rule_reason(release_days: int) -> str:
    """The reason a release by the rule records."""
    return RULE_REASON.format(days=release_days)


def reason_shown(reason: str | None) -> str | None:
    """A logged reason as a person reads it: the rule's own reason in the interface language."""
    import re

    found = re.fullmatch(r"no visit for (\d+) days", reason or "")
    if not found:
        return reason
    days = int(found.group(1))
    return ngettext("no visit for {days} day", "no visit for {days} days", days).format(days=days)
