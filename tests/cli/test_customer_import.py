"""customer import: headers, encodings, all or nothing, line numbers, dry run, bulk inserts."""

from __future__ import annotations

import io
import os
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from rich.console import Console

CHINESE = "企业名称,地址,负责人,电话,行业,规模,网店地址,备注\n"
ROWS = (
    "上海华美贸易有限公司,上海市浦东新区,王经理,021 5555 0101,贸易,50-200,https://hm.example,老客户\n"
    "北京蓝河食品,北京市朝阳区,李娜,010-8888-0202,食品,10-50,,\n"
)


def _names() -> list[str]:
    path = Path(os.environ["SALESVISIT_DB"])
    if not path.exists():  # a first command that failed leaves no database behind
        return []
    with sqlite3.connect(path) as connection:
        return [r[0] for r in connection.execute("SELECT name FROM customer ORDER BY id")]


def _write(tmp_path: Path, data: bytes, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gbk", b""), ("gb18030", b"")],
)
def test_chinese_headers_in_every_excel_encoding(cli, tmp_path, encoding, prefix):
    path = _write(tmp_path, prefix + (CHINESE + ROWS).encode(encoding))
    result = cli("customer", "import", path, "--json")
    assert result.exit_code == 0, result.stderr
    report = result.json()
    assert report["imported"] == 2 and report["invalid"] == []
    assert report["encoding"] == ("utf-8" if encoding == "utf-8" else "gbk")
    shown = cli("customer", "show", "华美", "--json").json()
    assert shown["address"] == "上海市浦东新区" and shown["contact"] == "王经理"
    assert shown["phone"] == "021 5555 0101" and shown["industry"] == "贸易"
    assert shown["size"] == "50-200" and shown["web"] == "https://hm.example"
    assert shown["note"] == "老客户" and shown["owner"] == "alice"


def test_customer_name_header_and_explicit_encoding(cli, tmp_path):
    path = _write(tmp_path, "客户名称,电话\n深圳新星电子,0755-8888 0303\n".encode("gbk"))
    assert cli("customer", "import", path, "--encoding", "gbk").exit_code == 0
    assert _names() == ["深圳新星电子"]
    wrong = cli("customer", "import", path, "--encoding", "utf-8")
    assert wrong.exit_code == 1 and "not valid UTF-8" in wrong.stderr


def test_english_headers_are_the_add_option_names(cli, tmp_path):
    assert cli("customer", "add", "Alice's first").exit_code == 0  # alice: the first salesperson
    assert cli("rep", "add", "bob").exit_code == 0
    text = (
        "name,tier,status,contact,phone,email,address,industry,size,source,hours,web,note,owner\n"
        "Acme,key,client,Wang,021 5555 0101,w@acme.example,1 Main St,food,10,web,"
        "09:00-17:30,https://acme.example,hi,bob\n"
    )
    result = cli("customer", "import", _write(tmp_path, text.encode()), "--json")
    assert result.exit_code == 0, result.stderr
    shown = cli("customer", "show", "Acme", "--json").json()
    assert shown["tier"] == "key" and shown["status"] == "client" and shown["owner"] == "bob"
    assert shown["hours"] == "09:00-17:30" and shown["email"] == "w@acme.example"


def test_owners_and_districts_on_plain_and_other_rows(cli, tmp_path):
    """A row of plain text and one the exact checks take (padded cells) give the same owner and
    district: the one given, else the one the address names; an unknown owner is a bad row."""
    assert cli("rep", "add", "alice").exit_code == cli("rep", "add", "bob").exit_code == 0
    text = (
        "name,owner,address,district\n"
        "Plain One,bob,杭州市西湖区文三路1号,\n"  # 2: the address's district
        " Padded One , bob ,杭州市西湖区文三路2号, \n"  # 3
        "Plain Two,,1 Main St,滨江区\n"  # 4: the district given, the importer owns it
        " Padded Two ,, 1 Main St , 滨江区 \n"  # 5
        "Plain Three,carol,,\n"  # 6: no such salesperson
        " Padded Three , carol ,,\n"  # 7
    )
    result = cli("customer", "import", _write(tmp_path, text.encode()), "--json")
    assert result.exit_code == 1
    assert [(p["line"], "carol" in p["reason"]) for p in result.json()["invalid"]] == [
        (6, True),
        (7, True),
    ]
    assert (
        cli("customer", "import", _write(tmp_path, text.encode()), "--skip-invalid").exit_code == 0
    )
    shown = {c["name"]: c for c in cli("customer", "list", "--json").json()}
    assert {name: (c["owner"], c["district"]) for name, c in shown.items()} == {
        "Plain One": ("bob", "西湖区"),
        "Padded One": ("bob", "西湖区"),
        "Plain Two": ("alice", "滨江区"),
        "Padded Two": ("alice", "滨江区"),
    }


