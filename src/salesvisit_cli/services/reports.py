"""`visit report`: complete a planned visit or record an unplanned one (R4), its follow-ups (R5).

Everything is validated before anything is written; the report, its follow-ups, the next
meeting, the customer's status/owner and the first-visit facts go in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy.engine import Connection

from salesvisit_cli.domain.calendar import WorkCalendar
from salesvisit_cli.domain.customers import Customer
from salesvisit_cli.domain.errors import NotFoundError, ValidationError
from salesvisit_cli.domain.followups import (
    FollowupItem,
    check_next_meeting,
    reconcile,
    report_followups,
)
from salesvisit_cli.domain.reports import (
    ReportFields,
    assume_start,
    check_complete,
    clean_changes,
    converts_to_client,
    merge,
    missing,
    over_time_message,
    ownership,
)
from salesvisit_cli.domain.visits import FollowupRef, VisitView
from salesvisit_cli.store import customer_log
from salesvisit_cli.store import followups as followup_rows
from salesvisit_cli.store import reports as rows
from salesvisit_cli.store import visits as visit_rows
from salesvisit_cli.store.customers import set_owner
from salesvisit_cli.store.engine import Store
from salesvisit_cli.store.progress import refresh_first_visit
from salesvisit_cli.store.reps import ensure_rep


@dataclass(frozen=True)
class ReportRequest:
    """What the user asked for: which visit (or customer), and the options given."""

    visit_id: int | None = None
    customer: str | None = None
    amend: bool = False
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class Draft:
    """The report as it stands before prompting: what is still missing, and the defaults."""

    fields: ReportFields
    missing: list[str]
    customer: str
    visit_id: int | None


@dataclass
class Reported:
    """A stored report and what came with it."""

    visit: VisitView
    amended: bool
    history: list[dict[str, Any]]
    created: list[FollowupRef] = field(default_factory=list)
    next_visit_id: int | None = None
    over_time_note: str | None = None
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = self.visit.to_json()
        data["history"] = self.history
        data["next_visit_id"] = self.next_visit_id
        return data


@dataclass
class _Target:
    visit: Any | None
    customer_id: int
    customer: str
    base: ReportFields


def _fields_of(visit: Any) -> ReportFields:
    return ReportFields(
        date=visit.date,
        start=visit.start,
        minutes=visit.minutes,
        notes=visit.notes,
        booking=visit.booking,
        complaint=visit.complaint,
        suggestion=visit.suggestion,
        next_date=visit.next_date,
        next_at=visit.next_at,
        next_place=visit.next_place,
    )


def _target(connection: Connection, rep: str, request: ReportRequest, today: date) -> _Target:
    """The visit (or customer) a report is about, checked against the rules."""
    from salesvisit_cli.services.customers import resolve

    if request.visit_id is None:
        if request.amend:
            raise ValidationError("--amend needs the VISIT_ID of the reported visit")
        if not request.customer:
            raise ValidationError(
                "give a VISIT_ID to complete a planned visit, or --customer REF for an "
                "unplanned one (walk-in, cold call)"
            )
        customer = resolve(connection, request.customer)
        return _Target(None, customer.id, customer.name, ReportFields(date=today))
    visit = rows.visit_row(connection, request.visit_id)
    if visit is None:
        raise NotFoundError(f"no visit {request.visit_id}")
    if visit.rep != rep:
        raise ValidationError(f"visit {visit.id} is {visit.rep}'s, not yours ({rep})")
    if request.customer:
        customer = resolve(connection, request.customer)
        if customer.id != visit.customer_id:
            raise ValidationError(
                f"visit {visit.id} is with customer {visit.customer_id}, not {customer.name!r}"
            )
    facts = rows.customer_facts(connection, visit.customer_id)
    if visit.status == "cancelled":
        reason = f" ({visit.cancel_reason})" if visit.cancel_reason else ""
        raise ValidationError(f"visit {visit.id} was cancelled{reason}; it cannot be reported")
    if visit.status == "done" and not request.amend:
        raise ValidationError(
            f"visit {visit.id} is already reported ({visit.date.isoformat()} {visit.start}); "
            "use --amend to change the report"
        )
    if visit.status == "planned" and request.amend:
        raise ValidationError(f"visit {visit.id} is not reported yet; report it without --amend")
    if visit.status == "done":
        base = _fields_of(visit)
    else:
        base = ReportFields(date=min(visit.date, today), start=visit.at)
    return _Target(visit, visit.customer_id, facts.name, base)


def prepare(store: Store, rep: str, request: ReportRequest, now: datetime) -> Draft:
    """Check the request and say which required fields are still missing (nothing written)."""
    changes = clean_changes(request.raw, now.date())
    with store.read() as connection:
        target = _target(connection, rep, request, now.date())
    if "end" in changes and target.base.start is None and "start" not in changes:
        # --end without a start: ask for the start; minutes follow from the end time.
        fields = merge(target.base, {k: v for k, v in changes.items() if k != "end"})
        absent = [name for name in missing(fields) if name != "minutes"]
        return Draft(fields, absent, target.customer, request.visit_id)
    fields = assume_start(merge(target.base, changes), now)
    return Draft(fields, missing(fields), target.customer, request.visit_id)


def report(
    store: Store,
    rep: str,
    request: ReportRequest,
    now: datetime,
    calendar: WorkCalendar,
    max_minutes: int,
) -> Reported:
    """Store the report, its follow-ups and its next meeting, all or nothing."""
    today = now.date()
    changes = clean_changes(request.raw, today)
    with store.write() as connection:
        target = _target(connection, rep, request, today)
        fields = assume_start(merge(target.base, changes), now)
        check_complete(fields, now)
        next_given = not request.amend or "next_date" in changes or "next_place" in changes
        if fields.next_date is not None and next_given:
            check_next_meeting(fields.next_date, fields.next_at, now)
        if request.amend and not changes:
            raise ValidationError("nothing to change: give the options to amend")

        me = ensure_rep(connection, rep, now)
        customer_log.act(connection, me)
        result = Reported(visit=None, amended=request.amend, history=[])  # type: ignore[arg-type]
        facts = rows.customer_facts(connection, target.customer_id)
        visit = target.visit
        if visit is not None and visit.status == "done":
            as_prospect, conflict = bool(visit.as_prospect), bool(visit.conflict)
        else:
            as_prospect = facts.status == "prospect"
            rule = ownership(facts.owner_id, me)
            conflict = rule == "conflict"
            if rule == "assign":
                set_owner(connection, target.customer_id, me)
                customer_log.record(
                    connection, target.customer_id, "claimed", by=me, at=now, to_id=me
                )
                result.notes.append(f"{facts.name} had no owner: now yours")
            elif conflict:
                result.warnings.append(
                    f"{facts.name} belongs to {facts.owner}: your visit is recorded as a "
                    "conflict (the team view shows it)"
                )

        values = {
            **{name: getattr(fields, name) for name in ReportFields.__dataclass_fields__},
            "status": "done",
            "as_prospect": as_prospect,
            "conflict": conflict,
            "reported_at": now,
        }
        if visit is None:
            visit_id = rows.insert_visit(
                connection,
                {**values, "customer_id": target.customer_id, "rep_id": me, "created_at": now},
            )
            planned = rows.planned_ids(connection, me, target.customer_id, fields.date)
            if planned:
                listed = ", ".join(str(number) for number in planned)
                result.warnings.append(
                    f"you also had visit {listed} planned with {facts.name} that day; it stays "
                    f"planned (report it with `visit report ID` or cancel it)"
                )
        else:
            visit_id = visit.id
            if visit.status == "done":
                old = _fields_of(visit).snapshot()
                old["reported_at"] = visit.reported_at.isoformat() if visit.reported_at else None
                rows.add_revision(connection, visit_id, now, old)
            rows.update_visit(connection, visit_id, values)
        if converts_to_client(facts.status, fields.booking):  # after the visit: as a prospect
            rows.make_client(connection, target.customer_id, fields.date)
            customer_log.record(connection, target.customer_id, "edited", by=me, at=now,
                                fields=["status"], reason="booking")  # fmt: skip
            result.notes.append(f"{facts.name} booked: now a client since {fields.date}")

        result.created = _followups(
            connection, calendar, target.customer_id, me, visit_id, fields, now
        )
        if next_given:
            result.next_visit_id = _next_meeting(
                connection, target.customer_id, me, visit_id, fields, now, request.amend
            )
        refresh_first_visit(connection, target.customer_id)

        result.visit = visit_rows.view(connection, visit_id, max_minutes=max_minutes)  # type: ignore[assignment]
        result.history = rows.revisions(connection, visit_id)
        result.over_time_note = over_time_message(fields.minutes, max_minutes)
        return result


def _followups(
    connection: Connection,
    calendar: WorkCalendar,
    customer_id: int,
    me: int,
    visit_id: int,
    fields: ReportFields,
    now: datetime,
) -> list[FollowupRef]:
    """Create (or, when amended, adjust) the follow-ups of R5; returns the new ones."""
    next_day = calendar.next_working_day(fields.date)
    wanted = report_followups(
        fields.date,
        fields.booking,
        fields.complaint,
        calendar,
        thanks_already_due=followup_rows.thanks_due(connection, customer_id, next_day, visit_id),
    )
    changes = reconcile(wanted, followup_rows.of_visit(connection, visit_id))
    created = []
    for new in changes.create:
        new_id = followup_rows.add(
            connection,
            {
                "customer_id": customer_id,
                "rep_id": me,
                "visit_id": visit_id,
                "kind": new.kind,
                "due": new.due,
                "note": new.note,
                "created_at": now,
            },
        )
        created.append(FollowupRef(new_id, new.kind, new.due))
    for followup_id, new in changes.update:
        followup_rows.change(connection, followup_id, due=new.due, note=new.note)
    followup_rows.remove(connection, changes.delete)
    return created


def _next_meeting(
    connection: Connection,
    customer_id: int,
    me: int,
    visit_id: int,
    fields: ReportFields,
    now: datetime,
    amend: bool,
) -> int | None:
    """The planned visit for the agreed next meeting (moved or cancelled when amended)."""
    existing = rows.next_meeting_of(connection, visit_id) if amend else None
    still_planned = existing is not None and existing.status == "planned"
    if fields.next_date is None:
        if still_planned:
            rows.update_visit(
                connection,
                existing.id,
                {
                    "status": "cancelled",
                    "cancel_reason": f"next meeting removed from visit {visit_id}",
                },
            )
        return None
    values = {"date": fields.next_date, "at": fields.next_at, "place": fields.next_place}
    if still_planned:
        rows.update_visit(connection, existing.id, values)
        return existing.id
    return rows.insert_visit(
        connection,
        {
            **values,
            "customer_id": customer_id,
            "rep_id": me,
            "status": "planned",
            "appointment": True,
            "purpose": f"next meeting agreed on {fields.date.isoformat()}",
            "from_visit_id": visit_id,
            "created_at": now,
        },
    )


def show(store: Store, rep: str, visit_id: int, today: date, max_minutes: int) -> Reported:
    """A reported visit and its earlier versions (`visit report ID --amend` with no changes)."""
    with store.read() as connection:
        target = _target(connection, rep, ReportRequest(visit_id=visit_id, amend=True), today)
        assert target.visit is not None
        visit = visit_rows.view(connection, visit_id, max_minutes=max_minutes)
        return Reported(
            visit=visit,  # type: ignore[arg-type]
            amended=False,
            history=rows.revisions(connection, visit_id),
            over_time_note=over_time_message(target.base.minutes, max_minutes),
        )


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


def customer_file(store: Store, ref: str, today: date, max_minutes: int) -> CustomerFile:
    from salesvisit_cli.services.customers import resolve

    with store.read() as connection:
        customer = resolve(connection, ref)
        return CustomerFile(
            customer,
            visit_rows.views(
                connection, customer_id=customer.id, max_minutes=max_minutes, newest_first=True
            ),
            followup_rows.open_for_customer(connection, customer.id, today),
        )
