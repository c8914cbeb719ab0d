"""The /printer namespace: print agents receive jobs, acknowledge, report status.

An agent connects with auth {"token": its printer device token} and may add
"width" (dots) and "profile" of its printer; the office comes from the token.
The server then sends `job` {"job": id, "label", "data": base64 ESC/POS} to the
agent's room, again after every reconnect until it is acknowledged with
`ack` {"job": id, "ok": true} or {"job": id, "ok": false, "reason", "detail"}.
A job is printed only on its ack; the agent keeps the ids it acknowledged so a
job sent again (its ack was lost) is acknowledged again, not printed twice.
`status` {"code", "message"} reports the printer (ok, paper_out, cover_open, ...).
"""

from __future__ import annotations

import threading
from typing import Any

from flask import request
from flask_socketio import join_room

from motcua.core import lookup, print_queue, printing
from motcua.core.auth import actor_for_token
from motcua.core.db import Session
from motcua.core.events import DomainEvent
from motcua.i18n import message
from motcua.realtime import OfficeNamespace, socket_id
from motcua.services import app_services
from motcua.web import clock, database
from printer.sender import PrintSender, device_room

STATUS_CODES = (
    "ok",
    "paper_low",
    "paper_out",
    "cover_open",
    "error",
    "offline",
    "unknown",
)


class PrinterNamespace(OfficeNamespace):
    """Print agents only: each joins its office room and its own device room."""

    def __init__(self, namespace: str, sender: PrintSender) -> None:
        super().__init__(namespace)
        self.sender = sender
        self._lock = threading.Lock()
        self._agents: dict[str, int] = {}  # sid -> printer device id

    def on_connect(self, auth: Any = None) -> bool:
        auth = auth if isinstance(auth, dict) else {}
        found = _agent(auth.get("token"))
        if found is None:
            return False
        device_id, slug = found
        if not super().on_connect({**auth, "office": slug}):
            return False
        join_room(device_room(device_id))
        with self._lock:
            self._agents[socket_id()] = device_id
        with database().transaction() as session:
            print_queue.agent_connected(
                session, clock(), device_id, auth.get("width"), auth.get("profile")
            )
        self.sender.wake(request.host_url)
        return True

    def on_ack(self, data: Any = None) -> dict[str, Any]:
        """A job printed (or not) on the agent's printer."""
        device_id = self._device_id()
        job_id = data.get("job") if isinstance(data, dict) else None
        if device_id is None or not isinstance(job_id, int):
            return {"ok": False}
        with database().transaction() as session:
            if data.get("ok") is True:
                events = printing.mark_printed(session, clock(), job_id, device_id)
            else:
                events = _failed(session, device_id, job_id, data)
        _publish(events)
        return {"ok": True}

    def on_status(self, data: Any = None) -> dict[str, Any]:
        """The agent's printer reports paper, cover or errors."""
        device_id = self._device_id()
        code = data.get("code") if isinstance(data, dict) else None
        if device_id is None or code not in STATUS_CODES:
            return {"ok": False}
        message = str(data.get("message") or "")[:300]
        with database().transaction() as session:
            events = print_queue.device_status(
                session, clock(), device_id, code, message
            )
        _publish(events)
        return {"ok": True}

    def on_disconnect(self, *_: Any) -> None:
        super().on_disconnect()
        with self._lock:
            device_id = self._agents.pop(socket_id(), None)
            still_here = device_id in self._agents.values()
        if device_id is None or still_here:
            return
        with database().transaction() as session:
            events = print_queue.device_status(
                session,
                clock(),
                device_id,
                "offline",
                message("printer_fault.agent_gone", "vi"),
            )
        _publish(events)

    def _device_id(self) -> int | None:
        with self._lock:
            return self._agents.get(socket_id())


def _agent(token: Any) -> tuple[int, str] | None:
    """The printer device behind the token and its office's slug."""
    if not isinstance(token, str) or not 0 < len(token) <= 200:
        return None
    with database().sessions() as session:
        actor = actor_for_token(session, clock(), token)
        if actor is None or actor.device_kind != "printer" or actor.id is None:
            return None
        office = lookup.office_by_id(session, actor.office_id)
        return (actor.id, office.slug) if office else None


def _failed(
    session: Session, device_id: int, job_id: int, data: dict[str, Any]
) -> list[DomainEvent]:
    reason = str(data.get("reason") or "io")[:40]
    detail = str(data.get("detail") or "")[:2000]
    failure = (reason, detail)
    return print_queue.agent_failed(session, clock(), device_id, job_id, failure)


def _publish(events: list[Any]) -> None:
    if events:
        app_services().realtime.publish(events)
