"""What shell completion offers, read straight from the database: customer names, the current
salesperson's planned visits, salespeople. An SQLite file is read with `sqlite3`, read only (a
missing file is never created); other databases through SQLAlchemy Core. Completion must
answer at once, so nothing else is loaded."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

LIMIT = 50


def _like(text: str) -> str:
    """A LIKE pattern for a literal text (its own % and _ escaped with \\)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def sqlite_path(target: str) -> Path | None:
    """The file of an SQLite target (a path or an sqlite:/// URL); None for other databases."""
    if "://" not in target:
        return Path(target).expanduser()
    if target.startswith("sqlite:///"):
        return Path(target.removeprefix("sqlite:///").split("?", 1)[0]).expanduser()
    return None


@contextmanager
def _rows(target: str) -> Iterator[Any]:
    """A function running one query (`?` placeholders) on the database, or None when there is
    no database to read (completion then offers nothing)."""
    path = sqlite_path(target)
    if path is not None:
        if not path.is_file():
            yield None
            return
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
            yield lambda sql, *args: connection.execute(sql, args).fetchall()
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(target)
    try:
        with engine.connect() as connection:

            def run(sql: str, *args: Any) -> list[Any]:
                names = {f"p{number}": value for number, value in enumerate(args)}
                for name in names:
                    sql = sql.replace("?", f":{name}", 1)
                return connection.execute(text(sql), names).all()

            yield run
    finally:
        engine.dispose()


def customer_names(target: str, incomplete: str) -> list[str]:
    """Names starting with the text, then names holding it (case-insensitive for Latin
    letters), then, for letters that may be pinyin, names whose pinyin or initials hold them
    (from the pinyin cache the searches keep)."""
    with _rows(target) as run:
        if run is None:
            return []
        pattern = _like(incomplete.casefold())
        sql = "SELECT name FROM customer WHERE lower(name) LIKE ? ESCAPE '\\' ORDER BY name LIMIT ?"
        found = [row[0] for row in run(sql, pattern + "%", LIMIT)]
        if len(found) < LIMIT:
            found += [name for (name,) in run(sql, "%" + pattern + "%", LIMIT) if name not in found]
        if not found and incomplete:
            found = _by_pinyin([row[0] for row in run("SELECT name FROM customer")], incomplete)
    return found[:LIMIT]


def _by_pinyin(names: list[str], incomplete: str) -> list[str]:
    from salesvisit_cli.domain.pinyin import NameBook, pinyin_query
    from salesvisit_cli.store.pinyin_cache import cache_file, load

    query = pinyin_query(incomplete)
    if query is None:
        return []
    book = NameBook(load(cache_file()))
    return sorted(name for name in names if name in book.known and book.matches(query, name))


def planned_visits(target: str, rep: str, incomplete: str) -> list[tuple[int, str, str, str]]:
    """The salesperson's planned visits whose id starts with the digits typed: (id, date,
    time, customer), soonest first."""
    if incomplete and not incomplete.isdigit():
        return []
    with _rows(target) as run:
        if run is None:
            return []
        rows = run(
            "SELECT v.id, v.date, v.at, c.name FROM visit v "
            "JOIN customer c ON c.id = v.customer_id JOIN rep r ON r.id = v.rep_id "
            "WHERE r.name = ? AND v.status = 'planned' AND CAST(v.id AS VARCHAR(20)) LIKE ? "
            "ORDER BY v.date, v.id LIMIT ?",
            rep,
            incomplete + "%",
            LIMIT,
        )
    return [(row[0], str(row[1]), row[2] or "", row[3]) for row in rows]


def rep_names(target: str, incomplete: str) -> list[str]:
    """Salespeople whose name starts with the text (case-insensitive for Latin letters)."""
    with _rows(target) as run:
        if run is None:
            return []
        sql = "SELECT name FROM rep WHERE lower(name) LIKE ? ESCAPE '\\' ORDER BY name LIMIT ?"
        return [row[0] for row in run(sql, _like(incomplete.casefold()) + "%", LIMIT)]
