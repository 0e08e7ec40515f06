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
    itself be a Message: it is shown in the same language)."""

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
            name: value.translated() if isinstance(value, Message) else value
            for name, value in self.values
        }
        return _(self.id).format(**values)


def weekday(day: date) -> Message:
    """The short name of `day`'s weekday (`Sat` / `周六`)."""
    return Message(WEEKDAY_NAMES[day.weekday()])
