"""The pool and cadence screens: `customer pool`, `claim`, `release`, `list --due`."""

from __future__ import annotations

from collections.abc import Sequence

from salesvisit_cli.domain.customers import Customer
from salesvisit_cli.i18n import _, ngettext
from salesvisit_cli.render.console import out, success
from salesvisit_cli.render.safe import inert
from salesvisit_cli.render.words import date_label


def _tier(tier: str) -> str:
    return _("key") if tier == "key" else _("normal")


def _stacked(*values):
    """Values (str or Text) of a narrow table's cell, one a line."""
    from rich.text import Text

    return Text("\n").join(Text(value) if isinstance(value, str) else value for value in values)


POOL_SHOWN = 50  # the screen shows what came into the pool last; --json lists it all


def pool_table(entries: Sequence) -> None:
    """`customer pool`: the `POOL_SHOWN` customers released last (then those never owned, by
    id), one row each, then how many the pool holds; on a narrow screen the district goes
    under the name, the dates and the former owner under each other."""
    from salesvisit_cli.render.tables import data_table, narrow

    stacked = narrow()
    if stacked:
        columns = (_("ID"), _("Name"), _("Tier"), "\n".join((_("Last visit"), _("Released"))),
                   _("From"))  # fmt: skip
    else:
        columns = (_("ID"), _("Name"), _("District"), _("Tier"), _("Last visit"),
                   _("Released"), _("From"))  # fmt: skip
    table = data_table(columns)
    table.columns[1].overflow = "fold"  # a whole name: two names never look the same
    released = [entry for entry in entries if entry.row.released_at]
    released.sort(key=lambda entry: (entry.row.released_at, entry.row.id), reverse=True)
    never_owned = [entry for entry in entries if not entry.row.released_at]
    for entry in (released + never_owned)[:POOL_SHOWN]:
        row = entry.row
        dates = (
            date_label(row.last_visit) if row.last_visit else "—",
            date_label(row.released_at.date()) if row.released_at else "—",
        )
        if stacked:
            name = inert(row.name)
            if row.district:
                name.append("\n").append_text(inert(row.district, style="dim"))
            cells = (name, _tier(row.tier), _stacked(*dates))
        else:
            cells = (inert(row.name), inert(row.district or ""), _tier(row.tier), *dates)
        table.add_row(str(row.id), *cells, inert(row.released_from or ""))
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
    """`customer list --due`: the `DUE_SHOWN` most overdue customers, then how many more; on a
    narrow screen the owner goes under the tier and the due date under the last visit."""
    from salesvisit_cli.render.tables import data_table, narrow

    stacked = narrow()
    overdue = _("Overdue")
    if stacked:
        columns = (_("ID"), _("Name"), "\n".join((_("Tier"), _("Owner"))),
                   "\n".join((_("Last visit"), _("Due"))), overdue)  # fmt: skip
    else:
        columns = (_("ID"), _("Name"), _("Tier"), _("Owner"), _("Last visit"), _("Due"), overdue)
    table = data_table(columns, right=(_("ID"), overdue))
    table.columns[1].overflow = "fold"
    for c in customers[:DUE_SHOWN]:
        who = (_tier(c.tier), inert(c.owner))
        dates = (date_label(c.last_visit) if c.last_visit else "—", date_label(c.due_since))
        days = c.extra["days_overdue"]
        late = ngettext("{days} day", "{days} days", days).format(days=days)
        if stacked:
            table.add_row(str(c.id), inert(c.name), _stacked(*who), _stacked(*dates), late)
        else:
            table.add_row(str(c.id), inert(c.name), *who, *dates, late)
    out().print(table)
    count = len(customers)
    line = ngettext("{count} customer due", "{count} customers due", count).format(count=count)
    if count > DUE_SHOWN:
        more = _("the {shown} most overdue shown; --json or --csv lists them all")
        line += " · " + more.format(shown=DUE_SHOWN)
    out().print(inert(line, style="dim"))
