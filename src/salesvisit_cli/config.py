"""Every company policy of PROCESS.md as a validated default; the configuration file loaded and
set key by key (the TOML file itself is `config_file`'s)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from salesvisit_cli.config_file import move_renamed, read_raw, rewrite_renamed, write_toml
from salesvisit_cli.domain.checklist import DEFAULT_CARRY
from salesvisit_cli.domain.dates import parse_time
from salesvisit_cli.domain.errors import SalesvisitError
from salesvisit_cli.domain.errors import ValidationError as InputError
from salesvisit_cli.i18n import N_, _
from salesvisit_cli.policies import ConfigRules, QuotaRules


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def _in_our_words(parse: Callable[[str], Any], value: str) -> Any:
    """`parse(value)`; its error (already our own sentence) as the ValueError pydantic expects."""
    try:
        return parse(value)
    except InputError as error:
        raise ValueError(str(error)) from None


# A time of day, HH:MM as `parse_time` writes it.
ClockTime = Annotated[str, AfterValidator(lambda value: _in_our_words(parse_time, value))]


class QuotaPolicy(_Section, QuotaRules):
    """R1: the monthly visit quota."""

    target: int = Field(120, ge=1, le=100_000, description="customers (or visits) per month")
    new_share: str = Field("1/3", description="share of the target that must be new customers")
    unit: Literal["customers", "visits"] = "customers"

    @field_validator("new_share", mode="before")
    @classmethod
    def _share(cls, value: Any) -> str:
        try:
            share = Fraction(str(value).strip()).limit_denominator(1000)
        except (ValueError, ZeroDivisionError):
            raise ValueError(_("expected a fraction such as 1/3 or 0.25")) from None
        if not 0 <= share <= 1:
            raise ValueError(_("must be between 0 and 1"))
        return str(share)


class VisitPolicy(_Section):
    """R3: the length of a call and the gap between calls."""

    max_minutes: int = Field(30, ge=1, le=600)
    travel_minutes: int = Field(30, ge=0, le=600)


class ReportPolicy(_Section):
    """R6: the daily report hand-in deadline on the next working day."""

    deadline: ClockTime = "09:00"


class CalendarPolicy(_Section):
    """R7: working days."""

    country: str | None = Field(None, description="ISO country code, e.g. CN; empty: Mon–Fri")
    subdivision: str | None = None
    extra_holidays: list[date] = Field(default_factory=list)
    extra_workdays: list[date] = Field(default_factory=list)
    time_zone: str | None = Field(
        None, description="IANA zone of the visit times, e.g. Asia/Shanghai; empty: the system's"
    )

    @field_validator("country", "subdivision", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if value is None or str(value).strip() == "" else str(value).strip().upper()

    @field_validator("time_zone", mode="before")
    @classmethod
    def _zone(cls, value: Any) -> str | None:
        if value is None or str(value).strip() == "":
            return None
        from zoneinfo import ZoneInfo

        name = str(value).strip()
        try:
            ZoneInfo(name)
        except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError
            raise ValueError(_("expected an IANA time zone such as Asia/Shanghai")) from None
        return name


class ChecklistPolicy(_Section):
    """R2: what to carry on every visit day."""

    carry: list[str] = Field(default_factory=lambda: list(DEFAULT_CARRY), min_length=1)


class CadencePolicy(_Section):
    """How often each tier is visited (CLI.md "Cadence and the pool"), in calendar days."""

    key_days: int = Field(14, ge=1, le=365)
    normal_days: int = Field(30, ge=1, le=365)


class PoolPolicy(_Section):
    """The public pool (公海): releases, claims, reclaims."""

    release_days: int = Field(0, ge=0, le=3650, description="0: customers are never released")
    claim_limit: int = Field(0, ge=0, le=1_000_000, description="0: no limit")
    reclaim_days: int = Field(30, ge=0, le=3650)
    hold_open_followups: bool = Field(
        True, description="an open booking or complaint follow-up keeps the customer"
    )


class RoutePolicy(_Section):
    """The day's round (`visit plan --route`): where it starts and ends, when, how fast."""

    start: str | None = Field(None, description="LAT,LON where the day starts (the office)")
    end: str | None = Field(None, description="LAT,LON where it ends (default: start)")
    day_start: ClockTime = "08:30"
    speed_kmh: float = Field(25, gt=0, le=200)
    detour: float = Field(1.3, ge=1, le=5, description="road distance over the straight line")
    engine: Literal["haversine", "pgrouting"] = "haversine"
    roads_url: str | None = Field(None, description="database with the road network")

    @field_validator("start", "end")
    @classmethod
    def _point(cls, value: str | None) -> str | None:
        if value is None:
            return None
        from salesvisit_cli.domain.locations import parse_point

        lat, lon = _in_our_words(parse_point, value)
        return f"{lat},{lon}"


