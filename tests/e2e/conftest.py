"""A real server process (gunicorn) on a free port, on each database: the default
worker (gevent), or gthread when MOTCUA_WORKER=gthread is set for the test run (the
environment passes on)."""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.processes import launch, wait_ready
from tests.conftest import World, build_world


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


#: The test printers listen on 127.0.0.1 at any free port: the operator allows it.
LOOPBACK_PRINTERS = {
    "MOTCUA_PRINTER_ALLOW_LOOPBACK": "true",
    "MOTCUA_PRINTER_PORTS": "1-65535",
}


@dataclass
class LiveServer:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    env: dict[str, str]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(
    env: dict[str, str], port: int, log: Path, threads: int = 64
) -> LiveServer:
    process = launch(env, port, log, threads)
    url = f"http://127.0.0.1:{port}"
    wait_ready(url, process, log, seconds=90)  # a shared machine may be slow to boot
    return LiveServer(url, port, process, env, log)


@pytest.fixture
def live(db_url: str, tmp_path: Path) -> Iterator[tuple[LiveServer, World, World]]:
    """A running server with two offices, "demo" and "khac"."""
    database = Database(db_url)
    clock = SystemClock()
    ours = build_world(database, clock, "demo")
    theirs = build_world(database, clock, "khac")
    database.dispose()
    env = {
        **os.environ,
        "MOTCUA_DATABASE_URL": db_url,
        "MOTCUA_INSTANCE_PATH": str(tmp_path / "instance"),
        "MOTCUA_RATELIMIT_ENABLED": "false",
        "MOTCUA_OUTBOUND_PRIVATE": "true",  # the tests' SMS gateway is on 127.0.0.1
        **LOOPBACK_PRINTERS,
    }
    server = start_server(env, free_port(), tmp_path / "server.log")
    yield server, ours, theirs
    server.stop()


@pytest.fixture
def beating(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest, db_url: str
) -> Iterator[tuple[LiveServer, World, World]]:
    """The live server with a heartbeat every second, to see missed events caught."""
    monkeypatch.setenv("MOTCUA_HEARTBEAT_S", "1")
    yield request.getfixturevalue("live")


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """Debian's Chromium, driven by Playwright (no browser download)."""
    import shutil

    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        locale="vi-VN", viewport={"width": 1280, "height": 800}
    )
    tab = context.new_page()
    yield tab
    context.close()
