"""`visit void`: withdraw a completed report. The visit stays in the history with the reason;
nothing counts it any more (quota, daily, the new-customer facts are recounted)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.text import check_text
from salesvisit_cli.domain.visits import VisitView
from salesvisit_cli.i18n import _
from salesvisit_cli.services.report_checks import own_visit
from salesvisit_cli.services.visits import view
from salesvisit_cli.store import customer_log
from salesvisit_cli.store import followups as followup_rows
from salesvisit_cli.store import reports as rows
from salesvisit_cli.store.progress import refresh_first_visit

if TYPE_CHECKING:
    from salesvisit_cli.services.context import Work

VOID_NOTE = "void: {reason}"


@dataclass
class Voided:
    """A withdrawn report, the follow-ups closed with it and the next meeting cancelled."""

    visit: VisitView
    closed_followups: list[int] = field(default_factory=list)
    cancelled_next: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            **self.visit.to_json(),
            "void_reason": self.visit.cancel_reason,
            "closed_followups": self.closed_followups,
            "cancelled_next": self.cancelled_next,
        }


def void(work: Work, visit_id: int, reason: str | None) -> Voided:
    """Withdraw one of the salesperson's completed reports, all in one transaction."""
    reason = check_text("reason", reason, max_length=500)
    if reason is None:
        raise ValidationError(_("say why the report is withdrawn: --reason TEXT"))
    with work.store.write() as connection:
        not_yours = _("visit {id} is {rep}'s, not yours: you cannot void it")
        visit = own_visit(connection, work.rep, visit_id, not_yours)
        if visit.status != "done":
            raise ValidationError(_refusal(visit))
        me = work.ensure_rep_id(connection)
        customer_log.act(connection, me, reason)
        rows.update_visit(
            connection,
            visit_id,
            {"status": "void", "cancel_reason": reason, "reported_at": work.now},
        )
        closed = followup_rows.close_open_of_visit(
            connection, visit_id, work.now, VOID_NOTE.format(reason=reason)
        )
        following = rows.next_meeting_of(connection, visit_id)
        cancelled = None
        if following is not None and following.status == "planned":
            rows.update_visit(
                connection, following.id, {"status": "cancelled", "cancel_reason": reason}
            )
            cancelled = following.id
        refresh_first_visit(connection, visit.customer_id)
        voided = view(connection, visit_id, max_minutes=work.max_minutes)
    return Voided(voided, closed, cancelled)


def _refusal(visit: Any) -> str:
    if visit.status == "void":
        return _("visit {id} is already void").format(id=visit.id)
    if visit.status == "planned":
        return _(
            "visit {id} is not reported: cancel it with `salesvisit visit cancel {id}`"
        ).format(id=visit.id)
    return _("visit {id} is cancelled: only a completed report can be voided").format(id=visit.id)
