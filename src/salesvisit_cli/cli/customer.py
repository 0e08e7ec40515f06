"""`salesvisit customer …`: the customer file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from salesvisit_cli.cli.context import app_context, work_of
from salesvisit_cli.cli.options import (
    Address,
    AllowDuplicate,
    Contact,
    District,
    Email,
    Force,
    Hours,
    Industry,
    Lat,
    Lon,
    Note,
    Owner,
    Phone,
    Size,
    Source,
    Status,
    Tier,
    Web,
    given,
)
from salesvisit_cli.cli.output import emit, json_output, json_wanted
from salesvisit_cli.i18n import _

app = typer.Typer(
    help="The customer file: add, list, show, edit, import and export customers.",
    no_args_is_help=True,
)


def _show_saved(saved, message: str) -> None:
    """The saved customer's card under `message` (`{id}`, `{name}` filled in)."""
    from salesvisit_cli.render.console import success
    from salesvisit_cli.render.customers import customer_card

    def screen(saved) -> None:
        success(message.format(id=saved.customer.id, name=saved.customer.name))
        customer_card(saved.customer)

    emit(saved, screen, warnings=saved.warnings)


@app.command("add")
@json_output
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Company name.")],
    tier: Tier = None,
    status: Status = None,
    contact: Contact = None,
    phone: Phone = None,
    email: Email = None,
    address: Address = None,
    industry: Industry = None,
    size: Size = None,
    source: Source = None,
    hours: Hours = None,
    web: Web = None,
    note: Note = None,
    lat: Lat = None,
    lon: Lon = None,
    district: District = None,
    owner: Owner = None,
    allow_duplicate: AllowDuplicate = False,
) -> None:
    """Add a customer to the file.

    \b
    Examples:
      salesvisit customer add "上海华美贸易有限公司" --tier key --contact 王经理
      salesvisit customer add "Acme Ltd" --phone "+1 555 0101 ext. 12" --hours 09:00-17:30
      salesvisit customer add "Blue River Foods" --status client --address "1 Main St"
      salesvisit customer add 杭州恒通 --address 杭州市西湖区文三路 --lat 30.277 --lon 120.127
    """
    from salesvisit_cli.domain.reps import validate_rep_name
    from salesvisit_cli.services import customers

    fields = given(
        name=name, tier=tier, status=status, contact=contact, phone=phone, email=email,
        address=address, industry=industry, size=size, source=source, hours=hours, web=web,
        note=note, lat=lat, lon=lon, district=district,
    )  # fmt: skip
    saved = customers.add(
        work_of(ctx),
        fields,
        owner=validate_rep_name(owner) if owner is not None else None,
        allow_duplicate=allow_duplicate,
    )
    from salesvisit_cli.i18n import _

    _show_saved(saved, _("Added customer {id}: {name}"))


@app.command("edit")
@json_output
def edit(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Customer id, exact name, or part of the name.")],
    name: Annotated[str | None, typer.Option("--name", help="New company name.")] = None,
    tier: Tier = None,
    status: Status = None,
    contact: Contact = None,
    phone: Phone = None,
    email: Email = None,
    address: Address = None,
    industry: Industry = None,
    size: Size = None,
    source: Source = None,
    hours: Hours = None,
    web: Web = None,
    note: Note = None,
    lat: Lat = None,
    lon: Lon = None,
    district: District = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="New owning salesperson (managers only).")
    ] = None,
    allow_duplicate: AllowDuplicate = False,
) -> None:
    """Change the given fields of a customer (an empty value clears a field).

    \b
    Examples:
      salesvisit customer edit 12 --phone "021 5555 0102" --hours 08:30-17:00
      salesvisit customer edit 华美 --tier key
    """
    from salesvisit_cli.domain.reps import validate_rep_name
    from salesvisit_cli.services import customers

    fields = given(
        name=name, tier=tier, status=status, contact=contact, phone=phone, email=email,
        address=address, industry=industry, size=size, source=source, hours=hours, web=web,
        note=note, lat=lat, lon=lon, district=district,
    )  # fmt: skip
    saved = customers.edit(
        work_of(ctx),
        ref,
        fields,
        owner=validate_rep_name(owner) if owner is not None else None,
        allow_duplicate=allow_duplicate,
    )
    from salesvisit_cli.i18n import _

    _show_saved(saved, _("Updated customer {id}: {name}"))


@app.command("list")
@json_output
def list_customers(
    ctx: typer.Context,
    tier: Tier = None,
    status: Status = None,
    search: Annotated[
        str | None, typer.Option("--search", "-s", help="Part of name, contact, address, …")
    ] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Only this salesperson's.")] = None,
    district: Annotated[
        str | None, typer.Option("--district", help="Only this district (区/县), e.g. 西湖区.")
    ] = None,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV (spreadsheet-safe).")] = False,
    due: Annotated[
        bool,
        typer.Option(
            "--due", help="Your customers (or --owner's) due for a visit, most overdue first."
        ),
    ] = False,
) -> None:
    """List customers by name.

    \b
    Examples:
      salesvisit customer list --tier key
      salesvisit customer list --search 贸易 --json
      salesvisit customer list --district 浦东
      salesvisit customer list --due --owner "Zhang Wei"
    """
    from salesvisit_cli.domain.customers import STATUSES, TIERS, check_choice
    from salesvisit_cli.domain.reps import validate_rep_name
    from salesvisit_cli.domain.text import check_text
    from salesvisit_cli.render.customers import customer_table
    from salesvisit_cli.services import customers

    if json_wanted() and as_csv:
        raise typer.BadParameter(_("choose one of --json and --csv"))
    owner = validate_rep_name(owner) if owner is not None else None
    if due:
        from salesvisit_cli.render.pool import due_table
        from salesvisit_cli.services.pool import due as due_customers

        if tier or status or search or district:
            raise typer.BadParameter(_("--due takes only --owner"))
        emit(due_customers(work_of(ctx), owner), _write_csv if as_csv else due_table)
        return
    found = customers.listing(
        app_context(ctx).store,
        tier=check_choice("tier", tier, TIERS),
        status=check_choice("status", status, STATUSES),
        search=check_text("search", search, max_length=200),
        owner=owner,
        district=check_text("district", district, max_length=40),
        cadence=app_context(ctx).config.cadence,
    )
    emit(found, _write_csv if as_csv else customer_table)


