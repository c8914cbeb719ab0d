"""Serving the app with gunicorn's gevent worker (a greenlet per connection; or
gthread, threading + simple-websocket, by MOTCUA_WORKER), bounded against slow and
greedy clients (motcua/gate.py, motcua/gate_gevent.py).

`motcua serve` prepares the database, then starts `python -m motcua.server` in its
place: that master process imports gunicorn only, and each worker builds the app
after the fork, so a ward's server holds one copy of the app in memory.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from gunicorn.app.base import BaseApplication

if TYPE_CHECKING:  # importing Flask at run time would load it in the master
    from flask import Flask


class GunicornServer(BaseApplication):
    """The app is built in the worker, after the fork, so no connection or thread
    of the master is shared with it."""

    def __init__(self, factory: Callable[[], Flask], options: dict[str, Any]) -> None:
        self.factory = factory
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    # Any: Flask's WSGI signature is stricter than the callable gunicorn's stubs name.
    def load(self) -> Any:
        return self.factory()


# gevent is the default: an open websocket costs a greenlet, not a thread, so idle
# sockets cannot take every worker, and many boards cost less CPU and memory. gthread
# (a thread per connection) stays for comparison and for an operator who needs it
# (README "Benchmarks").
WORKERS = {
    "gthread": "motcua.gate.BoundedWorker",
    "gevent": "motcua.gate_gevent.BoundedGeventWorker",
}


def worker_model() -> str:
    """MOTCUA_WORKER: gevent (a greenlet per connection, the default) or gthread
    (a thread per connection)."""
    name = os.environ.get("MOTCUA_WORKER") or "gevent"
    if name not in WORKERS:
        raise SystemExit(f"MOTCUA_WORKER must be one of {', '.join(WORKERS)}")
    return name


def options(host: str, port: int, threads: int, workers: int = 1) -> dict[str, Any]:
    """Settings that keep websockets working and errors in the API's shape."""
    model = worker_model()
    return {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": WORKERS[model],
        # gthread: each open websocket holds a thread (a lobby TV, console, kiosk).
        "threads": threads,
        # gthread's default (1,000) would cap the sockets a worker holds below its
        # threads; keep room for the short HTTP requests beside the websockets.
        # gevent: a greenlet per connection, bounded by this alone.
        "worker_connections": threads + 100 if model == "gthread" else 10_000,
        "timeout": 60,
        "graceful_timeout": 3,
        # Longer URLs than the app's own limit get 414 in the API's shape; a request
        # line past gunicorn's bound gets the same answer from the worker.
        "limit_request_line": 8190,
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


def _build_app() -> Flask:
    from motcua.app import create_app

    return create_app()


def replace_process(host: str, port: int, threads: int, workers: int) -> None:
    """Become `python -m motcua.server ...` (same process id, a fresh interpreter)."""
    sys.stdout.flush()
    sys.stderr.flush()
    args = ["--host", host, "--port", str(port), "--threads", str(threads)]
    args += ["--workers", str(workers)]
    os.execv(sys.executable, [sys.executable, "-m", "motcua.server", *args])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m motcua.server")
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--threads", type=int, default=200)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    os.umask(0o077)  # the database, its journal and the audio cache: ours only
    serve(_build_app, args.host, args.port, args.threads, args.workers)


if __name__ == "__main__":
    main()
