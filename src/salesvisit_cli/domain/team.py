"""Team mode rules: who may manage the team, and PostgreSQL role names for salespeople."""

from __future__ import annotations

from dataclasses import dataclass

from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.pinyin import syllables
from salesvisit_cli.i18n import _

ROLE_PREFIX = "sv_"
MAX_ROLE = 63  # PostgreSQL identifiers: 63 bytes
TEAM_GROUP = "salesvisit_team"
MANAGER_GROUP = "salesvisit_managers"
RECEPTION_GROUP = "salesvisit_reception"  # the front-desk logins (store.access_desk)
# The tables whose rows belong to one salesperson (row-level security applies to them).
PRIVATE_TABLES = (
    "customer",
    "visit",
    "visit_revision",
    "visit_prep",
    "carry_check",
    "followup",
    "daily_submission",
    "customer_log",
    "reception",
)


@dataclass(frozen=True)
class RepInfo:
    """A salesperson as `rep list` shows them."""

    id: int
    name: str
    manager: bool
    db_role: str | None
    customers: int
    reception: bool = False  # a front-desk login (前台): registers walk-ins and calls

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "manager": self.manager,
            "db_role": self.db_role,
            "customers": self.customers,
            "reception": self.reception,
        }


def derive_role(rep_name: str, rep_id: int, taken: set[str]) -> str:
    """A safe login-role name for a salesperson: `sv_` + the name's words in ASCII, a Chinese
    name by its pinyin (王伟 → `sv_wang_wei`, Zhang Wei → `sv_zhang_wei`); `sv_rep<ID>` for a
    name with neither. A name already taken gets `_2`, `_3`, …. Always [a-z0-9_], at most 63
    bytes.
    """
    slug = "_".join(syllables(rep_name))
    base = (ROLE_PREFIX + (slug or f"rep{rep_id}"))[:MAX_ROLE].rstrip("_")
    role, number = base, 1
    while role in taken:
        number += 1
        suffix = f"_{number}"
        role = base[: MAX_ROLE - len(suffix)].rstrip("_") + suffix
    return role


def parse_mappings(items: list[str] | None) -> dict[str, str]:
    """`--map REP=ROLE` options as {rep name: role name}."""
    mapping: dict[str, str] = {}
    for item in items or []:
        rep, sep, role = item.partition("=")
        rep, role = rep.strip(), role.strip()
        if not sep or not rep or not role:
            raise ValidationError(
                _("--map {item!r}: expected REP=ROLE, e.g. --map 'Li Wei=liwei'").format(item=item)
            )
        if len(role.encode()) > MAX_ROLE:
            raise ValidationError(
                _("--map {item!r}: role names are at most {MAX_ROLE} bytes").format(
                    item=item, MAX_ROLE=MAX_ROLE
                )
            )
        if rep in mapping:
            raise ValidationError(_("--map names {rep!r} twice").format(rep=rep))
        mapping[rep] = role
    roles = list(mapping.values())
    doubles = sorted({role for role in roles if roles.count(role) > 1})
    if doubles:
        raise ValidationError(
            _("--map gives role {value!r} to several salespeople").format(value=doubles[0])
        )
    return mapping


def check_can_manage(current: str, is_manager: bool, action: str) -> None:
    """Only managers assign customers (and, once the team has one, add salespeople); `action`
    is a message id."""
    if not is_manager:
        raise ValidationError(
            _("only a manager can {action}; {current!r} is not a manager").format(
                action=_(action), current=current
            )
        )
