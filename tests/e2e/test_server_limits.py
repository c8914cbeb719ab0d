"""What the HTTP server could reject itself still answers in the API's error shape."""

from __future__ import annotations

import requests


def test_over_long_url_and_huge_body_get_json_errors(live):
    server, ours, _ = live
    long = requests.get(server.url + "/api/v1/tickets/" + "x" * 10_000, timeout=10)
    assert long.status_code == 414
    assert long.json()["error"]["code"] == "uri_too_long"
    huge = requests.post(
        server.url + "/api/v1/offices/demo/tickets",
        data=b"{" + b" " * 2_000_000 + b"}",
        headers={
            "Authorization": f"Bearer {ours.kiosk_token}",
            "Content-Type": "application/json",
        },
        timeout=10,
    )
    assert huge.status_code == 413
    assert huge.json()["error"]["code"] == "too_large"
