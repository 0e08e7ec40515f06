"""R8 at the front desk (前台接待): the duty group, who receives a walk-in or a call, and the
market-research credit (补客户).

The front desk receives every walk-in and call first. A customer who dealt with a salesperson
before goes to that salesperson (its owner); a new one goes round the group on duty that day;
a walk-in found to be market research earns its salesperson the next new walk-in out of turn.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from salesvisit_cli.domain.dates import WEEKDAYS
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.i18n import N_, _

WALKIN, CALL = "walkin", "call"
KINDS = (WALKIN, CALL)
# The words for a registration's kind and for how it found its salesperson (message ids).
KIND_WORDS = {WALKIN: N_("walk-in"), CALL: N_("call")}
HOW_WORDS = {
    "owner": N_("their salesperson"),
    "contacted": N_("the salesperson they contacted"),
    "duty": N_("on duty"),
    "replacement": N_("replacement for market research"),
}
# Where a new customer heard of the company (信息获取渠道, R8): these, or free text.
SOURCES = ("web", "trade fair", "referral", "directory", "news report")
_SOURCE_WORDS = {
    "网络": "web",
    "网站": "web",
    "网上": "web",
    "展会": "trade fair",
    "介绍": "referral",
    "转介绍": "referral",
    "名录": "directory",
    "黄页": "directory",
    "新闻": "news report",
    "新闻报道": "news report",
    "tradefair": "trade fair",
    "news": "news report",
}


def duty_slot(day: date) -> str:
    """The weekly-pattern slot of a day: `mon` … `sun`."""
    return WEEKDAYS[day.weekday()]


def duty_group(slots: Mapping[str, Sequence[str]], day: date) -> list[str]:
    """Who is on duty on `day`: the group set for that date, else the weekly pattern's."""
    group = slots.get(day.isoformat())
    if group is None:
        group = slots.get(duty_slot(day), ())
    return sorted(set(group), key=name_order)


_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def name_order(name: str) -> tuple[str, str]:
    """The order of names in the round: ASCII letters case-folded, then code points (so the
    database's `lower(name COLLATE "C")` orders them the same, whatever its locale)."""
    return (name.translate(_ASCII_LOWER), name)


def next_on_duty(group: Sequence[str], received: Mapping[str, int]) -> str:
    """R8: the salesperson on duty who receives the next new customer: the one who received
    the fewest new customers that day, then by name. Deterministic: the same group and counts
    always give the same salesperson."""
    if not group:
        raise ValidationError(
            _(
                "nobody is on duty: a manager sets the duty group with "
                "`salesvisit duty set WEEKDAY|DATE REP…`"
            )
        )
    return min(group, key=lambda name: (received.get(name, 0), *name_order(name)))


def reason_shown(reason: str | None) -> str | None:
    """A reason the front desk's registrations log (`reception walkin (duty)`, `market
    research: …`, English in the database) in the interface language; None: not one of them."""
    import re

    found = re.fullmatch(r"reception (walkin|call)(?: \((\w+)\))?", reason or "")
    if found and found.group(2) in (None, *HOW_WORDS):
        kind = _(KIND_WORDS[found.group(1)])
        if found.group(2) is None:
            return _("front desk: {kind}").format(kind=kind)
        how = _(HOW_WORDS[found.group(2)])
        return _("front desk: {kind}, {how}").format(kind=kind, how=how)
    found = re.fullmatch(r"market research: (.*)", reason or "", re.DOTALL)
    if found:
        return _("market research: {reason}").format(reason=found.group(1))
    return None


@dataclass(frozen=True)
class Known:
    """A customer already on file, as the front desk may see it (name and phone only)."""

    id: int
    name: str
    phone: str | None
    owner: str | None


def existing_customer(by_name: Known | None, by_phone: Sequence[Known]) -> Known | None:
    """The customer a walk-in or caller already is: the one the duplicate-name rule finds, or
    the one customer with the same phone. A phone on file for two customers, or a name and a
    phone naming two different customers, cannot be decided here: an error naming them."""
    phones = {known.id: known for known in by_phone}
    if len(phones) > 1:
        listed = _(", ").join(f"{k.id} {k.name}" for k in list(phones.values())[:5])
        raise ValidationError(
            _("this phone is on file for several customers ({listed}); register by name").format(
                listed=listed
            )
        )
    by_number = next(iter(phones.values()), None)
    if by_name and by_number and by_name.id != by_number.id:
        raise ValidationError(
            _(
                "the name matches customer {name} but the phone matches {phone}; "
                "check which one it is"
            ).format(name=f"{by_name.id} {by_name.name}", phone=f"{by_number.id} {by_number.name}")
        )
    return by_name or by_number


