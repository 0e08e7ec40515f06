"""Working days (R7): the country's calendar, its make-up working days, and the company's extras."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

from salesvisit_cli.domain.dates import Month
from salesvisit_cli.domain.errors import ValidationError
from salesvisit_cli.i18n import _

MONDAY_TO_FRIDAY = frozenset(range(5))


@cache
def _country_calendar(country: str, subdivision: str | None, year: int):
    """The `holidays` calendar of one country and year (imported only when needed)."""
    import holidays

    try:
        return holidays.country_holidays(country, subdiv=subdivision, years=year)
    except NotImplementedError as error:
        if subdivision and "subdiv" in str(error).lower():
            raise ValidationError(
                _("unknown subdivision {subdivision!r} of calendar country {country!r}").format(
                    subdivision=subdivision, country=country
                )
            ) from None
        raise ValidationError(
            _("unknown calendar country {country!r}: use an ISO code such as CN, DE or US").format(
                country=country
            )
        ) from None


class WorkCalendar:
    """Decides which days are working days for a company."""

    def __init__(
        self,
        country: str | None = None,
        subdivision: str | None = None,
        extra_holidays: Iterable[date] = (),
        extra_workdays: Iterable[date] = (),
    ) -> None:
        self.country = country.upper() if country else None
        self.subdivision = subdivision
        self.extra_holidays = frozenset(extra_holidays)
        self.extra_workdays = frozenset(extra_workdays)
        self._months: dict[Month, tuple[date, ...]] = {}  # working days, decided once a month

    def check(self) -> None:
        """Raise ValidationError now if the country or subdivision is unknown."""
        if self.country is not None:
            _country_calendar(self.country, self.subdivision, date.today().year)

    def is_working_day(self, day: date) -> bool:
        """Company extras win; then the country's holidays and make-up days; else its weekend."""
        if day in self.extra_workdays:
            return True
        if day in self.extra_holidays:
            return False
        if self.country is None:
            return day.weekday() in MONDAY_TO_FRIDAY
        official = _country_calendar(self.country, self.subdivision, day.year)
        if day in getattr(official, "weekend_workdays", ()):
            return True
        if day in official:
            return False
        return day.weekday() not in official.weekend

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        candidate = day + timedelta(days=1)
        for _attempt in range(366):
            if self.is_working_day(candidate):
                return candidate
            candidate += timedelta(days=1)
        raise ValidationError(_("the calendar has no working day within a year"))

    def working_days(self, month: Month) -> list[date]:
        """The working days of a month, in order (each month decided once: the team's quota
        asks for the same month twice per salesperson)."""
        if month not in self._months:
            self._months[month] = tuple(day for day in month.days() if self.is_working_day(day))
        return list(self._months[month])

    def working_days_left(self, month: Month, today: date) -> int:
        """Working days of `month` from `today` (inclusive) on; 0 for a past month."""
        return sum(1 for day in self.working_days(month) if day >= today)
