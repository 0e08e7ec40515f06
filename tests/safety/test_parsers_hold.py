"""Promise 6: parsers raise nothing but the tool's own validation error; what they accept is
the value typed (in range, normalised) and parses again to itself."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesvisit_cli.domain import customers, dates
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.spreadsheet import neutralise, restore

TODAY = date(2026, 11, 26)
anything = st.text(max_size=40) | st.text(alphabet="0123456789:-h mT+()x", max_size=20)
# Inputs shaped like the real thing, so edge values (2026-02-30, 24:00, 12:60) come up often.
date_like = anything | st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True)
month_like = anything | st.from_regex(r"[0-9]{4}-[0-9]{1,2}", fullmatch=True)
time_like = anything | st.from_regex(r"[0-9]{1,2}:[0-9]{2}", fullmatch=True)
hours_like = anything | st.from_regex(
    r"[0-9]{1,2}:[0-9]{2} ?[-–] ?[0-9]{1,2}:[0-9]{2}", fullmatch=True
)
duration_like = anything | st.from_regex(r"[0-9]{1,4}(h[0-9]{0,3})?(m|min)?", fullmatch=True)
phone_like = anything | st.from_regex(
    r"\+?[0-9 ()-]{1,25}( ?(x|ext\.?|转) ?[0-9]{1,8})?", fullmatch=True
)


def _holds(parse, text):
    """The parsed value, or None when the parser refused the text with its own error."""
    try:
        return parse(text)
    except ValidationError:
        return None


@given(date_like)
def test_date_parser_holds(text):
    day = _holds(lambda t: dates.parse_date(t, TODAY), text)
    if day is None:
        return
    assert dates.FIRST_YEAR <= day.year <= dates.LAST_YEAR
    assert dates.parse_date(day.isoformat(), TODAY) == day
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip()):
        assert day.isoformat() == text.strip()  # an ISO date means exactly that day
    else:  # a word: yesterday up to six days ahead
        assert -1 <= (day - TODAY).days <= 6


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_dates_round_trip(day):
    assert dates.parse_date(day.isoformat(), TODAY) == day


@given(st.integers(0, 30))
def test_relative_days_are_relative_to_today(offset):
    day = TODAY + timedelta(days=offset)
    weekday = dates.WEEKDAYS[day.weekday()]
    found = dates.parse_date(weekday, TODAY)
    assert found.weekday() == day.weekday() and 0 <= (found - TODAY).days < 7


@given(month_like)
def test_month_parser_holds(text):
    month = _holds(dates.parse_month, text)
    if month is None:
        return
    assert 1 <= month.month <= 12 and dates.FIRST_YEAR <= month.year <= dates.LAST_YEAR
    assert str(month) == text.strip()
    assert dates.parse_month(str(month)) == month


@given(st.integers(1900, 2999), st.integers(1, 12))
def test_months_round_trip(year, month):
    parsed = dates.parse_month(f"{year:04d}-{month:02d}")
    assert str(parsed) == f"{year:04d}-{month:02d}"
    assert parsed.first.day == 1 and parsed.last.day == monthrange(year, month)[1]


@given(time_like)
def test_time_parser_holds(text):
    parsed = _holds(dates.parse_time, text)
    if parsed is None:
        return
    hour, minute = parsed.split(":")
    assert len(hour) == len(minute) == 2
    assert 0 <= int(hour) <= 23 and 0 <= int(minute) <= 59
    typed_hour, typed_minute = text.strip().split(":")
    assert (int(hour), int(minute)) == (int(typed_hour), int(typed_minute))
    assert dates.parse_time(parsed) == parsed


@given(st.integers(0, 23), st.integers(0, 59))
def test_times_round_trip(hour, minute):
    assert dates.parse_time(f"{hour}:{minute:02d}") == f"{hour:02d}:{minute:02d}"


@given(duration_like)
def test_duration_parser_holds(text):
    minutes = _holds(dates.parse_minutes, text)
    if minutes is None:
        return
    assert minutes >= 0
    assert dates.parse_minutes(str(minutes)) == minutes
    if minutes < 1000 * 60:
        assert dates.parse_minutes(f"{minutes // 60}h{minutes % 60:02d}") == minutes


@given(st.integers(0, 999), st.integers(0, 59))
def test_durations_round_trip(hours, minutes):
    assert dates.parse_minutes(f"{hours}h{minutes:02d}") == hours * 60 + minutes
    assert dates.parse_minutes(str(hours * 60 + minutes)) == hours * 60 + minutes


@given(hours_like)
def test_hours_parser_holds(text):
    hours = _holds(dates.parse_hours, text)
    if hours is None:
        return
    opens, closes = dates.hours_range(hours)
    assert dates.parse_time(opens) == opens and dates.parse_time(closes) == closes
    assert opens < closes
    typed = text.replace("–", "-").split("-")
    assert (opens, closes) == (dates.parse_time(typed[0]), dates.parse_time(typed[1]))
    assert dates.parse_hours(hours) == hours


@given(phone_like)
def test_phone_parser_holds(text):
    phone = _holds(customers.check_phone, text)
    if phone is None:
        return
    assert phone == text.strip()  # kept as typed, only trimmed
    assert len(phone) <= 40 and sum(ch.isdigit() for ch in phone) >= 3
    assert customers.check_phone(phone) == phone


@given(st.text())
def test_spreadsheet_cells_are_safe_and_only_disguising_characters_change(text):
    safe = neutralise(text)
    assert not safe.startswith(("=", "+", "-", "@", "\t", "\r"))
    back = restore(safe)
    assert len(back) == len(text)
    assert all(a == b or b == "\ufffd" for a, b in zip(text, back, strict=True))


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Cf"))))
def test_spreadsheet_cells_round_trip(text):
    assert restore(neutralise(text)) == text


name_chars = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))
field_text = st.text(name_chars, min_size=1, max_size=30).map(str.strip).filter(bool)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(field_text, field_text, field_text), min_size=1, max_size=8))
def test_csv_export_then_import_returns_the_same_customers(tmp_path_factory, rows):
    """Names unique under the duplicate rule; formula-looking cells included by the strategy."""
    from datetime import datetime

    from salesvisit_cli.services import customer_io
    from salesvisit_cli.services import customers as customer_service
    from salesvisit_cli.services.context import Work
    from salesvisit_cli.services.private_file import write_private
    from salesvisit_cli.store.engine import open_store

    folder = tmp_path_factory.mktemp("roundtrip")
    source = open_store(folder / "a.db")
    seen = set()
    now = datetime(2026, 11, 26, 9)
    for name, note, contact in rows:
        if customers.name_key(name) in seen or not customers.name_key(name):
            continue
        seen.add(customers.name_key(name))
        fields = {"name": name, "note": note, "contact": "=" + contact}
        try:
            customer_service.add(Work.of(source, "alice", now), fields)
        except ValidationError:
            seen.discard(customers.name_key(name))
    exported = customer_io.export_rows(source)
    csv_file = folder / "out.csv"
    write_private(csv_file, customer_io.to_csv(exported))
    target = open_store(folder / "b.db")
    result = customer_io.import_csv(Work.of(target, "alice", now), csv_file)
    assert not result.skipped, result.skipped[:3]
    again = customer_io.export_rows(target)
    keep = ("name", "note", "contact", "tier", "status", "phone", "owner")
    assert [{k: c[k] for k in keep} for c in again] == [{k: c[k] for k in keep} for c in exported]
    source.close()
    target.close()


_TEXT_FIELDS = ("contact", "address", "industry", "size", "source", "web", "note")
_hours = st.from_regex(r"[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]", fullmatch=True)
_plain_text = st.text(alphabet="ab 上海市浦东新区\t-", max_size=6)
_fields_like = st.fixed_dictionaries(
    {"name": _plain_text | anything},
    optional={
        "tier": st.sampled_from(["key", "normal", "Key", " key", ""]) | anything,
        "status": st.sampled_from(["prospect", "client", "CLIENT", ""]),
        "phone": phone_like,
        "email": anything | st.from_regex(r"[a-z]{1,5}@[a-z]{1,5}\.[a-z]{2,3}", fullmatch=True),
        "hours": _hours | hours_like,
        **{label: _plain_text | anything for label in _TEXT_FIELDS},
        "source": st.sampled_from(["web", "trade fair", "展会", " Web", "news  report", ""]),
    },
)


@settings(max_examples=300)
@given(_fields_like)
def test_the_plain_row_shortcut_gives_what_the_exact_checks_give(raw):
    """`clean_fields` takes a shortcut for rows of plain text (the import's); whenever it takes
    it, the exact checks give the same fields (and never an error)."""
    plain = customers._clean_plain(raw)
    if plain is not None:
        assert customers._clean_exact(raw, partial=False) == plain
