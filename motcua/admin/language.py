"""The language of the admin pages: an office's pages speak the office's language."""

from __future__ import annotations

from flask import g, has_request_context

from motcua.i18n import office_lang


def page_lang() -> str:
    """The language of the page being made: its office's, Vietnamese with no office.

    Like the counter console, the admin pages follow the office's setting, never the
    browser's: the login, the list of offices and the city's pages are Vietnamese.
    """
    office = g.get("office") if has_request_context() else None
    return office_lang(office.settings) if office is not None else "vi"
