"""A sentence for a person, kept as its message id and values until it is shown.

JSON carries the English (`str(message)`, the same in every language); screens show
`message.translated()`, the interface language's wording with the same values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from salesvisit_cli.i18n import N_

# The short weekday names a screen shows (message ids).
WEEKDAY_NAMES = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


@dataclass(frozen=True)
class Message:
    """A message id (English, `{name}` placeholders) and the values that fill it (a value may
    itself be a Message, a Listing or a Day: it is shown in the same language)."""

    id: str
    values: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, id: str, **values: Any) -> Message:
        return cls(id, tuple(values.items()))

    def __str__(self) -> str:
        return self.id.format(**dict(self.values))

    def translated(self) -> str:
        """The sentence in the interface language."""
        from salesvisit_cli.i18n import _

        values = {
            name: value.translated() if isinstance(value, Message | Listing | Day) else value
            for name, value in self.values
        }
        return _(self.id).format(**values)


@dataclass(frozen=True)
class Listing:
    """Items listed in a sentence: `1, 2, 3` in English (and JSON), `1、2、3` in Chinese."""

    items: tuple[Any, ...]

    def __str__(self) -> str:
        return ", ".join(map(str, self.items))

    def translated(self) -> str:
        from salesvisit_cli.i18n import _

        return _(", ").join(map(str, self.items))


@dataclass(frozen=True)
class Day:
    """A date in a sentence: ISO in English (and JSON), `date_label` on screen."""

    day: date

    def __str__(self) -> str:
        return self.day.isoformat()

    def translated(self) -> str:
        return date_label(self.day)


def weekday(day: date) -> Message:
    """The short name of `day`'s weekday (`Sat` / `周六`)."""
    return Message(WEEKDAY_NAMES[day.weekday()])


def day_label(day: date) -> str:
    """A day as a person reads it on screen or in an error: `Wed 2026-12-02` / `12月2日 周三`."""
    from salesvisit_cli.i18n import _

    return _("{weekday} {year}-{month:02}-{day:02}").format(
        weekday=weekday(day).translated(), year=day.year, month=day.month, day=day.day
    )


def date_label(day: date) -> str:
    """A date where the year matters (a table of past visits, a date in an error):
    `2026-12-02` / `2026年12月2日`."""
    from salesvisit_cli.i18n import _

    return _("{year}-{month:02}-{day:02}").format(year=day.year, month=day.month, day=day.day)
