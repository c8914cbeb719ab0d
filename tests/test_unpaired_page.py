"""A device page opened on a screen that is not paired says so in plain Vietnamese,
names the device as the admin's Devices page does, and links to pairing by code."""

from __future__ import annotations

import re

import pytest


def _visible_text(html: str) -> str:
    body = html.split("<body", 1)[1]
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/o/demo/display", "Màn hình phòng chờ"),
        ("/o/demo/kiosk", "Ki-ốt lấy số"),
        ("/o/demo/rating/1", "Thiết bị đánh giá"),
    ],
)
def test_unpaired_page_names_the_device_in_vietnamese_and_links_to_pairing(
    client, api_world, path, name
):
    response = client.get(path)
    assert response.status_code == 403
    html = response.get_data(as_text=True)
    text = _visible_text(html)
    assert name in text
    assert api_world.office.name in text  # the office by its name, not its code
    for english in ("display", "kiosk", "rating", "device add"):
        assert english not in text.lower().replace("ki-ốt", "")
    assert 'href="/pair"' in html
