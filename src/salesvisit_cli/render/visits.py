"""Visit screens: a scheduled visit, the visit list, the preparation checklist."""

from __future__ import annotations

from collections.abc import Sequence

from salesvisit_cli.domain.visits import VisitView
from salesvisit_cli.i18n import _
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert, one_line

STATUS_STYLE = {"planned": "cyan", "done": "green", "cancelled": "dim", "void": "dim"}
TICK, CROSS = "✓", "✗"


def scheduled(visit: VisitView) -> None:
    """One line per fact of a newly planned visit."""
    from rich.text import Text

    when = visit.date.isoformat() + (f" {visit.at}" if visit.at else " (no time set)")
    line = Text()
    line.append_text(inert(f"Planned visit {visit.id}: ", style="green"))
    line.append_text(inert(visit.customer, style="bold"))
    line.append_text(inert(f" on {when}", style="green"))
    out().print(line)
    details = [
        ("Purpose", visit.purpose),
        ("Place", visit.place),
        (
            "Appointment",
            "made" if visit.appointment else "not yet (tick with `visit prep ID appointment`)",
        ),
    ]
    for label, value in details:
        if value:
            out().print(inert(f"  {label}: {one_line(value)}"))


def moved(visit: VisitView) -> None:
    when = visit.date.isoformat() + (f" {visit.at}" if visit.at else "")
    text = _("Moved visit {id}: {customer} to {when}").format(
        id=visit.id, customer=one_line(visit.customer), when=when
    )
    out().print(inert(text, style="green"))


def voided(result) -> None:
    """The withdrawn report and what went with it."""
    visit = result.visit
    text = _("Voided the report of visit {id}: {customer} on {day} ({reason})").format(
        id=visit.id, customer=one_line(visit.customer), day=visit.date.isoformat(),
        reason=one_line(visit.cancel_reason or ""),
    )  # fmt: skip
    out().print(inert(text, style="green"))
    if result.closed_followups:
        ids = ", ".join(str(number) for number in result.closed_followups)
        out().print(inert(_("  Follow-ups closed as void: {ids}").format(ids=ids)))
    if result.cancelled_next is not None:
        text = _("  Its next meeting (visit {id}) is cancelled").format(id=result.cancelled_next)
        out().print(inert(text))


def cancelled(visit: VisitView) -> None:
    reason = f" ({one_line(visit.cancel_reason)})" if visit.cancel_reason else ""
    out().print(
        inert(
            f"Cancelled visit {visit.id}: {visit.customer} on {visit.date}{reason}", style="green"
        )
    )


def visit_table(visits: Sequence[VisitView]) -> None:
    from salesvisit_cli.render.tables import data_table

    table = data_table(
        ("ID", "Date", "Time", "Status", "Customer", "Purpose / notes", "Min"), right=("ID", "Min")
    )
    for visit in visits:
        text = visit.notes if visit.status == "done" else visit.purpose
        if visit.status == "cancelled" and visit.cancel_reason:
            text = f"cancelled: {visit.cancel_reason}"
        minutes = "" if visit.minutes is None else str(visit.minutes)
        if visit.over_time:
            minutes += " !"
        table.add_row(
            str(visit.id),
            visit.date.isoformat(),
            visit.start or visit.at or "",
            inert(visit.status, style=STATUS_STYLE.get(visit.status, "")),
            inert(one_line(visit.customer)),
            inert(one_line(text or "")),
            minutes,
        )
    out().print(table)
    out().print(inert(f"{len(visits)} visit(s)", style="dim"))


def checklist_line(state: dict[str, bool], numbered: bool = False):
    """`✓ screen  ✗ materials …` as one Rich Text."""
    from rich.text import Text

    line = Text()
    for number, (item, done) in enumerate(state.items(), 1):
        if number > 1:
            line.append("  ")
        line.append(TICK if done else CROSS, style="green" if done else "red")
        label = f"{number} {item}" if numbered else item
        line.append_text(inert(f" {label}", style="" if done else "dim"))
    return line


def prepared(result) -> None:
    from rich.text import Text

    if result.target == "carry":
        heading = f"Carry list for {result.date.isoformat()}"
    else:
        heading = f"Preparation of visit {result.visit_id} ({one_line(result.customer)})"
    done = sum(result.state.values())
    line = Text()
    line.append_text(inert(f"{heading}: {done}/{len(result.state)} ready", style="green"))
    out().print(line)
    out().print(checklist_line(result.state, numbered=result.target == "carry"))
