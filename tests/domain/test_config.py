"""The configuration model: every PROCESS.md default, typed set, atomic private file."""

import os
import tomllib
from datetime import date
from fractions import Fraction

import pytest

from salesvisit_cli import config
from salesvisit_cli.domain.errors import SalesvisitError, ValidationError


def test_every_process_default():
    defaults = config.Config()
    assert defaults.rep is None
    assert defaults.quota.target == 120
    assert defaults.quota.share == Fraction(1, 3)
    assert defaults.quota.unit == "customers"
    assert defaults.visit.max_minutes == 30
    assert defaults.report.deadline == "09:00"
    assert defaults.calendar.country is None
    assert defaults.calendar.extra_holidays == [] and defaults.calendar.extra_workdays == []
    assert defaults.checklist.carry == [
        "work ID", "price list", "customer files", "company brochures (several sets)",
        "business cards", "notebook", "pen", "calculator",
    ]  # fmt: skip


def test_missing_file_means_defaults(tmp_path):
    assert config.load(tmp_path / "none.toml") == config.Config()


def test_load_reads_toml(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        'rep = "bob"\n[quota]\ntarget = 100\nnew_share = 0.25\n'
        '[calendar]\ncountry = "cn"\nextra_holidays = [2026-12-24, "2026-12-31"]\n',
        encoding="utf-8",
    )
    loaded = config.load(path)
    assert loaded.rep == "bob" and loaded.quota.target == 100
    assert loaded.quota.new_share == "1/4"
    assert loaded.calendar.country == "CN"
    assert loaded.calendar.extra_holidays == [date(2026, 12, 24), date(2026, 12, 31)]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[quota]\ntarget = 0\n", "quota.target"),
        ("[quota]\nunit = 'hours'\n", "quota.unit"),
        ("[quota]\nbogus = 1\n", "quota.bogus"),
        ("[report]\ndeadline = '9am'\n", "report.deadline"),
        ('rep = "a\\u0007b"\n', "rep"),
        ("not toml at all [", "cannot read configuration"),
    ],
)
def test_bad_files_are_clear_errors(tmp_path, text, problem):
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SalesvisitError, match=problem.replace(".", r"\.")):
        config.load(path)


def test_set_value_is_typed_and_keeps_only_what_the_user_set(tmp_path):
    path = tmp_path / "sub" / "config.toml"
    config.set_value(path, "quota.target", "100")
    config.set_value(path, "quota.new_share", "0.25")
    config.set_value(path, "report.deadline", "9:30")
    config.set_value(path, "calendar.extra_holidays", "2026-12-24, 2026-12-31")
    updated = config.set_value(path, "checklist.carry", "work ID, samples")
    assert updated.quota.target == 100 and updated.checklist.carry == ["work ID", "samples"]
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data == {
        "quota": {"target": 100, "new_share": "1/4"},
        "report": {"deadline": "09:30"},
        "calendar": {"extra_holidays": [date(2026, 12, 24), date(2026, 12, 31)]},
        "checklist": {"carry": ["work ID", "samples"]},
    }
    assert config.load(path) == updated
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_set_value_empty_unsets_an_optional_key(tmp_path):
    path = tmp_path / "config.toml"
    config.set_value(path, "rep", "bob")
    assert config.load(path).rep == "bob"
    config.set_value(path, "rep", "")
    assert config.load(path).rep is None
    assert "rep" not in tomllib.loads(path.read_text(encoding="utf-8"))


def test_unknown_key_lists_the_valid_keys(tmp_path):
    with pytest.raises(ValidationError) as caught:
        config.set_value(tmp_path / "c.toml", "quota.targett", "1")
    message = str(caught.value)
    assert "unknown configuration key 'quota.targett'" in message
    for key in ("quota.target", "quota.new_share", "calendar.country", "checklist.carry", "rep"):
        assert key in message
    assert not (tmp_path / "c.toml").exists()


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("quota.target", "many"),
        ("quota.target", "-5"),
        ("quota.new_share", "2"),
        ("quota.unit", "hours"),
        ("visit.max_minutes", "0"),
        ("report.deadline", "25:00"),
        ("calendar.country", "XX"),
        ("calendar.extra_workdays", "2026-02-30"),
        ("checklist.carry", ""),
    ],
)
def test_bad_values_are_refused_and_the_file_is_untouched(tmp_path, key, value):
    path = tmp_path / "c.toml"
    config.set_value(path, "quota.target", "90")
    before = path.read_bytes()
    with pytest.raises(ValidationError):
        config.set_value(path, key, value)
    assert path.read_bytes() == before


def test_write_is_atomic(tmp_path, monkeypatch):
    """A failure while writing leaves the old file and no temporary file behind."""
    path = tmp_path / "c.toml"
    config.set_value(path, "quota.target", "90")
    before = path.read_bytes()

    def broken_fsync(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        config.set_value(path, "quota.target", "80")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.toml"]


def test_work_calendar_follows_the_configuration():
    settings = config.Config.model_validate(
        {"calendar": {"country": "CN", "extra_workdays": ["2026-10-02"]}}
    )
    calendar = settings.work_calendar()
    assert calendar.is_working_day(date(2026, 2, 14))
    assert calendar.is_working_day(date(2026, 10, 2))
    assert not calendar.is_working_day(date(2026, 10, 1))


def test_the_settings_cache_is_keyed_on_every_module_that_defines_the_settings():
    """The cached settings are validated again when `config` or any module it draws sections,
    defaults, renamed keys or normalised values from changes (messages aside)."""
    import ast
    from pathlib import Path

    from salesvisit_cli import policies

    package = Path(policies.__file__).parent
    tree = ast.parse((package / "config.py").read_text(encoding="utf-8"))
    drawn = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("salesvisit_cli.")
    } - {"salesvisit_cli.i18n", "salesvisit_cli.domain.errors"}
    files = {"config.py"} | {
        name.removeprefix("salesvisit_cli.").replace(".", "/") + ".py" for name in drawn
    }
    assert files == set(policies.SETTINGS_MODULES)
    assert all((package / name).is_file() for name in policies.SETTINGS_MODULES)
