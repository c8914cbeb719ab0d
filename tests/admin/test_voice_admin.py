"""An office replaces the announcement voice with its own recordings."""

from __future__ import annotations

import io
import wave
import zipfile
from array import array

from motcua.services import app_services
from tests.admin.pages import add_person, csrf, sign_in
from tests.conftest import bearer
from tests.helpers import call_number


def _tone(seconds: float = 0.4, rate: int = 16000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        samples = array("h", [(i % 40 - 20) * 800 for i in range(int(seconds * rate))])
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def _upload(client, data: bytes):
    path = "/admin/o/demo/voice"
    return client.post(
        path,
        data={"csrf_token": csrf(client, path), "file": (io.BytesIO(data), "g.zip")},
        content_type="multipart/form-data",
    )


def _audio(client, token: str) -> bytes:
    response = client.get("/o/demo/display/audio/1001/1.wav", headers=bearer(token))
    assert response.status_code == 200
    return response.data


def test_upload_own_recordings_and_go_back(app, client, api_world, clock):
    db = app_services(app).db
    add_person(db, clock, "qt-demo", "demo", "admin")
    call_number(db, api_world, clock, 1001, 1)
    sign_in(client, "qt-demo")
    template = client.get("/admin/o/demo/voice/default.zip")
    assert template.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(template.data)).namelist()
    assert "index.json" in names and "mowif.wav" in names
    before = _audio(client, api_world.display_token)
    own = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(template.data)) as source,
        zipfile.ZipFile(own, "w") as target,
    ):
        for name in names:
            # The office re-records every word (here: a tone of its own).
            target.writestr(
                name, _tone() if name.endswith(".wav") else source.read(name)
            )
    page = _upload(client, own.getvalue()).get_data(as_text=True)
    assert "Đã dùng giọng đọc của đơn vị (27 từ)" in page
    after = _audio(client, api_world.display_token)
    assert after != before  # the announcement is made from the new recordings
    reset = "/admin/o/demo/voice/reset"
    client.post(reset, data={"csrf_token": csrf(client, "/admin/o/demo/voice")})
    assert _audio(client, api_world.display_token) == before


def test_bad_packs_are_refused_with_a_reason_and_change_nothing(
    app, client, api_world, clock
):
    db = app_services(app).db
    add_person(db, clock, "qt-demo", "demo", "admin")
    call_number(db, api_world, clock, 1001, 1)
    sign_in(client, "qt-demo")
    before = _audio(client, api_world.display_token)
    not_zip = _upload(client, b"this is not a zip").get_data(as_text=True)
    assert "không phải tệp ZIP" in not_zip
    escaping = io.BytesIO()
    with zipfile.ZipFile(escaping, "w") as archive:
        archive.writestr("../../evil.wav", _tone())
    assert "không hợp lệ" in _upload(client, escaping.getvalue()).get_data(as_text=True)
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("index.json", '{"format": 1, "clips": {"mời": "x.wav"}}')
        archive.writestr("x.wav", b"RIFF not really")
    assert "không đọc được" in _upload(client, broken.getvalue()).get_data(as_text=True)
    assert "giọng đọc mặc định" in client.get("/admin/o/demo/voice").get_data(
        as_text=True
    )
    assert _audio(client, api_world.display_token) == before
