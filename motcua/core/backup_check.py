"""What a restore accepts: a backup this server signed, scoped to one office.

A backup carries an HMAC of its content keyed from the server's secret key; the
admin page restores only signed files. The operator (`motcua restore --unsigned`)
may restore an unsigned or foreign file; its content is checked all the same:
one office, every row of it, no city-admin account, settings as the pages check them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from motcua.core.errors import Invalid
from motcua.core.office_admin import CHECKS
from motcua.core.printing import check_config
from motcua.core.security import SLUG
from motcua.core.targets import TargetPolicy, check_printer

SIGNATURE = "signature"
FORMAT = "motcua-office-backup"
VERSION = 1


def backup_key(secret: str) -> bytes:
    """The key that signs backups, derived from the server's secret key."""
    return hmac.new(secret.encode(), b"motcua-office-backup", hashlib.sha256).digest()


def _digest(document: dict[str, Any], key: bytes) -> str:
    body = {k: v for k, v in document.items() if k != SIGNATURE}
    data = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, data.encode(), hashlib.sha256).hexdigest()


def sign(document: dict[str, Any], key: bytes) -> dict[str, Any]:
    return {**document, SIGNATURE: _digest(document, key)}


def is_signed(document: Any, key: bytes) -> bool:
    """True when this server (this key) wrote the document unchanged."""
    signature = document.get(SIGNATURE) if isinstance(document, dict) else None
    if not isinstance(signature, str):
        return False
    try:
        return hmac.compare_digest(signature, _digest(document, key))
    except (TypeError, ValueError):
        return False


def bad(reason: str) -> Invalid:
    return Invalid("bad_backup", reason=reason)


def check_shape(document: Any, known: set[str]) -> dict[str, list[dict[str, Any]]]:
    """The tables of a well-formed backup of one office, or Invalid."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise bad("format")
    if document.get("version") != VERSION:
        raise bad("version")
    slug = document.get("office")
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise bad("office")
    tables = document.get("tables")
    if not isinstance(tables, dict) or not set(tables) <= known:
        raise bad("tables")
    for rows in tables.values():
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise bad("tables")
    offices = tables.get("offices")
    if not offices or len(offices) != 1 or offices[0].get("slug") != slug:
        raise bad("office")
    return tables


def check_rows(
    tables: dict[str, list[dict[str, Any]]],
    with_office: set[str],
    policy: TargetPolicy | None,
) -> None:
    """Rows all of the one office, no city admin, settings the pages accept."""
    office = tables["offices"][0]
    for name in with_office & set(tables):
        if any(row.get("office_id") != office.get("id") for row in tables[name]):
            raise bad(name)
    for user in tables.get("users", []):
        if user.get("is_city_admin") or not isinstance(user.get("username"), str):
            raise bad("users")
    check_settings(office.get("settings"))
    for device in tables.get("devices", []):
        check_device_settings(device.get("settings"), policy)


def check_settings(settings: Any) -> None:
    if settings is None:
        return
    if not isinstance(settings, dict):
        raise bad("settings")
    for name, value in settings.items():
        if name in CHECKS and not CHECKS[name](value):
            raise bad(f"settings.{name}")


def check_device_settings(settings: Any, policy: TargetPolicy | None) -> None:
    if settings is None:
        return
    if not isinstance(settings, dict):
        raise bad("devices")
    printer = settings.get("printer")
    if printer is None:
        return
    if not isinstance(printer, dict):
        raise bad("devices")
    check_config(dict(printer))
    if policy is not None:
        check_printer(printer, policy)
