"""Extract every message, update the Chinese catalog, compile it (`make i18n`).

Messages come from our code (`_()`, `ngettext()`, `N_()`), from the help of the commands (in
`cli/`: every `help=` string and the docstring of every command, which click shows as its help;
`cli/help.py` translates them when the help is shown) and from the click and Typer words a person
reads (`Usage:`, `Error: …`). The catalog keeps a translation per message id; a new message is
added untranslated (the catalog test then fails until it is translated), a message no longer in
the code is dropped. Run with the project's venv: `python scripts/i18n.py [--check]`.

`python scripts/i18n.py --fill FILE.py` first takes translations from FILE, which defines
ZH = {msgid: msgstr} (a plural id is a tuple; its msgstr a one-element tuple: Chinese has one
plural form); ids the code no longer has are reported. `--fill-from OTHER.po` takes every
translation of another catalog whose id is still untranslated here (after a merge of two branches
that both added messages: keep one side's file, then fill from the other's).
"""

from __future__ import annotations

import ast
import inspect
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "salesvisit_cli"
PO = PACKAGE / "locale" / "zh_CN" / "LC_MESSAGES" / "salesvisit.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def _library_files() -> list[Path]:
    """The click and Typer modules whose messages reach a person."""
    import click
    import typer

    click_dir = Path(click.__file__).parent
    names = ("core", "exceptions", "parser", "types", "decorators", "termui", "formatting")
    return [click_dir / f"{name}.py" for name in names] + [Path(typer.__file__).parent / "core.py"]


def _is_command(node: ast.FunctionDef, root_commands: set[str]) -> bool:
    """A function click shows the docstring of: `@app.command(…)` or `@app.callback(…)` without
    a `help=`, `@json_output`, or a command of the COMMANDS or EXTRA_COMMANDS table."""
    calls = [d for d in node.decorator_list if isinstance(d, ast.Call)]
    if any(keyword.arg == "help" for call in calls for keyword in call.keywords):
        return False  # the decorator's help= is shown (and extracted), not the docstring
    for decorator in node.decorator_list:
        call = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = call.attr if isinstance(call, ast.Attribute) else getattr(call, "id", "")
        if name in ("command", "callback", "json_output"):
            return True
    return node.name in root_commands


def help_messages() -> list[tuple[str, int, str]]:
    """(file, line, text) of every `help=` string and command docstring under `cli/`."""
    sys.path.insert(0, str(ROOT / "src"))
    from salesvisit_cli.cli.app import COMMANDS, EXTRA_COMMANDS

    root_commands = {attribute for _module, attribute, _line in COMMANDS.values()}
    root_commands |= {attribute for extra in EXTRA_COMMANDS.values() for *_, attribute in extra}
    found = []
    for path in sorted((PACKAGE / "cli").glob("*.py")):
        name = str(path.relative_to(PACKAGE))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "help":
                if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
                    found.append((name, node.value.lineno, inspect.cleandoc(node.value.value)))
            elif isinstance(node, ast.FunctionDef) and _is_command(node, root_commands):
                docstring = ast.get_docstring(node, clean=True)
                if docstring:
                    found.append((name, node.lineno, docstring))
    return found


def extract() -> Catalog:
    """Every message id of the code and of the libraries' visible words."""
    catalog = Catalog(project="salesvisit", domain="salesvisit")
    for filename, lineno, message, comments, _context in extract_from_dir(
        PACKAGE, keywords=KEYWORDS, method_map=[("**.py", "python")]
    ):
        catalog.add(message, locations=[(filename, lineno)], auto_comments=comments)
    for path, lineno, message in help_messages():
        catalog.add(message, locations=[(path, lineno)])
    for path in _library_files():
        for lineno, message, comments, _context in extract_from_file(
            "python", path, keywords=KEYWORDS
        ):
            catalog.add(message, locations=[(path.name, lineno)], auto_comments=comments)
    return catalog


def read_catalog(path: Path = PO) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale="zh_CN", domain="salesvisit")


def update() -> Catalog:
    """The Chinese catalog brought up to the extracted messages (no fuzzy guesses)."""
    catalog = read_catalog() if PO.exists() else Catalog(locale="zh_CN", domain="salesvisit")
    created, revised = catalog.creation_date, catalog.revision_date
    catalog.update(extract(), no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.creation_date, catalog.revision_date = created, revised  # no churn in the header
    catalog.project, catalog.version, catalog.fuzzy = "salesvisit", "2", False
    catalog.last_translator = catalog.language_team = "salesvisit developers"
    catalog.copyright_holder, catalog.msgid_bugs_address = "salesvisit developers", ""
    return catalog


def compiled(catalog: Catalog) -> bytes:
    buffer = BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def fill(catalog: Catalog, path: str) -> None:
    """Take the translations of a translator's table file into `catalog`."""
    import runpy

    for msgid, msgstr in runpy.run_path(path)["ZH"].items():
        message = catalog.get(msgid)
        if message is None:
            print(f"not in the code: {msgid!r}")
            continue
        message.string = msgstr
        message.flags.discard("fuzzy")


def fill_from(catalog: Catalog, path: str) -> None:
    """Take the translations of another catalog for the ids still untranslated in `catalog`."""
    other = read_catalog(Path(path))
    for message in catalog:
        found = other.get(message.id) if message.id else None
        if found is not None and found.string and not message.string and not found.fuzzy:
            message.string = found.string


def main(argv: list[str]) -> int:
    catalog = update()
    if "--fill" in argv:
        fill(catalog, argv[argv.index("--fill") + 1])
    if "--fill-from" in argv:
        fill_from(catalog, argv[argv.index("--fill-from") + 1])
    PO.parent.mkdir(parents=True, exist_ok=True)
    with PO.open("wb") as handle:
        write_po(
            handle, catalog, width=100, omit_header=False, sort_output=False, include_previous=False
        )
    MO.write_bytes(compiled(catalog))
    missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    print(f"{PO.relative_to(ROOT)}: {len(catalog)} messages, {len(missing)} untranslated")
    return 1 if "--check" in argv and missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
