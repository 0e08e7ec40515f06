"""Promise 8: exported cells are safe to open in a spreadsheet and come back unchanged."""

from __future__ import annotations

import csv
import io

import pytest

from salesvisit_cli.domain.spreadsheet import neutralise, restore

DANGEROUS = ["=1+1", "+86 21 5555", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd", "'=already", "''+x"]


@pytest.mark.parametrize("cell", DANGEROUS)
def test_dangerous_cells_are_prefixed_and_restored(cell):
    safe = neutralise(cell)
    assert safe.startswith("'")
    assert restore(safe) == cell


@pytest.mark.parametrize("cell", ["Acme", "上海", "1 Main St", "'quoted", "", "a=b"])
def test_harmless_cells_are_untouched(cell):
    assert neutralise(cell) == cell and restore(cell) == cell


def test_exported_csv_has_no_cell_a_spreadsheet_would_run(cli):
    for name, note in [('=HYPERLINK("http://x")', "@x"), ("Plain Co", "-1"), ("+Plus Ltd", "ok")]:
        assert cli("customer", "add", name, "--note", note).exit_code == 0
    exported = cli("customer", "export")
    for row in csv.reader(io.StringIO(exported.stdout)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row


def test_export_then_import_brings_back_the_same_customers(cli, tmp_path):
    originals = {
        "=1+2 Trading": {"note": "-5 units", "phone": "+86 21 5555 0101"},
        "@Home Ltd": {"address": "=A1", "contact": "'=quoted"},
        "上海华美贸易有限公司": {"contact": "王经理", "hours": "09:00-17:30"},
    }
    for name, fields in originals.items():
        options = [item for key, value in fields.items() for item in (f"--{key}", value)]
        assert cli("customer", "add", name, *options).exit_code == 0, name
    path = tmp_path / "out.csv"
    assert cli("customer", "export", "--output", path).exit_code == 0
    before = {c["name"]: c for c in cli("customer", "list", "--json").json()}
    fresh = tmp_path / "fresh.db"
    imported = cli("--db", fresh, "customer", "import", path)
    assert imported.exit_code == 0, imported.stderr
    after = {c["name"]: c for c in cli("--db", fresh, "customer", "list", "--json").json()}
    assert after.keys() == before.keys() == originals.keys()
    for name, fields in originals.items():
        for key, value in fields.items():
            assert after[name][key] == value == before[name][key]
