"""Passwords, tokens and personal keys: only hashes are stored."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from pathlib import Path

from motcua.core.errors import Invalid

#: An office's short name: also a folder name under the instance, so never '..'.
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")

_SCRYPT = {"n": 2**15, "r": 8, "p": 1}
#: scrypt at N=2^15, r=8 needs 32 MiB; older hashes (N=2^14) still verify.
_MAXMEM = 64 * 1024 * 1024


def hash_password(password: str) -> str:
    """scrypt with a random salt, in a self-describing string."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        password.encode(), salt=salt, dklen=32, maxmem=_MAXMEM, **_SCRYPT
    )
    return "scrypt$%d$%d$%d$%s$%s" % (
        _SCRYPT["n"],
        _SCRYPT["r"],
        _SCRYPT["p"],
        base64.b64encode(salt).decode(),
        base64.b64encode(digest).decode(),
    )


def verify_password(password: str, stored: str) -> bool:
    """True when the password matches the stored scrypt hash."""
    try:
        _, n, r, p, salt, digest = stored.split("$")
        computed = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            dklen=32,
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=_MAXMEM,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(computed, base64.b64decode(digest))


def new_token() -> str:
    """A URL-safe bearer token with 256 bits of randomness."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """Tokens are long and random, so a plain SHA-256 is enough to store them."""
    return hashlib.sha256(token.encode()).hexdigest()


def normalize_person_id(raw: str) -> str:
    """A phone number or ID number reduced to its digits (+84 read as 0)."""
    digits = re.sub(r"\D", "", raw)
    if raw.strip().startswith("+84"):
        digits = "0" + digits[2:]
    return digits


#: The server's own key for person hashes, kept outside the database and backups
#: (the instance file person_key, or MOTCUA_PERSON_KEY); set once at start.
_PERSON_KEY: list[bytes] = []


def use_person_key(key: str) -> None:
    """Hashes of phone and ID numbers are keyed with this from now on."""
    _PERSON_KEY[:] = [key.encode()]


def person_key(office_secret: str, raw: str) -> str:
    """A keyed hash of a phone or ID number: enough to count, useless to read.
    The key joins the office's secret (in the database) with the server's key
    (outside it), so the database or a backup alone cannot reverse it."""
    key = office_secret.encode()
    if _PERSON_KEY:
        key = hmac.new(_PERSON_KEY[0], key, hashlib.sha256).digest()
    return hmac.new(key, normalize_person_id(raw).encode(), hashlib.sha256).hexdigest()


def mask_id(raw: str) -> str:
    """Only the last 4 digits of an ID number are kept for people to see."""
    digits = normalize_person_id(raw)
    return "*" * max(len(digits) - 4, 0) + digits[-4:]


def slug_folder(root: Path, slug: str) -> Path:
    """root/slug for a valid office slug; Invalid("bad_slug") for anything else."""
    if not isinstance(slug, str) or not SLUG.match(slug):
        raise Invalid("bad_slug", slug=str(slug)[:40])
    return root / slug
