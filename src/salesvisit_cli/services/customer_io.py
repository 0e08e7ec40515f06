"""CSV import (all or nothing, bulk) and CSV/JSON export of the customer file."""

from __future__ import annotations

import csv
import io
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from salesvisit_cli.domain.customers import (
    FIELDS,
    ImportProblem,
    ImportResult,
    clean_fields,
    name_key,
)
from salesvisit_cli.domain.errors import (
    NotFoundError,
    SalesvisitError,
    ValidationError,
    os_reason,
)
from salesvisit_cli.domain.reps import unknown_rep, validate_rep_name
from salesvisit_cli.domain.spreadsheet import neutralise, restore
from salesvisit_cli.i18n import _
from salesvisit_cli.services.context import Work
from salesvisit_cli.store import customer_log
from salesvisit_cli.store import customers as rows
from salesvisit_cli.store.engine import Store
from salesvisit_cli.store.reps import ensure_rep, rep_id

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

# Column headers accepted on import: our field names, and the source document's Chinese ones.
HEADER_ALIASES = {
    "企业名称": "name", "客户名称": "name", "公司名称": "name", "名称": "name",
    "地址": "address", "负责人": "contact", "联系人": "contact", "电话": "phone",
    "联系电话": "phone", "行业": "industry", "规模": "size", "网店地址": "web", "网址": "web",
    "备注": "note", "来源": "source", "邮箱": "email", "电子邮件": "email",
    "办公时间": "hours", "作息时间": "hours", "级别": "tier", "客户级别": "tier",
    "状态": "status", "客户状态": "status",
    "纬度": "lat", "经度": "lon", "区县": "district", "区/县": "district", "区": "district",
}  # fmt: skip
VALUE_ALIASES = {
    "tier": {"重点客户": "key", "重点": "key", "普通客户": "normal", "普通": "normal"},
    "status": {"潜在客户": "prospect", "意向客户": "prospect", "新客户": "prospect",
               "老客户": "client", "客户": "client", "已成交": "client"},
}  # fmt: skip
ENCODINGS = ("auto", "utf-8", "gbk")
_ENCODING_ALIASES = {
    "utf8": "utf-8", "utf-8-sig": "utf-8", "utf_8": "utf-8",
    "gb18030": "gbk", "gb2312": "gbk", "cp936": "gbk",
}  # fmt: skip


def detect_encoding(path: Path, encoding: str) -> str:
    """The encoding to read `path` with: UTF-8 (BOM or not), else GB18030 when `auto`.

    One pass over the bytes in blocks, so that the file is never held whole in memory.
    """
    encoding = encoding.strip().lower()
    encoding = _ENCODING_ALIASES.get(encoding, encoding)
    if encoding not in ENCODINGS:
        raise ValidationError(
            _("unknown encoding {encoding!r}: choose {value}").format(
                encoding=encoding, value=", ".join(ENCODINGS)
            )
        )
    if encoding in ("auto", "utf-8"):
        failed = _first_bad_byte(path, "utf-8")
        if failed is None:
            return "utf-8"
        if encoding == "utf-8":
            reason, position = failed
            raise ValidationError(
                _(
                    "the file is not valid UTF-8 ({reason} at byte {start}); try --encoding gbk"
                ).format(reason=reason, start=position)
            )
    failed = _first_bad_byte(path, "gb18030")
    if failed is not None:
        raise ValidationError(
            _("the file is neither UTF-8 nor GBK (byte {start})").format(start=failed[1])
        )
    return "gbk"


_BLOCK = 1 << 20


