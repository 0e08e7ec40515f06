"""CSV import (all or nothing, bulk) and CSV/JSON export of the customer file."""

from __future__ import annotations

import csv
import io
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
from salesvisit_cli.domain.errors import NotFoundError, SalesvisitError, ValidationError
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


def decode(data: bytes, encoding: str) -> tuple[str, str]:
    """The file's text and the encoding used: UTF-8 (BOM or not), else GB18030 when auto."""
    encoding = encoding.strip().lower()
    encoding = _ENCODING_ALIASES.get(encoding, encoding)
    if encoding not in ENCODINGS:
        raise ValidationError(
            _("unknown encoding {encoding!r}: choose {value}").format(
                encoding=encoding, value=", ".join(ENCODINGS)
            )
        )
    if encoding in ("auto", "utf-8"):
        try:
            return data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError as error:
            if encoding == "utf-8":
                raise ValidationError(
                    _(
                        "the file is not valid UTF-8 ({reason} at byte {start}); try --encoding gbk"
                    ).format(reason=error.reason, start=error.start)
                ) from None
    try:
        return data.decode("gb18030"), "gbk"
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("the file is neither UTF-8 nor GBK (byte {start})").format(start=error.start)
        ) from None


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


def ignored_columns(text: str) -> list[str]:
    """Header cells the import does not use (unknown), to warn about."""
    try:
        header = next(csv.reader(io.StringIO(text, newline="")))
    except (StopIteration, csv.Error):
        return []
    return [title for title, column in zip(header, _columns(header), strict=True) if not column]


Record = tuple[int, "dict[str, str] | str"]


def _records(text: str) -> Iterator[Record]:
    """(line, fields) per data row, or (line, reason) for a row with more cells than columns.

    The line is where the record starts (a quoted cell may span several lines). A file the CSV
    reader cannot follow (a quote never closed, text after a closing quote) is refused whole.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError(_("the CSV file is empty")) from None
    except csv.Error as error:
        raise ValidationError(
            _("the CSV header cannot be read: {error}").format(error=error)
        ) from None
    columns = _columns(header)
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


def _validated(
    connection: Connection,
    records: list[Record],
    rep: str,
    result: ImportResult,
    progress: Callable[[int, int], None] | None,
) -> dict[str | None, list[dict[str, Any]]]:
    """The importable rows by owner; every other row goes to `result.skipped` with its reason."""
    known = rows.all_name_keys(connection)
    seen: dict[str, int] = {}
    good: dict[str | None, list[dict[str, Any]]] = {}
    for done, (line, record) in enumerate(records, 1):
        if isinstance(record, str):
            result.skipped.append(ImportProblem(line, record))
            continue
        try:
            owner = record.pop("owner", None)
            owner = validate_rep_name(owner) if owner and owner.strip() else None
            if owner not in (None, rep) and rep_id(connection, owner) is None:
                raise unknown_rep(owner)
            fields = clean_fields(record)
        except (ValidationError, NotFoundError) as error:
            result.skipped.append(ImportProblem(line, str(error)))
            continue
        key = name_key(fields["name"])
        if key in known:
            reason = f"duplicate of customer id {known[key]} ({fields['name']})"
            result.skipped.append(ImportProblem(line, reason))
        elif key in seen:
            reason = f"duplicate of line {seen[key]} ({fields['name']})"
            result.skipped.append(ImportProblem(line, reason))
        else:
            seen[key] = line
            fields["name_key"] = key  # computed once (the insert needs it too)
            good.setdefault(owner, []).append(fields)
        if progress and done % 1000 == 0:
            progress(done, len(records))  # validating
    return good


def import_csv(
    work: Work,
    path: Path,
    *,
    encoding: str = "auto",
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Validate every row, then insert them all in one transaction, or nothing."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise SalesvisitError(
            _("cannot read {path}: {strerror}").format(path=path, strerror=error.strerror)
        ) from None
    text, used = decode(data, encoding)
    result = ImportResult(dry_run=dry_run, encoding=used, ignored_columns=ignored_columns(text))
    records = list(_records(text))
    result.rows = len(records)
    with work.store.write() as connection:
        good = _validated(connection, records, work.rep, result, progress)
        if result.skipped and not skip_invalid:
            return result
        result.imported = sum(len(batch) for batch in good.values())
        if dry_run:
            return result
        me = work.ensure_rep_id(connection)
        customer_log.act(connection, me)
        before = customer_log.last_customer_id(connection)
        written = 0
        with rows.bulk_loading(connection, result.imported):
            for owner, batch in good.items():
                owner_id = ensure_rep(connection, owner or work.rep, work.now)
                for start in range(0, len(batch), rows.CHUNK):
                    chunk = batch[start : start + rows.CHUNK]
                    written += rows.add_many(connection, chunk, owner_id, work.now)
                    if progress:
                        progress(written, result.imported)
        customer_log.record_created(connection, before, by=me, at=work.now)
    if progress:
        progress(result.imported, result.imported)
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
