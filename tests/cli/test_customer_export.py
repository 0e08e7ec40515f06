"""customer export: CSV and JSON, spreadsheet-safe cells, no clobbering, private files."""

from __future__ import annotations

import csv
import io
import json
import stat

import pytest

HOSTILE = ['=HYPERLINK("http://evil")', "+86 21 5555", "-2+3", "@SUM(A1:A9)", "\tTabbed", "\rCR"]


@pytest.fixture
def hostile(cli):
    cli(
        "customer",
        "add",
        "Acme",
        "--note",
        "=1+1",
        "--contact",
        "@boss",
        "--phone",
        "+86 21 5555 0101",
    )
    assert cli("customer", "add", "--tier", "key", "--", "-Minus Co").exit_code == 0
    cli("customer", "add", "华美贸易", "--address", "上海市\n浦东新区")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_to_stdout_is_spreadsheet_safe(cli, hostile):
    result = cli("customer", "export")
    assert result.exit_code == 0
    rows = {r["id"]: r for r in _rows(result.stdout)}
    assert rows["1"]["note"] == "'=1+1" and rows["1"]["contact"] == "'@boss"
    assert rows["1"]["phone"] == "'+86 21 5555 0101"
    assert rows["2"]["name"] == "'-Minus Co"
    assert rows["3"]["address"] == "上海市\n浦东新区"
    header = result.stdout.splitlines()[0].split(",")
    assert header[:4] == ["id", "name", "tier", "status"] and "owner" in header


@pytest.mark.parametrize("cell", HOSTILE)
def test_every_formula_start_is_neutralised(cli, cell):
    from salesvisit_cli.domain.customers import FIELDS
    from salesvisit_cli.services.customer_io import to_csv

    exported = to_csv([{k: None for k in FIELDS}
                       | {"id": 1, "name": cell, "owner": None, "created_at": None}])  # fmt: skip
    assert _rows(exported)[0]["name"] == "'" + cell


def test_json_export(cli, hostile):
    result = cli("customer", "export", "--format", "json")
    data = json.loads(result.stdout)
    assert [c["name"] for c in data] == ["-Minus Co", "Acme", "华美贸易"]
    assert data[1]["note"] == "=1+1"  # JSON is data, not a spreadsheet: kept as typed


def test_output_file_is_private_and_never_overwritten_without_force(cli, hostile, tmp_path):
    target = tmp_path / "customers.csv"
    made = cli("customer", "export", "--output", target)
    assert made.exit_code == 0 and "Exported 3 customer(s)" in made.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 Chinese correctly
    assert len(_rows(data.decode("utf-8-sig"))) == 3

    target.write_text("precious", encoding="utf-8")
    again = cli("customer", "export", "--output", target)
    assert again.exit_code == 1 and "already exists; use --force" in again.stderr
    assert target.read_text(encoding="utf-8") == "precious"

    forced = cli("customer", "export", "--format", "json", "--output", target, "--force")
    assert forced.exit_code == 0
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 3
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_round_trip_through_import(cli, hostile, tmp_path):
    target = tmp_path / "out.csv"
    cli("customer", "export", "--output", target)
    fresh = tmp_path / "fresh.db"
    imported = cli("--db", fresh, "customer", "import", target)
    assert imported.exit_code == 0, imported.stderr
    original = cli("customer", "export", "--format", "json").json()
    copied = cli("--db", fresh, "customer", "export", "--format", "json").json()
    keep = ("name", "tier", "status", "contact", "phone", "address", "note", "owner")
    assert [{k: c[k] for k in keep} for c in copied] == [{k: c[k] for k in keep} for c in original]


def test_bad_format_and_directory(cli, tmp_path):
    assert cli("customer", "export", "--format", "xml").exit_code == 2
    folder = cli("customer", "export", "--output", tmp_path)
    assert folder.exit_code == 1 and "is a directory" in folder.stderr
