"""Before a report is written (CLI.md "The day"): which visit or customer it is about, and no
double reports: a report by customer completes the visit planned that day; a second completed
visit to a customer the same day needs --again; a salesperson is never at two calls at once."""

from __future__ import annotations

from dataclasses import dataclass
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

    from salesvisit_cli.services.context import Work
    from salesvisit_cli.services.reports import ReportRequest


@dataclass
class ReportTarget:
    """What a report is about: the visit (None: an unplanned one), its customer and the report
    fields as they stand."""

    visit: Any | None
    customer_id: int
    customer: str
    base: ReportFields
    new_fields: dict[str, Any] | None = None  # a customer to add with the report


def report_target(
    connection: Connection, work: Work, request: ReportRequest, day: date | None = None
) -> ReportTarget:
    """The visit (or customer) a report is about, checked against the rules: a report by
    customer completes the salesperson's visit to it planned on `day` (default today)."""
    if request.new_customer is not None:
        if request.visit_id is not None or request.customer:
            raise ValidationError(
                _("--new-customer adds the customer: give neither a VISIT_ID nor --customer")
            )
        fields = _new_customer_fields(connection, request.new_customer)
        return ReportTarget(None, 0, fields["name"], ReportFields(date=work.today), fields)
    if request.visit_id is not None:
        return _visit_target(connection, work, request, request.visit_id)
    if request.amend:
        raise ValidationError(_("--amend needs the VISIT_ID of the reported visit"))
    if not request.customer:
        raise ValidationError(
            _(
                "give a VISIT_ID to complete a planned visit, or --customer REF for an "
                "unplanned one (walk-in, cold call)"
            )
        )
    from salesvisit_cli.services.customers import resolve

    try:
        customer = resolve(connection, request.customer)
    except NotFoundError as missing:
        raise _no_match_hint(missing) from None
    rep_id = work.rep_id(connection)
    visit_id = _planned_that_day(connection, rep_id, customer.id, day or work.today)
    if visit_id is None:
        return ReportTarget(None, customer.id, customer.name, ReportFields(date=work.today))
    return _visit_target(connection, work, request, visit_id)


def own_visit(connection: Connection, rep: str, visit_id: int, not_yours: str) -> Any:
    """The visit `visit_id` (its report row) if it is salesperson `rep`'s; else refused with
    `not_yours` (translated, its fields {id}, {rep} and {rep2}: yours)."""
    visit = rows.visit_row(connection, visit_id)
    if visit is None:
        raise NotFoundError(_("no visit {id}").format(id=visit_id))
    if visit.rep != rep:
        raise ValidationError(not_yours.format(id=visit_id, rep=visit.rep, rep2=rep))
    return visit


def _visit_target(
    connection: Connection, work: Work, request: ReportRequest, visit_id: int
) -> ReportTarget:
    """A planned visit to complete or a reported one to amend: the salesperson's own, with the
    customer given (if any), neither cancelled nor voided."""
    from salesvisit_cli.services.customers import resolve

    visit = own_visit(
        connection, work.rep, visit_id, _("visit {id} is {rep}'s, not yours ({rep2})")
    )
    if request.customer:
        customer = resolve(connection, request.customer)
        if customer.id != visit.customer_id:
            raise ValidationError(
                _("visit {id} is with customer {customer_id}, not {name!r}").format(
                    id=visit.id, customer_id=visit.customer_id, name=customer.name
                )
            )
    _refuse_status(visit, request.amend)
    if visit.status == "done":
        base = ReportFields.of(visit)
    else:
        base = ReportFields(date=min(visit.date, work.today), start=visit.at)
    name = rows.customer_owner(connection, visit.customer_id).name
    return ReportTarget(visit, visit.customer_id, name, base)


def _refuse_status(visit: Any, amend: bool) -> None:
    """A cancelled or voided visit is never reported; a reported one only amended, a planned
    one never amended."""
    if visit.status in ("cancelled", "void"):
        reason = f" ({visit.cancel_reason})" if visit.cancel_reason else ""
        raise ValidationError(
            (
                _("visit {id} was cancelled{reason}; it cannot be reported")
                if visit.status == "cancelled"
                else _("visit {id} was voided{reason}; it cannot be reported")
            ).format(id=visit.id, reason=reason)
        )
    if visit.status == "done" and not amend:
        raise ValidationError(
            _(
                "visit {id} is already reported ({date} {start}); use --amend to change the report"
            ).format(id=visit.id, date=date_label(visit.date), start=visit.start)
        )
    if visit.status == "planned" and amend:
        raise ValidationError(
            _("visit {id} is not reported yet; report it without --amend").format(id=visit.id)
        )


def _planned_that_day(
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


def _new_customer_fields(connection: Connection, name: str) -> dict[str, Any]:
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


def _no_match_hint(error: NotFoundError) -> NotFoundError:
    """`no customer matches …`, saying how to add the customer on the spot."""
    return NotFoundError(
        _("{error}; to add a new customer with this report, use --new-customer NAME").format(
            error=error
        )
    )
