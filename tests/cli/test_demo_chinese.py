"""`LANG=zh_CN.UTF-8 make demo`: a Chinese demo (data and screens); English names only in `en`."""

from __future__ import annotations

import os
import re
import sqlite3

TODAY = "2026-11-26"
# Words a Chinese screen may still show: commands and options, and the demo salesperson.
COMMAND_WORDS = {"salesvisit", "rep", "desk", "reception", "duty", "visit", "prep", "carry",
                 "daily", "submit", "followup", "done", "all", "demo", "VISIT_ID", "ITEM",
                 "https", "example", "shop"}  # fmt: skip
# Text columns no screen shows as stored: the schema's own bookkeeping, the salespeople's logins
# (typed with --rep, ASCII by design), web addresses, the name as the duplicate rule keeps it,
# the edited fields of a log entry (shown by their labels) and a report's earlier versions (JSON
# of the same fields, shown through them).
NOT_SHOWN = {("meta", "key"), ("meta", "value"), ("schema_migration", "name"), ("rep", "name"),
             ("rep", "db_role"), ("customer", "web"), ("customer", "name_key"),
             ("customer_log", "fields"), ("visit_revision", "report")}  # fmt: skip


def _shown() -> dict[tuple[str, str], object]:
    """The stored codes (English, as JSON gives them) as a screen shows them; any other text
    column is shown as stored."""
    from salesvisit_cli.domain.dates import WEEKDAYS
    from salesvisit_cli.domain.messages import WEEKDAY_NAMES
    from salesvisit_cli.domain.reception import HOW_WORDS, KIND_WORDS
    from salesvisit_cli.i18n import _
    from salesvisit_cli.render.customers import log_reason
    from salesvisit_cli.render.words import note_text, source_label, word

    weekdays = dict(zip(WEEKDAYS, WEEKDAY_NAMES, strict=True))
    return {
        ("customer", "tier"): lambda value: word("tier", value),
        ("customer", "status"): lambda value: word("status", value),
        ("customer", "source"): source_label,
        ("visit", "status"): lambda value: word("visit", value),
        ("followup", "kind"): lambda value: word("kind", value),
        ("followup", "note"): note_text,
        ("customer_log", "event"): lambda value: word("log", value),
        ("customer_log", "reason"): log_reason,
        ("reception", "kind"): lambda value: _(KIND_WORDS[value]),
        ("reception", "how"): lambda value: _(HOW_WORDS[value]),
        ("duty", "slot"): lambda value: _(weekdays[value]) if value in weekdays else value,
    }


def _text_columns(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    """(table, column) of every text column of the database."""
    tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master "
                                                   "WHERE type = 'table'")]  # fmt: skip
    return [
        (table, column[1])
        for table in tables
        for column in connection.execute(f"PRAGMA table_info('{table}')")
        if column[2].upper().startswith(("VARCHAR", "TEXT", "CHAR"))
    ]


def _demo(cli, clock, monkeypatch, lang: str):
    monkeypatch.setenv("LANG", lang)
    clock(f"{TODAY} 07:30")
    built = cli("demo", "--customers", "120", "--months", "1", "--seed", "7")
    assert built.exit_code == 0, built.stderr
    return built


def test_the_chinese_demo_has_only_chinese_data(cli, clock, monkeypatch):
    """Every text of every table, as a Chinese screen shows it: what the demo made up and what
    the program composed (notes, purposes, reasons) in Chinese, or stored as a code a screen
    shows in Chinese."""
    _demo(cli, clock, monkeypatch, "zh_CN.UTF-8")
    shown_as = _shown()
    english, counted = [], 0
    with sqlite3.connect(os.environ["SALESVISIT_DB"]) as connection:
        columns = _text_columns(connection)
        assert set(shown_as) | NOT_SHOWN <= set(columns)  # the lists name real columns
        for table, column in columns:
            if (table, column) in NOT_SHOWN:
                continue
            show = shown_as.get((table, column), str)
            query = f'SELECT DISTINCT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'
            for (value,) in connection.execute(query):
                counted += 1
                if re.search(r"[A-Za-z]{3,}", show(value)):
                    english.append((table, column, value))
    assert counted > 300
    assert english == []


