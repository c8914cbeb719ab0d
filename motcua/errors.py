"""Every error answered in the API's shape (JSON), never a bare trace."""

from __future__ import annotations

import logging

from flask import Flask, Response, request
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from motcua.web import ApiError, error_response

log = logging.getLogger(__name__)
HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "not_allowed",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    414: "uri_too_long",
    429: "rate_limited",
}


MAX_URL = 4096


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    # Pages load nothing from outside the office's server (no CDN, LAN only).
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "media-src 'self'; connect-src 'self'; frame-ancestors 'none'"
    ),
}


def register_error_handlers(app: Flask) -> None:
    @app.after_request
    def _security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.before_request
    def _url_length() -> ResponseReturnValue | None:
        if len(request.full_path) > MAX_URL:
            return error_response(414, "uri_too_long")
        return None

    @app.errorhandler(ApiError)
    def _api_error(err: ApiError) -> ResponseReturnValue:
        body, status = error_response(err.status, err.code, **err.params)
        if "retry_after" in err.params:
            body.headers["Retry-After"] = str(err.params["retry_after"])
        return body, status

    @app.errorhandler(HTTPException)
    def _http_error(err: HTTPException) -> ResponseReturnValue:
        status = err.code or 500
        return error_response(status, HTTP_CODES.get(status, "bad_request"))

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    def _database_down(err: Exception) -> ResponseReturnValue:
        # Outside web.run/read too (token look-ups, pages): locked or unreachable.
        log.warning("database unavailable on %s: %s", request.path, err)
        body, status = error_response(503, "unavailable")
        body.headers["Retry-After"] = "5"
        return body, status

    @app.errorhandler(DataError)
    def _bad_value(err: DataError) -> ResponseReturnValue:
        # A value the database cannot hold (NUL in text, a number out of range).
        log.info("value refused by the database on %s: %s", request.path, err)
        return error_response(400, "bad_request")

    @app.errorhandler(Exception)
    def _crash(err: Exception) -> ResponseReturnValue:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal")
