"""The print agent pairs like every device: it prints a 6-digit code, the admin
types it on the Devices page, and the agent receives its token."""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable
from typing import Any

from motcua.i18n import message
from printer import messages as _messages  # noqa: F401  (registers its words)

POLL_S = 2.0


def _post(server: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    data = json.dumps(body).encode()
    req = urllib.request.Request(  # noqa: S310 - the admin's own server
        server.rstrip("/") + path,
        data=data,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as answer:  # noqa: S310
        return dict(json.loads(answer.read()))


def pair(
    server: str,
    say: Callable[[str], None],
    sleep: Callable[[float], None] = time.sleep,
) -> str:
    """Show a code until an admin enters it; return the device token."""
    while True:
        started = _post(server, "/pair/start", {})
        code = str(started["code"])
        say(message("printer_agent.code", "vi", code=f"{code[:3]} {code[3:]}"))
        while True:
            sleep(POLL_S)
            answer = _post(server, "/pair/claim", {"secret": started["secret"]})
            if answer.get("status") == "paired":
                return str(answer["token"])
            if answer.get("status") == "expired":
                say(message("printer_agent.code_expired", "vi"))
                break
