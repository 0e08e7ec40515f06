"""Team mode rules: who may manage the team, and PostgreSQL role names for salespeople."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from salesvisit_cli.domain.errors import ValidationError

ROLE_PREFIX = "sv_"
MAX_ROLE = 63  # PostgreSQL identifiers: 63 bytes
TEAM_GROUP = "salesvisit_team"
MANAGER_GROUP = "salesvisit_managers"
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
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class RepInfo:
    """A salesperson as `rep list` shows them."""

    id: int
    name: str
    manager: bool
    db_role: str | None
    customers: int

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "manager": self.manager,
            "db_role": self.db_role,
            "customers": self.customers,
        }


def derive_role(rep_name: str, rep_id: int, taken: set[str]) -> str:
    """A safe login-role name for a salesperson: `sv_` + ASCII slug of the name.

    Names with no ASCII letters or digits (e.g. 王伟) become `sv_rep<ID>`; a name already taken
    by another salesperson gets `_<ID>` appended. Always [a-z0-9_], at most 63 bytes.
    """
    ascii_name = unicodedata.normalize("NFKD", rep_name).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("_", ascii_name.lower()).strip("_")
    base = ROLE_PREFIX + (slug or f"rep{rep_id}")
    base = base[:MAX_ROLE].rstrip("_")
    if base not in taken:
        return base
    suffix = f"_{rep_id}"
    return base[: MAX_ROLE - len(suffix)].rstrip("_") + suffix


def parse_mappings(items: list[str] | None) -> dict[str, str]:
    """`--map REP=ROLE` options as {rep name: role name}."""
    mapping: dict[str, str] = {}
    for item in items or []:
        rep, sep, role = item.partition("=")
        rep, role = rep.strip(), role.strip()
        if not sep or not rep or not role:
            raise ValidationError(f"--map {item!r}: expected REP=ROLE, e.g. --map 'Li Wei=liwei'")
        if len(role.encode()) > MAX_ROLE:
            raise ValidationError(f"--map {item!r}: role names are at most {MAX_ROLE} bytes")
        if rep in mapping:
            raise ValidationError(f"--map names {rep!r} twice")
        mapping[rep] = role
    roles = list(mapping.values())
    doubles = sorted({role for role in roles if roles.count(role) > 1})
    if doubles:
        raise ValidationError(f"--map gives role {doubles[0]!r} to several salespeople")
    return mapping


def check_can_manage(current: str, is_manager: bool, action: str) -> None:
    """Only managers assign customers (and, once the team has one, add salespeople)."""
    if not is_manager:
        raise ValidationError(f"only a manager can {action}; {current!r} is not a manager")
