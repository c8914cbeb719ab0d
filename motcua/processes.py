"""Starting server processes on this machine: for the simulator, benchmarks, tests."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import requests


def launch(
    env: dict[str, str], port: int, log: Path, threads: int = 100, workers: int = 1
) -> subprocess.Popen[bytes]:
    """One `motcua serve` (gunicorn; MOTCUA_WORKER in env picks gthread or gevent)
    on 127.0.0.1; several workers need MOTCUA_REDIS_URL in env so their Socket.IO
    servers share messages."""
    command = [
        sys.executable, "-m", "motcua.cli", "serve", "--host", "127.0.0.1",
        "--port", str(port), "--threads", str(threads), "--workers", str(workers),
    ]  # fmt: skip
    return subprocess.Popen(
        command,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )


def wait_ready(
    url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 60
) -> None:
    """Return once /healthz answers; raise with the log's tail if the server died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-2000:]}")
        try:
            if requests.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"server did not start: {log.read_text()[-2000:]}")