def test_the_demo_stores_what_the_program_writes_as_the_program_does(cli, clock, monkeypatch):
    """The thank-you note as the code a screen translates (an English screen of the Chinese
    demo says `thank-you call or fax`), no made-up note of a follow-up done, and the next
    meeting's purpose in the program's own Chinese words."""
    from salesvisit_cli.domain.followups import THANKS_NOTE

    _demo(cli, clock, monkeypatch, "zh_CN.UTF-8")
    with sqlite3.connect(os.environ["SALESVISIT_DB"]) as connection:
        thanks = connection.execute("SELECT DISTINCT note FROM followup WHERE kind = 'thanks'")
        done_notes = connection.execute("SELECT count(*) FROM followup WHERE done_note NOTNULL")
        purposes = connection.execute(
            "SELECT DISTINCT purpose FROM visit WHERE from_visit_id NOTNULL"
        ).fetchall()
        assert thanks.fetchall() == [(THANKS_NOTE,)] and done_notes.fetchone() == (0,)
    assert purposes and all(re.fullmatch(r"\d+年\d+月\d+日 约定的下次见面", p) for (p,) in purposes)


def test_the_english_demo_keeps_its_english_companies(cli, clock, monkeypatch):
    _demo(cli, clock, monkeypatch, "C.UTF-8")
    with sqlite3.connect(os.environ["SALESVISIT_DB"]) as connection:
        names = [row[0] for row in connection.execute("SELECT name FROM customer")]
    assert [name for name in names if re.search(r"\b(Ltd|Inc\.|Corp\.)", name)]
    assert [name for name in names if not name.isascii()]  # next to the Chinese ones


def _english_words(shown: str) -> set[str]:
    return {word for word in re.findall(r"[A-Za-z][A-Za-z_]{2,}", shown)} - COMMAND_WORDS


def test_the_demo_morning_is_entirely_chinese(cli, clock, monkeypatch):
    built = _demo(cli, clock, monkeypatch, "zh_CN.UTF-8")
    monkeypatch.setenv("COLUMNS", "80")
    plan = cli("--rep", "demo", "visit", "plan")
    assert plan.exit_code == 0, plan.stderr
    shown = built.stdout + built.stderr + plan.stdout + plan.stderr
    assert _english_words(shown.replace(os.environ["SALESVISIT_DB"], "")) == set()


def test_the_front_desk_morning_reads_in_chinese(cli, clock, monkeypatch):
    """The customer a returning walk-in named: its file (the salesperson's follow-up), its log
    (what the front desk wrote), the desk's day, the duty group and the team's month."""
    _demo(cli, clock, monkeypatch, "zh_CN.UTF-8")
    monkeypatch.setenv("COLUMNS", "80")
    with sqlite3.connect(os.environ["SALESVISIT_DB"]) as connection:
        (walked_in,) = connection.execute(
            "SELECT customer_id FROM followup WHERE note = 'walked in'"
        ).fetchone()
    shown = ""
    for args in (
        ("--rep", "demo", "customer", "show", str(walked_in)),
        ("--rep", "demo", "customer", "log", str(walked_in)),
        ("--rep", "desk", "reception"),
        ("--rep", "demo", "duty"),
        ("--rep", "demo", "quota", "--team"),
        ("--rep", "demo", "visit", "plan"),
    ):
        ran = cli(*args)
        assert ran.exit_code == 0, ran.stderr
        shown += ran.stdout + ran.stderr
    assert _english_words(shown) == set()
    assert "来访" in shown and "前台" in shown
    assert "2026年11月" in shown  # the month as a Chinese reader writes it
