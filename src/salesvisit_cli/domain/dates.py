"""Parsing of the dates, months, times, durations and office hours users type."""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.domain.messages import date_label
from salesvisit_cli.i18n import _

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_FULL_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CN_DAYS = "一二三四五六日"
# Every name of a weekday users may type → 0 (Monday) … 6 (Sunday).
_WEEKDAY_NUMBERS = {
    **{name: number for names in (WEEKDAYS, _FULL_WEEKDAYS) for number, name in enumerate(names)},
    **{prefix + day: number for prefix in ("周", "星期") for number, day in enumerate(_CN_DAYS)},
    "周天": 6,
    "星期天": 6,
}
_RELATIVE_DAYS = {
    "today": 0,
    "tomorrow": 1,
    "yesterday": -1,
    "今天": 0,
    "明天": 1,
    "后天": 2,
    "昨天": -1,
    "前天": -2,
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_TIME = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)
_DURATION = re.compile(r"(\d{1,3})h(?:(\d{1,2})(?:m|min)?)?|(\d{1,4})(?:m|min)", re.ASCII)

DATE_HELP = "YYYY-MM-DD, today, tomorrow, yesterday or a weekday (mon…sun; 今天 明天 周五 …)"
# Years a salesperson's record can sensibly hold; also keeps "the next working day" in range.
FIRST_YEAR, LAST_YEAR = 1900, 2999


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month."""

    year: int
    month: int

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last(self) -> date:
        return date(self.year, self.month, monthrange(self.year, self.month)[1])

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range(self.last.day)]

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def weekday_name(text: str) -> str | None:
    """`mon`…`sun` when `text` names a weekday (English or Chinese), else None."""
    number = _WEEKDAY_NUMBERS.get(text.strip().lower())
    return None if number is None else WEEKDAYS[number]


def parse_date(text: str, today: date, *, this_week: bool = False) -> date:
    """A date as users type it (English or Chinese words). Weekday names mean the nearest such
    day from today on, or with `this_week` that day of the current week (Monday–Sunday)."""
    value = text.strip().lower()
    if value in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[value])
    if value in _WEEKDAY_NUMBERS:
        offset = _WEEKDAY_NUMBERS[value] - today.weekday()
        return today + timedelta(days=offset if this_week else offset % 7)
    if _ISO_DATE.fullmatch(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValidationError(_no_such_day(text, value)) from None
        _check_year(day.year, text)
        return day
    raise ValidationError(
        _("invalid date {text!r}: expected {DATE_HELP}").format(text=text, DATE_HELP=DATE_HELP)
    )


def _no_such_day(text: str, value: str) -> str:
    """Why a `YYYY-MM-DD` date does not exist (`2026-02-30`: February 2026 has 28 days)."""
    year, month, _day = (int(part) for part in value.split("-"))
    if 1 <= month <= 12 and year >= 1:
        return _("the day {text!r} does not exist: {month} has {days} days").format(
            text=text, month=f"{year:04d}-{month:02d}", days=monthrange(year, month)[1]
        )
    return _("the day {text!r} does not exist: there is no month {month}").format(
        text=text, month=month
    )


def _check_year(year: int, text: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            _("{text!r} is out of range: years {FIRST_YEAR} to {LAST_YEAR}").format(
                text=text, FIRST_YEAR=FIRST_YEAR, LAST_YEAR=LAST_YEAR
            )
        )


def parse_month(text: str) -> Month:
    """A month as `YYYY-MM`."""
    match = _MONTH.fullmatch(text.strip())
    if match:
        year, month = int(match[1]), int(match[2])
        if 1 <= month <= 12:
            _check_year(year, text)
            return Month(year, month)
    raise ValidationError(
        _("invalid month {text!r}: expected YYYY-MM, e.g. 2026-03").format(text=text)
    )


def parse_time(text: str) -> str:
    """A 24-hour time `HH:MM`, returned normalised (`9:05` → `09:05`)."""
    match = _TIME.fullmatch(text.strip())
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return f"{int(match[1]):02d}:{match[2]}"
    raise ValidationError(
        _("invalid time {text!r}: expected HH:MM, 24-hour, 00:00 to 23:59").format(text=text)
    )


def parse_hours(text: str) -> str:
    """Office hours `HH:MM-HH:MM` (opening before closing), normalised."""
    parts = text.replace("–", "-").split("-")
    if len(parts) == 2:
        try:
            opens, closes = parse_time(parts[0]), parse_time(parts[1])
        except ValidationError:
            pass
        else:
            if opens < closes:
                return f"{opens}-{closes}"
    raise ValidationError(
        _("invalid office hours {text!r}: expected HH:MM-HH:MM, e.g. 09:00-17:30").format(text=text)
    )


def hours_range(hours: str) -> tuple[str, str]:
    """The opening and closing time of stored office hours."""
    opens, closes = hours.split("-")
    return opens, closes


def parse_minutes(text: str) -> int:
    """A duration: `45`, `45m`, `1h`, `1h30`, `1h30m` or `1:30`, in whole minutes."""
    value = text.strip().lower().replace(" ", "")
    if value.isascii() and value.isdigit():
        return int(value)
    match = _TIME.fullmatch(value)
    if match and int(match[2]) < 60:
        return int(match[1]) * 60 + int(match[2])
    match = _DURATION.fullmatch(value)
    if match:
        return int(match[1] or 0) * 60 + int(match[2] or match[3] or 0)
    raise ValidationError(
        _("invalid duration {text!r}: expected minutes (45) or 1h30").format(text=text)
    )


def minutes_between(start: str, end: str) -> int:
    """Whole minutes from `start` to `end` on the same day (both `HH:MM`)."""
    delta = datetime.combine(date.min, time.fromisoformat(end)) - datetime.combine(
        date.min, time.fromisoformat(start)
    )
    minutes = int(delta.total_seconds() // 60)
    if minutes <= 0:
        raise ValidationError(
            _("end time {end} is not after start time {start}").format(end=end, start=start)
        )
    return minutes


def local_moment(day: date, at: str) -> datetime:
    """`day` at `at` (HH:MM) on this computer's clock, as an aware time. A time the clock
    skipped (daylight saving time starts) is refused, naming the time it showed instead."""
    wall = datetime.combine(day, time.fromisoformat(at))
    earlier, later = wall.astimezone(), wall.replace(fold=1).astimezone()
    if earlier.replace(tzinfo=None) != wall:
        shown = max(earlier.replace(tzinfo=None), later.replace(tzinfo=None))
        raise ValidationError(
            _(
                "{at} does not exist on {day} here: the clocks went forward at daylight saving "
                "time; give the time the clock showed (e.g. {shown:%H:%M})"
            ).format(at=at, day=date_label(day), shown=shown)
        )
    return earlier


def minutes_before(now: datetime, minutes: int) -> datetime:
    """The local clock time `minutes` real minutes before `now` (local), across clock changes."""
    return (now.astimezone() - timedelta(minutes=minutes)).astimezone().replace(tzinfo=None)
