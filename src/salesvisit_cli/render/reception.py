"""Front-desk screens: the duty group, a registration, the day's reception figures."""

from __future__ import annotations

from typing import Any

from salesvisit_cli.domain.dates import WEEKDAYS
from salesvisit_cli.domain.reception import HOW_WORDS, KIND_WORDS, Duty, ReceptionDay, Registered
from salesvisit_cli.i18n import _
from salesvisit_cli.render.console import out, success
from salesvisit_cli.render.safe import inert
from salesvisit_cli.render.words import day_label


def _how(how: str) -> str:
    """How a registration found its salesperson."""
    return _(HOW_WORDS[how])


def _kind(kind: str) -> str:
    return _(KIND_WORDS[kind])


def duty_screen(duty: Duty) -> None:
    """The day's group (with what each received and who is next) and the weekly pattern."""
    title = _("On duty {date}").format(date=day_label(duty.date))
    if duty.override:
        title += " " + _("(set for this date)")
    out().print(inert(title, style="bold"))
    if not duty.group:
        out().print(inert(_("Nobody: set the group with `salesvisit duty set WEEKDAY|DATE REP…`")))
    following = duty.to_json()["next"]
    for name in duty.group:
        line = inert(f"  {name}  ")
        line.append_text(
            inert(_("{n} new today").format(n=duty.received.get(name, 0)), style="dim")
        )
        if name == following:
            line.append_text(inert("  ← " + _("next"), style="green"))
        out().print(line)
    out().print(inert(_("Weekly pattern"), style="bold"))
    labels = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))
    for slot, label in zip(WEEKDAYS, labels, strict=True):
        names = duty.pattern.get(slot) or []
        out().print(inert(f"  {label}  " + (_(", ").join(names) if names else "—")))


def registered(entry: Registered) -> None:
    """One line: who came, and who receives them."""
    if entry.new:
        message = _("{id}: new customer {customer} ({kind}) → {rep}, {how}")
    else:
        message = _("{id}: {customer} ({kind}) → {rep}, {how}")
    success(
        message.format(
            id=entry.id,
            customer=entry.customer,
            kind=_kind(entry.kind),
            rep=entry.rep,
            how=_how(entry.how),
        )
    )
    if entry.followup_id is not None:
        note = _("Follow-up {id} for {rep}, due today")
        out().print(inert(note.format(id=entry.followup_id, rep=entry.rep), style="dim"))


def research_marked(found: dict[str, Any]) -> None:
    success(
        _(
            "{id}: {customer} marked as market research (approved by {by}); released, and "
            "{rep} gets the next new walk-in"
        ).format(
            id=found["id"], customer=found["customer"], by=found["approved_by"], rep=found["rep"]
        )
    )


def day_screen(day: ReceptionDay) -> None:
    """The figures for the sales assistant, then each registration."""
    from salesvisit_cli.render.tables import data_table

    figures = day.to_json()
    out().print(inert(_("Reception {date}").format(date=day_label(day.date)), style="bold"))
    out().print(
        inert(
            _("Walk-ins {walkins} (new {new_walkins}) · calls {calls} (new {new_calls})").format(
                **figures
            )
        )
    )
    if figures["by_rep"]:
        counts = (_("Walk-ins"), _("Calls"), _("New"))
        table = data_table((_("Salesperson"), *counts), right=counts, team=True)
        for row in figures["by_rep"]:
            table.add_row(inert(row["rep"]), str(row["walkins"]), str(row["calls"]),
                          str(row["new"]))  # fmt: skip
        out().print(table)
    for entry in day.entries:
        line = inert(f"{entry.id:>4} {entry.at:%H:%M} {_kind(entry.kind)}  ")
        line.append_text(inert(entry.customer, style="bold" if entry.new else ""))
        line.append_text(inert(f" → {entry.rep}"))
        out().print(line)
    for item in figures["research"]:
        out().print(
            inert(
                _("Market research: {id} {customer} ({rep}), approved by {by}: {reason}").format(
                    id=item["id"],
                    customer=item["customer"],
                    rep=item["rep"],
                    by=item["approved_by"],
                    reason=item["reason"],
                ),
                style="yellow",
            )
        )
