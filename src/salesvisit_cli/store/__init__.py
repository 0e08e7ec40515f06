"""The only package that knows SQLAlchemy: engine, tables, migrations and queries."""
