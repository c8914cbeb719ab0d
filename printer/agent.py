"""The print agent: on a kiosk PC, prints the jobs the server sends over /printer.

    motcua printer-agent --server http://10.0.0.2:8000 --token T --printer usb:0416:5011

It needs no database: only python-socketio's client and the printer drivers. Jobs
arrive as ESC/POS bytes (the server renders them for the width the agent reports),
are printed one at a time, then acknowledged. The ids of acknowledged jobs are
remembered (in memory, and in --state FILE across restarts), so a job the server
sends again because an ack was lost is acknowledged again and not printed twice.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
import queue
import threading
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import socketio

from printer import drivers

log = logging.getLogger(__name__)
NAMESPACE = "/printer"
REMEMBER = 5000
OFFLINE = {"refused", "unreachable", "not_found", "timeout", "unavailable"}


def parse_printer(spec: str) -> dict[str, Any]:
    """usb:VID:PID (hex), network:HOST[:PORT], file:PATH, serial:DEV[:BAUD],
    cups:NAME -> a printer/drivers.py config."""
    kind, _, rest = spec.partition(":")
    if kind == "usb":
        vendor, _, product = rest.partition(":")
        return {
            "kind": "usb",
            "vendor_id": int(vendor, 16),
            "product_id": int(product, 16),
        }
    if kind == "network" and rest:
        host, _, port = rest.partition(":")
        return {
            "kind": "network",
            "host": host,
            "port": int(port or drivers.DEFAULT_PORT),
        }
    if kind == "file" and rest:
        return {"kind": "file", "path": rest}
    if kind == "serial" and rest:
        device, _, baud = rest.partition(":")
        return {"kind": "serial", "device": device, "baudrate": int(baud or 9600)}
    if kind == "cups" and rest:
        return {"kind": "cups", "printer": rest}
    raise ValueError(
        f"unknown printer {spec!r}: use usb:VID:PID, network:HOST:PORT, "
        "file:PATH, serial:DEVICE or cups:NAME"
    )


class PrintAgent:
    """One printer, one server connection, one job at a time."""

    def __init__(
        self,
        server: str,
        token: str,
        printer: Mapping[str, Any],
        *,
        width: int | None = None,
        profile: str | None = None,
        state: Path | None = None,
        timeout: float = 10.0,
        retry_s: float = 3.0,
    ) -> None:
        self.server, self.token, self.printer = server.rstrip("/"), token, dict(printer)
        self.width, self.profile, self.state = width, profile, state
        self.timeout, self.retry_s = timeout, retry_s
        self.printed: list[int] = []  # jobs printed by this process, in order
        self.done: OrderedDict[int, None] = OrderedDict.fromkeys(self._load())
        self.status: tuple[str, str] | None = None
        self._jobs: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._pending: set[int] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._connected = threading.Event()
        self.client = socketio.Client(
            reconnection=True, reconnection_delay=0.5, reconnection_delay_max=5
        )
        self.client.on("connect", self._on_connect, namespace=NAMESPACE)
        self.client.on("disconnect", self._on_disconnect, namespace=NAMESPACE)
        self.client.on("job", self._on_job, namespace=NAMESPACE)
        self._worker = threading.Thread(target=self._work, daemon=True)

    def start(self, wait: float | None = None) -> bool:
        """Start printing and connect (retrying in the background)."""
        if not self._worker.is_alive():
            self._worker.start()
        threading.Thread(target=self._connect_loop, daemon=True).start()
        return self._connected.wait(wait) if wait else self._connected.is_set()

    def run_forever(self) -> None:
        self.start()
        try:
            self._stop.wait()
        except KeyboardInterrupt:
            pass
        self.stop()

    def disconnect(self) -> None:
        """Leave the server (the worker keeps its memory); start() comes back."""
        self._connected.clear()
        self.client.disconnect()

    def stop(self) -> None:
        self._stop.set()
        self.disconnect()
        self._jobs.put(None)

    def wait_connected(self, timeout: float) -> bool:
        return self._connected.wait(timeout)

    def _connect_loop(self) -> None:
        auth: dict[str, Any] = {"token": self.token}
        auth |= {"width": self.width} if self.width else {}
        auth |= {"profile": self.profile} if self.profile else {}
        while not self._stop.is_set() and not self.client.connected:
            try:
                self.client.connect(
                    self.server,
                    namespaces=[NAMESPACE],
                    auth=auth,
                    transports=["websocket"],
                    wait_timeout=10,
                )
                return
            except socketio.exceptions.ConnectionError as error:
                log.warning("cannot reach %s: %s", self.server, error)
                self._stop.wait(self.retry_s)

    def _on_connect(self) -> None:
        self._connected.set()
        threading.Thread(target=self._announce, daemon=True).start()

    def _announce(self) -> None:
        """After each (re)connect: the printer's last known state, or a probe."""
        if self.status is None:
            found = drivers.status(self.printer, timeout=1.0)
            self.status = (found.code, found.message_vi)
        self._emit("status", {"code": self.status[0], "message": self.status[1]})

    def _on_disconnect(self, *_: Any) -> None:
        self._connected.clear()

    def _on_job(self, data: Any) -> None:
        job_id = data.get("job") if isinstance(data, dict) else None
        if not isinstance(job_id, int):
            return
        with self._lock:
            if job_id in self.done:  # printed; the server did not get our ack
                self._emit("ack", {"job": job_id, "ok": True})
                return
            if job_id in self._pending:
                return
            self._pending.add(job_id)
        self._jobs.put(data)

    def _work(self) -> None:
        while (data := self._jobs.get()) is not None:
            job_id = int(data["job"])
            try:
                self._print(job_id, data.get("data"))
            finally:
                with self._lock:
                    self._pending.discard(job_id)

    def _print(self, job_id: int, encoded: Any) -> None:
        try:
            raw = base64.b64decode(str(encoded), validate=True)
            drivers.send_bytes(self.printer, raw, timeout=self.timeout)
        except (binascii.Error, ValueError):
            self._emit("ack", {"job": job_id, "ok": False, "reason": "bad_job"})
            return
        except drivers.PrinterError as error:
            self._report(error)
            self._emit(
                "ack",
                {
                    "job": job_id,
                    "ok": False,
                    "reason": error.reason,
                    "detail": error.message_vi,
                },
            )
            return
        self._remember(job_id)
        self.printed.append(job_id)
        self._report(None)
        self._emit("ack", {"job": job_id, "ok": True})

    def _remember(self, job_id: int) -> None:
        with self._lock:
            self.done[job_id] = None
            while len(self.done) > REMEMBER:
                self.done.popitem(last=False)
            ids = list(self.done)
        if self.state is not None:
            partial = self.state.with_suffix(".tmp")
            partial.write_text(json.dumps({"done": ids}))
            os.replace(partial, self.state)

    def _load(self) -> list[int]:
        if self.state is None or not self.state.exists():
            return []
        try:
            ids = json.loads(self.state.read_text()).get("done", [])
        except (OSError, ValueError, AttributeError):
            return []
        return [i for i in ids if isinstance(i, int)]

    def _report(self, error: drivers.PrinterError | None) -> None:
        """Send the printer's state to the server when it changes."""
        if error is None:
            status = ("ok", drivers.status_message_vi("ok"))
        else:
            found = drivers.status(self.printer, timeout=1.0)
            if found.code not in ("ok", "unknown", "offline"):
                status = (found.code, found.message_vi)
            else:
                code = "offline" if error.reason in OFFLINE else "error"
                status = (code, error.message_vi)
        if status != self.status:
            self.status = status
            self._emit("status", {"code": status[0], "message": status[1]})

    def _emit(self, event: str, data: dict[str, Any]) -> None:
        try:
            self.client.emit(event, data, namespace=NAMESPACE)
        except socketio.exceptions.SocketIOError:
            # Not connected: the server sends unacknowledged jobs again later.
            log.info("not connected; %s for %s waits for the reconnect", event, data)
