"""Write src/salesvisit_cli/store/tables.py, the plain-Core copy of the SQLModel schema.

Commands import `store.tables` instead of `store.models` so that they never pay for importing
SQLModel and building its classes (~0.15 s a run). After changing models.py run `make tables`
(or `python scripts/gen_tables.py`); tests/store/test_tables.py fails while tables.py is stale.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TABLES_PY = Path(__file__).resolve().parents[1] / "src" / "salesvisit_cli" / "store" / "tables.py"
HEADER = '''"""The tables in plain SQLAlchemy Core, for queries (generated: do not edit).

The schema is declared once, in `store.models` (SQLModel); this module is generated from it by
`make tables` (scripts/gen_tables.py) and tests/store/test_tables.py proves the two identical. It
exists for start-up time: importing it costs a few milliseconds, importing SQLModel and building
its model classes about 0.15 s on every command.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    text,
)

metadata = MetaData()
'''


def type_source(column) -> str:
    """The Core type of a column as Python source (`String(10)`, `DateTime()`, …)."""
    name = type(column.type).__name__
    if name in ("AutoString", "String"):
        return f"String({column.type.length})" if column.type.length else "String()"
    if name == "DateTime":
        return "DateTime(timezone=True)" if column.type.timezone else "DateTime()"
    return f"{name}()"


def _column_source(column) -> str:
    args = [f'"{column.name}"', type_source(column)]
    args += [f'ForeignKey("{fk.target_fullname}")' for fk in column.foreign_keys]
    if column.primary_key:
        args.append("primary_key=True")
    args.append(f"nullable={column.nullable}")
    if column.unique:
        args.append("unique=True")
    if column.index:
        args.append("index=True")
    if column.default is not None:
        args.append(f"default={column.default.arg!r}")
    if column.server_default is not None:
        args.append(f"server_default=text({str(column.server_default.arg)!r})")
    return f"    Column({', '.join(args)}),"


def render() -> str:
    """The source of tables.py for the models as they are now."""
    from salesvisit_cli.store.models import SQLModel

    parts = [HEADER]
    for table in SQLModel.metadata.sorted_tables:
        lines = [f"{table.name.upper()} = Table(", f'    "{table.name}",', "    metadata,"]
        lines += [_column_source(column) for column in table.columns]
        for index in sorted(table.indexes, key=lambda i: i.name):
            if any(column.index for column in index.columns) and len(index.columns) == 1:
                continue  # made by index=True
            names = ", ".join(f'"{c.name}"' for c in index.columns)
            lines.append(f'    Index("{index.name}", {names}),')
        lines.append(")")
        parts.append("\n" + "\n".join(lines) + "\n")
    return "\n".join(parts)


if __name__ == "__main__":
    TABLES_PY.write_text(render(), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "format", "-q", str(TABLES_PY)], check=False)
    print(f"wrote {TABLES_PY}")
