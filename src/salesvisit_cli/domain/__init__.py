"""Pure business rules: no Typer, no Rich, no SQL."""
