"""The interface language (CLI.md "Language"): `zh-CN` or `en`, from gettext catalogs.

The English text in the code is the message id; `locale/zh_CN/LC_MESSAGES/salesvisit.mo` holds
the Chinese (made with Babel: `make i18n`). The language is `ui.language` from the config file
(read with tomllib only: no pydantic on the `--help` path), and for `auto` the first of
`LC_ALL`, `LC_MESSAGES`, `LANG` that is set. Loading a catalog costs one small file read.

Click's own words (`Usage:`, `Error: …`) go through the standard `gettext.gettext`: `activate`
binds that to the same catalog, so a whole `--help` page or error line is in one language.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import cache
from pathlib import Path

DOMAIN = "salesvisit"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("auto", "zh-CN", "en")
_CATALOG = {"zh-CN": "zh_CN"}


def from_environment(environ: os._Environ[str] | dict[str, str] | None = None) -> str:
    """`zh-CN` when the first of LC_ALL, LC_MESSAGES, LANG that is set starts with `zh`."""
    environ = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            return "zh-CN" if value.lower().startswith("zh") else "en"
    return "en"


def resolve(setting: str | None, environ: dict[str, str] | None = None) -> str:
    """The language a `ui.language` setting means here (`auto`/unset: the environment's)."""
    if setting in ("zh-CN", "en"):
        return setting
    return from_environment(environ)


def _configured() -> str | None:
    """`ui.language` from the config file, read cheaply (a broken file: the environment's)."""
    from salesvisit_cli.paths import config_path

    try:
        with config_path().open("rb") as handle:
            import tomllib  # only for a file that exists (most runs of a fresh install: none)

            ui = tomllib.load(handle).get("ui", {})
    except (OSError, ValueError):
        return None
    value = ui.get("language") if isinstance(ui, dict) else None
    return value if isinstance(value, str) else None


@cache
def language() -> str:
    """The interface language of this process: `zh-CN` or `en`."""
    return resolve(_configured())


@cache
def translations() -> _gettext.NullTranslations:
    """The catalog of the current language (English: the message ids themselves)."""
    catalog = _CATALOG.get(language())
    if catalog is None:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[catalog], fallback=True)


def _(message: str) -> str:
    """`message` in the interface language."""
    return translations().gettext(message)


def N_(message: str) -> str:
    """Mark a module-level constant as a message id (extracted, translated where shown)."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, in the interface language."""
    return translations().ngettext(singular, plural, count)


def activate() -> None:
    """Let click's own messages (`gettext.gettext`) speak the interface language too."""
    _gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    _gettext.textdomain(DOMAIN)
    # The stdlib looks the language up in these variables, LANGUAGE first.
    os.environ["LANGUAGE"] = _CATALOG.get(language(), "en")


def reset() -> None:
    """Forget the chosen language (tests switch it between invocations in one process)."""
    language.cache_clear()
    translations.cache_clear()
