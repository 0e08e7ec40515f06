"""The Typer layer: parse options, call services, hand results to render."""

import gc

# A command's start-up creates a few hundred thousand objects that live until it exits (modules,
# classes, tables); at the default pace (every 700 new objects) the cyclic collector scans them
# again and again: a tenth of a short command's CPU. Until the database is open (`start_up_done`),
# it runs every 50,000 new objects.
_USUAL_PACE = gc.get_threshold()
gc.set_threshold(50_000, 20, 10)


def start_up_done() -> None:
    """The command's modules are loaded: the collector leaves them be from now on (frozen) and
    goes back to its usual pace for the work itself (an import keeps its memory bounded)."""
    gc.freeze()
    gc.set_threshold(*_USUAL_PACE)