def test_any_invalid_row_imports_nothing_and_every_bad_row_is_reported(cli, tmp_path):
    cli("customer", "add", "Existing Co")
    text = (
        "name,tier,phone,hours\n"  # line 1
        "Good One,key,,\n"  # 2
        "Bad Tier,gold,,\n"  # 3
        ",normal,,\n"  # 4: no name
        "Good Two,,,\n"  # 5
        "Bad Phone,,call me,\n"  # 6
        "good one ltd,,,\n"  # 7: duplicate of line 2
        "EXISTING CO,,,\n"  # 8: duplicate of the file
        '"Multi\nline",,,\n'  # 9-10: a name on two lines
        "Bad Hours,,,late\n"  # 11
    )
    path = _write(tmp_path, text.encode())
    result = cli("customer", "import", path)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("Error: 7 invalid row(s) in ")
    assert "nothing was imported" in lines[-1]
    reported = "\n".join(lines)
    for line, reason in (
        (3, "invalid tier 'gold'"),
        (4, "name is empty"),
        (6, "invalid phone"),
        (7, "duplicate of line 2"),
        (8, "duplicate of customer id 1"),
        (9, "single line"),
        (11, "invalid office hours"),
    ):
        assert f"line {line}: " in reported and reason in reported, (line, reason)
    assert _names() == ["Existing Co"]
    as_json = cli("customer", "import", path, "--json")
    assert as_json.exit_code == 1
    assert [p["line"] for p in as_json.json()["invalid"]] == [3, 4, 6, 7, 8, 9, 11]
    assert _names() == ["Existing Co"]


def test_skip_invalid_imports_the_rest(cli, tmp_path):
    path = _write(tmp_path, b"name,tier\nGood One,key\nBad,gold\nGood Two,\n")
    result = cli("customer", "import", path, "--skip-invalid")
    assert result.exit_code == 0
    assert "Imported 2 of 3 row(s)" in result.stdout and "skipped 1 invalid row(s)" in result.stdout
    assert "line 3: invalid tier 'gold'" in result.stderr
    assert _names() == ["Good One", "Good Two"]


def test_dry_run_writes_nothing(cli, tmp_path):
    path = _write(tmp_path, (CHINESE + ROWS).encode())
    result = cli("customer", "import", path, "--dry-run")
    assert result.exit_code == 0 and "Would import 2 of 2 row(s)" in result.stdout
    assert _names() == []
    bad = cli("customer", "import", _write(tmp_path, b"name,tier\nX,gold\n", "b.csv"), "--dry-run")
    assert bad.exit_code == 1 and "line 2" in bad.stderr


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty"),
        (b"phone,address\n021 5555,x\n", "no name column"),
        (b"name\n\xff\xfe\xfa\x80\x81\n", "neither UTF-8 nor GBK"),
    ],
)
def test_unusable_files_are_one_error(cli, tmp_path, data, problem):
    result = cli("customer", "import", _write(tmp_path, data))
    assert result.exit_code == 1 and problem in result.stderr
    assert result.stderr.startswith("Error: ")


def test_broken_csv_rows_are_invalid_rows_not_crashes(cli, tmp_path):
    data = b"name,phone\nAcme,021 5555 0101,extra cell\nOk Co,\nNul\x00Co,\n"
    result = cli("customer", "import", _write(tmp_path, data), "--json")
    assert result.exit_code == 1
    reasons = {p["line"]: p["reason"] for p in result.json()["invalid"]}
    assert "3 cells but the header has 2 columns" in reasons[2]
    assert 4 in reasons
    assert _names() == []


def test_missing_file_and_directory(cli, tmp_path):
    missing = cli("customer", "import", tmp_path / "nope.csv")
    assert missing.exit_code in (1, 2) and "Traceback" not in missing.stderr
    folder = cli("customer", "import", tmp_path)
    assert folder.exit_code in (1, 2) and "Traceback" not in folder.stderr


def test_unknown_columns_are_named_in_a_warning(cli, tmp_path):
    result = cli("customer", "import", _write(tmp_path, b"name,colour\nAcme,red\n"))
    assert result.exit_code == 0
    assert "Warning: ignored column(s): colour" in result.stderr


def test_values_in_chinese_are_understood(cli, tmp_path):
    data = "客户名称,客户级别,客户状态\n华美,重点客户,老客户\n".encode()
    assert cli("customer", "import", _write(tmp_path, data)).exit_code == 0
    shown = cli("customer", "show", "华美", "--json").json()
    assert shown["tier"] == "key" and shown["status"] == "client"


