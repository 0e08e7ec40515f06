"""Visit screens: a scheduled visit, the visit list, the preparation checklist."""

from __future__ import annotations

from collections.abc import Sequence

from salesvisit_cli.domain.checklist import DEFAULT_CARRY, PREP_NAMES
from salesvisit_cli.domain.visits import VisitView
from salesvisit_cli.i18n import _, ngettext
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert, one_line
from salesvisit_cli.render.words import date_label, day_label, labelled, print_flow, word

STATUS_STYLE = {"planned": "cyan", "done": "green", "cancelled": "dim", "void": "dim"}
TICK, CROSS = "✓", "✗"


def step_word(item: str, full: bool = False) -> str:
    """An R2 step as the screen names it: its short word (`筛选`) or the source's wording."""
    short, whole = PREP_NAMES.get(item, (item, item))
    return _(whole if full else short)


def carry_word(item: str) -> str:
    """A carry-list item: the default items in the interface language, the company's own as
    written."""
    return _(item) if item in DEFAULT_CARRY else one_line(item)


def checklist_items(state: dict[str, bool], numbered: bool = False, carry: bool = False) -> list:
    """`✓1 工作证`, `✗2 价格资料` …: one Rich Text per item (carry items, or R2 steps in the
    source's wording)."""
    from rich.text import Text

    items = []
    for number, (item, done) in enumerate(state.items(), 1):
        piece = Text(TICK if done else CROSS, style="green" if done else "red")
        label = carry_word(item) if carry else step_word(item, full=True)
        shown = f"{number} {label}" if numbered else label
        piece.append_text(inert(shown, style="" if done else "dim"))
        items.append(piece)
    return items


def scheduled(visit: VisitView) -> None:
    """One line per fact of a newly planned visit."""
    when = day_label(visit.date) + (f" {visit.at}" if visit.at else _(" (no time set)"))
    print_flow(
        [
            inert(visit.customer, style="bold"),
            inert(_("on {when}").format(when=when), style="green"),
        ],
        head=inert(_("Planned visit {id}: ").format(id=visit.id), style="green"),
        separator=" ",
        indent=2,
    )
    appointment = (
        _("made") if visit.appointment else _("not yet (tick with `visit prep ID appointment`)")
    )
    details = [
        (_("Purpose"), visit.purpose),
        (_("Place"), visit.place),
        (_("Appointment"), appointment),
    ]
    for label, value in details:
        if value:
            print_flow([inert(one_line(value))], head=inert("  " + labelled(label)), indent=4)


def moved(visit: VisitView) -> None:
    when = day_label(visit.date) + (f" {visit.at}" if visit.at else "")
    text = _("Moved visit {id}: {customer} to {when}").format(
        id=visit.id, customer=one_line(visit.customer), when=when
    )
    print_flow([inert(text, style="green")], indent=2)


def voided(result) -> None:
    """The withdrawn report and what went with it."""
    visit = result.visit
    text = _("Voided the report of visit {id}: {customer} on {day} ({reason})").format(
        id=visit.id,
        customer=one_line(visit.customer),
        day=day_label(visit.date),
        reason=one_line(visit.cancel_reason or ""),
    )
    out().print(inert(text, style="green"))
    if result.closed_followups:
        ids = _(", ").join(str(number) for number in result.closed_followups)
        out().print(inert(_("  Follow-ups closed as void: {ids}").format(ids=ids)))
    if result.cancelled_next is not None:
        text = _("  Its next meeting (visit {id}) is cancelled").format(id=result.cancelled_next)
        out().print(inert(text))


def cancelled(visit: VisitView) -> None:
    text = _("Cancelled visit {id}: {customer} on {day}").format(
        id=visit.id, customer=one_line(visit.customer), day=day_label(visit.date)
    )
    items = [inert(text, style="green")]
    if visit.cancel_reason:
        reason = _("({reason})").format(reason=one_line(visit.cancel_reason))
        items.append(inert(reason, style="green"))
    print_flow(items, separator=" ", indent=2)


def visit_table(visits: Sequence[VisitView]) -> None:
    """`visit list`: one row per visit; on a narrow screen the time goes under the date and the
    status under the customer, leaving the names and notes room."""
    from salesvisit_cli.render.tables import data_table, narrow

    stacked = narrow()
    minutes_title = _("Min")
    if stacked:
        columns = (_("ID"), "\n".join((_("Date"), _("Time"))),
                   "\n".join((_("Customer"), _("Status"))), _("Purpose / notes"))  # fmt: skip
    else:
        columns = (_("ID"), _("Date"), _("Time"), _("Status"), _("Customer"),
                   _("Purpose / notes"))  # fmt: skip
    table = data_table((*columns, minutes_title), right=(_("ID"), minutes_title))
    for number, column in enumerate(table.columns):
        column.overflow = "fold"  # names and notes wrap whole, never cut
        column.no_wrap = number < (2 if stacked else 3)  # the id, the date and time: one line
    for visit in visits:
        text = visit.notes if visit.status == "done" else visit.purpose
        if visit.status == "cancelled" and visit.cancel_reason:
            text = labelled(word("visit", "cancelled")) + visit.cancel_reason
        minutes = "" if visit.minutes is None else str(visit.minutes)
        if visit.over_time:
            minutes += " !"
        when = (date_label(visit.date), visit.start or visit.at or "")
        status = inert(word("visit", visit.status), style=STATUS_STYLE.get(visit.status, ""))
        customer = inert(one_line(visit.customer))
        notes = inert(one_line(text or ""))
        if stacked:
            customer.append("\n").append_text(status)
            table.add_row(str(visit.id), "\n".join(when).rstrip(), customer, notes, minutes)
        else:
            table.add_row(str(visit.id), *when, status, customer, notes, minutes)
    out().print(table)
    count = ngettext("{count} visit", "{count} visits", len(visits))
    out().print(inert(count.format(count=len(visits)), style="dim"))


def prepared(result) -> None:
    if result.target == "carry":
        heading = _("Carry list for {day}").format(day=day_label(result.date))
    else:
        heading = _("Preparation of visit {id} ({customer})").format(
            id=result.visit_id, customer=one_line(result.customer)
        )
    done = sum(result.state.values())
    ready = _("{done}/{total} ready").format(done=done, total=len(result.state))
    out().print(inert(labelled(heading) + ready, style="green"))
    items = checklist_items(result.state, numbered=True, carry=result.target == "carry")
    print_flow(items, indent=2)
