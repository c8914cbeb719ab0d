"""The app's services: one typed object, the only thing kept in app.extensions."""

from __future__ import annotations

from flask import Flask

from booking.sender import NotifySender
from motcua.core.db import Database
from motcua.realtime import Realtime
from motcua.services import KEY, Services, app_services
from printer.sender import PrintSender


def test_the_app_keeps_its_services_under_one_key(app: Flask) -> None:
    held = app_services(app)
    assert isinstance(held, Services)
    assert isinstance(held.db, Database) and isinstance(held.realtime, Realtime)
    # The printer and booking blueprints start their senders when registered.
    assert isinstance(held.printing, PrintSender)
    assert isinstance(held.notify, NotifySender)
    ours = [name for name in app.extensions if name.startswith("motcua")]
    assert ours == [KEY]


def test_handlers_reach_the_same_services(app: Flask) -> None:
    with app.test_request_context("/"):
        assert app_services() is app_services(app)
