"""`customer show`: a customer's file, every visit and the open follow-ups."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from salesvisit_cli.domain.customers import Customer
from salesvisit_cli.domain.followups import FollowupItem, followup_item
from salesvisit_cli.domain.visits import VisitView
from salesvisit_cli.services.context import Work
from salesvisit_cli.store import followups as followup_rows


@dataclass
class CustomerFile:
    """`customer show`: the file, every visit (newest first) and the open follow-ups."""

    customer: Customer
    visits: list[VisitView]
    followups: list[FollowupItem]

    def to_json(self) -> dict[str, Any]:
        data = self.customer.to_json()
        data["visits"] = [visit.to_json() for visit in self.visits]
        data["followups"] = [item.to_json() for item in self.followups]
        return data


def customer_file(work: Work, ref: str) -> CustomerFile:
    """The customer REF's file with every visit (newest first) and the open follow-ups."""
    from salesvisit_cli.services.customers import resolve
    from salesvisit_cli.services.pool import with_due
    from salesvisit_cli.services.visits import views

    today, max_minutes = work.today, work.max_minutes
    with work.store.read() as connection:
        customer = resolve(connection, ref)
        return CustomerFile(
            with_due([customer], work.config.cadence)[0],
            views(connection, customer_id=customer.id, max_minutes=max_minutes, newest_first=True),
            [
                followup_item(row, today)
                for row in followup_rows.open_for_customer(connection, customer.id)
            ],
        )
