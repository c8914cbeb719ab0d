"""A stand-in SMS gateway on 127.0.0.1: real HTTP, records what it receives."""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# The one-time code in the Vietnamese or the English text.
CODE = re.compile(r"(?:ma xac nhan dat lich cua ban la|your booking code is) (\d{6})")


class Gateway:
    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        # "ok", "fail" (HTTP 500) or "hang" (holds each post until `release` is
        # set, at most 10 s, then HTTP 500)
        self.mode = "ok"
        self.attempts = 0
        self.holding = 0  # posts being held now
        self.release = threading.Event()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                gateway.attempts += 1
                if gateway.mode == "hang":
                    gateway.holding += 1
                    gateway.release.wait(10)
                    gateway.holding -= 1
                if gateway.mode != "ok":
                    self.send_response(500)
                    self.end_headers()
                    return
                gateway.received.append(body)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": true}')

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sms"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def texts(self) -> list[str]:
        return [str(m.get("text", "")) for m in self.received]

    def code(self, timeout: float = 15.0) -> str:
        """The one-time code of the newest message that holds one."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for text in reversed(self.texts()):
                found = CODE.search(text)
                if found:
                    return found.group(1)
            time.sleep(0.1)
        raise AssertionError(f"no code arrived: {self.texts()}")

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