def _write_csv(found) -> None:
    import sys

    from salesvisit_cli.services.customer_io import to_csv

    sys.stdout.write(to_csv([c.to_json() for c in found]))


@app.command("show")
@json_output
def show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Customer id, exact name, or part of the name.")],
) -> None:
    """Show a customer's file, visit history and open follow-ups.

    \b
    Example:
      salesvisit customer show 华美
    """
    from salesvisit_cli.render.customers import customer_card
    from salesvisit_cli.render.history import customer_history
    from salesvisit_cli.services.customer_file import customer_file

    work = work_of(ctx)

    def screen(found) -> None:
        customer_card(found.customer)
        customer_history(found, work.today)

    emit(customer_file(work, ref), screen)


@app.command("import")
@json_output
def import_file(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV file with a header row.", dir_okay=False)],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Validate only; write nothing.")
    ] = False,
    encoding: Annotated[
        str, typer.Option("--encoding", help="auto (UTF-8 with/without BOM, else GBK), utf-8, gbk.")
    ] = "auto",
    skip_invalid: Annotated[
        bool, typer.Option("--skip-invalid", help="Import the valid rows, report the rest.")
    ] = False,
) -> None:
    """Import customers from CSV, all or nothing.

    Headers are the `customer add` option names (name required), or the Chinese headers
    企业名称/客户名称, 地址, 负责人, 电话, 行业, 规模, 网店地址, 备注. Any invalid or
    duplicate row stops the whole import unless --skip-invalid.

    \b
    Examples:
      salesvisit customer import leads.csv --dry-run
      salesvisit customer import 客户名单.csv --encoding gbk
    """
    from salesvisit_cli.render.progress import progress_reporter
    from salesvisit_cli.render.transfer import import_report
    from salesvisit_cli.services.customer_io import import_csv

    work = work_of(ctx)
    with progress_reporter("Importing", enabled=not json_wanted()) as report:
        result = import_csv(
            work, file, encoding=encoding, dry_run=dry_run, skip_invalid=skip_invalid,
            progress=report,
        )  # fmt: skip
    failed = bool(result.skipped) and not skip_invalid
    emit(result, lambda done: import_report(done, file, failed=failed))
    if failed:
        raise typer.Exit(1)


@app.command("export")
def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv or json.")] = "csv",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    force: Force = False,
) -> None:
    """Export the whole customer file (CSV cells are safe to open in a spreadsheet).

    \b
    Examples:
      salesvisit customer export --output customers.csv
      salesvisit customer export --format json > customers.json
    """
    import sys

    from salesvisit_cli.render.console import success
    from salesvisit_cli.render.safe import to_json
    from salesvisit_cli.services.customer_io import export_rows, to_csv
    from salesvisit_cli.services.private_file import write_private

    if fmt not in ("csv", "json"):
        raise typer.BadParameter(
            _("{fmt!r}: choose csv or json").format(fmt=fmt), param_hint="--format"
        )
    data = export_rows(app_context(ctx).store)
    text = to_csv(data) if fmt == "csv" else to_json(data) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    # CSV gets a BOM so Excel opens UTF-8 (Chinese names) correctly.
    write_private(output, text, force=force, encoding="utf-8-sig" if fmt == "csv" else "utf-8")
    success(_("Exported {count} customer(s) to {file}").format(count=len(data), file=output))


@app.command("assign")
@json_output
def assign(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Customer id, exact name, or part of the name.")],
    rep: Annotated[str, typer.Argument(help="The salesperson who will own the customer.")],
) -> None:
    """Give a customer to another salesperson (managers only).

    \b
    Example:
      salesvisit --rep "Wang Li" customer assign 华美 "Zhang Wei"
    """
    from salesvisit_cli.i18n import _
    from salesvisit_cli.render.console import success
    from salesvisit_cli.services import reps

    customer, changed = reps.assign(work_of(ctx), ref, rep)
    if changed:
        message = _("Customer {id} {name} now belongs to {owner}")
    else:
        message = _("Customer {id} {name} already belongs to {owner}")
    emit(customer, lambda c: success(message.format(id=c.id, name=c.name, owner=c.owner)))


@app.command("log")
@json_output
def log(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="Customer id, exact name, or part of the name.")],
) -> None:
    """Show who created the customer, changed its owner or edited its file, and when.

    \b
    Example:
      salesvisit customer log 华美 --json
    """
    from salesvisit_cli.render.customers import customer_log
    from salesvisit_cli.services.customers import log as read_log

    customer, entries = read_log(app_context(ctx).store, ref)
    emit(entries, lambda found: customer_log(customer, found))


from salesvisit_cli.cli import customer_pool as _pool_commands  # noqa: E402,F401  (registers them)
