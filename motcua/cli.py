"""The `motcua` command: serve, database, offices, users, devices."""

from __future__ import annotations

import os
import sys

import click

from motcua import config as configuration
from motcua import migrate
from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.core.errors import DomainError
from motcua.core.lookup import counter_by_number, office_by_slug
from motcua.core.setup import DEVICE_KINDS, add_device, add_user, create_office
from motcua.i18n import message
from printer import cli as printer_cli


def _database() -> Database:
    """The configured database, upgraded first (every command does this)."""
    settings = configuration.load()
    database = Database(settings["DATABASE_URL"])
    if not migrate.is_current(database.engine):
        migrate.upgrade(database.engine)
    return database


def _secret_key() -> str:
    """The server's secret key (it signs backups)."""
    return str(configuration.load()["SECRET_KEY"])


def _said(key: str, **params: object) -> str:
    """What the command prints, from the one table, in Vietnamese."""
    return message(f"cli.{key}", "vi", **params)


def _fail(err: DomainError) -> None:
    click.echo(message(err.code, "vi", **err.params), err=True)
    sys.exit(2)


@click.group(help=message("cli.about", "vi"))
def main() -> None:
    pass


@main.command()
@click.option("--host", default="0.0.0.0", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--threads", default=200, show_default=True, type=int,
    help="Threads per worker under MOTCUA_WORKER=gthread.",
)  # fmt: skip
@click.option("--workers", default=1, show_default=True, type=int)
@click.option("--demo", is_flag=True, help="Seed the demo office first.")
def serve(host: str, port: int, threads: int, workers: int, demo: bool) -> None:
    """Run the production server (gunicorn; gevent worker, or MOTCUA_WORKER=gthread)."""
    from motcua.server import replace_process

    database = _database()
    if demo:
        _print_demo(database, host, port)
    database.dispose()
    # The daily report task runs in servers only (motcua/admin/scheduler.py).
    os.environ.setdefault("MOTCUA_REPORT_SCHEDULER", "true")
    os.environ["MOTCUA_AUTO_UPGRADE"] = "false"  # done above, once
    replace_process(host, port, threads, workers)


def _print_demo(database: Database, host: str, port: int) -> None:
    from motcua.demo import DEMO_PASSWORD, seed_demo

    with database.transaction() as session:
        demo = seed_demo(session, SystemClock())
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    base = f"http://{shown}:{port}"
    kiosk, display = f"{base}/o/demo/kiosk", f"{base}/o/demo/display"
    if demo.created:
        kiosk += f"?device_token={demo.devices['kiosk']}"
        display += f"?device_token={demo.devices['display']}"
    click.echo(_said("demo" if demo.created else "demo_exists", url=base))
    click.echo(_said("demo_admin", url=f"{base}/admin"))
    click.echo(_said("demo_counter", url=f"{base}/o/demo/counter"))
    click.echo(_said("demo_kiosk", url=kiosk))
    click.echo(_said("demo_display", url=display))
    if not demo.created:
        click.echo(_said("demo_paired", pair=f"{base}/pair"))
    for username, role in demo.users.items():
        role_name = _said(f"role_{role}")
        click.echo(
            _said(
                "demo_account",
                role=role_name,
                username=username,
                password=DEMO_PASSWORD,
            )
        )
    click.echo(_said("demo_book", url=f"{base}/o/demo/book"))
    click.echo(_said("demo_outbox", url=f"{base}/o/demo/bookings"))


@main.group()
def db() -> None:
    """Database commands."""


@db.command()
def upgrade() -> None:
    """Apply all migrations."""
    database = _database()
    click.echo(_said("db_current", url=database.engine.url.render_as_string()))


@main.group()
def office() -> None:
    """Offices (tenants)."""


@office.command("add")
@click.argument("slug")
@click.option("--name", required=True)
@click.option("--timezone", "tz", default="Asia/Ho_Chi_Minh", show_default=True)
def office_add(slug: str, name: str, tz: str) -> None:
    """Add an office with no fields or counters yet."""
    try:
        with _database().transaction() as session:
            create_office(session, SystemClock(), slug, name, tz)
    except DomainError as err:
        _fail(err)
    click.echo(_said("office_made", slug=slug))


@main.group()
def user() -> None:
    """Staff accounts."""


