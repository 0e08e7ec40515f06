"""Team mode on PostgreSQL: a login role per salesperson, and row-level security.

`plan` works out who gets which role (read only); `init` applies it in one transaction: the
group roles, the login roles, the mapping in `rep.db_role`, the grants and the policies.
`status` shows the mapping and whether the policies are on.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from salesvisit_cli.domain.errors import NotFoundError, SalesvisitError, ValidationError
from salesvisit_cli.domain.team import MANAGER_GROUP, RECEPTION_GROUP, TEAM_GROUP, derive_role
from salesvisit_cli.i18n import N_, _
from salesvisit_cli.store import access
from salesvisit_cli.store import team as rep_rows
from salesvisit_cli.store.engine import Store

NOT_POSTGRES = N_(
    "team mode needs PostgreSQL: this database is an SQLite file, which only its file "
    "permissions protect; set SALESVISIT_DB=postgresql+psycopg://… (README: Team on PostgreSQL)"
)


@dataclass
class Member:
    """One salesperson's login role in the plan."""

    rep: str
    role: str
    manager: bool
    create: bool  # the role does not exist yet
    password: str | None = None
    reception: bool = False  # a front-desk login (store.access_desk)

    def to_json(self) -> dict[str, Any]:
        return {
            "rep": self.rep,
            "role": self.role,
            "manager": self.manager,
            "created": self.create,
            "reception": self.reception,
            "password": self.password,
        }


@dataclass
class Plan:
    team_role: str
    manager_role: str
    members: list[Member]
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "team_role": self.team_role,
            "manager_role": self.manager_role,
            "members": [m.to_json() for m in self.members],
        }


def _require_postgres(store: Store) -> None:
    if store.is_sqlite:
        raise SalesvisitError(_(NOT_POSTGRES))


def _plan(connection, mappings: dict[str, str]) -> Plan:
    reps = _reps_to_map(connection, mappings)
    reserved = {TEAM_GROUP, MANAGER_GROUP, access.current_user(connection)}
    # Roles already mapped and staying with their salesperson.
    taken = {r.db_role for r in reps if r.db_role and r.name not in mappings}
    taken |= set(mappings.values())
    members, warnings, given = [], [], {}
    for rep in reps:
        role = _role_of(connection, rep, mappings, taken | reserved)
        taken.add(role)
        info = access.role(connection, role)
        _refuse_role(rep.name, role, info, reserved, given)
        given[role] = rep.name
        if info.exists and not info.login:
            warnings.append(
                _("role {role!r} cannot log in (NOLOGIN); {name} cannot connect").format(
                    role=role, name=rep.name
                )
            )
        members.append(
            Member(rep.name, role, rep.manager, create=not info.exists, reception=rep.reception)
        )
    return Plan(TEAM_GROUP, MANAGER_GROUP, members, warnings)


def _reps_to_map(connection, mappings: dict[str, str]) -> list[Any]:
    """The salespeople, when the caller owns the database and every `--map` names one of them."""
    ok, reason = access.can_administer(connection)
    if not ok:
        raise SalesvisitError(
            _("team init must be run by the database owner: {reason}").format(reason=reason)
        )
    reps = rep_rows.listing(connection)
    if not reps:
        raise ValidationError(
            _("no salespeople yet: add them first with `salesvisit rep add NAME`")
        )
    names = {r.name for r in reps}
    for rep in mappings:
        if rep not in names:
            raise NotFoundError(_("--map {rep}=…: no salesperson named {rep!r}").format(rep=rep))
    return reps


def _role_of(connection, rep: Any, mappings: dict[str, str], taken: set[str]) -> str:
    """The salesperson's role: the one `--map` names (it must exist), else the one mapped
    before, else a new one derived from the name (none of `taken`)."""
    if rep.name not in mappings:
        return rep.db_role or derive_role(rep.name, rep.id, taken)
    role = mappings[rep.name]
    if not access.role(connection, role).exists:
        raise NotFoundError(
            _(
                "--map {name}={role}: there is no role {role!r} (leave --map out to have "
                "team init create one)"
            ).format(name=rep.name, role=role)
        )
    return role


