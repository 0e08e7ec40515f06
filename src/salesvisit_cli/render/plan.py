"""The morning screen (`visit plan`): read top to bottom in ten seconds, one screen for a
six-visit day at 80 columns: two lines a visit, what repeats (talking points, the steps, the
tip) said once below the visits, lists wrapped between their items."""

from __future__ import annotations

from typing import TYPE_CHECKING

from salesvisit_cli.domain.checklist import PREP_NAMES
from salesvisit_cli.domain.plan import Plan, PlanVisit
from salesvisit_cli.domain.talking_points import EVERY_CALL, POINTS, situation
from salesvisit_cli.i18n import _, ngettext
from salesvisit_cli.render.briefing import briefing_screen
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert, one_line
from salesvisit_cli.render.visits import checklist_items, step_word
from salesvisit_cli.render.words import day_label, labelled, print_flow, word

if TYPE_CHECKING:
    from salesvisit_cli.domain.suggestions import Suggestion

TIER_STYLE = {"key": "bold magenta", "normal": "bold"}
INDENT = 3


def plan_screen(plan: Plan) -> None:
    from rich.rule import Rule

    console = out()
    if plan.briefing is not None:
        briefing_screen(plan.briefing)
    _header(plan)
    _pace(plan)
    _carry(plan)
    console.print(Rule(style="dim"))
    for visit in plan.visits:
        _visit(visit)
    if not plan.visits:
        _empty(plan)
    if plan.suggestions is not None:
        _suggestions(plan)
    if plan.visits:
        _points(plan)
        _steps(plan)
    tip = inert(_(plan.tip), style="italic")
    print_flow([tip], head=inert(_("Tip: "), style="bold"), indent=INDENT)
    if plan.warnings:
        warnings = [inert(w.translated(), style="yellow") for w in plan.warnings]
        head = inert(_("Warnings: "), style="bold yellow")
        print_flow(warnings, head=head, indent=INDENT, separator=" · ")


def _header(plan: Plan) -> None:
    from rich.text import Text

    line = Text()
    line.append(_("Plan for {day}").format(day=day_label(plan.date)), style="bold")
    line.append_text(inert(f" — {one_line(plan.rep)}", style="bold"))
    items = [line]
    if plan.done_today:
        done = ngettext(
            "({count} visit already reported)", "({count} visits already reported)", plan.done_today
        )
        items.append(inert(done.format(count=plan.done_today), style="dim"))
    if not plan.working_day:
        items.append(inert(_("⚠ Not a working day."), style="bold yellow"))
    print_flow(items)


def _pace(plan: Plan) -> None:
    pace = plan.pace
    done = (
        _("customers {visited}/{target}, new {new_visited}/{new_target}")
        if pace.unit == "customers"
        else _("visits {visited}/{target}, new {new_visited}/{new_target}")
    ).format(
        visited=pace.visited,
        target=pace.target,
        new_visited=pace.new_visited,
        new_target=pace.new_target,
    )
    items = [inert(done)]
    if pace.working_days_left:
        left = ngettext(
            "{count} working day left", "{count} working days left", pace.working_days_left
        )
        items.append(inert(left.format(count=pace.working_days_left)))
        need = _("need {count}/day (new {new}/day)").format(
            count=pace.needed_per_day, new=pace.new_needed_per_day
        )
        behind = pace.needed_per_day or pace.new_needed_per_day
        items.append(inert(need, style="bold red" if behind else "green"))
    else:
        items.append(inert(_("no working days left this month")))
    print_flow(items, head=inert(_("Pace: "), style="bold"), indent=INDENT, separator=" · ")


def _carry(plan: Plan) -> None:
    state = {item: item in plan.carry_done for item in plan.carry}
    head = inert(
        _("Carry ({done}/{total}): ").format(done=sum(state.values()), total=len(state)),
        style="bold",
    )
    print_flow(checklist_items(state, numbered=True, carry=True), head=head, indent=INDENT)


