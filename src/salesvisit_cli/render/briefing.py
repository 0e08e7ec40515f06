"""The morning briefing at the top of `visit plan`: each item with the command that deals
with it."""

from __future__ import annotations

from datetime import date

from salesvisit_cli.domain.briefing import Briefing
from salesvisit_cli.i18n import _, ngettext
from salesvisit_cli.render.console import out
from salesvisit_cli.render.safe import inert, one_line
from salesvisit_cli.render.words import date_label, day_label, moment

# Missed visits and phone follow-ups listed one by one before "… and N more".
LISTED = 5


def briefing_screen(briefing: Briefing) -> None:
    """The items to deal with first; nothing when there are none."""
    from rich.rule import Rule

    if briefing.empty and not briefing.calls:
        return
    console = out()
    console.print(inert(_("First things first"), style="bold"))
    for text, command in _items(briefing):
        _item(text, command)
    console.print(Rule(style="dim"))


def _item(text: str, command: str) -> None:
    from rich.text import Text

    console = out()
    width = max(20, console.width - 4)
    for number, line in enumerate(inert(text, style="bold yellow").wrap(console, width)):
        line.rstrip()
        console.print(Text("• " if number == 0 else "  ").append_text(line))
    for line in inert("→ " + command, style="cyan").wrap(console, width):
        line.rstrip()
        console.print(Text("    ").append_text(line))


def _when(day: date, today: date) -> str:
    return _("yesterday") if (today - day).days == 1 else day_label(day)


def _reports(briefing: Briefing) -> list[tuple[str, str]]:
    """The latest reports not handed in, one by one, the earlier ones counted (the screen
    stays one screen after months without handing in; `--json` lists them all)."""
    today = briefing.today
    items = []
    earlier = briefing.pending_reports[:-LISTED]
    if earlier:
        text = ngettext(
            "{count} earlier report not handed in (the first: {day})",
            "{count} earlier reports not handed in (the first: {day})",
            len(earlier),
        ).format(count=len(earlier), day=date_label(earlier[0].day))
        items.append((text, f"salesvisit daily {earlier[0].day.isoformat()} --submit"))
    for pending in briefing.pending_reports[-LISTED:]:
        template = (
            _("Report of {day} not handed in: due today at {time}")
            if pending.deadline.date() == today
            else _("Report of {day} not handed in: it was due {deadline}")
        )
        text = template.format(
            day=day_label(pending.day),
            time=pending.deadline.strftime("%H:%M"),
            deadline=moment(pending.deadline),
        )
        items.append((text, f"salesvisit daily {pending.day.isoformat()} --submit"))
    return items


def _items(briefing: Briefing) -> list[tuple[str, str]]:
    items = _reports(briefing)
    if briefing.followups_overdue or briefing.followups_due:
        text = _("Follow-ups: {overdue} overdue, {due} due today").format(
            overdue=briefing.followups_overdue, due=briefing.followups_due
        )
        items.append((text, "salesvisit followup"))
    if briefing.bookings_open:
        text = ngettext(
            "{count} booking not processed yet", "{count} bookings not processed yet",
            briefing.bookings_open,
        ).format(count=briefing.bookings_open)  # fmt: skip
        items.append((text, "salesvisit followup --all"))
    for call in briefing.calls[:LISTED]:
        template = _("Thank {customer} by phone") if call.kind == "thanks" else _("Call {customer}")
        text = template.format(customer=one_line(call.customer))
        items.append((text, f"salesvisit followup done {call.id}"))
    items += _missed(briefing)
    for customer in briefing.releasing[:LISTED]:
        text = _("{customer} goes to the pool on {day} unless you visit").format(
            customer=one_line(customer.customer), day=day_label(customer.release_on)
        )
        items.append((text, f"salesvisit visit schedule {customer.customer_id}"))
    hidden = max(0, len(briefing.calls) - LISTED) + max(0, len(briefing.releasing) - LISTED)
    if hidden:
        items.append((_("… and {count} more").format(count=hidden), "salesvisit followup --all"))
    return items


def _missed(briefing: Briefing) -> list[tuple[str, str]]:
    items = []
    for visit in briefing.missed[:LISTED]:
        text = _("Visit {id} to {customer} ({day}) was neither reported nor cancelled").format(
            id=visit.id, customer=one_line(visit.customer), day=_when(visit.date, briefing.today)
        )
        command = _(
            "salesvisit visit report {id} (or: visit move {id} --date today; visit cancel {id})"
        ).format(id=visit.id)
        items.append((text, command))
    rest = briefing.missed[LISTED:]
    if rest:
        ids = " ".join(str(visit.id) for visit in rest)
        text = ngettext(
            "{count} more missed visit", "{count} more missed visits", len(rest)
        ).format(count=len(rest))
        items.append((text, f"salesvisit visit move {ids} --date today"))
    return items
