"""One ward server with the demo office, started for a benchmark and removed after."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from motcua import migrate  # noqa: E402
from motcua.core.clock import SystemClock  # noqa: E402
from motcua.core.db import Database  # noqa: E402
from motcua.demo import DemoOffice, seed_demo  # noqa: E402
from motcua.processes import launch, wait_ready  # noqa: E402


@contextmanager
def ward_server(port: int, threads: int, name: str) -> Iterator[tuple[str, DemoOffice]]:
    """The server's base URL and the demo office's devices and accounts; the server
    runs on a fresh SQLite database in a scratch folder, rate limits off."""
    instance = Path(tempfile.mkdtemp(prefix=f"motcua-{name}-"))
    url = f"sqlite:///{instance / 'motcua.db'}"
    database = Database(url)
    migrate.upgrade(database.engine)
    with database.transaction() as session:
        demo = seed_demo(session, SystemClock())
    database.dispose()
    env = {
        **os.environ,
        "MOTCUA_INSTANCE_PATH": str(instance),
        "MOTCUA_DATABASE_URL": url,
        "MOTCUA_RATELIMIT_ENABLED": "false",
        # Every simulated board comes from this one address.
        "MOTCUA_MAX_CONNECTIONS_PER_CLIENT": "100000",
    }
    log = instance / "server.log"
    server = launch(env, port, log, threads=threads)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, server, log)
        yield base, demo
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(instance, ignore_errors=True)
