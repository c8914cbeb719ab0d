"""The office's public address: the base of every link, QR code and message that a
citizen's phone or another device on the LAN must open."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from motcua.core.models import Office

SETTING = "public_url"
FALLBACK = "http://localhost:8000"
BASE = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+(:\d{1,5})?/?$")
LOCAL_NAMES = {"localhost", "localhost.localdomain", "0.0.0.0", "ip6-localhost"}


def valid(value: object) -> bool:
    """http(s)://host[:port], nothing after it: the base that links are built on."""
    if not isinstance(value, str) or len(value) > 200:
        return False
    return BASE.match(value) is not None


def is_local(url: str | None) -> bool:
    """True when only the server itself can open the address (localhost, 127.x)."""
    if not url:
        return True
    host = (urlsplit(url).hostname or "").lower()
    if host in LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def chosen(office: Office) -> str | None:
    """The address the office's admin chose, if any."""
    value = (office.settings or {}).get(SETTING)
    return str(value).rstrip("/") if value else None


def public_base(
    office: Office | None, configured: str | None = None, seen: str | None = None
) -> str:
    """MOTCUA_PUBLIC_URL wins when set; then the admin's choice; then the address
    the request came by; localhost only when nothing else is known."""
    return pick(configured, chosen(office) if office else None, seen)


def pick(*candidates: str | None) -> str:
    """The first address given, in the order of precedence."""
    for candidate in candidates:
        if candidate:
            return candidate.rstrip("/")
    return FALLBACK


def ticket_link(base: str, ticket_id: str) -> str:
    """The status page of a ticket, which its QR code holds."""
    return f"{base.rstrip('/')}/t/{ticket_id}"
