"""The day's round (`visit plan --route`): the order, start times, each leg, what did not fit."""

from __future__ import annotations

from salesvisit_cli.domain.plan import Plan
from salesvisit_cli.domain.route import Collision, RoundPlan, hhmm
from salesvisit_cli.i18n import _, ngettext
from salesvisit_cli.render.console import out
from salesvisit_cli.render.plan import plan_screen
from salesvisit_cli.render.safe import inert


def route_screen(plan: Plan) -> None:
    """The plan (visits in round order), then the round."""
    plan_screen(plan)
    if plan.route is not None:
        round_table(plan.route)


def _why(found: RoundPlan, visit_id: int, reason: str) -> str:
    from salesvisit_cli.domain import route

    collision = found.collisions.get(visit_id)
    if collision is not None:
        return _collides(collision)
    hours = found.office_hours.get(visit_id)
    if reason == route.NO_ROOM and hours is not None:
        return _("no time left within its office hours ({opens}–{closes})").format(
            opens=hhmm(hours[0]), closes=hhmm(hours[1])
        )
    return {
        route.NO_LOCATION: _("no location on file (`salesvisit customer edit REF --lat --lon`)"),
        route.COLLIDES: _("its appointment cannot be reached in time"),
        route.NO_ROOM: _("no time left in the day's round"),
    }[reason]


def _collides(why: Collision) -> str:
    """The figures that show an appointment cannot be kept (each can be checked on the table)."""
    figures = {
        "at": hhmm(why.at),
        "leaves": hhmm(why.leaves),
        "km": f"{why.km:.1f}",
        "minutes": why.drive,
        "earliest": hhmm(why.earliest),
    }
    if why.pushed is not None:
        return _(
            "keeping its appointment at {at} would make visit {other} start at {earliest} at "
            "the earliest, too late for its time"
        ).format(other=why.pushed, **figures)
    if why.after is None:
        return _(
            "its appointment at {at} cannot be reached in time: leaving the start point at "
            "{leaves}, {km} km ({minutes} min) on the road, it could start at {earliest}"
        ).format(**figures)
    return _(
        "its appointment at {at} cannot be reached in time: leaving visit {other} at {leaves}, "
        "{km} km ({minutes} min) on the road, it could start at {earliest}"
    ).format(other=why.after, **figures)


def round_table(found: RoundPlan) -> None:
    from rich.rule import Rule

    from salesvisit_cli.render.tables import data_table

    console = out()
    console.print(Rule(style="dim"))
    engine = _("by road") if found.engine == "pgrouting" else _("straight line × detour")
    console.print(
        inert(
            ngettext(
                "The round ({engine}): {count} visit, {km} km, {minutes} min travel",
                "The round ({engine}): {count} visits, {km} km, {minutes} min travel",
                len(found.order),
            ).format(
                engine=engine,
                count=len(found.order),
                km=f"{found.total_km:.1f}",
                minutes=found.travel_minutes,
            ),
            style="bold",
        )
    )
    km, minutes = _("km"), _("min")
    table = data_table(
        ("#", _("Start"), _("Visit"), _("Customer"), km, minutes), right=("#", km, minutes)
    )
    for number, leg in enumerate(found.legs, 1):
        if leg.to == "end":
            row = ("", "", "", _("back at the end point"))
        else:
            row = (str(number), found.eta(leg.to), str(leg.to), found.names[leg.to])
        table.add_row(*(inert(cell) for cell in row), f"{leg.km:.1f}", str(leg.minutes))
    console.print(table)
    for visit_id, reason in found.unplaced.items():
        console.print(
            inert(
                _("Not placed: visit {id} ({customer}): {reason}").format(
                    id=visit_id,
                    customer=found.names.get(visit_id, ""),
                    reason=_why(found, visit_id, reason),
                ),
                style="yellow",
            )
        )
