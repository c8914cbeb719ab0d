"""Every browser asks for /favicon.ico: it gets a small icon, not a 404 in the log."""

from __future__ import annotations


def test_the_favicon_is_a_small_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.mimetype in ("image/vnd.microsoft.icon", "image/x-icon")
    assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert len(response.data) < 4096
    assert "max-age" in response.headers.get("Cache-Control", "")