def _first_bad_byte(path: Path, codec: str) -> tuple[str, int] | None:
    """(reason, byte offset) of the first byte `codec` cannot decode, or None."""
    import codecs

    decoder = codecs.getincrementaldecoder(codec)()
    offset = 0
    try:
        with path.open("rb") as handle:
            while block := handle.read(_BLOCK):
                try:
                    decoder.decode(block)
                except UnicodeDecodeError as error:
                    return error.reason, offset + error.start
                offset += len(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as error:  # the file ends inside a character
        return error.reason, offset + error.start
    except OSError as error:
        raise SalesvisitError(
            _("cannot read {path}: {strerror}").format(path=path, strerror=os_reason(error))
        ) from None
    return None


def _columns(header: list[str]) -> list[str | None]:
    """The field each header cell names (None: not ours); a field named twice is refused."""
    mapped: list[str | None] = []
    for title in header:
        clean = title.strip().lstrip("\ufeff").strip()
        key = HEADER_ALIASES.get(clean, clean.lower().replace(" ", "_").replace("-", "_"))
        key = {
            "e_mail": "email",
            "office_hours": "hours",
            "contact_person": "contact",
            "latitude": "lat",
            "longitude": "lon",
        }.get(key, key)
        if key in mapped:
            first = mapped.index(key)
            raise ValidationError(
                _(
                    "line 1: columns {value} ({value2!r}) and {value3} ({title!r}) are both {key}; "
                    "keep one and try again"
                ).format(
                    value=first + 1,
                    value2=header[first],
                    value3=len(mapped) + 1,
                    title=title,
                    key=key,
                )
            )
        mapped.append(key if key in FIELDS or key == "owner" else None)
    if "name" not in mapped:
        raise ValidationError(
            _(
                "the CSV has no name column: "
                "expected a header row with 'name' (or 企业名称/客户名称)"
            )
        )
    return mapped


Record = tuple[int, "dict[str, str] | str"]


def _header(reader: Any) -> tuple[list[str | None], list[str]]:
    """The field of each column, and the header cells the import does not use (to warn about)."""
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError(_("the CSV file is empty")) from None
    except csv.Error as error:
        raise ValidationError(
            _("the CSV header cannot be read: {error}").format(error=error)
        ) from None
    columns = _columns(header)
    return columns, [title for title, column in zip(header, columns, strict=True) if not column]


def _records(reader: Any, columns: list[str | None]) -> Iterator[Record]:
    """(line, fields) per data row, or (line, reason) for a row with more cells than columns.

    The line is where the record starts (a quoted cell may span several lines). A file the CSV
    reader cannot follow (a quote never closed, text after a closing quote) is refused whole.
    """
    width = len(columns)
    # (position, field, value aliases) of the columns we use, in order (one pass per row).
    used = [(i, c, VALUE_ALIASES.get(c)) for i, c in enumerate(columns) if c is not None]
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            reason = (
                "a quoted cell starts here and is never closed"
                if "unexpected end of data" in str(error)
                else f"the CSV cannot be read ({error})"
            )
            raise ValidationError(
                _("line {start}: {reason}; nothing was imported").format(start=start, reason=reason)
            ) from None
        if not "".join(cells).strip():
            continue
        if len(cells) > width and "".join(cells[width:]).strip():
            yield start, f"{len(cells)} cells but the header has {width} columns"
            continue
        record = {}
        count = len(cells)
        for index, column, aliases in used:
            if index >= count:
                break
            cell = cells[index]
            if cell and not cell.isspace():  # an empty cell is a field not given
                if cell[0] == "'":
                    cell = restore(cell)
                record[column] = aliases.get(cell.strip(), cell) if aliases else cell
        yield start, record


class _Undo(Exception):
    """Ends the import's transaction without committing (a refused file, a dry run)."""


class _Loader:
    """Checks each record and inserts the good ones in file order, a chunk at a time, inside
    the import's one transaction.

    The database is the duplicate index: each chunk's name keys are looked up among the
    customers on file, this file's rows inserted so far included. Memory holds one chunk of
    rows and the line of each inserted row (8 bytes), never the names. Good rows are inserted
    even after a bad one (a later duplicate of them must still be found); the caller rolls
    back a refused file or a dry run.
    """

    def __init__(self, connection: Connection, work: Work, result: ImportResult, before: int):
        self.connection, self.work, self.result, self.before = connection, work, result, before
        self.known_owners: set[str] = {work.rep}
        self.owner_ids: dict[str | None, int] = {}
        self.pending: list[tuple[int, str, str | None, dict[str, Any]]] = []
        self.lines = array("q")  # the file line of each inserted row, in id order
        self.first_id: int | None = None

    def add(self, line: int, record: dict[str, str] | str) -> None:
        if isinstance(record, str):
            self.result.skipped.append(ImportProblem(line, record))
            return
        try:
            owner = record.pop("owner", None)
            owner = validate_rep_name(owner) if owner and owner.strip() else None
            if owner is not None and owner not in self.known_owners:
                if rep_id(self.connection, owner) is None:
                    raise unknown_rep(owner)
                self.known_owners.add(owner)
            fields = clean_fields(record)
        except (ValidationError, NotFoundError) as error:
            self.result.skipped.append(ImportProblem(line, str(error)))
            return
        self.pending.append((line, name_key(fields["name"]), owner, fields))
        if len(self.pending) >= rows.CHUNK:
            self.flush()

    def flush(self) -> None:
        """Insert the pending rows that are not duplicates; report those that are."""
        if not self.pending:
            return
        earlier: dict[str, int] = rows.first_ids(self.connection, {p[1] for p in self.pending})
        checked = []
        for line, key, owner, fields in self.pending:
            first = earlier.get(key)
            if first is None:
                earlier[key] = -line  # a line of this chunk
                checked.append((fields, key, self._owner_id(owner)))
                self.lines.append(line)
            else:
                reason = self._duplicate(first, fields["name"])
                self.result.skipped.append(ImportProblem(line, reason))
        rows.add_checked(self.connection, checked, self.work.now)
        if self.first_id is None and checked:
            self.first_id = rows.first_id_after(self.connection, self.before)
        self.pending = []

    def _duplicate(self, first: int, name: str) -> str:
        """Why a row is refused: it repeats a customer on file (`first`: its id) or an earlier
        line of this file (`first`: minus that line, or the id it was inserted with)."""
        if first < 0 or (self.first_id is not None and first >= self.first_id):
            line = -first if first < 0 else self.lines[first - self.first_id]  # ids follow lines
            return f"duplicate of line {line} ({name})"
        return f"duplicate of customer id {first} ({name})"

    def _owner_id(self, owner: str | None) -> int:
        if owner not in self.owner_ids:
            name = owner or self.work.rep
            self.owner_ids[owner] = ensure_rep(self.connection, name, self.work.now)
        return self.owner_ids[owner]


def _cache_mib(size: int) -> int:
    """The page cache for importing a file of `size` bytes: room for the name-key index it
    grows (about a quarter of the file), 8 to 64 MiB."""
    return min(64, max(8, size // 4 >> 20))


def import_csv(
    work: Work,
    path: Path,
    *,
    encoding: str = "auto",
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Check every row and insert the good ones in one transaction: all or nothing.

    The file is read as a stream; `progress(bytes read, file size)` follows it.
    """
    used = detect_encoding(path, encoding)
    size = path.stat().st_size
    result = ImportResult(dry_run=dry_run, encoding=used)
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig" if used == "utf-8" else "gb18030",
                                newline="")  # fmt: skip
        reader = csv.reader(text, strict=True)
        columns, result.ignored_columns = _header(reader)
        try:
            with work.store.write() as connection:
                me = work.ensure_rep_id(connection)
                customer_log.act(connection, me)
                before = customer_log.last_customer_id(connection)
                loader = _Loader(connection, work, result, before)
                with rows.bulk_loading(connection, _cache_mib(size), first=not before):
                    for line, record in _records(reader, columns):
                        loader.add(line, record)
                        result.rows += 1
                        if progress and result.rows % 1000 == 0:
                            progress(raw.tell(), size)
                    loader.flush()
                    result.imported = len(loader.lines)
                    result.skipped.sort(key=lambda problem: problem.line)
                    if dry_run or (result.skipped and not skip_invalid):
                        raise _Undo
                customer_log.record_created(connection, before, by=me, at=work.now)
        except _Undo:
            pass
    if progress:
        progress(size, size)
    return result


def export_rows(store: Store) -> list[dict[str, Any]]:
    with store.read() as connection:
        return [customer.to_json() for customer in rows.listing(connection)]


def to_csv(customers: list[dict[str, Any]]) -> str:
    """CSV with our field names as headers and every cell safe to open in a spreadsheet."""
    buffer = io.StringIO()
    columns = ["id", *FIELDS, "owner", "created_at"]
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for customer in customers:
        writer.writerow(
            [neutralise("" if customer[c] is None else str(customer[c])) for c in columns]
        )
    return buffer.getvalue()
