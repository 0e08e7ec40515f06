"""Salesperson names."""

from __future__ import annotations

from salesvisit_cli.domain.errors import NotFoundError, ValidationError
from salesvisit_cli.domain.text import check_text
from salesvisit_cli.i18n import _


def validate_rep_name(name: str) -> str:
    """A salesperson's name: non-empty, one line, at most 200 characters."""
    value = check_text("salesperson", name, max_length=200)
    if not value:
        raise ValidationError(_("the salesperson's name is empty: set --rep or SALESVISIT_REP"))
    return value


def unknown_rep(name: str) -> NotFoundError:
    """The error for a salesperson who has no row: writes never create one silently."""
    return NotFoundError(
        _("no salesperson named {name!r}; add them first with `salesvisit rep add NAME`").format(
            name=name
        )
    )


def front_desk_owns_nothing(name: str) -> ValidationError:
    """The error for a front-desk login doing, or given, a salesperson's work."""
    return ValidationError(
        _(
            "{name!r} is a front-desk login: it registers walk-ins and calls (`salesvisit "
            "reception walkin|call`); customers, visits and follow-ups belong to salespeople"
        ).format(name=name)
    )
