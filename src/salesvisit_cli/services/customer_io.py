"""CSV import (all or nothing, bulk) and CSV/JSON export of the customer file."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from salesvisit_cli.domain.customer_rows import PlainRows
from salesvisit_cli.domain.customers import FIELDS, ImportResult
from salesvisit_cli.domain.errors import (
    SalesvisitError,
    ValidationError,
    os_reason,
)
from salesvisit_cli.domain.spreadsheet import neutralise, restore
from salesvisit_cli.i18n import _
from salesvisit_cli.services.context import Work
from salesvisit_cli.services.import_loader import Loader
from salesvisit_cli.store import customer_log
from salesvisit_cli.store import customers as rows
from salesvisit_cli.store.engine import Store

if TYPE_CHECKING:
    pass

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


def _record(cells: list[str], columns: list[str | None]) -> dict[str, str] | str | None:
    """The fields a data row gives (None: a blank row), or why it cannot be read (more cells
    than columns). An empty cell is a field not given; the cells of columns we do not use are
    dropped (a row may be shorter than the header)."""
    joined = "".join(cells)
    if not joined.strip():
        return None
    width = len(columns)
    if len(cells) > width and "".join(cells[width:]).strip():
        return f"{len(cells)} cells but the header has {width} columns"
    record = {
        c: cell
        for c, cell in zip(columns, cells, strict=False)
        if c and cell and not cell.isspace()
    }
    if "'" in joined:
        for column, cell in record.items():
            if cell[0] == "'":
                record[column] = restore(cell)
    for column, aliases in VALUE_ALIASES.items():
        if column in record:
            record[column] = aliases.get(record[column].strip(), record[column])
    return record


def _read(reader: Any, plain: PlainRows, columns: list[str | None], loader: Loader,
          progress: Callable[[], None]) -> int:  # fmt: skip
    """Hand each data row to `loader` with the line it starts on (a quoted cell may span
    several lines), a plain row as its values straight into its pending rows; the number of
    rows. A file the CSV reader cannot
    follow (a quote never closed, text after a closing quote) is refused whole."""
    count, line, pending = 0, reader.line_num, loader.pending
    try:
        for cells in reader:
            start, line = line + 1, reader.line_num
            values = plain(cells)
            if values is not None:
                pending.append((start, values))
            else:
                record = _record(cells, columns)
                if record is None:
                    continue
                loader.add(start, record)
            count += 1
            if len(pending) >= rows.CHUNK:
                loader.flush()
                progress()
    except csv.Error as error:
        reason = (
            "a quoted cell starts here and is never closed"
            if "unexpected end of data" in str(error)
            else f"the CSV cannot be read ({error})"
        )
        raise ValidationError(
            _("line {start}: {reason}; nothing was imported").format(start=line + 1, reason=reason)
        ) from None
    return count


class _Undo(Exception):
    """Ends the import's transaction without committing (a refused file, a dry run)."""


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
    progress = progress or (lambda done, size: None)
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
                plain = PlainRows(columns)
                loader = Loader(connection, work, result, before, plain.fields, size)
                with rows.bulk_loading(connection, _cache_mib(size), first=not before):
                    tick = lambda: progress(raw.tell(), size)  # noqa: E731
                    result.rows = _read(reader, plain, columns, loader, tick)
                    loader.flush()
                    result.imported = len(loader.lines)
                    result.skipped.sort(key=lambda problem: problem.line)
                    if dry_run or (result.skipped and not skip_invalid):
                        raise _Undo
                customer_log.record_created(connection, before, by=me, at=work.now)
        except _Undo:
            pass
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
