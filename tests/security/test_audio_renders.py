"""A display or staff token hears only the calls that happened: asking for any
other number renders nothing, however many numbers are asked for."""

from __future__ import annotations

from pathlib import Path

from display import audio as audio_module
from motcua.services import app_services
from tests.conftest import bearer, build_world, staff_token
from tests.helpers import call_number


def _rendered(app) -> list[Path]:  # type: ignore[no-untyped-def]
    cache = Path(app.instance_path) / "audio"
    return sorted(cache.iterdir()) if cache.exists() else []


def test_uncalled_numbers_get_a_404_and_render_nothing(
    app, client, api_world, clock, monkeypatch
):
    made: list[str] = []
    real = audio_module.announcement

    def counting(text, *args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(audio_module, "announcement", counting)
    db = app_services(app).db
    other = build_world(db, clock, "khac")
    call_number(db, api_world, clock, 1023, 3)
    display, staff = bearer(api_world.display_token), bearer(staff_token(client))
    refused = [
        "/o/demo/display/audio/1024/3.wav",  # never issued
        "/o/demo/display/audio/1023/1.wav",  # called, but to another counter
        "/o/khac/display/audio/1023/3.ogg",  # another office (and its token)
    ]
    for number in range(1100, 1140):  # the sweep of the attack, in small
        refused.append(f"/o/demo/display/audio/{number}/{number % 9 + 1}.mp3")
    for url in refused:
        for headers in (display, staff):
            response = client.get(url, headers=headers)
            assert response.status_code in (403, 404), url
            error = response.get_json()["error"]
            assert error["code"] in ("not_found", "not_allowed") and error["message"]
    theirs = client.get(
        "/o/khac/display/audio/1023/3.wav", headers=bearer(other.display_token)
    )
    assert theirs.status_code == 404  # the number was called in demo, not there
    assert made == [] and _rendered(app) == []
    heard = client.get("/o/demo/display/audio/1023/3.wav", headers=display)
    assert heard.status_code == 200 and heard.data.startswith(b"RIFF")
    assert len(made) == 1 and len(_rendered(app)) == 1


def test_a_call_from_yesterday_is_not_rendered_today(app, client, api_world, clock):
    call_number(app_services(app).db, api_world, clock, 1023, 3)
    display = bearer(api_world.display_token)
    assert (
        client.get("/o/demo/display/audio/1023/3.wav", headers=display).status_code
        == 200
    )
    clock.advance(24 * 3600)
    late = client.get("/o/demo/display/audio/1023/3.ogg", headers=display)
    assert late.status_code == 404 and late.get_json()["error"]["code"] == "not_found"
    assert not any(p.suffix == ".ogg" for p in _rendered(app))