def _visit(visit: PlanVisit) -> None:
    """Two lines: the visit id (what `visit prep` takes), when, who, what kind of customer,
    their hours; where, why, what is left to do and what is open with them."""
    from rich.text import Text

    customer = visit.customer
    head = Text()
    head.append(f"#{visit.id} ", style="bold")
    head.append(visit.at or "--:--", style="bold cyan")
    known = _("new customer") if visit.new_customer else _(POINTS[situation(customer)][0])
    tags = [word("tier", "key"), known] if customer.tier == "key" else [known]
    hours = (
        inert(_("hours {hours}").format(hours=customer.hours))
        if customer.hours
        else inert(_("office hours missing"), style="bold red")
    )
    print_flow(
        [
            inert(one_line(customer.name), style=TIER_STYLE.get(customer.tier, "bold")),
            inert(" · ".join(tags), style="dim"),
            hours,
        ],
        head=head.append(" "),
        indent=INDENT,
    )
    print_flow(_visit_facts(visit), head=Text(" " * INDENT), indent=INDENT, separator=" · ")


def _visit_facts(visit: PlanVisit) -> list:
    """Where the customer is met, the purpose, the steps not done, open matters."""
    customer = visit.customer
    place = visit.place or customer.address
    facts = [inert(one_line(place)) if place else inert(_("address missing"), style="bold red")]
    if visit.purpose:
        facts.append(inert(_("purpose: {purpose}").format(purpose=one_line(visit.purpose))))
    todo = [step_word(item) for item, done in visit.prep.items() if not done]
    if todo:
        facts.append(inert(_("to do: {steps}").format(steps=" ".join(todo)), style="yellow"))
    else:
        facts.append(inert(_("✓ prepared"), style="green"))
    for point in visit.talking_points:
        if point.kind in ("complaint", "booking"):
            tag = _(POINTS[point.kind][0])
            text = labelled(tag) + one_line(point.note) if point.note else tag
            facts.append(inert(text, style="bold yellow"))
    return facts


def _points(plan: Plan) -> None:
    """The R3 points of today's situations, each said once, and the one for every call."""
    kinds = {point.kind for visit in plan.visits for point in visit.talking_points}
    out().print(inert(_("Talking points:"), style="bold"))
    for kind, (tag, advice) in POINTS.items():
        if kind in kinds:
            print_flow(
                [inert(_(advice))], head=inert(" " + labelled(_(tag)), style="bold"), indent=INDENT
            )
    every = _(EVERY_CALL).format(max_minutes=plan.call_minutes)
    print_flow(
        [inert(every)], head=inert(" " + labelled(_("every call")), style="bold"), indent=INDENT
    )


def _steps(plan: Plan) -> None:
    """What the step words mean (the source's wording) and how to tick them, when any is left."""
    if all(all(visit.prep.values()) for visit in plan.visits):
        return
    names = [inert(f"{step_word(item)} = {_(full)}") for item, (_short, full) in PREP_NAMES.items()]
    print_flow(names, head=inert(_("Steps: "), style="bold"), indent=INDENT, separator=" · ")
    hint = [
        inert(_("salesvisit visit prep ID STEP…"), style="cyan"),
        inert(_("(carry list: salesvisit visit prep carry ITEM…)"), style="cyan"),
    ]
    print_flow(hint, head=inert(_("Tick: "), style="bold"), indent=INDENT)


def _empty(plan: Plan) -> None:
    out().print(inert(_("No visits planned for this day."), style="bold"))
    if plan.suggestions is None:
        fill = _("Fill it: salesvisit visit plan --date {date} --suggest 5").format(
            date=plan.date.isoformat()
        )
        print_flow(
            [inert(fill, style="cyan"), inert(_("(add --accept to schedule them)"), style="cyan")],
            indent=INDENT,
        )


def _suggestions(plan: Plan) -> None:
    console = out()
    suggestions: list[Suggestion] = plan.suggestions or []
    if not suggestions:
        console.print(inert(_("No customers to suggest for this day."), style="dim"))
        return
    heading = _("Scheduled ({count}):") if plan.accepted else _("Suggested ({count}):")
    console.print(inert(heading.format(count=len(suggestions)), style="bold"))
    for number, suggestion in enumerate(suggestions, 1):
        customer = suggestion.customer
        name = inert(one_line(customer.name), style=TIER_STYLE.get(customer.tier, ""))
        print_flow(
            [
                name,
                inert(_("(id {id})").format(id=customer.id)),
                inert("— " + one_line(suggestion.reason.translated())),
            ],
            head=inert(f"{number}. ", style="bold"),
            indent=INDENT,
            separator=" ",
        )
    if not plan.accepted:
        accept = _("Schedule them: salesvisit visit plan --date {date} --suggest {count} --accept")
        print_flow(
            [inert(accept.format(date=plan.date.isoformat(), count=len(suggestions)), style="cyan")]
        )