def clean_source(value: str | None) -> str | None:
    """A source as stored: one of SOURCES (English or Chinese words), else the free text."""
    if value is None or not value.strip():
        return None
    text = " ".join(value.split())
    key = text.casefold()
    if key in SOURCES:
        return key
    return _SOURCE_WORDS.get(key.replace(" ", ""), _SOURCE_WORDS.get(key, text))


def require_source(source: str | None) -> str:
    """A new customer's source is required (客户确认单: 信息获取渠道)."""
    if source is None:
        raise ValidationError(
            _(
                "a new customer needs --source: where they heard of us "
                "(web, trade fair, referral, directory, news report, or your own words)"
            )
        )
    return source


@dataclass(frozen=True)
class Credit:
    """A walk-in marked as market research whose salesperson has not had a replacement yet."""

    reception_id: int
    rep: str
    at: datetime


def replacement_due(credits: Sequence[Credit]) -> Credit | None:
    """The market-research credit (补客户) served by the next new walk-in: the oldest one."""
    return min(credits, key=lambda credit: (credit.at, credit.reception_id), default=None)


def check_research(kind: str, is_new: bool, researched: bool, reception_id: int) -> None:
    """Only a new customer's walk-in can be marked as market research, and only once."""
    if kind != WALKIN or not is_new:
        raise ValidationError(
            _(
                "registration {id} is not a new customer's walk-in: only those can be marked "
                "as market research"
            ).format(id=reception_id)
        )
    if researched:
        raise ValidationError(
            _("registration {id} is already marked as market research").format(id=reception_id)
        )


@dataclass
class Registered:
    """One registration: who came, how, and who received them."""

    id: int
    kind: str
    at: datetime
    customer_id: int
    customer: str
    rep: str
    new: bool
    how: str  # owner | contacted | duty | replacement
    followup_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "at": self.at.isoformat(timespec="seconds"),
            "customer_id": self.customer_id,
            "customer": self.customer,
            "rep": self.rep,
            "new": self.new,
            "how": self.how,
            "followup_id": self.followup_id,
        }


@dataclass
class ReceptionDay:
    """The day's figures the front desk hands to the sales assistant (上门客户总量（新客户量）、
    电话接听量)."""

    date: date
    entries: list[Registered] = field(default_factory=list)
    research: list[dict[str, Any]] = field(default_factory=list)

    def _count(self, kind: str, *, new: bool = False) -> int:
        return sum(1 for e in self.entries if e.kind == kind and (e.new or not new))

    def by_rep(self) -> list[dict[str, Any]]:
        reps = sorted({e.rep for e in self.entries}, key=name_order)
        return [
            {
                "rep": rep,
                "walkins": sum(1 for e in self.entries if e.rep == rep and e.kind == WALKIN),
                "calls": sum(1 for e in self.entries if e.rep == rep and e.kind == CALL),
                "new": sum(1 for e in self.entries if e.rep == rep and e.new),
            }
            for rep in reps
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "walkins": self._count(WALKIN),
            "new_walkins": self._count(WALKIN, new=True),
            "calls": self._count(CALL),
            "new_calls": self._count(CALL, new=True),
            "by_rep": self.by_rep(),
            "research": self.research,
            "entries": [entry.to_json() for entry in self.entries],
        }


@dataclass
class Duty:
    """The duty group of one day, and how many new customers each has received."""

    date: date
    group: list[str]
    received: dict[str, int]
    pattern: dict[str, list[str]]
    override: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "group": self.group,
            "override": self.override,
            "received": {name: self.received.get(name, 0) for name in self.group},
            "next": next_on_duty(self.group, self.received) if self.group else None,
            "pattern": {slot: self.pattern.get(slot, []) for slot in WEEKDAYS},
        }
