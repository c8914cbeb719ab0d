"""Every error answered in the API's shape (JSON), never a bare trace."""

from __future__ import annotations

import logging

from flask import Flask, request
from flask.typing import ResponseReturnValue
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


def register_error_handlers(app: Flask) -> None:
    @app.before_request
    def _url_length() -> ResponseReturnValue | None:
        if len(request.full_path) > MAX_URL:
            return error_response(414, "uri_too_long")
        return None

    @app.errorhandler(ApiError)
    def _api_error(err: ApiError) -> ResponseReturnValue:
        return error_response(err.status, err.code, **err.params)

    @app.errorhandler(HTTPException)
    def _http_error(err: HTTPException) -> ResponseReturnValue:
        status = err.code or 500
        return error_response(status, HTTP_CODES.get(status, "bad_request"))

    @app.errorhandler(Exception)
    def _crash(err: Exception) -> ResponseReturnValue:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return error_response(500, "internal")
