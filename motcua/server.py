"""Serving the app with gunicorn's gthread worker (threading + simple-websocket)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication


class GunicornServer(BaseApplication):  # type: ignore[misc]
    """The app is built in the worker, after the fork, so no connection or thread
    of the master is shared with it."""

    def __init__(self, factory: Callable[[], Flask], options: dict[str, Any]) -> None:
        self.factory = factory
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.factory()


def options(host: str, port: int, threads: int, workers: int = 1) -> dict[str, Any]:
    """Settings that keep websockets working and errors in the API's shape."""
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        # Each open websocket holds a thread: one per lobby TV, console and kiosk.
        "threads": threads,
        "timeout": 60,
        "graceful_timeout": 3,
        # No limit here: the app answers over-long URLs itself, in the API's shape.
        "limit_request_line": 0,
        "control_socket_disable": True,
        "accesslog": None,
    }


def serve(
    factory: Callable[[], Flask],
    host: str,
    port: int,
    threads: int = 200,
    workers: int = 1,
) -> None:
    GunicornServer(factory, options(host, port, threads, workers)).run()
