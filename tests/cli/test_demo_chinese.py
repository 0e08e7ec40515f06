"""`LANG=zh_CN.UTF-8 make demo`: a Chinese demo (data and screens); English names only in `en`."""

from __future__ import annotations

import os
import re
import sqlite3

TODAY = "2026-11-26"
# What people typed or the demo made up: customer file and visit texts.
TEXTS = (
    "SELECT name || coalesce(contact, '') || coalesce(address, '') || coalesce(industry, '')"
    " || coalesce(source, '') FROM customer",
    "SELECT coalesce(purpose, '') || coalesce(place, '') || coalesce(notes, '')"
    " || coalesce(booking, '') || coalesce(complaint, '') || coalesce(suggestion, '')"
    " || coalesce(next_place, '') || coalesce(cancel_reason, '') FROM visit",
    "SELECT coalesce(note, '') || coalesce(done_note, '') FROM followup",
)
# Words a Chinese screen may still show: commands and options, and the demo salesperson.
COMMAND_WORDS = {"salesvisit", "rep", "desk", "reception", "duty", "visit", "prep", "carry",
                 "daily", "submit", "followup", "done", "all", "demo", "VISIT_ID", "ITEM",
                 "https", "example", "shop"}  # fmt: skip


def _texts() -> list[str]:
    """The demo's texts, less what is stored as an id and shown translated: the notes the
    program writes and the front desk's sources (`referral`)."""
    from salesvisit_cli.domain.followups import GENERATED_NOTES
    from salesvisit_cli.domain.reception import SOURCES

    with sqlite3.connect(os.environ["SALESVISIT_DB"]) as connection:
        texts = [row[0] for query in TEXTS for row in connection.execute(query)]
    return [
        text.removesuffix(next((s for s in SOURCES if text.endswith(s)), ""))
        for text in texts
        if text not in GENERATED_NOTES
    ]


def _demo(cli, clock, monkeypatch, lang: str):
    monkeypatch.setenv("LANG", lang)
    clock(f"{TODAY} 07:30")
    built = cli("demo", "--customers", "120", "--months", "1", "--seed", "7")
    assert built.exit_code == 0, built.stderr
    return built


def test_the_chinese_demo_has_only_chinese_data(cli, clock, monkeypatch):
    _demo(cli, clock, monkeypatch, "zh_CN.UTF-8")
    texts = _texts()
    assert len(texts) > 300
    english = [text for text in texts if re.search(r"[A-Za-z]{3,}", text)]
    assert english == []


def test_the_english_demo_keeps_its_english_companies(cli, clock, monkeypatch):
    _demo(cli, clock, monkeypatch, "C.UTF-8")
    names = [text for text in _texts() if re.search(r"\b(Ltd|Inc\.|Corp\.)", text)]
    assert names  # some English company names, next to the Chinese ones


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
