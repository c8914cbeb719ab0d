"""Configuration from MOTCUA_* environment variables and the instance folder."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from motcua.core.targets import TargetPolicy, policy_from

ENV_PREFIX = "MOTCUA_"


def _bool(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


def instance_path() -> Path:
    """The folder for the SQLite file, secrets and the audio cache."""
    raw = os.environ.get(ENV_PREFIX + "INSTANCE_PATH") or "instance"
    return Path(raw).resolve()


def _secret_key(folder: Path, name: str = "secret_key") -> str:
    """A persistent random key, made on first start (readable by the server's
    user only), so sessions and person hashes survive restarts."""
    path = folder / name
    if not path.exists():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(secrets.token_hex(32))
    return path.read_text().strip()


def protect(folder: Path) -> None:
    """The instance folder and the SQLite files in it: the server's user only."""
    folder.chmod(0o700)
    for path in folder.glob("motcua.db*"):
        path.chmod(0o600)


def _target_settings() -> dict[str, Any]:
    """Where office admins may point printers and outbound URLs (core/targets.py)."""
    env = os.environ
    return {
        "PRINTER_NETWORKS": env.get(ENV_PREFIX + "PRINTER_NETWORKS") or None,
        "PRINTER_PORTS": env.get(ENV_PREFIX + "PRINTER_PORTS") or None,
        "PRINTER_ALLOW_LOOPBACK": _bool(
            env.get(ENV_PREFIX + "PRINTER_ALLOW_LOOPBACK", "false")
        ),
        "PRINTER_LOCAL_KINDS": env.get(ENV_PREFIX + "PRINTER_LOCAL_KINDS") or "",
        "OUTBOUND_PRIVATE": _bool(env.get(ENV_PREFIX + "OUTBOUND_PRIVATE", "false")),
    }


def env_policy() -> TargetPolicy:
    """The operator's bounds from the environment (for work outside a request)."""
    return policy_from(_target_settings())


def target_policy(config: Mapping[str, Any]) -> TargetPolicy:
    """The operator's bounds on printers and outbound URLs, from the app config."""
    return policy_from(dict(config))


def load(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Defaults, then the environment, then explicit overrides (tests)."""
    overrides = overrides or {}
    folder = Path(overrides.get("INSTANCE_PATH") or instance_path())
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = os.environ
    config: dict[str, Any] = {
        "INSTANCE_PATH": str(folder),
        "DATABASE_URL": env.get(ENV_PREFIX + "DATABASE_URL")
        or f"sqlite:///{folder / 'motcua.db'}",
        "REDIS_URL": env.get(ENV_PREFIX + "REDIS_URL") or None,
        "SECRET_KEY": env.get(ENV_PREFIX + "SECRET_KEY"),
        "PUBLIC_URL": env.get(ENV_PREFIX + "PUBLIC_URL") or None,
        "RATELIMIT_ENABLED": _bool(env.get(ENV_PREFIX + "RATELIMIT_ENABLED", "true")),
        "AUTO_UPGRADE": _bool(env.get(ENV_PREFIX + "AUTO_UPGRADE", "true")),
        "MAX_CONTENT_LENGTH": 64 * 1024,
        # Every so many seconds each office's live pages hear its current seq.
        "HEARTBEAT_S": float(env.get(ENV_PREFIX + "HEARTBEAT_S", "10") or 10),
        # Rendered announcements kept on disk; the least recently used go first.
        "AUDIO_CACHE_BYTES": int(
            float(env.get(ENV_PREFIX + "AUDIO_CACHE_MB", "256") or 256) * 2**20
        ),
        "DB_BUSY_TIMEOUT_MS": int(env.get(ENV_PREFIX + "DB_BUSY_TIMEOUT_MS", "30000")),
        **_target_settings(),
        # Dossier look-ups of one office in flight at once; more are answered "busy".
        "LOOKUPS_PER_OFFICE": int(env.get(ENV_PREFIX + "LOOKUPS_PER_OFFICE") or 4),
        "TRUSTED_PROXIES": env.get(ENV_PREFIX + "TRUSTED_PROXIES") or "",
        # Simulation only: an accelerated clock shared by the simulated servers.
        "CLOCK_SPEED": float(env.get(ENV_PREFIX + "CLOCK_SPEED", "1") or 1),
        "CLOCK_START": env.get(ENV_PREFIX + "CLOCK_START") or None,
        "CLOCK_REAL_START": float(env.get(ENV_PREFIX + "CLOCK_REAL_START", "0") or 0),
    }
    config.update(overrides)
    # The admin cookie: not sent with other sites' forms; https only when served so.
    config.setdefault("SESSION_COOKIE_SAMESITE", "Lax")
    config.setdefault(
        "SESSION_COOKIE_SECURE", str(config["PUBLIC_URL"] or "").startswith("https:")
    )
    if not config["SECRET_KEY"]:
        config["SECRET_KEY"] = _secret_key(folder)
    config.setdefault(
        "PERSON_KEY",
        env.get(ENV_PREFIX + "PERSON_KEY") or _secret_key(folder, "person_key"),
    )
    return config
