"""No double reports (CLI.md "The day"): a report by customer completes the visit planned that
day; a second completed visit to a customer the same day needs --again; a salesperson is never
at two calls at once."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from salesvisit_cli.domain.errors import NotFoundError, ValidationError
from salesvisit_cli.domain.messages import date_label
from salesvisit_cli.domain.visit_report import (
    ReportFields,
    overlapping_report,
    same_customer_report,
)
from salesvisit_cli.i18n import _
from salesvisit_cli.store import reports as rows

if TYPE_CHECKING:
    from datetime import date

    from sqlalchemy.engine import Connection


def planned_that_day(
    connection: Connection, rep_id: int | None, customer_id: int, day: date
) -> int | None:
    """The salesperson's visit to the customer planned that day (the first), if any."""
    if rep_id is None:
        return None
    planned = rows.planned_ids(connection, rep_id, customer_id, day)
    return min(planned) if planned else None


def refuse_double(
    connection: Connection,
    rep_id: int | None,
    *,
    visit_id: int | None,
    customer_id: int,
    fields: ReportFields,
    completing: bool,
    again: bool,
) -> None:
    """Refuse a report that would be a second visit to the customer that day (a new completion
    without `again`) or whose time overlaps another completed visit of the salesperson."""
    if rep_id is None or fields.date is None:
        return
    others = [
        slot
        for slot in rows.done_on_day(connection, rep_id, fields.date)
        if slot.visit_id != visit_id
    ]
    first = same_customer_report(customer_id, others) if completing and not again else None
    if first is not None:
        raise ValidationError(
            _(
                "{customer} already has a completed visit on {day}: visit {id} ({when}); "
                "change it with `salesvisit visit report {id} --amend`, or record another "
                "visit with --again"
            ).format(
                customer=first.customer,
                day=date_label(fields.date),
                id=first.visit_id,
                when=first.when(),
            )
        )
    clash = overlapping_report(fields.start, fields.minutes, others)
    if clash is not None:
        raise ValidationError(
            _("this report's time overlaps visit {id} ({customer}, {when}) on {day}").format(
                id=clash.visit_id,
                customer=clash.customer,
                when=clash.when(),
                day=date_label(fields.date),
            )
        )


def new_customer_fields(connection: Connection, name: str) -> dict[str, Any]:
    """The file of a customer added by `visit report --new-customer NAME`: the checks of
    `customer add` (a name already on file is refused: report that customer instead)."""
    from salesvisit_cli.domain.customers import clean_fields
    from salesvisit_cli.store.customers import same_name

    fields = clean_fields({"name": name})
    existing = same_name(connection, fields["name"], None)
    if existing is not None:
        raise ValidationError(
            _(
                "customer {name!r} (id {id}) is already on file: report it with --customer {id}"
            ).format(name=existing.name, id=existing.id)
        )
    return fields


def no_match_hint(error: NotFoundError) -> NotFoundError:
    """`no customer matches …`, saying how to add the customer on the spot."""
    return NotFoundError(
        _("{error}; to add a new customer with this report, use --new-customer NAME").format(
            error=error
        )
    )