class UiPolicy(_Section):
    """The interface (CLI.md "Language")."""

    language: Literal["auto", "zh-CN", "en"] = "auto"


class Config(_Section, ConfigRules):
    """The whole configuration file."""

    rep: str | None = None
    quota: QuotaPolicy = Field(default_factory=QuotaPolicy)
    visit: VisitPolicy = Field(default_factory=VisitPolicy)
    report: ReportPolicy = Field(default_factory=ReportPolicy)
    calendar: CalendarPolicy = Field(default_factory=CalendarPolicy)
    checklist: ChecklistPolicy = Field(default_factory=ChecklistPolicy)
    cadence: CadencePolicy = Field(default_factory=CadencePolicy)
    pool: PoolPolicy = Field(default_factory=PoolPolicy)
    route: RoutePolicy = Field(default_factory=RoutePolicy)
    ui: UiPolicy = Field(default_factory=UiPolicy)

    @field_validator("rep", mode="before")
    @classmethod
    def _rep(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str):
            raise ValueError(_("expected a salesperson's name"))
        from salesvisit_cli.domain.reps import validate_rep_name

        return _in_our_words(validate_rep_name, value)


def keys() -> list[str]:
    """Every settable key, dotted (`quota.target`)."""
    found = []
    for name, field in Config.model_fields.items():
        section = field.annotation
        if isinstance(section, type) and issubclass(section, _Section):
            found += [f"{name}.{sub}" for sub in section.model_fields]
        else:
            found.append(name)
    return found


def _explain(error: ValidationError, path: Path | None = None) -> str:
    """One sentence per problem, naming the key, in our words (never pydantic's)."""
    problems = _("; ").join(_problem(item) for item in error.errors())
    if path:
        return _("invalid configuration in {path}: {problems}").format(path=path, problems=problems)
    return _("invalid configuration: {problems}").format(problems=problems)


# pydantic's error types -> what the key expects (message ids).
_EXPECTED = {
    "int": N_("{key}: expected a whole number, not {value}"),
    "float": N_("{key}: expected a number, not {value}"),
    "bool": N_("{key}: expected true or false, not {value}"),
    "string": N_("{key}: expected text, not {value}"),
    "list": N_("{key}: expected a list, not {value}"),
    "date": N_("{key}: expected a date YYYY-MM-DD, not {value}"),
    "dict": N_("[{key}] must be a table of settings, not {value}"),
    "model": N_("[{key}] must be a table of settings, not {value}"),
}
_LIMITS = {
    "greater_than_equal": ("ge", N_("{key}: must be at least {limit}, not {value}")),
    "greater_than": ("gt", N_("{key}: must be more than {limit}, not {value}")),
    "less_than_equal": ("le", N_("{key}: must be at most {limit}, not {value}")),
    "less_than": ("lt", N_("{key}: must be less than {limit}, not {value}")),
}