def test_bulk_import_uses_executemany_in_one_transaction(tmp_path, monkeypatch):
    from sqlalchemy import event

    from salesvisit_cli.services.context import Work
    from salesvisit_cli.services.customer_io import import_csv
    from salesvisit_cli.store import customers as customer_rows
    from salesvisit_cli.store.engine import open_store

    chunks: list[int] = []  # rows per bulk insert (one executemany each, on the DBAPI cursor)
    real_insert = customer_rows.add_rows

    def counting(connection, fields, rows, now):
        chunks.append(len(rows))
        return real_insert(connection, fields, rows, now)

    monkeypatch.setattr(customer_rows, "add_rows", counting)

    store = open_store(tmp_path / "bulk.db")
    path = _write(tmp_path, b"name\n" + b"".join(b"Shop %d\n" % i for i in range(12_000)))
    statements: list[tuple[str, bool]] = []
    event.listen(
        store.engine,
        "before_cursor_execute",
        lambda _c, _cur, sql, _p, _ctx, many: statements.append((sql.split()[0], many)),
    )
    progress: list[tuple[int, int]] = []
    work = Work.of(store, "alice", datetime(2026, 11, 26, 9))
    result = import_csv(work, path, progress=lambda d, t: progress.append((d, t)))
    assert result.imported == 12_000
    full, rest = divmod(12_000, customer_rows.CHUNK)
    assert chunks == [customer_rows.CHUNK] * full + ([rest] if rest else [])
    assert [verb for verb, _ in statements].count("BEGIN") == 1
    size = path.stat().st_size
    assert progress[-1] == (size, size)  # bytes read of the file's size
    assert [done for done, _ in progress] == sorted(done for done, _ in progress)
    store.close()


def test_a_streamed_import_with_a_late_bad_row_keeps_nothing(tmp_path):
    """Chunks are inserted while the file is read; a bad row after them still undoes them all,
    and every bad row is reported."""
    from salesvisit_cli.services.context import Work
    from salesvisit_cli.services.customer_io import import_csv
    from salesvisit_cli.store import customers as customer_rows
    from salesvisit_cli.store.engine import open_store

    rows = [b"Shop %d,normal" % i for i in range(12_000)]
    rows[11_000] = b"Shop bad,gold"
    rows[11_500] = b"Shop 3,normal"  # a duplicate of line 5
    path = _write(tmp_path, b"name,tier\n" + b"\n".join(rows) + b"\n")
    store = open_store(tmp_path / "late.db")
    work = Work.of(store, "alice", datetime(2026, 11, 26, 9))
    result = import_csv(work, path)
    assert [problem.line for problem in result.skipped] == [11_002, 11_502]
    assert "duplicate of line 5" in result.skipped[1].reason
    with store.read() as connection:
        assert customer_rows.count(connection) == 0
    kept = import_csv(work, path, skip_invalid=True)
    assert kept.imported == 11_998
    with store.read() as connection:
        assert customer_rows.count(connection) == 11_998
        assert customer_rows.first_ids(connection, ["shop11999", "shop0"]).keys() == {
            "shop11999",
            "shop0",
        }
    store.close()


def test_progress_bar_on_a_terminal(cli, tmp_path, monkeypatch):
    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=80)
    path = _write(tmp_path, b"name\n" + b"".join(b"Shop %d\n" % i for i in range(3000)))
    from salesvisit_cli.render import progress as progress_module

    monkeypatch.setattr(progress_module, "err", lambda: terminal)
    assert cli("customer", "import", path).exit_code == 0
    assert "Importing" in screen.getvalue()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            b'name,note\nAcme,ok\nBeta,"never closed\nGamma,x\n',
            "Error: line 3: a quoted cell starts here and is never closed; nothing was imported",
        ),
        (
            b'name,note\nAcme,"closed"then text\nBeta,ok\n',
            "Error: line 2: the CSV cannot be read (',' expected after '\"'); nothing was imported",
        ),
        (
            b"name,phone,name\nAcme,1,Acme Ltd\n",
            "Error: line 1: columns 1 ('name') and 3 ('name') are both name; keep one and try "
            "again",
        ),
        (
            "客户名称,note,Name\nAcme,x,Beta\n".encode(),
            "Error: line 1: columns 1 ('客户名称') and 3 ('Name') are both name; keep one and try "
            "again",
        ),
    ],
)
def test_a_broken_quote_or_a_repeated_column_refuses_the_whole_file(cli, tmp_path, data, error):
    path = _write(tmp_path, data)
    for options in ((), ("--skip-invalid",), ("--dry-run",)):
        refused = cli("customer", "import", path, *options)
        assert (refused.exit_code, refused.stderr) == (1, error + "\n"), options
    assert _names() == []
