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
from salesvisit_cli.domain.locations import district_of
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


_plain_text = st.text(alphabet="ab 上海市浦东新区-'=", max_size=6)
# Each field's values in their stored form (most rows of a real file)...
_STORED = {
    "name": st.from_regex(r"[a-z上海][a-z上海 .,'-]{0,6}[a-z上海.]?", fullmatch=True),
    "tier": st.sampled_from(["key", "normal", ""]),
    "status": st.sampled_from(["prospect", "client", ""]),
    "phone": st.from_regex(
        r"\+?[0-9(][0-9 ()-]{2,20}( ?(x|ext\.?|转) ?[0-9]{1,4})?", fullmatch=True
    ),
    "email": st.from_regex(r"[a-z]{1,5}@[a-z]{1,5}\.[a-z]{2,3}", fullmatch=True),
    "hours": st.from_regex(r"[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]", fullmatch=True),
    "source": st.sampled_from(["web", "trade fair", "news report", "展会", ""]),
    "district": st.sampled_from(["", "西湖区", "x" * 41]),
    "address": st.sampled_from(["杭州市西湖区文三路1号", "1 Main St", ""]) | _plain_text,
    "owner": st.sampled_from(["", "bob", "alice"]),
    "lat": st.sampled_from(["", "31.2"]),
}
# ... and the near misses a file also holds: padded, upper-case, guarded, broken by a control
# character, a TAB, an ideographic space, a Chinese alias.
_MISSES = (
    lambda v: f" {v}", lambda v: f"{v} ", str.upper, lambda v: f"'{v}", lambda v: f"={v}",
    lambda v: f"{v}\x07", lambda v: f"a\tb{v}", lambda v: f"\u3000{v}", lambda v: f"{v}\n",
    lambda v: "重点客户", lambda v: "老客户", lambda v: f"{v}\ufffd",
)  # fmt: skip


@st.composite
def _csv_rows(draw):
    """A file's columns (some of ours, maybe one not ours) and one of its rows: stored values,
    one of them perhaps missed or anything at all."""
    chosen = draw(st.lists(st.sampled_from([*customers.FIELDS, "owner", None]), unique=True))
    columns = draw(st.permutations(["name", *(c for c in chosen if c != "name")]))
    cells = [draw(_STORED.get(column, _plain_text)) for column in columns]
    if draw(st.booleans()):
        spoilt, miss = draw(st.integers(0, len(cells) - 1)), draw(st.sampled_from(_MISSES))
        cells[spoilt] = draw(st.just(miss(cells[spoilt])) | anything)
    width = draw(st.sampled_from([0] * 8 + [-1, 1]))  # a cell more or less than the header has
    return columns, cells[: len(cells) + width] + ["x"] * width


@settings(max_examples=400)
@given(_csv_rows())
def test_a_plain_row_is_stored_as_the_exact_checks_store_it(row):
    """The import takes a shortcut for rows of plain text (`PlainRows`); whenever it takes it,
    `clean_fields` accepts the row and stores each value as the shortcut does ('' for a field
    not given: NULL, or the tier's and status's default)."""
    from salesvisit_cli.domain.customer_rows import PlainRows
    from salesvisit_cli.services.customer_io import _record

    columns, cells = row
    plain = PlainRows(columns)
    values = plain(cells)
    if values is None:
        return
    record = _record(cells, columns)
    assert isinstance(record, dict)
    owner = record.pop("owner", None)
    exact = customers.clean_fields(record)
    given = dict(zip(plain.fields, values, strict=True))
    assert given.pop("owner", "") == (owner.strip() if owner else "")
    defaults = {"tier": "normal", "status": "prospect"}
    district = given.pop("district", "") or district_of(given.get("address")) or None
    assert exact.get("district") == district  # the loader's: the one given, else the address's
    assert {name: value or defaults.get(name) for name, value in given.items()} == {
        name: exact.get(name) for name in given
    }


@given(st.lists(st.text(max_size=12) | st.sampled_from(["Acme Co., Ltd.", "华美有限公司", "公司"])))
def test_name_keys_of_a_chunk_are_each_names_key(names):
    assert customers.name_keys(names) == [customers.name_key(name) for name in names]
