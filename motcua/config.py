"""Configuration from MOTCUA_* environment variables and the instance folder."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

ENV_PREFIX = "MOTCUA_"


def _bool(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


def instance_path() -> Path:
    """The folder for the SQLite file, secrets and the audio cache."""
    raw = os.environ.get(ENV_PREFIX + "INSTANCE_PATH") or "instance"
    return Path(raw).resolve()


def _secret_key(folder: Path) -> str:
    """A persistent random key, made on first start, so sessions survive restarts."""
    path = folder / "secret_key"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def load(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Defaults, then the environment, then explicit overrides (tests)."""
    overrides = overrides or {}
    folder = Path(overrides.get("INSTANCE_PATH") or instance_path())
    folder.mkdir(parents=True, exist_ok=True)
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
        "DB_BUSY_TIMEOUT_MS": int(env.get(ENV_PREFIX + "DB_BUSY_TIMEOUT_MS", "30000")),
        # Simulation only: an accelerated clock shared by the simulated servers.
        "CLOCK_SPEED": float(env.get(ENV_PREFIX + "CLOCK_SPEED", "1") or 1),
        "CLOCK_START": env.get(ENV_PREFIX + "CLOCK_START") or None,
        "CLOCK_REAL_START": float(env.get(ENV_PREFIX + "CLOCK_REAL_START", "0") or 0),
    }
    config.update(overrides)
    if not config["SECRET_KEY"]:
        config["SECRET_KEY"] = _secret_key(folder)
    return config
