"""The application factory."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from flask import Flask
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from werkzeug.routing import IntegerConverter

from motcua import config as configuration
from motcua.api.validate import BoundedJSON
from motcua.core.clock import Clock, ScaledClock, SystemClock
from motcua.core.db import Database
from motcua.core.security import use_person_key
from motcua.errors import register_error_handlers
from motcua.i18n import MESSAGES, page_words
from motcua.realtime import Realtime
from motcua.services import KEY, Services


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the server: configuration, database, blueprints and Socket.IO."""
    settings = configuration.load(config)
    app = Flask(
        __name__, instance_path=settings["INSTANCE_PATH"], instance_relative_config=True
    )
    app.config.update(settings)
    app.json = BoundedJSON(app)
    app.url_map.converters["int"] = DatabaseInt
    database = Database(settings["DATABASE_URL"], settings["DB_BUSY_TIMEOUT_MS"])
    if settings["AUTO_UPGRADE"]:
        from motcua import migrate  # Alembic is loaded only where it is needed

        if not migrate.is_current(database.engine):
            migrate.upgrade(database.engine)
    use_person_key(settings["PERSON_KEY"])
    configuration.protect(Path(settings["INSTANCE_PATH"]))
    app.extensions[KEY] = Services(
        db=database,
        clock=settings.get("CLOCK") or _clock(settings),
        realtime=Realtime(app),
    )
    app.jinja_env.globals.update(word=_word, page_words=_page_words)
    _register_blueprints(app)
    register_error_handlers(app)
    from motcua.ratelimit import trust_proxies

    trust_proxies(app)
    return app


class DatabaseInt(IntegerConverter):
    """Integers in paths fit the database's INTEGER; a larger one matches no route."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def _lang(context: Context) -> str:
    return "en" if context.get("lang") == "en" else "vi"


@pass_context
def _word(context: Context, key: str, **params: Any) -> str:
    """A word of the catalogue in the page's language; an unknown key is an error.

    A part given as markup (`{% set part %}<strong>…</strong>{% endset %}`) stays
    markup inside the sentence; the sentence and any other part are escaped.
    """
    text = MESSAGES[key][_lang(context) == "en"]
    if any(isinstance(value, Markup) for value in params.values()):
        return Markup.escape(text).format(**params)
    return text.format(**params) if params else text


@pass_context
def _page_words(context: Context, *groups: str) -> dict[str, str]:
    """The words of a page's scripts (window.motcuaWords), in the page's language."""
    return page_words(groups, _lang(context))


def _clock(settings: dict[str, Any]) -> Clock:
    if settings["CLOCK_SPEED"] == 1 or not settings["CLOCK_START"]:
        return SystemClock()
    start = datetime.fromisoformat(settings["CLOCK_START"])
    return ScaledClock(start, settings["CLOCK_REAL_START"], settings["CLOCK_SPEED"])


def _register_blueprints(app: Flask) -> None:
    from booking.views import bp as bookings
    from counter.views import counter
    from display.views import display
    from kiosk.views import kiosk
    from motcua.admin.views import admin
    from motcua.api.views import api
    from motcua.pages import pages
    from printer.views import printer

    for blueprint in (api, pages, kiosk, counter, display, admin, printer, bookings):
        app.register_blueprint(blueprint)
