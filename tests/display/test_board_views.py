"""The board's HTTP side: audio files, board config, zones, pairing over HTTP."""

from __future__ import annotations

import io
import re
import wave
from datetime import datetime, timezone
from pathlib import Path

import pytest

from display import audio as audio_module
from display.announce import check_settings, texts
from motcua.core.lookup import office_by_slug
from motcua.core.setup import (
    ServiceSpec,
    add_counter,
    add_device,
    add_service,
    add_user,
)
from motcua.services import app_services
from tests.conftest import bearer, staff_token
from tests.helpers import call_number

AUDIO = "/o/demo/display/audio/1023/3.wav"


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Texts actually rendered (the real renderer still runs)."""
    calls: list[str] = []
    real = audio_module.announcement

    def counting(text, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(audio_module, "announcement", counting)
    return calls


def _settings(app, **values) -> None:  # type: ignore[no-untyped-def]
    with app_services(app).db.transaction() as session:
        office = office_by_slug(session, "demo")
        office.settings = {**(office.settings or {}), **values}


def _admin_token(app, client, clock) -> str:  # type: ignore[no-untyped-def]
    with app_services(app).db.transaction() as session:
        office = office_by_slug(session, "demo")
        add_user(session, clock, "quantri", "matkhau123", office=office, role="admin")
    return staff_token(client, "quantri")


def _called(app, world, clock, number: int = 1023, counter: int = 3) -> None:  # type: ignore[no-untyped-def]
    call_number(app_services(app).db, world, clock, number, counter)


def test_audio_is_a_wav_of_plausible_length_and_rendered_once(
    app, client, api_world, clock, renders
):
    _called(app, api_world, clock)
    first = client.get(AUDIO, headers=bearer(api_world.display_token))
    assert first.status_code == 200 and first.mimetype == "audio/wav"
    assert first.cache_control.max_age and first.cache_control.max_age >= 3600
    with wave.open(io.BytesIO(first.data)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        seconds = wav.getnframes() / wav.getframerate()
    # A chime and "Mời công dân có số thứ tự một nghìn không trăm hai mươi ba đến
    # quầy số ba" twice: several seconds, not a blip and not a minute.
    assert 5.0 < seconds < 25.0, seconds
    second = client.get(AUDIO, headers=bearer(api_world.display_token))
    assert second.status_code == 200 and second.data == first.data
    assert renders == [
        "Mời công dân có số thứ tự một nghìn không trăm hai mươi ba đến quầy số ba"
    ]


def test_audio_follows_the_office_reading_and_needs_a_display(
    app, client, api_world, clock, renders
):
    _settings(app, number_reading="south")
    _called(app, api_world, clock, 1005, 3)
    response = client.get(
        "/o/demo/display/audio/1005/3.wav", headers=bearer(api_world.display_token)
    )
    assert response.status_code == 200
    assert renders == [
        "Mời công dân có số thứ tự một ngàn không trăm lẻ năm đến quầy số ba"
    ]
    assert client.get(AUDIO).status_code == 401
    kiosk = client.get(AUDIO, headers=bearer(api_world.kiosk_token))
    assert kiosk.status_code == 403
    assert kiosk.get_json()["error"]["code"] == "not_allowed"
    too_big = "/o/demo/display/audio/10000/1.wav"
    headers = bearer(api_world.display_token)
    assert client.get(too_big, headers=headers).status_code == 404


def test_a_broken_template_falls_back_and_is_reported():
    shown, spoken = texts({"announcement_template": "Số {numbr}"}, 12, 3)
    assert shown == "Mời công dân có số thứ tự 12 đến quầy số 3"
    assert spoken.endswith("mười hai đến quầy số ba")
    assert check_settings({"announcement_template": "Số {numbr}"}).code == (
        "template_unknown_placeholder"
    )
    assert check_settings({"number_reading": "west"}).code == "bad_number_reading"
    good = {"announcement_template": "Xin mời số {number} tới quầy {counter}"}
    assert check_settings({**good, "number_reading": "south"}) is None
    assert texts(good, 21, 4)[1] == "Xin mời số hai mươi mốt tới quầy bốn"


def test_board_page_and_config_carry_ticker_and_zone(app, client, api_world, clock):
    _settings(app, display_ticker="Sáng thứ Bảy làm việc đến 11 giờ 30")
    with app_services(app).db.transaction() as session:
        office = office_by_slug(session, "demo")
        _, zone_token = add_device(
            session,
            clock,
            office,
            "display",
            "TV tầng 2",
            settings={"counters": [3, 1]},
        )
    page = client.get(f"/o/demo/display?device_token={api_world.display_token}")
    assert page.status_code == 302
    page = client.get("/o/demo/display")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'data-zone="null"' in html
    assert "Sáng thứ Bảy làm việc đến 11 giờ 30" in html
    config = client.get("/o/demo/display/config.json").get_json()
    assert config == {
        "office_name": "Phường demo",
        "ticker": "Sáng thứ Bảy làm việc đến 11 giờ 30",
        "zone": None,
    }
    zoned = client.get("/o/demo/display/config.json", headers=bearer(zone_token))
    assert zoned.get_json()["zone"] == [1, 3]
    kiosk = client.get(
        "/o/demo/display/config.json", headers=bearer(api_world.kiosk_token)
    )
    assert kiosk.status_code == 403


def _code(html: str) -> str:
    match = re.search(r'aria-label="Mã ghép nối (\d{6})"', html)
    assert match, html
    return match.group(1)


def test_pairing_over_http(app, client, api_world, clock):
    admin = _admin_token(app, client, clock)
    tv = app.test_client()
    first = tv.get("/pair")
    assert first.status_code == 200
    code = _code(first.get_data(as_text=True))
    # Reloading the page keeps the same code.
    assert _code(tv.get("/pair").get_data(as_text=True)) == code
    assert tv.post("/pair/claim").get_json() == {"status": "waiting"}
    assert tv.get("/o/demo/display").status_code == 403
    staff = client.post(
        "/api/v1/offices/demo/devices/pair",
        json={"code": code, "kind": "display", "name": "TV sảnh"},
        headers=bearer(staff_token(client)),
    )
    assert staff.status_code == 403
    paired = client.post(
        "/api/v1/offices/demo/devices/pair",
        json={"code": code, "kind": "display", "name": "TV sảnh", "counters": [1, 2]},
        headers=bearer(admin),
    )
    assert paired.status_code == 201, paired.get_json()
    device = paired.get_json()["device"]
    assert device["kind"] == "display" and device["settings"] == {"counters": [1, 2]}
    claim = tv.post("/pair/claim")
    assert claim.get_json() == {"status": "paired", "url": "/o/demo/display"}
    board = tv.get("/o/demo/display")
    assert board.status_code == 200
    assert 'data-zone="[1, 2]"' in board.get_data(as_text=True)
    # A new visit to /pair starts over with a new code.
    assert _code(tv.get("/pair").get_data(as_text=True)) != code


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (
            {"code": "000000", "kind": "display", "name": "TV"},
            404,
            "pairing_code_unknown",
        ),
        ({"code": "12", "kind": "display", "name": "TV"}, 400, "pairing_code_format"),
        ({"code": "123456", "kind": "toaster", "name": "TV"}, 400, "invalid_field"),
        ({"code": "123456", "kind": "display"}, 400, "invalid_field"),
        ({"code": 123456, "kind": "display", "name": "TV"}, 400, "invalid_field"),
        (
            {"code": "1", "kind": "display", "name": "TV", "counters": ["a"]},
            400,
            "bad_zone",
        ),
        ({"code": "1", "kind": "display", "name": "TV", "x": 1}, 400, "unknown_field"),
    ],
)
def test_pairing_api_rejects_bad_input(
    app, client, api_world, clock, body, status, code
):
    admin = _admin_token(app, client, clock)
    response = client.post(
        "/api/v1/offices/demo/devices/pair", json=body, headers=bearer(admin)
    )
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert response.get_json()["error"]["message"]


def test_openapi_describes_pairing(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "post" in paths["/offices/{office}/devices/pair"]


def test_audio_cache_stays_under_its_cap_dropping_the_least_recently_used(
    app, client, api_world, clock, renders
):
    cache = Path(app.instance_path) / "audio"
    headers = bearer(api_world.display_token)
    _called(app, api_world, clock, 1001, 1)
    oldest = "/o/demo/display/audio/1001/1.wav"
    size = len(client.get(oldest, headers=headers).data)
    app.config["AUDIO_CACHE_BYTES"] = cap = 4 * size
    favourite = "/o/demo/display/audio/1002/1.wav"
    for n in range(1002, 1022):
        _called(app, api_world, clock, n, 1)
        url = f"/o/demo/display/audio/{n}/1.wav"
        assert client.get(url, headers=headers).status_code == 200
        # One call is heard again after each new one: it stays, being used.
        assert client.get(favourite, headers=headers).status_code == 200
        held = sum(p.stat().st_size for p in cache.iterdir())
        assert held <= cap, (n, held, cap)
    renders.clear()
    assert client.get(favourite, headers=headers).status_code == 200
    assert renders == []  # still cached
    assert client.get(oldest, headers=headers).status_code == 200
    assert len(renders) == 1  # least recently used: gone, so rendered again


def _longest_call(app, world, clock) -> None:  # type: ignore[no-untyped-def]
    """Number 9999 called to counter 999."""
    db = app_services(app).db
    with db.transaction() as session:
        office = office_by_slug(session, "demo")
        spec = ServiceSpec("ZZ", "Khác", "Other", 9999, 9999)
        counter = add_counter(
            session, office, 999, [add_service(session, office, spec)]
        )
        counter.staff_id, counter.active_at = world.staff.user_id, clock.now()
    call_number(db, world, clock, 9999, 999, "ZZ")


@pytest.mark.parametrize(
    ("kind", "mimetype", "magic"),
    [
        ("ogg", "audio/ogg", b"OggS"),
        ("mp3", "audio/mpeg", b"\xff"),
        ("wav", "audio/wav", b"RIFF"),
    ],
)
def test_each_format_of_a_call(app, client, api_world, clock, kind, mimetype, magic):
    """The longest default call, compressed under 100 KB; WAV for the rest."""
    _longest_call(app, api_world, clock)
    headers = bearer(api_world.display_token)
    url = f"/o/demo/display/audio/9999/999.{kind}"
    first = client.get(url, headers=headers)
    assert first.status_code == 200 and first.mimetype == mimetype
    assert first.data.startswith(magic)
    if kind == "ogg":
        assert first.data[28:36] == b"OpusHead"
    if kind == "mp3":  # an MPEG audio frame sync: 11 bits set
        assert first.data[1] & 0xE0 == 0xE0
    if kind != "wav":
        assert len(first.data) < 100_000, len(first.data)
    again = client.get(url, headers=headers)
    assert again.data == first.data
    assert (
        client.get("/o/demo/display/audio/1/1.flac", headers=headers).status_code == 404
    )


def test_a_call_event_offers_every_format_smallest_first(app, api_world):
    from display.announce import decorate
    from motcua.core.events import DomainEvent

    event = DomainEvent("ticket.called", "demo", 1, datetime.now(timezone.utc))
    data = {"ticket": {"number": "1023"}, "counter": {"number": 3}}
    message = {"data": data}
    decorate(event, message, {})
    announcement = message["data"]["announcement"]
    assert announcement["audio_url"] == "/o/demo/display/audio/1023/3.wav"
    assert [a["url"].rsplit(".", 1)[1] for a in announcement["audio"]] == [
        "ogg",
        "mp3",
        "wav",
    ]
    assert announcement["audio"][0]["type"] == 'audio/ogg; codecs="opus"'


def test_a_server_without_encoders_offers_wav_and_sees_them_when_path_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from display.encode import available

    assert [f.suffix for f in available()] == ["ogg", "mp3", "wav"]
    monkeypatch.setenv("PATH", "")
    assert [f.suffix for f in available()] == ["wav"]
    monkeypatch.undo()
    assert [f.suffix for f in available()] == ["ogg", "mp3", "wav"]
