"""`motcua printer-agent` and `motcua print-ticket` (added to the motcua command)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from motcua.i18n import message
from printer import messages as _messages  # noqa: F401  (registers its words)


@click.command("printer-agent")
@click.option("--server", required=True, help="http://server:8000")
@click.option(
    "--token",
    default=None,
    help="The printer device's token; without it the agent shows a pairing code.",
)
@click.option(
    "--printer",
    "spec",
    required=True,
    help="usb:VID:PID, network:HOST:PORT, file:PATH, serial:DEVICE[:BAUD] or cups:NAME",
)
@click.option("--width", type=click.Choice(["384", "512", "576"]), default=None)
@click.option("--profile", default=None, help="python-escpos printer profile.")
@click.option("--state", type=click.Path(path_type=Path), default=None)
def printer_agent(
    server: str,
    token: str | None,
    spec: str,
    width: str | None,
    profile: str | None,
    state: Path | None,
) -> None:
    """Print this office's tickets on a printer attached to this computer."""
    from printer.agent import PrintAgent, parse_printer

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    try:
        config = parse_printer(spec)
    except ValueError as bad:
        raise click.BadParameter(str(bad), param_hint="--printer") from None
    if token is None:
        from printer.pairing import pair

        token = pair(server, click.echo)
        click.echo(message("printer_agent.paired", "vi"))
    click.echo(message("printer_agent.running", "vi", server=server, printer=spec))
    agent = PrintAgent(
        server,
        token,
        config,
        width=int(width) if width else None,
        profile=profile,
        state=state,
    )
    agent.run_forever()


@click.command("print-ticket")
@click.option("--ticket", "ticket_id", required=True)
@click.option("--output", required=True, type=click.Path(path_type=Path))
@click.option(
    "--public-url",
    default=None,
    help="Base of the QR link (default MOTCUA_PUBLIC_URL, else the office's public "
    "address chosen in the admin pages, else http://localhost:8000).",
)
def print_ticket(ticket_id: str, output: Path, public_url: str | None) -> None:
    """Write the exact ESC/POS bytes the ticket's printer would get."""
    from motcua import config as configuration
    from motcua import migrate
    from motcua.core.db import Database
    from motcua.core.errors import DomainError
    from printer.sender import ticket_file_bytes

    settings = configuration.load()
    database = Database(settings["DATABASE_URL"])
    if not migrate.is_current(database.engine):
        migrate.upgrade(database.engine)
    base = public_url or os.environ.get("MOTCUA_PUBLIC_URL") or None
    try:
        with database.transaction() as session:
            data = ticket_file_bytes(session, ticket_id, base)
    except DomainError as err:
        click.echo(message(err.code, "vi", **err.params), err=True)
        sys.exit(2)
    output.write_bytes(data)
    click.echo(message("printer_agent.written", "vi", size=len(data), path=output))
