"""`daily`: the day's report summary and its hand-in (R6)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.engine import Connection

from salesvisit_cli.domain.daily import (
    DailySummary,
    DailyVisit,
    leftover_day,
    report_deadline,
    report_status,
)
from salesvisit_cli.domain.dates import parse_date
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.messages import date_label
from salesvisit_cli.domain.text import check_text
from salesvisit_cli.domain.visits import VisitView
from salesvisit_cli.i18n import _, ngettext
from salesvisit_cli.services.context import Work
from salesvisit_cli.services.visits import cancel_planned, move_planned, own_planned, views
from salesvisit_cli.store import daily as submission_rows
from salesvisit_cli.store import followups as followup_rows
from salesvisit_cli.store import visits as visit_rows
from salesvisit_cli.store.quota import list_reps

# `daily --submit` without a day looks this far back for a day not handed in yet.
LOOK_BACK_DAYS = 7


class LeftoverVisits(ValidationError):
    """The day still has planned visits and nothing says what to do with them."""

    def __init__(self, listed: str, hint: str, move_to: date) -> None:
        super().__init__(_("{listed}; {hint}").format(listed=listed, hint=hint))
        self.listed = listed
        self.move_to = move_to


@dataclass
class Submitted:
    """A hand-in: the summary as handed in, whether it amends an earlier one, and what became of
    the visits still planned (moved to `moved_to`, or cancelled)."""

    summary: DailySummary
    amendment: bool
    warnings: list[str] = field(default_factory=list)
    moved: list[int] = field(default_factory=list)
    moved_to: date | None = None
    cancelled: list[int] = field(default_factory=list)
    # Tomorrow's plan (明天的任务安排): the next working day's planned visits.
    tomorrow: dict[str, Any] = field(default_factory=dict)
    today: date | None = None  # when handed in (a late hand-in's "tomorrow" may be today)

    def to_json(self) -> dict[str, Any]:
        return {
            **self.summary.to_json(),
            "amendment": self.amendment,
            "moved": self.moved,
            "moved_to": self.moved_to.isoformat() if self.moved_to else None,
            "cancelled": self.cancelled,
            "tomorrow": self.tomorrow,
        }


def _summary(connection: Connection, work: Work, me: int | None, day: date) -> DailySummary:
    deadline = report_deadline(day, work.calendar, work.config.report.deadline)
    if me is None:
        status = report_status(deadline, None, work.now, has_visits=False)
        return DailySummary(day, work.rep, [], deadline, status)
    done = _views_of_day(connection, me, day, "done", work.max_minutes)
    planned = _views_of_day(connection, me, day, "planned", work.max_minutes)
    handed_in = submission_rows.submissions(connection, me, day)
    created = followup_rows.of_visits(connection, [v.id for v in done])
    summary = _build(work.rep, day, deadline, work.now, done, planned, handed_in, created)
    summary.changed_at = submission_rows.last_changes(connection, day, me).get(me)
    summary.market = submission_rows.market_notes(connection, me, day)
    return summary


def _build(
    rep: str,
    day: date,
    deadline: datetime,
    now: datetime,
    done: Sequence[VisitView],
    planned: Sequence[Any],
    handed_in: Sequence[datetime],
    created: Sequence[Any],
) -> DailySummary:
    """One salesperson's day from its rows (completed visits, planned ones — id, customer_id,
    customer, at —, hand-ins, the follow-ups the visits created)."""
    first = handed_in[0] if handed_in else None
    return DailySummary(
        date=day,
        rep=rep,
        visits=[
            DailyVisit(
                id=v.id,
                customer_id=v.customer_id,
                customer=v.customer,
                start=v.start,
                minutes=v.minutes or 0,
                new_customer=v.new_customer,
                over_time=v.over_time,
                booking=v.booking,
                complaint=v.complaint,
                next_date=v.next_date,
                notes=v.notes,
                conflict=v.conflict,
            )
            for v in done
        ],
        deadline=deadline,
        status=report_status(deadline, first, now, has_visits=bool(done)),
        submitted_at=first,
        amended_at=list(handed_in[1:]),
        followups=[
            {
                "id": item.id,
                "visit_id": item.visit_id,
                "customer": item.customer,
                "kind": item.kind,
                "due": item.due.isoformat(),
                "done_at": item.done_at.isoformat() if item.done_at else None,
            }
            for item in created
        ],
        planned=[
            {"id": v.id, "customer_id": v.customer_id, "customer": v.customer, "at": v.at}
            for v in planned
        ],
    )


def _day(day_text: str | None, today: date) -> date:
    return parse_date(day_text, today) if day_text else today


def summary(work: Work, day_text: str | None) -> DailySummary:
    """The report of one day (default today)."""
    day = _day(day_text, work.today)
    with work.store.read() as connection:
        return _summary(connection, work, work.rep_id(connection), day)


def team_summary(work: Work, day_text: str | None) -> list[DailySummary]:
    """Every salesperson's report of one day (default today), by name: who handed in, who is
    late or missing. A handful of queries for the whole team, not a round per salesperson.

    On PostgreSQL in team mode each login sees what its policies allow: a salesperson sees
    their own day in full and no visits of the others; managers see everyone's.
    """
    day = _day(day_text, work.today)
    deadline = report_deadline(day, work.calendar, work.config.report.deadline)
    with work.store.read() as connection:
        team = list_reps(connection)
        done = views(
            connection, start=day, end=day, statuses=["done"], max_minutes=work.max_minutes
        )
        planned = visit_rows.planned_of_day(connection, day)  # listed, not reported on
        handed_in = submission_rows.submissions_of_day(connection, day)
        changed = submission_rows.last_changes(connection, day)
        created = followup_rows.of_visits(connection, [v.id for v in done])
    names = dict(team)
    by_rep: dict[str | None, dict[str, list[Any]]] = {}
    for status, visits, rep_of in (
        ("done", done, lambda visit: visit.rep),
        ("planned", planned, lambda visit: names.get(visit.rep_id)),
    ):
        for visit in visits:
            by_rep.setdefault(rep_of(visit), {"done": [], "planned": []})[status].append(visit)
    rep_of_visit = {v.id: v.rep for v in done}
    followups: dict[str, list[Any]] = {}
    for item in created:
        followups.setdefault(rep_of_visit[item.visit_id], []).append(item)  # type: ignore[index]
    summaries = []
    for number, name in team:
        visits = by_rep.get(name, {"done": [], "planned": []})
        summary = _build(
            name,
            day,
            deadline,
            work.now,
            visits["done"],
            visits["planned"],
            handed_in.get(number, []),
            followups.get(name, []),
        )
        summary.changed_at = changed.get(number)
        summaries.append(summary)
    return summaries


def submit(
    work: Work, day_text: str | None, *, leftovers: str | None = None, market: str | None = None
) -> Submitted:
    """Hand in a day's report with the salesperson's market notes (市场动态); the first
    hand-in decides punctuality, later ones amend it. The result shows tomorrow's plan.

    Without a day: today, or, when today has no completed visit yet, the latest day of the
    last week that has visits and no hand-in (this morning's hand-in of yesterday). Visits of
    the day still planned are refused (`LeftoverVisits`) unless `leftovers` says to `move`
    them to the next working day, `cancel` them, or `keep` them (hand in anyway).
    """
    market = check_text("market", market, max_length=20_000, multiline=True)
    today = work.today
    with work.store.write() as connection:
        me = work.ensure_rep_id(connection)
        day = _day(day_text, today)
        if day_text is None and not visit_rows.count_done(connection, me, today):
            earlier = submission_rows.last_unsubmitted_day(connection, me, today)
            if earlier is not None and earlier >= today - timedelta(days=LOOK_BACK_DAYS):
                day = earlier
        if day > today:
            raise ValidationError(
                _("{day} is in the future: nothing to hand in yet").format(day=date_label(day))
            )
        current = _summary(connection, work, me, day)
        if not current.visits and not current.changed_since_submit:
            raise ValidationError(
                _(
                    "no completed visits on {day}: nothing to hand in (report the visits first "
                    "with `salesvisit visit report`)"
                ).format(day=date_label(day))
            )
        result = Submitted(current, current.submitted_at is not None)
        if current.planned:
            _leftovers(connection, work, result, leftovers)
        submission_rows.add(connection, me, day, work.now, bool(current.planned), market)
        result.summary = _summary(connection, work, me, day)
        result.tomorrow = _tomorrow(connection, work, me, day)
        result.today = work.today
        return result


def _tomorrow(connection: Connection, work: Work, me: int, day: date) -> dict[str, Any]:
    """The planned visits of the working day after `day`."""
    following = work.calendar.next_working_day(day)
    planned = _views_of_day(connection, me, following, "planned", work.max_minutes)
    return {
        "date": following.isoformat(),
        "visits": [
            {"id": v.id, "customer_id": v.customer_id, "customer": v.customer, "at": v.at}
            for v in planned
        ],
    }


def _leftovers(
    connection: Connection, work: Work, result: Submitted, leftovers: str | None
) -> None:
    """Deal with the day's visits still planned as `leftovers` says (refused when it is None)."""
    summary = result.summary
    planned = summary.planned
    move_to = leftover_day(summary.date, work.today, work.calendar)
    listed = _(", ").join(
        f"{p['id']} {p['customer']}" + (f" {p['at']}" if p["at"] else "") for p in planned
    )
    message = ngettext(
        "{count} planned visit of {day} not reported: {visits}",
        "{count} planned visits of {day} not reported: {visits}",
        len(planned),
    ).format(count=len(planned), day=date_label(summary.date), visits=listed)
    if leftovers is None:
        hint = _(
            "move them to {next} with --leftovers move (or --yes), cancel them with "
            "--leftovers cancel, or hand in anyway with --force"
        ).format(next=date_label(move_to))
        raise LeftoverVisits(message, hint, move_to)
    found = own_planned(connection, work.rep, [p["id"] for p in planned], "move", "moved")
    if leftovers == "move":
        moved = move_planned(connection, work, found, move_to, None)
        result.moved, result.moved_to = [done.visit.id for done in moved], move_to
        result.warnings += [text for done in moved for text in done.warnings]
    elif leftovers == "cancel":
        result.cancelled = [done.id for done in cancel_planned(connection, work, found, None)]
    else:
        result.warnings.append(message)


def _views_of_day(connection, rep: int, day: date, status: str, max_minutes: int):
    return views(
        connection, rep_id=rep, start=day, end=day, statuses=[status], max_minutes=max_minutes
    )
