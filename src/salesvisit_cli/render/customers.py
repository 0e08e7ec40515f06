"""Customer screens."""

from __future__ import annotations

from collections.abc import Sequence

from salesvisit_cli.domain.customers import Customer
from salesvisit_cli.i18n import _
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert

TIER_STYLE = {"key": "bold magenta", "normal": ""}


def customer_table(customers: Sequence[Customer]) -> None:
    from salesvisit_cli.render.tables import data_table

    table = data_table(("ID", "Name", "Tier", "Status", "Contact", "Phone", "Owner"))
    for c in customers:
        table.add_row(
            str(c.id),
            inert(c.name, style=TIER_STYLE.get(c.tier, "")),
            c.tier,
            c.status,
            inert(c.contact),
            inert(c.phone),
            inert(c.owner),
        )
    out().print(table)
    out().print(inert(f"{len(customers)} customer(s)", style="dim"))


def _point(customer: Customer) -> str | None:
    if customer.lat is None or customer.lon is None:
        return None
    return f"{customer.lat:.6f}, {customer.lon:.6f}"


def customer_card(customer: Customer, title: str | None = None) -> None:
    """The customer's file as a two-column card."""
    from rich.panel import Panel
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    rows = [
        ("Tier", customer.tier),
        (
            "Status",
            customer.status + (f" since {customer.client_since}" if customer.client_since else ""),
        ),
        ("Contact", customer.contact),
        ("Phone", customer.phone),
        ("E-mail", customer.email),
        ("Address", customer.address or "— missing (confirm before visiting)"),
        (_("District"), customer.district),
        (_("Location"), _point(customer)),
        ("Office hours", customer.hours or "— missing (confirm before visiting)"),
        ("Industry", customer.industry),
        ("Size", customer.size),
        ("Source", customer.source),
        ("Web shop", customer.web),
        ("Owner", customer.owner),
        ("First visit", customer.first_visit_on),
        ("Note", customer.note),
    ]
    for label, value in rows:
        if value:
            grid.add_row(label, inert(value))
    heading = inert(title or f"{customer.name}  (id {customer.id})", style="bold")
    out().print(Panel(grid, title=heading, title_align="left", expand=False))


def customer_log(customer: Customer, entries: Sequence[dict]) -> None:
    """The customer's log: one row per change of owner or edit of the file."""
    from salesvisit_cli.domain.pool import reason_shown
    from salesvisit_cli.render.tables import data_table

    table = data_table(("When", "Who", "What", "From", "To", "Fields", "Why"))
    for entry in entries:
        table.add_row(
            entry["at"].replace("T", " "),
            inert(entry["by"] or "—"),
            entry["event"],
            inert(entry["from"] or ""),
            inert(entry["to"] or ""),
            ", ".join(entry["fields"]),
            inert(reason_shown(entry["reason"]) or ""),
        )
    out().print(inert(f"{customer.name}  (id {customer.id})", style="bold"))
    out().print(table)
