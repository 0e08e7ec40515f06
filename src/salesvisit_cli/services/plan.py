"""`visit plan`: the morning screen (R1 pace, R2 checklists, R3 talking points) and suggestions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from salesvisit_cli.domain import plan as rules
from salesvisit_cli.domain.checklist import prep_state
from salesvisit_cli.domain.dates import Month
from salesvisit_cli.domain.quota import towards_target
from salesvisit_cli.domain.talking_points import every_call, talking_points, tip_of_the_day
from salesvisit_cli.i18n import _
from salesvisit_cli.services.briefing import briefing
from salesvisit_cli.store import checklist as ticks
from salesvisit_cli.store import visits as rows
from salesvisit_cli.store.progress import month_counts

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from salesvisit_cli.domain import suggestions
    from salesvisit_cli.services.context import Work


def day_pace(connection: Connection, work: Work, own_id: int | None, day: date) -> rules.Pace:
    """The month's pace seen from `day` (working days left count `day` when it is one)."""
    month = Month.of(day)
    counts = month_counts(connection, own_id, month)
    config = work.config
    unit = config.quota.unit
    return rules.pace(
        target=config.quota.target,
        share=config.quota.share,
        visited=towards_target(unit, customers=counts.customers, visits=counts.visits),
        new_visited=counts.new_customers,
        working_days_left=work.calendar.working_days_left(month, day),
        unit=unit,
    )


def assemble(connection: Connection, work: Work, day: date) -> rules.Plan:
    """Everything the plan screen shows, read in one transaction."""
    config = work.config
    own_id = work.rep_id(connection)
    working_day = work.calendar.is_working_day(day)
    planned = rows.planned_on(connection, own_id, day)
    prep = ticks.prep_done(connection, [row.id for row in planned])
    max_minutes = work.max_minutes
    visits = rules.order_visits(
        rules.PlanVisit(
            id=row.id,
            at=row.at,
            purpose=row.purpose,
            appointment=row.appointment,
            place=row.place,
            customer=row.customer,
            prep=prep_state(prep.get(row.id, ()), row.appointment),
            talking_points=talking_points(row.customer),
        )
        for row in planned
    )
    carry = list(config.checklist.carry)
    ticked = ticks.carry_done(connection, own_id, day)
    return rules.Plan(
        date=day,
        rep=work.rep,
        working_day=working_day,
        pace=day_pace(connection, work, own_id, day),
        carry=carry,
        carry_done=[item for item in carry if item in ticked],
        visits=visits,
        warnings=rules.plan_warnings(
            visits,
            occupy_minutes=max_minutes + config.visit.travel_minutes,
            working_day=working_day,
        ),
        tip=tip_of_the_day(day),
        every_call=every_call(max_minutes),
        call_minutes=max_minutes,
        done_today=rows.count_done(connection, own_id, day),
        briefing=briefing(connection, work),
    )


def _suggestions(
    connection: Connection, work: Work, plan: rules.Plan, limit: int
) -> list[suggestions.Suggestion]:
    from salesvisit_cli.domain import suggestions

    policy = work.config.cadence
    return suggestions.suggest(
        rows.candidates(connection, work.rep_id(connection), plan.date, work.today),
        limit,
        day=plan.date,
        cadence=suggestions.Cadence(policy.key_days, policy.normal_days),
        new_behind=plan.pace.new_needed_per_day > 0,
        near=[(v.customer.name, v.customer.point) for v in plan.visits if v.customer.point],
    )


def show(work: Work, day: date, suggest: int | None = None) -> rules.Plan:
    """The plan of a day, with up to `suggest` proposed customers."""
    if suggest is not None:
        from salesvisit_cli.domain.suggestions import check_suggest_limit

        check_suggest_limit(suggest)
    with work.store.read() as connection:
        plan = assemble(connection, work, day)
        if suggest is not None:
            plan.suggestions = _suggestions(connection, work, plan, suggest)
    return plan


def _purpose(priority: int) -> str:
    """What an accepted suggestion is planned for (the reason stays in the suggestion)."""
    from salesvisit_cli.domain import suggestions

    if priority == suggestions.KEY_REVISIT:
        return _("Key customer visit")
    if priority == suggestions.NEW_PROSPECT:
        return _("First visit: introduce the company")
    return _("Keep in touch")


def routed(work: Work, day: date, *, apply: bool = False) -> rules.Plan:
    """The plan with its visits ordered into the day's round (`visit plan --route`); with
    `apply`, each untimed visit gets the round's start time, in the same transaction."""
    from salesvisit_cli.services import route
    from salesvisit_cli.services.visits import refuse_past

    if apply:
        refuse_past(day, work.today)
    with work.store.write() if apply else work.store.read() as connection:
        plan = assemble(connection, work, day)
        found = route.solve_round(work, plan.visits)
        route.in_route_order(plan, found)
        if apply:
            route.apply_times(connection, plan, found)
    return plan


def _timed_by_round(
    connection: Connection, work: Work, plan: rules.Plan, accepted: list[int]
) -> rules.Plan:
    """The accepted visits get their start times from the day's round."""
    from salesvisit_cli.services import route

    found = route.solve_round(work, plan.visits)
    route.apply_times(connection, plan, found, only=set(accepted))
    return assemble(connection, work, plan.date)


def accept(work: Work, day: date, suggest: int) -> tuple[rules.Plan, list[str]]:
    """Schedule the suggested customers, each with its purpose and a time that fits its office
    hours and the day's other visits (from the day's round when `route.start` is set; untimed
    when none fits); the plan after it."""
    from salesvisit_cli.domain import suggestions
    from salesvisit_cli.services.visits import NewVisit, plan_visit, refuse_past

    refuse_past(day, work.today)
    suggestions.check_suggest_limit(suggest)
    warnings: list[str] = []
    with work.store.write() as connection:
        before = assemble(connection, work, day)
        chosen = _suggestions(connection, work, before, suggest)
        by_round = work.config.route.start is not None
        times = (
            [None] * len(chosen)
            if by_round  # the day's round times them below
            else suggestions.suggest_times(
                [suggestion.customer for suggestion in chosen],
                [visit.at for visit in before.visits if visit.at is not None],
                max_minutes=work.max_minutes,
                travel_minutes=work.config.visit.travel_minutes,
            )
        )
        accepted = []
        for suggestion, at in zip(chosen, times, strict=True):
            new_id, said = plan_visit(
                connection,
                work,
                suggestion.customer.id,
                NewVisit(day=day, at=at, purpose=_purpose(suggestion.priority)),
            )
            accepted.append(new_id)
            warnings += [message for message in said if message not in warnings]
        plan = assemble(connection, work, day)
        if accepted and by_round:
            plan = _timed_by_round(connection, work, plan, accepted)
    plan.suggestions = chosen
    plan.accepted = accepted
    return plan, warnings
