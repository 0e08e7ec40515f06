"""The Typer layer: parse options, call services, hand results to render."""
