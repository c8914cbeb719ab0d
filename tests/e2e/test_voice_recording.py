"""An office records its own voice in the admin, in Chromium with a fake microphone
that hears a 440 Hz tone: every item recorded, one retaken, played back, a whole
call previewed, then used; the board's call is then made of those recordings."""

from __future__ import annotations

import io
import math
import shutil
import wave
from array import array
from pathlib import Path

import pytest
import requests

from display.audio import SAMPLE_RATE, layout, read_wav
from motcua.core.clock import SystemClock
from motcua.core.db import Database
from motcua.core.lookup import office_by_slug
from motcua.core.setup import add_user
from tests.e2e.conftest import ARTIFACTS, CHROMIUM_ARGS, LiveServer
from tests.helpers import call_number

TONE_HZ = 440


def _tone_file(path: Path) -> Path:
    rate = 48000
    samples = array(
        "h",
        (
            round(9000 * math.sin(2 * math.pi * TONE_HZ * i / rate))
            for i in range(rate * 2)
        ),
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return path


@pytest.fixture(scope="module")
def microphone_browser(browser, tmp_path_factory):  # type: ignore[no-untyped-def]
    """Chromium whose microphone hears a tone, allowed without asking."""
    tone = _tone_file(tmp_path_factory.mktemp("mic") / "tone.wav")
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-audio-capture={tone}",
    ]
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    # The session's Playwright: only one may run in a process.
    chromium = browser.browser_type.launch(executable_path=executable, args=args)
    yield chromium
    chromium.close()


def _admin(server: LiveServer) -> None:
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    with database.transaction() as session:
        office = office_by_slug(session, "demo")
        add_user(
            session, SystemClock(), "quantri", "matkhau123", office=office, role="admin"
        )
    database.dispose()


def _crossings_per_second(samples: array[int]) -> float:
    signs = [s >= 0 for s in samples]
    flips = sum(1 for a, b in zip(signs, signs[1:], strict=False) if a != b)
    return flips / (len(samples) / SAMPLE_RATE)


def _record(page) -> None:  # type: ignore[no-untyped-def]
    """Record the current item for a little while and wait until it is saved."""
    recording = "() => parseFloat(document.getElementById('recorder')"
    recording += ".getAttribute('data-recording') || '0') >= 0.8"
    page.wait_for_function(recording)
    page.get_by_role("button", name="Dừng").click()
    page.locator("#voice-status", has_text="Đã lưu").wait_for(timeout=20_000)


def test_an_office_records_previews_and_uses_its_voice(live, microphone_browser):
    server, ours, _ = live
    _admin(server)
    context = microphone_browser.new_context(locale="vi-VN")  # type: ignore[attr-defined]
    played: list[str] = []
    context.on(
        "response",
        lambda r: played.append(f"{r.status} {r.url}") if ".wav" in r.url else None,
    )
    page = context.new_page()
    page.goto(f"{server.url}/admin/login")
    page.fill("input[name=username]", "quantri")
    page.fill("input[name=password]", "matkhau123")
    page.click("button[type=submit]")
    page.goto(f"{server.url}/admin/o/demo/voice")
    total = int(page.locator("#voice-progress").inner_text().split("/")[1].split()[0])
    assert page.locator("#voice-say").inner_text() == "Mời công dân có số thứ tự"
    # A preview before anything is recorded says what is missing.
    page.get_by_role("button", name="Nghe thử").click()
    page.locator("#voice-preview-status", has_text="Chưa thu đủ").wait_for()
    for step in range(total):
        page.get_by_role("button", name="Thu âm").click()
        _record(page)
        if step == 0:  # not happy with the first take: again
            page.get_by_role("button", name="Thu lại").click()
            _record(page)
            page.get_by_role("button", name="Nghe lại").click()
        if step < total - 1:
            page.get_by_role("button", name="Mục tiếp theo").click()
    progress = page.locator("#voice-progress").inner_text()
    assert progress.startswith(f"Đã thu {total}/{total} mục.")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-voice-recorded.png"), full_page=True)
    # Each take was played back from the server's cleaned copy.
    clips = [p for p in played if "/voice/clips/" in p]
    assert len(clips) >= total + 1 and all(p[:4] in ("200 ", "206 ") for p in clips)
    page.get_by_role("button", name="Nghe thử").click()
    page.locator("#voice-preview-status", has_text="Đang phát thử").wait_for()
    assert any(p[:4] in ("200 ", "206 ") and "preview.wav" in p for p in played)
    page.get_by_role("button", name="Dùng giọng đọc vừa thu").click()
    page.get_by_text("Đã dùng giọng đọc vừa thu").wait_for()
    assert "giọng đọc do đơn vị thu âm" in page.content()
    context.close()

    # The board's next call is said with the recordings: the tone, not espeak-ng.
    database = Database(server.env["MOTCUA_DATABASE_URL"])
    call_number(database, ours, SystemClock(), 1023, 3)
    database.dispose()
    response = requests.get(
        f"{server.url}/o/demo/display/audio/1023/3.wav",
        headers={"Authorization": f"Bearer {ours.display_token}"},
        timeout=30,
    )
    assert response.status_code == 200
    wav = Path(server.env["MOTCUA_INSTANCE_PATH"]) / "call.wav"
    wav.write_bytes(response.content)
    with wave.open(io.BytesIO(response.content)) as parsed:
        assert parsed.getnframes() / parsed.getframerate() > 5
    head = round(layout()["head"] * SAMPLE_RATE)
    speech = read_wav(wav)[head : head + SAMPLE_RATE]
    assert 2 * TONE_HZ * 0.9 < _crossings_per_second(speech) < 2 * TONE_HZ * 1.1
