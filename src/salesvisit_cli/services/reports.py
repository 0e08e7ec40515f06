"""`visit report`: complete a planned visit or record an unplanned one (R4), its follow-ups (R5).

Everything is validated before anything is written; the report, its follow-ups, the next
meeting, the customer's status/owner and the first-visit facts go in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection

from salesvisit_cli.domain.calendar import WorkCalendar
from salesvisit_cli.domain.customers import ASSIGN, CONFLICT, ownership
from salesvisit_cli.domain.errors import SalesvisitError, ValidationError
from salesvisit_cli.domain.followups import check_next_meeting
from salesvisit_cli.domain.report_followups import next_meeting_visit, reconcile, report_followups
from salesvisit_cli.domain.visit_report import (
    ReportFields,
    assume_start,
    check_complete,
    clean_changes,
    converts_to_client,
    merge,
    missing,
    over_time_message,
)
from salesvisit_cli.domain.visits import FollowupRef, VisitView
from salesvisit_cli.i18n import _
from salesvisit_cli.services.context import Work
from salesvisit_cli.services.customers import add_in
from salesvisit_cli.services.report_checks import ReportTarget, refuse_double, report_target
from salesvisit_cli.services.visits import view
from salesvisit_cli.store import customer_log
from salesvisit_cli.store import followups as followup_rows
from salesvisit_cli.store import reports as rows
from salesvisit_cli.store.progress import refresh_first_visit


@dataclass(frozen=True)
class ReportRequest:
    """What the user asked for: which visit (or customer), and the options given."""

    visit_id: int | None = None
    customer: str | None = None
    amend: bool = False
    again: bool = False
    new_customer: str | None = None
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


def prepare(work: Work, request: ReportRequest) -> Draft:
    """Check the request and say which required fields are still missing (nothing written)."""
    changes = clean_changes(request.raw, work.today)
    with work.store.read() as connection:
        target = report_target(connection, work, request, changes.get("date"))
    if "end" in changes and target.base.start is None and "start" not in changes:
        # --end without a start: ask for the start; minutes follow from the end time.
        fields = merge(target.base, {k: v for k, v in changes.items() if k != "end"})
        absent = [name for name in missing(fields) if name != "minutes"]
        return Draft(fields, absent, target.customer, request.visit_id)
    fields = assume_start(merge(target.base, changes), work.now)
    return Draft(fields, missing(fields), target.customer, request.visit_id)


def report(work: Work, request: ReportRequest) -> Reported:
    """Store the report, its follow-ups and its next meeting, all or nothing."""
    now, today, max_minutes = work.now, work.today, work.max_minutes
    changes = clean_changes(request.raw, today)
    next_given = not request.amend or "next_date" in changes or "next_place" in changes
    with work.store.write() as connection:
        target = report_target(connection, work, request, changes.get("date"))
        fields = _checked_fields(connection, work, request, target, changes, next_given)
        me = work.ensure_rep_id(connection)
        customer_log.act(connection, me)
        result = Reported(visit=None, amended=request.amend, history=[])  # type: ignore[arg-type]
        if target.new_fields is not None:
            target.customer_id, result.warnings = add_in(connection, work, target.new_fields)
        facts = rows.customer_owner(connection, target.customer_id)
        visit = target.visit
        if visit is not None and visit.status == "done":
            as_prospect, conflict = bool(visit.as_prospect), bool(visit.conflict)
        else:
            as_prospect = facts.status == "prospect"
            conflict = _claim(connection, work, facts, me, result)

        values = {
            **fields.values(),
            "status": "done",
            "as_prospect": as_prospect,
            "conflict": conflict,
            "reported_at": now,
        }
        visit_id = _write_visit(connection, target, values, me, now)
        if converts_to_client(facts.status, fields.booking):  # after the visit: as a prospect
            rows.make_client(connection, target.customer_id, fields.date)
            customer_log.record(connection, target.customer_id, "edited", by=me, at=now,
                                fields=["status"], reason="booking")  # fmt: skip
            booked = _("{customer} booked: now a client since {date}")
            result.notes.append(booked.format(customer=facts.name, date=fields.date))
        result.created = _followups(
            connection, work.calendar, target.customer_id, me, visit_id, fields, now
        )
        if next_given:
            result.next_visit_id = _next_meeting(
                connection, target.customer_id, me, visit_id, fields, now, request.amend
            )
        refresh_first_visit(connection, target.customer_id)

        result.visit = view(connection, visit_id, max_minutes=max_minutes)
        result.history = rows.revisions(connection, visit_id)
        result.over_time_note = over_time_message(fields.minutes, max_minutes)
        return result


def _checked_fields(
    connection: Connection,
    work: Work,
    request: ReportRequest,
    target: ReportTarget,
    changes: dict[str, Any],
    next_given: bool,
) -> ReportFields:
    """The report's fields, checked before anything is written: complete (R4), no double
    report, the next meeting (when given) ahead."""
    fields = assume_start(merge(target.base, changes), work.now)
    check_complete(fields, work.now)
    refuse_double(
        connection,
        work.rep_id(connection),
        visit_id=target.visit.id if target.visit is not None else None,
        customer_id=target.customer_id,
        fields=fields,
        completing=target.visit is None or target.visit.status != "done",
        again=request.again,
    )
    if fields.next_date is not None and next_given:
        check_next_meeting(fields.next_date, fields.next_at, work.now)
    if request.amend and not changes:
        raise ValidationError(_("nothing to change: give the options to amend"))
    return fields


def _write_visit(
    connection: Connection,
    target: ReportTarget,
    values: dict[str, Any],
    me: int,
    now: datetime,
) -> int:
    """Insert the unplanned visit, or complete / amend the planned or reported one (the old
    report kept as a revision); returns its id."""
    visit = target.visit
    if visit is None:
        visit_id = rows.insert_visit(
            connection,
            {**values, "customer_id": target.customer_id, "rep_id": me, "created_at": now},
        )
        return visit_id
    if visit.status == "done":
        old = ReportFields.of(visit).snapshot()
        old["reported_at"] = visit.reported_at.isoformat() if visit.reported_at else None
        rows.add_revision(connection, visit.id, now, old)
    rows.update_visit(connection, visit.id, values)
    return visit.id


def _claim(connection: Connection, work: Work, facts: Any, me: int, result: Reported) -> bool:
    """R8 for a newly reported visit: a customer in the pool becomes the reporter's (unless the
    pool's claim rules refuse it: it then stays in the pool); another salesperson's customer
    makes the visit a conflict (returned)."""
    from salesvisit_cli.services.pool import claim_refusal
    from salesvisit_cli.store.pool import claim

    rule = ownership(facts.owner_id, me)
    if rule == ASSIGN:
        refusal = claim_refusal(connection, work, facts.id, me)
        if refusal:
            result.notes.append(
                _("{name} stays in the pool: {why}").format(name=facts.name, why=refusal)
            )
            return False
        if not claim(connection, facts.id, me, work.now):
            raise SalesvisitError(
                _("{name} was claimed by someone else a moment ago").format(name=facts.name)
            )
        result.notes.append(_("{customer} had no owner: now yours").format(customer=facts.name))
    elif rule == CONFLICT:
        text = _(
            "{customer} belongs to {owner}: your visit is recorded as a "
            "conflict (the team view shows it)"
        )
        result.warnings.append(text.format(customer=facts.name, owner=facts.owner))
    return rule == CONFLICT


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
        earlier = (
            followup_rows.open_thanks(connection, customer_id, visit_id)
            if new.kind == "thanks"
            else None
        )
        if earlier is not None:  # one open thank-you per customer: it moves to the new day
            followup_rows.change(connection, earlier, due=new.due)
            continue
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
    """The planned visit of the agreed next meeting (R5), moved or cancelled when amended."""
    existing = rows.next_meeting_of(connection, visit_id) if amend else None
    planned_before = existing is not None and existing.status == "planned"
    change = next_meeting_visit(
        visit_id,
        fields.date,
        fields.next_date,
        fields.next_at,
        fields.next_place,
        planned_before=planned_before,
    )
    if change.action == "create":
        values = {**change.values, "customer_id": customer_id, "rep_id": me, "created_at": now}
        return rows.insert_visit(connection, values)
    if change.action in ("move", "cancel"):
        rows.update_visit(connection, existing.id, change.values)
    return existing.id if change.action == "move" else None


def show(work: Work, visit_id: int) -> Reported:
    """A reported visit and its earlier versions (`visit report ID --amend` with no changes)."""
    max_minutes = work.max_minutes
    with work.store.read() as connection:
        request = ReportRequest(visit_id=visit_id, amend=True)
        target = report_target(connection, work, request)
        assert target.visit is not None
        return Reported(
            visit=view(connection, visit_id, max_minutes=max_minutes),
            amended=False,
            history=rows.revisions(connection, visit_id),
            over_time_note=over_time_message(target.base.minutes, max_minutes),
        )
