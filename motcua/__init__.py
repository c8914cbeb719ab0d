"""motcua: the queue and kiosk server of a ward's one-stop public service centre."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so the server's master process stays small: it never
    # builds the app, its workers do.
    if name == "create_app":
        from motcua.app import create_app

        return create_app
    raise AttributeError(name)
