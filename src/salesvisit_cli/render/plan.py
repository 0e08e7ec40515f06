"""The morning screen (`visit plan`): read top to bottom in ten seconds."""

from __future__ import annotations

from salesvisit_cli.domain.plan import Plan, PlanVisit
from salesvisit_cli.domain.suggestions import Suggestion
from salesvisit_cli.render.briefing import briefing_screen
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert, one_line
from salesvisit_cli.render.visits import checklist_line

TIER_STYLE = {"key": "bold magenta", "normal": ""}
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
    if plan.visits:
        for number, visit in enumerate(plan.visits, 1):
            _visit(number, visit)
    else:
        console.print(inert("No visits planned for this day.", style="bold"))
        if plan.suggestions is None:
            console.print(
                inert(
                    f"Fill it: salesvisit visit plan --date {plan.date.isoformat()} --suggest 5  "
                    "(add --accept to schedule them)",
                    style="cyan",
                )
            )
    if plan.suggestions is not None:
        _suggestions(plan)
    if plan.visits:
        console.print(inert(f"Every call: {plan.every_call}"))
        if not all(all(v.prep.values()) for v in plan.visits):
            console.print(
                inert(
                    "Tick steps: salesvisit visit prep VISIT_ID ITEM…  "
                    "(carry list: salesvisit visit prep carry ITEM…)",
                    style="cyan",
                )
            )
    console.print(inert(f"Tip: {plan.tip}", style="italic"))
    if plan.warnings:
        line = inert("Warnings: ", style="bold yellow")
        line.append_text(inert(" · ".join(plan.warnings), style="yellow"))
        console.print(line)


def _header(plan: Plan) -> None:
    from rich.text import Text

    line = Text()
    line.append(f"Plan for {plan.date.strftime('%A')} {plan.date.isoformat()}", style="bold")
    line.append_text(inert(f" — {one_line(plan.rep)}", style="bold"))
    if plan.done_today:
        line.append(f"   ({plan.done_today} visit(s) already reported)", style="dim")
    out().print(line)
    if not plan.working_day:
        out().print(inert("⚠ Not a working day.", style="bold yellow"))


def _pace(plan: Plan) -> None:
    from rich.text import Text

    pace = plan.pace
    unit = "customers" if pace.unit == "customers" else "visits"
    line = Text()
    line.append("Pace: ", style="bold")
    line.append(f"{unit} {pace.visited}/{pace.target}, new {pace.new_visited}/{pace.new_target}")
    if pace.working_days_left:
        line.append(f" · {pace.working_days_left} working day(s) left · need ")
        style = "bold red" if pace.needed_per_day else "green"
        line.append(f"{pace.needed_per_day}/day", style=style)
        line.append(" (new ")
        style = "bold red" if pace.new_needed_per_day else "green"
        line.append(f"{pace.new_needed_per_day}/day", style=style)
        line.append(")")
    else:
        line.append(" · no working days left this month")
    out().print(line)


def _carry(plan: Plan) -> None:
    from rich.text import Text

    state = {item: item in plan.carry_done for item in plan.carry}
    line = Text()
    line.append(f"Carry ({sum(state.values())}/{len(state)}): ", style="bold")
    line.append_text(checklist_line(state, numbered=True))
    out().print(line)


def _indented(text, hang: int = 0) -> None:
    """Print a Text under the visit's heading: wrapped lines keep the indent (plus `hang`),
    without trailing padding."""
    from rich.text import Text

    console = out()
    for number, line in enumerate(text.wrap(console, max(20, console.width - INDENT - hang))):
        line.rstrip()
        console.print(Text(" " * (INDENT + (hang if number else 0))).append_text(line))


def _visit(number: int, visit: PlanVisit) -> None:
    from rich.text import Text

    console = out()
    customer = visit.customer
    head = Text()
    head.append(f"{number}. ", style="bold")
    head.append(visit.at or "--:--", style="bold cyan")
    head.append("  ")
    head.append_text(inert(one_line(customer.name), style=TIER_STYLE.get(customer.tier, "bold")))
    known = (
        "new" if visit.new_customer else ("first meeting" if customer.never_visited else "known")
    )
    head.append(f"  [{customer.tier} · {customer.status} · {known}]", style="dim")
    head.append(f"  visit {visit.id}", style="dim")
    console.print(head)
    place = visit.place or customer.address
    facts = Text()
    facts.append_text(
        inert(one_line(place), style="") if place else inert("address missing", style="bold red")
    )
    facts.append(" · ")
    facts.append_text(
        inert(f"hours {customer.hours}")
        if customer.hours
        else inert("office hours missing", style="bold red")
    )
    facts.append(" · ")
    facts.append_text(
        inert("appointment made", style="green")
        if visit.appointment
        else inert("no appointment", style="yellow")
    )
    _indented(facts)
    if customer.missing_file:
        _indented(
            inert(
                f"! {' and '.join(customer.missing_file)} not on file: step 3 (address) "
                "cannot be ticked from the file alone",
                style="yellow",
            )
        )
    if visit.purpose:
        _indented(inert(f"Purpose: {one_line(visit.purpose)}"))
    prep = Text("Prep: ", style="bold")
    prep.append_text(checklist_line(visit.prep))
    _indented(prep)
    for point in visit.talking_points:
        _indented(inert(f"• {one_line(point)}", style="dim"), hang=2)


def _suggestions(plan: Plan) -> None:
    console = out()
    suggestions: list[Suggestion] = plan.suggestions or []
    if not suggestions:
        console.print(inert("No customers to suggest for this day.", style="dim"))
        return
    verb = "Scheduled" if plan.accepted else "Suggested"
    console.print(inert(f"{verb} ({len(suggestions)}):", style="bold"))
    for number, suggestion in enumerate(suggestions, 1):
        customer = suggestion.customer
        line = inert(f"{number}. ", style="bold")
        line.append_text(inert(one_line(customer.name), style=TIER_STYLE.get(customer.tier, "")))
        line.append_text(inert(f" (id {customer.id}) — {one_line(suggestion.reason)}", style=""))
        console.print(line)
    if not plan.accepted:
        console.print(
            inert(
                f"Schedule them: salesvisit visit plan --date {plan.date.isoformat()} "
                f"--suggest {len(suggestions)} --accept",
                style="cyan",
            )
        )