@user.command("add")
@click.argument("name")
@click.option("--office", "slug", required=False)
@click.option(
    "--role", type=click.Choice(["staff", "manager", "admin"]), default="staff"
)
@click.option("--city-admin", is_flag=True)
def user_add(name: str, slug: str | None, role: str, city_admin: bool) -> None:
    """Add a user; the password comes from MOTCUA_PASSWORD or a prompt."""
    password = os.environ.get("MOTCUA_PASSWORD") or click.prompt(
        _said("password"), hide_input=True, confirmation_prompt=True
    )
    try:
        with _database().transaction() as session:
            found = office_by_slug(session, slug) if slug else None
            add_user(
                session,
                SystemClock(),
                name,
                password,
                office=found,
                role=role,
                city_admin=city_admin,
            )
    except DomainError as err:
        _fail(err)
    click.echo(_said("user_made", name=name))


@main.group()
def device() -> None:
    """Kiosks, displays, rating terminals and print agents."""


@device.command("add")
@click.option("--office", "slug", required=True)
@click.option("--kind", type=click.Choice(DEVICE_KINDS), required=True)
@click.option("--name", required=True)
@click.option("--counter", type=int, default=None, help="A rating tablet's counter.")
def device_add(slug: str, kind: str, name: str, counter: int | None) -> None:
    """Add a device; its token is printed once, alone on the last line."""
    try:
        with _database().transaction() as session:
            found = office_by_slug(session, slug)
            bound = counter_by_number(session, found, counter) if counter else None
            _, token = add_device(session, SystemClock(), found, kind, name, bound)
    except DomainError as err:
        _fail(err)
    click.echo(_said("device_made", name=name, kind=kind))
    click.echo(token)


@main.command()
@click.option("--office", "slug", required=True)
@click.option("--output", required=True, type=click.Path(dir_okay=False))
def backup(slug: str, output: str) -> None:
    """Write one JSON file with everything of the office."""
    import json

    from motcua.core.backup import backup_office
    from motcua.core.backup_check import backup_key, sign

    try:
        with _database().transaction() as session:
            document = backup_office(session, office_by_slug(session, slug))
    except DomainError as err:
        _fail(err)
    document = sign(document, backup_key(_secret_key()))
    with open(output, "w", encoding="utf-8") as out:
        json.dump(document, out, ensure_ascii=False)
    click.echo(_said("backed_up", slug=slug, path=output))


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--unsigned",
    is_flag=True,
    help="Accept a file this server did not sign (older backup, another server).",
)
def restore(file: str, unsigned: bool) -> None:
    """Bring an office back from its backup file (replaces it if it exists)."""
    import json

    import motcua.admin.messages  # noqa: F401  (the words for bad_backup)
    from motcua.core.backup import restore_office
    from motcua.core.backup_check import FORMAT, backup_key, is_signed

    try:
        with open(file, encoding="utf-8") as source:
            document = json.load(source)
    except (ValueError, RecursionError):
        click.echo(_said("not_a_backup"), err=True)
        sys.exit(2)
    malformed = not isinstance(document, dict) or document.get("format") != FORMAT
    if not (unsigned or malformed or is_signed(document, backup_key(_secret_key()))):
        click.echo(_said("not_signed"), err=True)
        sys.exit(2)
    try:
        with _database().transaction() as session:
            slug = restore_office(session, document).slug
    except DomainError as err:
        _fail(err)
    click.echo(_said("restored", slug=slug))


main.add_command(printer_cli.printer_agent)
main.add_command(printer_cli.print_ticket)


@main.command()
@click.option("--offices", default=1, show_default=True, type=int)
@click.option("--tickets", default=300, show_default=True, type=int, help="per office")
@click.option("--counters", default=6, show_default=True, type=int)
@click.option("--displays", default=1, show_default=True, type=int, help="per office")
@click.option("--speed", default=120.0, show_default=True, help="times real time")
@click.option("--processes", default=1, show_default=True, type=int)
@click.option("--database-url", default=None, help="default: a new embedded database")
@click.option("--redis-url", default=None)
@click.option("--port", default=8800, show_default=True, type=int)
@click.option("--seed", default=7, show_default=True, type=int)
@click.option("--output", type=click.Path(dir_okay=False), default=None)
def simulate(
    offices: int,
    tickets: int,
    counters: int,
    displays: int,
    speed: float,
    processes: int,
    database_url: str | None,
    redis_url: str | None,
    port: int,
    seed: int,
    output: str | None,
) -> None:
    """Replay a realistic day through the real API and sockets."""
    from motcua.simulate import dumps, simulate_day
    from motcua.ward_day import Plan

    plan = Plan(offices, tickets, counters, displays, speed, seed)
    figures = simulate_day(plan, database_url, redis_url, processes, port)
    text = dumps(figures)
    click.echo(text)
    if output:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")


if __name__ == "__main__":
    main()
