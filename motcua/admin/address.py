"""The public address page: the server's LAN addresses, the admin's choice, a check
from the browser, and a warning wherever links would point at localhost."""

from __future__ import annotations

import contextlib
import io
import shutil
import socket
import subprocess

import qrcode
from flask import current_app, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from markupsafe import Markup
from qrcode.image.svg import SvgPathImage

from motcua.admin import auth
from motcua.admin.forms import FormError, attempt, text
from motcua.admin.messages import said
from motcua.admin.views import admin
from motcua.core import address, office_admin
from motcua.core.actors import Actor
from motcua.core.db import Session, Written
from motcua.core.lookup import office_by_slug
from motcua.core.models import Office
from motcua.pages import public_base
from motcua.web import clock


def _udp_guess() -> list[str]:
    """The address the server would use to reach another network (no packet sent)."""
    with (
        contextlib.suppress(OSError),
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s,
    ):
        s.connect(("10.255.255.255", 1))
        return [str(s.getsockname()[0])]
    return []


def _ip_command() -> list[str]:
    tool = shutil.which("ip")
    if tool is None:
        return []
    try:
        out = subprocess.run(  # noqa: S603 - a fixed command, no input
            [tool, "-o", "-4", "addr", "show"],
            capture_output=True,
            text=True,
            timeout=2,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return [
        line.split()[3].split("/")[0] for line in out.splitlines() if " inet " in line
    ]


def _by_name() -> list[str]:
    with contextlib.suppress(OSError):
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        return [str(info[4][0]) for info in infos]
    return []


def lan_addresses(port: int | None) -> list[str]:
    """http://<ip>:<port> for each IPv4 address of this server but loopback."""
    found: list[str] = []
    for ip in [*_udp_guess(), *_ip_command(), *_by_name()]:
        if ip not in found and not ip.startswith("127."):
            found.append(ip)
    suffix = f":{port}" if port and port != 80 else ""
    return [f"http://{ip}{suffix}" for ip in found]


def _port() -> int | None:
    host = request.host
    if host.startswith("[") or ":" not in host:
        return None
    with contextlib.suppress(ValueError):
        return int(host.rsplit(":", 1)[1])
    return None


def address_state(office: Office) -> dict[str, object]:
    """What the pages say about the address links use now."""
    configured = current_app.config.get("PUBLIC_URL")
    base = public_base(office)
    source = "env" if configured else "chosen" if address.chosen(office) else "seen"
    return {"base": base, "source": source, "local": address.is_local(base)}


@admin.app_context_processor
def _address_warning() -> dict[str, object]:
    """Every office page warns while links would point at this machine only, and
    knows the base of the links it shows."""
    office = getattr(g, "office", None)
    if office is None:
        return {"address_warning": None, "qr_svg": qr_svg}
    state = address_state(office)
    return {
        "address_warning": state if state["local"] else None,
        "public": state["base"],
        "qr_svg": qr_svg,
    }


def qr_svg(text_: str) -> Markup:
    """A QR code drawn inline as SVG (no script, no request leaving the LAN)."""
    image = qrcode.make(text_, image_factory=SvgPathImage, box_size=6, border=2)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return Markup(svg[svg.index("<svg") :])  # noqa: S704 - drawn by qrcode


@admin.route("/admin/o/<slug>/address", methods=["GET", "POST"])
@auth.office_page("admin")
def address_page(actor: Actor, office: Office) -> ResponseReturnValue:
    wizard = request.values.get("wizard") == "1"
    error = None
    if request.method == "POST":
        chosen = (text("custom", 200) or text("choice", 200)).rstrip("/")

        def op(session: Session) -> Written[bool]:
            if chosen and not address.valid(chosen):
                raise FormError(said("address_form"))
            found = office_by_slug(session, office.slug)
            changes = {address.SETTING: chosen or None}
            office_admin.update_settings(session, found, actor, clock(), changes)
            return True, []

        _, error = attempt(op)
        if not error:
            target = "admin.devices_page" if wizard else "admin.address_page"
            step = "1" if wizard else None  # url_for leaves out None
            return redirect(url_for(target, slug=office.slug, wizard=step))
        office = auth.load_office(office.slug)
    return render_template(
        "admin/address.html",
        office=office,
        state=address_state(office),
        chosen=address.chosen(office),
        candidates=lan_addresses(_port()),
        typed=request.form.get("custom", ""),
        wizard=wizard,
        error=error,
    )
