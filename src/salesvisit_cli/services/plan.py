"""`visit plan`: the morning screen (R1 pace, R2 checklists, R3 talking points) and suggestions."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from salesvisit_cli.domain import plan as rules
from salesvisit_cli.domain import suggestions
from salesvisit_cli.domain.checklist import prep_state
from salesvisit_cli.domain.dates import Month
from salesvisit_cli.domain.quota import towards_target
from salesvisit_cli.domain.talking_points import every_call, talking_points, tip_of_the_day
from salesvisit_cli.services.visits import plan_visit, refuse_past
from salesvisit_cli.store import visits as rows
from salesvisit_cli.store.progress import month_counts
from salesvisit_cli.store.reps import rep_id

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from salesvisit_cli.config import Config
    from salesvisit_cli.domain.calendar import WorkCalendar
    from salesvisit_cli.store.engine import Store


def day_pace(
    connection: Connection, own_id: int | None, config: Config, calendar: WorkCalendar, day: date
) -> rules.Pace:
    """The month's pace seen from `day` (working days left count `day` when it is one)."""
    month = Month.of(day)
    counts = month_counts(connection, own_id, month)
    unit = config.quota.unit
    return rules.pace(
        target=config.quota.target,
        share=config.quota.share,
        visited=towards_target(unit, customers=counts.customers, visits=counts.visits),
        new_visited=counts.new_customers,
        working_days_left=calendar.working_days_left(month, day),
        unit=unit,
    )


def assemble(
    connection: Connection, rep: str, config: Config, calendar: WorkCalendar, day: date
) -> rules.Plan:
    """Everything the plan screen shows, read in one transaction."""
    own_id = rep_id(connection, rep)
    working_day = calendar.is_working_day(day)
    planned = rows.planned_on(connection, own_id, day)
    prep = rows.prep_done(connection, [row.id for row in planned])
    max_minutes = config.visit.max_minutes
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
    ticked = rows.carry_done(connection, own_id, day)
    return rules.Plan(
        date=day,
        rep=rep,
        working_day=working_day,
        pace=day_pace(connection, own_id, config, calendar, day),
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
        done_today=rows.count_done(connection, own_id, day),
    )


def _suggestions(
    connection: Connection, plan: rules.Plan, config: Config, limit: int
) -> list[suggestions.Suggestion]:
    return suggestions.suggest(
        rows.candidates(connection, rep_id(connection, plan.rep), plan.date),
        limit,
        day=plan.date,
        key_revisit_days=config.plan.key_revisit_days,
        new_behind=plan.pace.new_needed_per_day > 0,
    )


def show(
    store: Store,
    rep: str,
    *,
    config: Config,
    calendar: WorkCalendar,
    day: date,
    suggest: int | None = None,
) -> rules.Plan:
    """The plan of a day, with up to `suggest` proposed customers."""
    if suggest is not None:
        suggestions.check_suggest_limit(suggest)
    with store.read() as connection:
        plan = assemble(connection, rep, config, calendar, day)
        if suggest is not None:
            plan.suggestions = _suggestions(connection, plan, config, suggest)
    return plan


def accept(
    store: Store,
    rep: str,
    *,
    config: Config,
    calendar: WorkCalendar,
    day: date,
    suggest: int,
    today: date,
    now: datetime,
) -> tuple[rules.Plan, list[str]]:
    """Schedule the suggested customers (untimed, their reason as purpose); the plan after it."""
    refuse_past(day, today)
    suggestions.check_suggest_limit(suggest)
    warnings: list[str] = []
    with store.write() as connection:
        before = assemble(connection, rep, config, calendar, day)
        chosen = _suggestions(connection, before, config, suggest)
        accepted = []
        for suggestion in chosen:
            new_id, said = plan_visit(
                connection,
                rep,
                suggestion.customer.id,
                config=config,
                calendar=calendar,
                day=day,
                at=None,
                purpose=suggestion.reason,
                now=now,
            )
            accepted.append(new_id)
            warnings += [message for message in said if message not in warnings]
        plan = assemble(connection, rep, config, calendar, day)
    plan.suggestions = chosen
    plan.accepted = accepted
    return plan, warnings
