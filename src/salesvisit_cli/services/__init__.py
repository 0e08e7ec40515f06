"""Use cases: one transaction each, domain rules applied, store called. No Typer, no Rich."""
