"""The pool and cadence screens: `customer pool`, `claim`, `release`, `list --due`."""

from __future__ import annotations

from collections.abc import Sequence

from salesvisit_cli.domain.customers import Customer
from salesvisit_cli.i18n import _, ngettext
from salesvisit_cli.render.console import out, success
from salesvisit_cli.render.safe import inert


def _tier(tier: str) -> str:
    return _("key") if tier == "key" else _("normal")


POOL_SHOWN = 50  # the screen shows what came into the pool last; --json lists it all


def pool_table(entries: Sequence) -> None:
    """`customer pool`: the `POOL_SHOWN` customers released last (then those never owned, by
    id), one row each, then how many the pool holds."""
    from salesvisit_cli.render.tables import data_table

    table = data_table((_("ID"), _("Name"), _("District"), _("Tier"), _("Last visit"),
                        _("Released"), _("From")), right=(_("ID"),))  # fmt: skip
    table.columns[1].overflow = "fold"  # a whole name: two names never look the same
    released = [entry for entry in entries if entry.row.released_at]
    released.sort(key=lambda entry: (entry.row.released_at, entry.row.id), reverse=True)
    never_owned = [entry for entry in entries if not entry.row.released_at]
    for entry in (released + never_owned)[:POOL_SHOWN]:
        row = entry.row
        table.add_row(
            str(row.id),
            inert(row.name),
            inert(row.district or ""),
            _tier(row.tier),
            row.last_visit.isoformat() if row.last_visit else "—",
            row.released_at.date().isoformat() if row.released_at else "—",
            inert(row.released_from or ""),
        )
    out().print(table)
    count = len(entries)
    line = ngettext("{count} customer in the pool", "{count} customers in the pool", count).format(
        count=count
    )
    if count > POOL_SHOWN:
        more = _("the {shown} released last shown; --json lists them all")
        line += " · " + more.format(shown=POOL_SHOWN)
    out().print(inert(line, style="dim"))


def claimed(customers: Sequence[Customer]) -> None:
    for customer in customers:
        success(_("Claimed customer {id}: {name}").format(id=customer.id, name=customer.name))


def released(customer: Customer) -> None:
    success(
        _("Customer {id} {name} is back in the pool").format(id=customer.id, name=customer.name)
    )


DUE_SHOWN = 30  # the screen is a to-do list: the most overdue first, the rest counted


def due_table(customers: Sequence[Customer]) -> None:
    """`customer list --due`: the `DUE_SHOWN` most overdue customers, then how many more."""
    from salesvisit_cli.render.tables import data_table

    table = data_table((_("ID"), _("Name"), _("Tier"), _("Owner"), _("Last visit"), _("Due"),
                        _("Overdue")), right=(_("ID"), _("Overdue")))  # fmt: skip
    table.columns[1].overflow = "fold"
    for c in customers[:DUE_SHOWN]:
        table.add_row(
            str(c.id),
            inert(c.name),
            _tier(c.tier),
            inert(c.owner),
            c.last_visit.isoformat() if c.last_visit else "—",
            c.due_since.isoformat(),
            ngettext("{days} day", "{days} days", c.extra["days_overdue"]).format(
                days=c.extra["days_overdue"]
            ),
        )
    out().print(table)
    count = len(customers)
    line = ngettext("{count} customer due", "{count} customers due", count).format(count=count)
    if count > DUE_SHOWN:
        more = _("the {shown} most overdue shown; --json or --csv lists them all")
        line += " · " + more.format(shown=DUE_SHOWN)
    out().print(inert(line, style="dim"))