def _refuse_role(
    name: str, role: str, info: Any, reserved: set[str], given: dict[str, str]
) -> None:
    """A role that is reserved, already given to another salesperson, or escapes row-level
    security is refused."""
    if role in reserved:
        raise ValidationError(
            _("{name!r} cannot use the role {role!r}: it is reserved").format(name=name, role=role)
        )
    if role in given:
        raise ValidationError(
            _("role {role!r} would belong to both {value!r} and {name!r}").format(
                role=role, value=given[role], name=name
            )
        )
    if info.superuser or info.bypass_rls:
        raise ValidationError(
            _(
                "role {role!r} bypasses row-level security (superuser or BYPASSRLS); map "
                "{name!r} to an ordinary role"
            ).format(role=role, name=name)
        )


def plan(store: Store, mappings: dict[str, str]) -> Plan:
    """Who will get which role (nothing is changed)."""
    _require_postgres(store)
    with store.read() as connection:
        return _plan(connection, mappings)


def init(
    store: Store,
    mappings: dict[str, str],
    *,
    passwords: bool = False,
    pool: dict[str, Any] | None = None,
) -> Plan:
    """Create the roles, map them, grant, and switch row-level security on (idempotent); `pool`
    (the configuration's `pool.*`) becomes the team's pool rules, which the database applies."""
    _require_postgres(store)
    with store.write() as connection:
        done = _plan(connection, mappings)
        team, managers = done.team_role, done.manager_role
        access.ensure_group(connection, team)
        access.ensure_group(connection, managers)
        access.grant_membership(connection, team, managers)
        access.ensure_group(connection, RECEPTION_GROUP)
        for member in done.members:
            if member.create:
                access.ensure_login(connection, member.role)
            if passwords and member.create:
                member.password = secrets.token_urlsafe(18)
                access.set_password(connection, member.role, member.password)
            if member.manager:
                access.grant_membership(connection, managers, member.role)
            elif member.reception:  # the front desk: its own group, not the salespeople's
                access.revoke_membership(connection, managers, member.role)
                access.revoke_membership(connection, team, member.role)
                access.grant_membership(connection, RECEPTION_GROUP, member.role)
            else:
                access.revoke_membership(connection, managers, member.role)
                access.grant_membership(connection, team, member.role)
            rep = rep_rows.get(connection, member.rep)
            rep_rows.set_db_role(connection, rep.id, member.role)
        access.apply_privileges(connection, team, managers)
        rep_rows.set_meta(connection, "team.role", team)
        rep_rows.set_meta(connection, "team.manager_role", managers)
        for key, value in (pool or {}).items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            rep_rows.set_meta(connection, f"pool.{key}", text)
        rep_rows.set_meta(connection, "pool.settled", "")
        return done


def status(store: Store) -> dict[str, Any]:
    """The mapping rep → role, role facts, and row-level security per table."""
    _require_postgres(store)
    with store.read() as connection:
        team = rep_rows.meta_value(connection, "team.role")
        managers = rep_rows.meta_value(connection, "team.manager_role")
        user = access.current_user(connection)
        reps = []
        for rep in rep_rows.listing(connection):
            info = access.role(connection, rep.db_role) if rep.db_role else None
            reps.append(
                {
                    "name": rep.name,
                    "manager": rep.manager,
                    "db_role": rep.db_role,
                    "role_exists": bool(info and info.exists),
                    "login": bool(info and info.login),
                    "in_team": bool(
                        rep.db_role and team and access.member_of(connection, rep.db_role, team)
                    ),
                    "in_managers": bool(
                        rep.db_role
                        and managers
                        and access.member_of(connection, rep.db_role, managers)
                    ),
                }
            )
        tables = access.rls_enabled(connection)
        return {
            "enabled": bool(team) and all(tables.values()),
            "team_role": team,
            "manager_role": managers,
            "current_user": user,
            "you": rep_rows.rep_for_role(connection, user),
            "tables": tables,
            "reps": reps,
        }


def member_url(url: str, role: str, password: str | None = None) -> str:
    """The database URL a salesperson uses: the same database, their role (and password)."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(username=role, password=password).render_as_string(hide_password=False)
