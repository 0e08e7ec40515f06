"""Customer screens: the list, the file as a card, the log of changes.

Names and phones are never cut: a long name wraps inside its cell, a phone stays on one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from salesvisit_cli.domain.customers import Customer
from salesvisit_cli.i18n import _, ngettext
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert
from salesvisit_cli.render.words import date_label, moment, source_label, word

TIER_STYLE = {"key": "bold magenta", "normal": ""}
NARROW = 100  # columns: under this, the narrower list


def customer_table(customers: Sequence[Customer]) -> None:
    """One row per customer; under NARROW columns, or when the longest name would not fit on one
    line, the contact goes under the phone and the tier and owner under the status."""
    if out().width < NARROW or not _wide_fits(customers):
        _narrow_table(customers)
    else:
        _wide_table(customers)
    count = ngettext("{count} customer", "{count} customers", len(customers))
    out().print(inert(count.format(count=len(customers)), style="dim"))


def _wide_fits(customers: Sequence[Customer]) -> bool:
    """Every row of the wide table fits the screen, each cell on one line."""
    from rich.cells import cell_len

    headers = (_("ID"), _("Name"), _("Tier"), _("Status"), _("Contact"), _("Phone"), _("Owner"))
    widest = [cell_len(header) for header in headers]
    for c in customers:
        cells = (str(c.id), c.name, word("tier", c.tier), word("status", c.status), c.contact,
                 c.phone, c.owner)  # fmt: skip
        widest = [max(w, cell_len(cell or "")) for w, cell in zip(widest, cells, strict=True)]
    return sum(widest) + 3 * len(widest) + 1 <= out().width


def _narrow_table(customers: Sequence[Customer]) -> None:
    from salesvisit_cli.render.tables import data_table

    table = data_table((_("ID"),))
    table.add_column(_("Name"), overflow="fold")
    table.add_column(_("Phone"), no_wrap=True)
    table.add_column(_("Status"), overflow="fold")
    for c in customers:
        phone = inert(c.phone)
        if c.contact:
            phone.append("\n").append_text(inert(c.contact))
        status = inert(" · ".join((word("status", c.status), word("tier", c.tier))))
        if c.owner:
            status.append("\n").append_text(inert(c.owner))
        table.add_row(str(c.id), inert(c.name, style=TIER_STYLE.get(c.tier, "")), phone, status)
    out().print(table)


def _wide_table(customers: Sequence[Customer]) -> None:
    """Each cell on one line (`_wide_fits`): drawn by `print_table`, not cell by cell."""
    from salesvisit_cli.render.tables import data_table, print_table

    table = data_table((_("ID"),))
    table.add_column(_("Name"), overflow="fold")
    for title in (_("Tier"), _("Status")):
        table.add_column(title, no_wrap=True)
    table.add_column(_("Contact"))
    table.add_column(_("Phone"), no_wrap=True)
    table.add_column(_("Owner"))
    for c in customers:
        table.add_row(
            str(c.id),
            inert(c.name, style=TIER_STYLE.get(c.tier, "")),
            word("tier", c.tier),
            word("status", c.status),
            inert(c.contact),
            inert(c.phone),
            inert(c.owner),
        )
    print_table(table)


def field_labels() -> dict[str, str]:
    """The customer's fields (JSON keys) as the card names them."""
    return {
        "name": _("Name"),
        "tier": _("Tier"),
        "status": _("Status"),
        "contact": _("Contact"),
        "phone": _("Phone"),
        "email": _("E-mail"),
        "address": _("Address"),
        "district": _("District"),
        "location": _("Location"),
        "hours": _("Office hours"),
        "industry": _("Industry"),
        "size": _("Size"),
        "source": _("Source"),
        "web": _("Web shop"),
        "owner": _("Owner"),
        "first_visit_on": _("First visit"),
        "note": _("Note"),
    }


def _point(customer: Customer) -> str | None:
    if customer.lat is None or customer.lon is None:
        return None
    return f"{customer.lat:.6f}, {customer.lon:.6f}"


def customer_card(customer: Customer, title: str | None = None) -> None:
    """The customer's file as a two-column card."""
    from rich.panel import Panel
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    missing = _("— missing (confirm before visiting)")
    status = word("status", customer.status)
    if customer.client_since:
        status += _(" since {day}").format(day=date_label(customer.client_since))
    values = {
        "tier": word("tier", customer.tier),
        "status": status,
        "address": customer.address or missing,
        "hours": customer.hours or missing,
        "source": customer.source and source_label(customer.source),
        "location": _point(customer),
        "first_visit_on": customer.first_visit_on and date_label(customer.first_visit_on),
    }
    for key, label in field_labels().items():
        value = values.get(key, getattr(customer, key, None)) if key != "name" else None
        if value:
            grid.add_row(label, inert(value))
    heading = inert(title or _heading(customer), style="bold")
    out().print(Panel(grid, title=heading, title_align="left", expand=False))


def log_reason(reason: str | None) -> str:
    """A log entry's reason as shown: those the program writes (English codes in the database
    and JSON: the pool rule, the front desk, a booking) in the interface language."""
    from salesvisit_cli.domain import reception
    from salesvisit_cli.domain.pool import reason_shown

    return reception.reason_shown(reason) or word("log", reason_shown(reason) or "")


def customer_log(customer: Customer, entries: Sequence[dict]) -> None:
    """The customer's log: one row per change of owner or edit of the file."""
    from salesvisit_cli.render.tables import data_table

    table = data_table((_("When"), _("Who"), _("What"), _("From"), _("To"), _("Fields"), _("Why")))
    table.columns[0].no_wrap = True
    table.columns[-1].overflow = "fold"  # a reason in Chinese has no spaces to wrap at
    labels = field_labels()
    for entry in entries:
        table.add_row(
            moment(datetime.fromisoformat(entry["at"])),
            inert(entry["by"] or "—"),
            word("log", entry["event"]),
            inert(entry["from"] or ""),
            inert(entry["to"] or ""),
            _(", ").join(labels.get(name, name) for name in _logged_fields(entry["fields"])),
            inert(log_reason(entry["reason"])),
        )
    out().print(inert(_heading(customer), style="bold"))
    out().print(table)


def _logged_fields(names: Sequence[str]) -> list[str]:
    """The fields of a log entry as the card shows them: `lat` and `lon` are its location."""
    shown = ("location" if name in ("lat", "lon") else name for name in names)
    return list(dict.fromkeys(shown))


def _heading(customer: Customer) -> str:
    return _("{name}  (id {id})").format(name=customer.name, id=customer.id)