def _problem(item: Any) -> str:
    """One pydantic error as our own sentence."""
    loc = [str(part) for part in item["loc"]]
    key, kind = ".".join(loc), item["type"]
    value = repr(item.get("input"))
    context = item.get("ctx") or {}
    if kind == "extra_forbidden":
        section = ".".join(loc[:-1])
        valid = [k for k in keys() if not section or k.startswith(section + ".")]
        if not section:
            valid = sorted({k.split(".")[0] for k in keys()})
        return _("unknown key {key}; valid keys: {valid}").format(key=key, valid=", ".join(valid))
    if kind == "literal_error":
        choices = str(context.get("expected", "")).replace(" or ", ", ")
        return _("{key}: expected {choices}, not {value}").format(
            key=key, choices=choices, value=value
        )
    if kind in _LIMITS:
        name, message = _LIMITS[kind]
        return _(message).format(key=key, limit=context.get(name), value=value)
    if kind == "value_error":
        return "{key}: {reason}".format(key=key, reason=context.get("error", ""))
    message = _EXPECTED.get(kind.split("_")[0])
    if message is None:
        return _("{key}: invalid value {value}").format(key=key, value=value)
    return _(message).format(key=key, value=value)


def load(path: Path) -> Config:
    """The configuration in `path`, or the defaults when it does not exist. A renamed key is
    moved to its new name in the file, with a one-line note on stderr."""
    data = read_raw(path)
    moved = move_renamed(data)
    if moved:
        _validated(data, path)
        rewrite_renamed(path, data, moved)
    try:
        return Config.model_validate(data)
    except ValidationError as error:
        raise SalesvisitError(_explain(error, path)) from None


def _typed(key: str, raw: str) -> Any:
    """The raw command-line text of a setting, shaped as its field expects."""
    section, _dot, name = key.partition(".")
    field = Config.model_fields[section]
    if name:
        field = field.annotation.model_fields[name]
    if getattr(field.annotation, "__origin__", None) is list:
        return [item.strip() for item in raw.split(",") if item.strip()]
    text = raw.strip()
    if not text and field.default is None:
        return None  # an empty value unsets an optional key
    return text


def _known(key: str) -> None:
    valid = keys()
    if key not in valid:
        raise InputError(
            _("unknown configuration key {key!r}; valid keys: {value}").format(
                key=key, value=", ".join(valid)
            )
        )


def _put(data: dict[str, Any], key: str, value: Any) -> None:
    """Set (or, for None, remove) a dotted key in raw configuration data."""
    section, _dot, name = key.partition(".")
    if not name:
        target = data
        name = section
    else:
        target = data.setdefault(section, {})
        if not isinstance(target, dict):
            raise InputError(
                _("[{section}] in the configuration file is not a table").format(section=section)
            )
    if value is None:
        target.pop(name, None)
    else:
        target[name] = value


def _validated(data: dict[str, Any], path: Path | None = None) -> Config:
    try:
        return Config.model_validate(data)
    except ValidationError as error:
        raise InputError(_explain(error, path)) from None


def _field_value(config: Config, key: str) -> Any:
    section, _dot, name = key.partition(".")
    value = getattr(config, section)
    return getattr(value, name) if name else value


def set_value(path: Path, key: str, raw: str) -> Config:
    """Set one key in the file at `path` (validated, typed, atomic); other keys stay as written.

    Only the keys the user set are in the file: defaults stay defaults, so a later release can
    change a default without the file pinning the old one.
    """
    _known(key)
    data = read_raw(path)
    move_renamed(data)
    _put(data, key, _typed(key, raw))
    config = _validated(data)
    if key.startswith("calendar."):
        config.work_calendar().check()  # an unknown country or subdivision is refused now
    _put(data, key, _field_value(config, key))  # the normalised value (1/4, 09:00, dates)
    write_toml(data, path)
    return config


def display_value(config: Config, key: str) -> str:
    """A setting as text, as `config set` takes it (lists comma-separated, booleans `true` /
    `false`, unset as empty)."""
    value = _field_value(config, key)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
