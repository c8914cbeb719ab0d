"""motcua: the queue and kiosk server of a ward's one-stop public service centre."""

from motcua.app import create_app

__all__ = ["create_app"]
