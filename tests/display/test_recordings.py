"""Recording an office's voice, server side: the guided list, what a recording must
be, the draft, the preview and using it; bad input refused and nothing changed."""

from __future__ import annotations

import io
import math
import wave
from array import array
from pathlib import Path

import pytest

from display import recordings
from display.audio import SAMPLE_RATE, read_wav
from display.speech import announcement_text
from motcua.services import app_services
from tests.admin.pages import add_person, csrf, sign_in
from tests.conftest import bearer
from tests.helpers import call_number

PAGE = "/admin/o/demo/voice"


def wav_bytes(seconds: float, *, rate: int = 48000, amplitude: int = 3000) -> bytes:
    samples = array(
        "h",
        (
            round(amplitude * math.sin(2 * math.pi * 300 * i / rate))
            for i in range(round(seconds * rate))
        ),
    )
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def test_the_guided_list_follows_the_template_and_reading() -> None:
    north = [i.text for i in recordings.guided_list({})]
    assert north[:2] == ["Mời công dân có số thứ tự", "đến quầy số"]
    assert {"không", "chín", "mười", "mươi", "mốt", "lăm", "tư", "trăm"} <= set(north)
    assert {"nghìn", "linh"} <= set(north) and "ngàn" not in north
    south = recordings.guided_list(
        {
            "number_reading": "south",
            "announcement_template": "Số {number}, tầng 2 quầy {counter}",
        }
    )
    texts = [i.text for i in south]
    assert texts[:2] == ["Số", "tầng hai quầy"]
    assert {"ngàn", "lẻ"} <= set(texts)
    assert len({i.id for i in south}) == len(south)


def test_a_full_draft_covers_every_call(tmp_path: Path) -> None:
    items = recordings.guided_list({})
    for item in items:
        recordings.save(tmp_path, "demo", items, item, wav_bytes(0.3))
    pack = recordings.draft_pack(tmp_path, "demo")
    assert pack is not None
    for number in range(0, 10000, 7):
        assert pack.clips_for(announcement_text(number, number % 40 + 1)) is not None
    # Phrases are one clip each, so they are said as recorded.
    clips = pack.clips_for(announcement_text(1023, 3))
    assert clips is not None and clips[0].name == items[0].file
    assert recordings.use(tmp_path, "demo", items) == len(items)
    assert (tmp_path / "voice" / "demo" / "index.json").is_file()


def test_levels_are_evened_out(tmp_path: Path) -> None:
    items = recordings.guided_list({})
    recordings.save(tmp_path, "demo", items, items[2], wav_bytes(0.5, amplitude=600))
    recordings.save(tmp_path, "demo", items, items[3], wav_bytes(0.5, amplitude=20000))
    folder = recordings.draft_folder(tmp_path, "demo")
    quiet, loud = (max(map(abs, read_wav(folder / i.file))) for i in items[2:4])
    assert quiet == pytest.approx(loud, rel=0.05)
    assert len(read_wav(folder / items[2].file)) == pytest.approx(
        0.5 * SAMPLE_RATE, rel=0.1
    )


@pytest.fixture
def admin(app, client, clock, api_world):  # type: ignore[no-untyped-def]
    add_person(app_services(app).db, clock, "qt-demo", "demo", "admin")
    sign_in(client, "qt-demo")
    return client


def _send(client, item_id: str, data: bytes, token: str | None = None):  # type: ignore[no-untyped-def]
    token = token if token is not None else csrf(client, PAGE)
    return client.post(
        f"{PAGE}/clips/{item_id}",
        data={"csrf_token": token, "clip": (io.BytesIO(data), "clip.wav")},
        content_type="multipart/form-data",
    )


def test_bad_recordings_are_refused_with_a_reason(app, admin, api_world):  # type: ignore[no-untyped-def]
    first = recordings.guided_list({})[0]
    cases = [
        (first.id, b"not a wav at all", 400, "không phải tệp WAV"),
        (first.id, wav_bytes(0.5, amplitude=0), 400, "Không nghe thấy tiếng"),
        (first.id, wav_bytes(14.0, rate=22050), 400, "dài quá 12 giây"),
        (first.id, b"RIFF" + bytes(recordings.MAX_CLIP + 100), 400, "quá dài"),
        (first.id, bytes(recordings.MAX_CLIP + 200_000), 413, None),
        ("nothere", wav_bytes(0.5), 404, "Không có mục này"),
    ]
    for item_id, data, status, text in cases:
        response = _send(admin, item_id, data)
        assert response.status_code == status, (item_id, response.data[:200])
        if text:
            body = response.get_json()
            assert body["error"]["code"] == "bad_recording"
            assert text in body["error"]["message"]
    assert _send(admin, first.id, wav_bytes(0.5), token="forged").status_code == 400
    folder = recordings.draft_folder(Path(app.instance_path), "demo")
    assert not (folder / first.file).exists()
    good = _send(admin, first.id, wav_bytes(0.5))
    assert good.status_code == 200 and good.get_json()["seconds"] > 0.4
    played = admin.get(f"{PAGE}/clips/{first.id}.wav")
    assert played.status_code == 200 and played.data.startswith(b"RIFF")


def test_preview_and_use_need_every_item(app, admin, api_world, clock):  # type: ignore[no-untyped-def]
    items = recordings.guided_list({})
    preview = f"{PAGE}/preview.wav?number=1023&counter=3"
    assert admin.get(preview).status_code == 409
    assert admin.get(f"{PAGE}/preview.wav?number=x&counter=3").status_code == 400
    page = admin.post(f"{PAGE}/use", data={"csrf_token": csrf(admin, PAGE)})
    assert "Còn thiếu bản thu" in page.get_data(as_text=True)
    instance = Path(app.instance_path)
    assert not (instance / "voice" / "demo").exists()
    call_number(app_services(app).db, api_world, clock, 1023, 3)
    before = admin.get(
        "/o/demo/display/audio/1023/3.wav", headers=bearer(api_world.display_token)
    ).data
    for item in items:
        assert _send(admin, item.id, wav_bytes(0.3)).status_code == 200
    heard = admin.get(preview)
    assert heard.status_code == 200 and heard.mimetype == "audio/wav"
    page = admin.post(f"{PAGE}/use", data={"csrf_token": csrf(admin, PAGE)})
    assert "Đã dùng giọng đọc vừa thu" in page.get_data(as_text=True)
    after = admin.get(
        "/o/demo/display/audio/1023/3.wav", headers=bearer(api_world.display_token)
    ).data
    assert after == heard.data != before
