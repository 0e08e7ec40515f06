"""The import's loader: checked rows into the customer table, a chunk at a time, with the
duplicate rule (R8) against the customers on file and this file's earlier rows."""

from __future__ import annotations

from array import array
from collections.abc import Callable
from typing import TYPE_CHECKING

from salesvisit_cli.domain.customers import ImportProblem, ImportResult, clean_fields, name_keys
from salesvisit_cli.domain.errors import NotFoundError, ValidationError
from salesvisit_cli.domain.locations import district_of
from salesvisit_cli.domain.reps import unknown_rep, validate_rep_name
from salesvisit_cli.services.context import Work
from salesvisit_cli.store import customers as rows
from salesvisit_cli.store.reps import ensure_rep, rep_id

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


class Loader:
    """Checks rows and inserts the good ones in file order, a chunk at a time, inside the
    import's one transaction.

    A row is held as the values of the file's fields (`PlainRows.fields`) in `pending`; the
    caller flushes it. The database is the duplicate index: the name keys of a chunk that may
    be on file are looked up among the customers, this file's rows inserted so far included;
    those whose hash slot was never taken are surely new. Memory holds one chunk of rows, the
    line of each inserted row (8 bytes) and a byte per slot (`_slots`), never the names. Good
    rows are inserted even after a bad one (a later duplicate of them must still be found);
    the caller rolls back a refused file or a dry run.
    """

    def __init__(self, connection: Connection, work: Work, result: ImportResult, before: int,
                 fields: tuple[str, ...], file_size: int):  # fmt: skip
        self.connection, self.work, self.result, self.before = connection, work, result, before
        self.fields = fields
        self.at = {field: position for position, field in enumerate(fields)}
        self.known_owners: set[str] = {work.rep}
        self.owner_ids: dict[str | None, int] = {}
        self.pending: list[tuple[int, tuple]] = []
        self.lines = array("q")  # the file line of each inserted row, in id order
        self.first_id: int | None = None
        self.slots = bytearray(_slots(file_size))  # 1: a key with this hash may be on file
        for key in rows.name_keys_on_file(connection):
            self.slots[hash(key) % len(self.slots)] = 1

    def add(self, line: int, record: dict[str, str] | str) -> None:
        """A row `PlainRows` did not accept: through `clean_fields`."""
        if isinstance(record, str):
            self.result.skipped.append(ImportProblem(line, record))
            return
        try:
            owner = self._owner(record.pop("owner", None))
            fields = clean_fields(record) | {"owner": owner}
        except (ValidationError, NotFoundError) as error:
            self.result.skipped.append(ImportProblem(line, str(error)))
            return
        self.pending.append((line, tuple(fields.get(field) for field in self.fields)))

    def _owner(self, cell: str | None) -> str | None:
        """The owner a row names (None: the importing salesperson), who must be on file."""
        if not cell or cell.isspace():
            return None
        if cell in self.known_owners:  # checked already
            return cell
        owner = validate_rep_name(cell)
        if owner not in self.known_owners:
            if rep_id(self.connection, owner) is None:
                raise unknown_rep(owner)
            self.known_owners.add(owner)
        return owner

    def flush(self) -> None:
        """Insert the pending rows that are not duplicates (nor name an unknown owner); report
        those that are."""
        held = self._owned()
        if not held:
            return
        name, slots = self.at["name"], self.slots
        keys = name_keys([values[name] for _, values in held])
        maybe = {key for key in keys if slots[hash(key) % len(slots)]}
        earlier: dict[str, int] = rows.first_ids(self.connection, maybe) if maybe else {}
        district, owner = self._district(), self._owner_id()
        checked = []
        for (line, values), key in zip(held, keys, strict=True):
            first = earlier.get(key)
            if first is None:
                earlier[key] = -line  # a line of this chunk
                slots[hash(key) % len(slots)] = 1
                checked.append((*values, key, district(values), owner(values)))
                self.lines.append(line)
            else:
                reason = self._duplicate(first, values[name])
                self.result.skipped.append(ImportProblem(line, reason))
        rows.add_rows(self.connection, self.fields, checked, self.work.now)
        if self.first_id is None and checked:
            self.first_id = rows.first_id_after(self.connection, self.before)

    def _owned(self) -> list[tuple[int, tuple]]:
        """The pending rows (taken out) whose owner is on file (`PlainRows` leaves it)."""
        held = self.pending.copy()
        self.pending.clear()
        if "owner" not in self.at:
            return held
        position, kept = self.at["owner"], []
        for line, values in held:
            try:
                self._owner(values[position])
            except (ValidationError, NotFoundError) as error:
                self.result.skipped.append(ImportProblem(line, str(error)))
            else:
                kept.append((line, values))
        return kept

    def _district(self) -> Callable[[tuple], str | None]:
        """A row's district: the one given, else the one its address names (`clean_fields`)."""
        given, address = self.at.get("district"), self.at.get("address")
        if address is None:
            return (lambda values: values[given] or None) if given is not None else lambda _: None
        if given is None:
            return lambda values: district_of(values[address])
        return lambda values: values[given] or district_of(values[address])

    def _owner_id(self) -> Callable[[tuple], int]:
        """A row's owner id (the importing salesperson's when it names none)."""
        me = self._rep_id(None)
        if "owner" not in self.at:
            return lambda _: me
        position = self.at["owner"]
        return lambda values: self._rep_id(values[position]) if values[position] else me

    def _duplicate(self, first: int, name: str) -> str:
        """Why a row is refused: it repeats a customer on file (`first`: its id) or an earlier
        line of this file (`first`: minus that line, or the id it was inserted with)."""
        if first < 0 or (self.first_id is not None and first >= self.first_id):
            line = -first if first < 0 else self.lines[first - self.first_id]  # ids follow lines
            return f"duplicate of line {line} ({name})"
        return f"duplicate of customer id {first} ({name})"

    def _rep_id(self, owner: str | None) -> int:
        if owner not in self.owner_ids:
            self.owner_ids[owner] = ensure_rep(
                self.connection, owner or self.work.rep, self.work.now
            )
        return self.owner_ids[owner]


def _slots(file_size: int) -> int:
    """Hash slots for the name keys of a file of `file_size` bytes: about one per 8 bytes (a
    row is 50 bytes or more: most slots stay free), 64 KiB to 16 MiB."""
    return 1 << min(24, max(16, (file_size // 8).bit_length()))
