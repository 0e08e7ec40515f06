"""Promise 5: hostile text is stored verbatim (or refused) and always shown inert."""

from __future__ import annotations

import csv

import pytest

from tests.safety.hostile import corpus

INPUTS = corpus()
FORBIDDEN = ("\x1b", "\x9b")


def _inert(output: str) -> None:
    for byte in FORBIDDEN:
        assert byte not in output, repr(output[:200])


def _refused_cleanly(ran) -> bool:
    if ran.exit_code == 0:
        return False
    assert ran.exit_code == 1, (ran.exit_code, ran.stderr[:300])
    lines = ran.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), ran.stderr[:300]
    _inert(ran.stderr)
    return True


def test_the_corpus_is_big_enough():
    assert len(INPUTS) >= 200


@pytest.mark.slow
def test_customer_names_and_notes(cli):
    stored = refused = 0
    for index, text in enumerate(INPUTS):
        added = cli("customer", "add", f"--note={text}", "--allow-duplicate", "--json", "--", text)
        _inert(added.stdout)
        if _refused_cleanly(added):
            refused += 1
            continue
        stored += 1
        customer = added.json()
        assert customer["name"] == text.strip() and customer["note"] == text.strip(), index
        shown = cli("customer", "show", str(customer["id"]))
        assert shown.exit_code == 0
        _inert(shown.stdout)
        if "[" in text and len(text) < 40 and "\n" not in text:
            # markup is shown literally, not interpreted
            assert text.strip().split("[", 1)[1][:3] in shown.stdout, (text, shown.stdout)
    listed = cli("customer", "list")
    _inert(listed.stdout)
    csv_out = cli("customer", "list", "--csv")
    _inert(csv_out.stdout)
    print(f"hostile names/notes: {stored} stored verbatim, {refused} refused")
    assert stored > 100 and refused > 10


def test_csv_cells(cli, tmp_path):
    path = tmp_path / "hostile.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "contact", "address", "note"])
        for index, text in enumerate(INPUTS[:-2]):
            writer.writerow([f"Hostile {index}", text, text, text])
    ran = cli("customer", "import", path, "--skip-invalid", "--json")
    assert ran.exit_code == 0, ran.stderr[:500]
    _inert(ran.stdout)
    report = ran.json()
    assert report["imported"] + len(report["invalid"]) == len(INPUTS) - 2
    by_name = {c["name"]: c for c in cli("customer", "list", "--json").json()}
    for index, text in enumerate(INPUTS[:-2]):
        if f"Hostile {index}" in by_name:
            assert by_name[f"Hostile {index}"]["note"] == (text.strip() or None)
    _inert(cli("customer", "list").stdout)


@pytest.mark.slow
def test_config_values(cli):
    for text in INPUTS[::3]:
        ran = cli("config", "set", "--", "checklist.carry", text)
        _inert(ran.stdout + ran.stderr)
        if ran.exit_code == 0:
            shown = cli("config", "show")
            assert shown.exit_code == 0
            _inert(shown.stdout)
        else:
            _refused_cleanly(ran)
        ran = cli("config", "set", "--", "rep", text)
        _inert(ran.stdout + ran.stderr)
        assert ran.exit_code in (0, 1)


BIDI = ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069")


def test_text_already_in_the_database_is_shown_inert(cli, clock, isolated_env):
    """Rows written by another tool (no validation): every screen still shows them inert."""
    from datetime import date, datetime

    from sqlalchemy import insert

    from salesvisit_cli.store.engine import open_store
    from salesvisit_cli.store.models import Customer, Followup, Visit
    from salesvisit_cli.store.reps import ensure_rep

    clock("2026-11-26 08:00")
    store = open_store(isolated_env / "salesvisit.db")
    now = datetime(2026, 11, 25, 9, 0)
    hostile = [text for text in INPUTS if len(text) < 200][:120]
    with store.write() as connection:
        me = ensure_rep(connection, "alice", now)
        for index, text in enumerate(hostile):
            customer = connection.execute(
                insert(Customer.__table__).values(
                    name=text, name_key=f"k{index}", tier="key", status="prospect",
                    address=text, hours="09:00-17:00", contact=text, phone=text, note=text,
                    owner_id=me, created_at=now,
                )
            ).inserted_primary_key[0]  # fmt: skip
            connection.execute(
                insert(Visit.__table__).values(
                    customer_id=customer, rep_id=me, date=date(2026, 11, 26), status="planned",
                    purpose=text, place=text, created_at=now,
                )
            )  # fmt: skip
            connection.execute(
                insert(Followup.__table__).values(
                    customer_id=customer, rep_id=me, kind="call", due=date(2026, 11, 26),
                    note=text, created_at=now,
                )
            )  # fmt: skip
    store.close()
    screens = [
        ("customer", "list"),
        ("customer", "show", "1"),
        ("customer", "show", "7"),
        ("visit", "plan"),
        ("visit", "list"),
        ("followup", "--all"),
        ("followup", "--team"),
        ("quota", "--team"),
    ]
    for screen in screens:
        shown = cli(*screen)
        assert shown.exit_code == 0, (screen, shown.stderr[:300])
        _inert(shown.stdout)
        for mark in BIDI:
            assert mark not in shown.stdout, (screen, repr(mark))
    assert (
        hostile[0] == "[red]red[/red]" and hostile[16] == "[link=https://evil.example]click[/link]"
    )
    assert "[red]red[/red]" in cli("customer", "show", "1").stdout  # shown, not interpreted
    assert "[link=https://evil.example]click[/link]" in cli("customer", "show", "17").stdout
    as_json = cli("customer", "list", "--json")
    _inert(as_json.stdout)
    stored = {c["id"]: c["name"] for c in as_json.json()}
    assert [stored[i + 1] for i in range(len(hostile))] == hostile  # exact text, escaped
