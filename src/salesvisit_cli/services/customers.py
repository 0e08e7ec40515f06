"""Customer file use cases: add, edit, find, list, show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Connection

from salesvisit_cli.domain.customers import Customer, clean_fields
from salesvisit_cli.domain.errors import NotFoundError, SalesvisitError, ValidationError
from salesvisit_cli.domain.pinyin import NameBook, pinyin_query
from salesvisit_cli.domain.text import check_text
from salesvisit_cli.i18n import _
from salesvisit_cli.services.context import Work
from salesvisit_cli.store import customer_log
from salesvisit_cli.store import customers as rows
from salesvisit_cli.store.engine import Store
from salesvisit_cli.store.pinyin_cache import name_book
from salesvisit_cli.store.reps import ensure_rep


@dataclass
class Saved:
    """A customer written, with the warnings the user should see."""

    customer: Customer
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return self.customer.to_json()


def resolve(connection: Connection, ref: str) -> Customer:
    """A customer by id, exact name, a case-insensitive part of the name, or else a part of the
    name's pinyin (`shhm`, `huamei` → 上海华美), matching one."""
    text = check_text("customer", ref, max_length=200)
    if not text:
        raise ValidationError(_("empty customer reference: give an id or a name"))
    if text.isascii() and text.isdigit():
        found = rows.get(connection, int(text))
        if found:
            return found
    candidates = rows.find_by_name(connection, text)
    if not candidates:
        with name_book() as book:
            candidates = rows.by_ids(connection, _pinyin_ids(connection, text, book)[:11])
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise NotFoundError(_("no customer matches {text!r}").format(text=text))
    listed = _(", ").join(f"{c.id} {c.name}" for c in candidates[:10])
    more = " …" if len(candidates) > 10 else ""
    raise ValidationError(
        _("{text!r} matches several customers: {listed}{more}; use the id").format(
            text=text, listed=listed, more=more
        )
    )


def _duplicate_check(
    connection: Connection, fields: dict[str, Any], allow_duplicate: bool, exclude: int | None
) -> list[str]:
    warnings = []
    if "name" in fields:
        existing = rows.same_name(connection, fields["name"], exclude)
        if existing and not allow_duplicate:
            raise ValidationError(
                _(
                    "customer {name!r} (id {id}) already has this name; use --allow-duplicate to "
                    "add it anyway"
                ).format(name=existing.name, id=existing.id)
            )
    if fields.get("phone"):
        for other in rows.same_phone(connection, fields["phone"], exclude)[:3]:
            warnings.append(
                f"phone {fields['phone']} is already on file for {other.name} (id {other.id})"
            )
    return warnings


def add(
    work: Work, raw: dict[str, Any], *, owner: str | None = None, allow_duplicate: bool = False
) -> Saved:
    """Add a customer owned by `owner` (default: the salesperson adding it)."""
    fields = clean_fields(raw)
    with work.store.write() as connection:
        new_id, warnings = add_in(connection, work, fields, owner, allow_duplicate)
        return Saved(_with_due(work, rows.get(connection, new_id)), warnings)


def add_in(
    connection: Connection,
    work: Work,
    fields: dict[str, Any],
    owner: str | None = None,
    allow_duplicate: bool = False,
) -> tuple[int, list[str]]:
    """Add a customer (cleaned `fields`) inside an open write, with the checks of `customer
    add`; returns its id and the warnings."""
    warnings = _duplicate_check(connection, fields, allow_duplicate, None)
    me = work.ensure_rep_id(connection)
    owner_id = ensure_rep(connection, owner, work.now) if owner else me
    customer_log.act(connection, me)
    new_id = rows.add(connection, fields, owner_id, work.now)
    customer_log.record(connection, new_id, "created", by=me, at=work.now, to_id=owner_id)
    return new_id, warnings


def edit(
    work: Work,
    ref: str,
    raw: dict[str, Any],
    *,
    owner: str | None = None,
    allow_duplicate: bool = False,
) -> Saved:
    """Change only the given fields; a new `owner` follows the assign rule (managers only)."""
    from salesvisit_cli.services.reps import move_customer

    fields = clean_fields(raw, partial=True)
    if not fields and owner is None:
        raise ValidationError(_("nothing to change: give at least one option"))
    with work.store.write() as connection:
        customer = resolve(connection, ref)
        warnings = _duplicate_check(connection, fields, allow_duplicate, customer.id)
        me = work.ensure_rep_id(connection)
        customer_log.act(connection, me)
        if fields:
            if not rows.edit(connection, customer.id, fields, work.now):
                raise SalesvisitError(
                    _(
                        "customer {id} belongs to {value}: only its owner or a manager changes its "
                        "file"
                    ).format(id=customer.id, value=customer.owner or "nobody")
                )
            changed = [name for name, value in fields.items() if getattr(customer, name) != value]
            customer_log.record(
                connection, customer.id, "edited", by=me, at=work.now, fields=changed
            )
        if owner is not None:
            move_customer(connection, work, customer, owner)
        return Saved(_with_due(work, rows.get(connection, customer.id)), warnings)


def _with_due(work: Work, customer: Customer) -> Customer:
    from salesvisit_cli.services.pool import with_due

    return with_due([customer], work.config.cadence)[0]


def _pinyin_ids(connection: Connection, text: str, book: NameBook, **filters: Any) -> list[int]:
    """Ids of the customers (by id) whose name's pinyin contains `text`, if it can be pinyin."""
    query = pinyin_query(text)
    if query is None:
        return []
    return [id_ for id_, name in rows.names(connection, **filters) if book.matches(query, name)]


def listing(
    store: Store, *, search: str | None = None, cadence: Any = None, **filters: Any
) -> list[Customer]:
    """Customers in name order, Chinese names by pinyin; `search` is part of the name, contact,
    address, industry, phone or note, or part of the name's pinyin. With the `cadence` policy
    each has its `due_since`."""
    from salesvisit_cli.services.pool import with_due

    with store.read() as connection, name_book() as book:
        found = list(rows.listing(connection, search=search, **filters))
        if search:
            seen = {customer.id for customer in found}
            matched = _pinyin_ids(connection, search, book, **filters)
            found += rows.by_ids(connection, [id_ for id_ in matched if id_ not in seen])
        if cadence is not None:
            with_due(found, cadence)
        return sorted(found, key=lambda customer: (book.sort_key(customer.name), customer.id))


def log(store: Store, ref: str) -> tuple[Customer, list[dict[str, Any]]]:
    """A customer and its log: ownership changes and edits of its file, oldest first."""
    with store.read() as connection:
        customer = resolve(connection, ref)
        return customer, customer_log.history(connection, customer.id)
