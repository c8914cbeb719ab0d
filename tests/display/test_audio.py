"""Rendered announcements: format, length, chime, cache, voice pack and espeak-ng."""

from __future__ import annotations

import json
import math
import os
import re
import threading
import wave
from array import array
from pathlib import Path

import pytest

from display import audio
from display.audio import (
    DEFAULT_VOICE_PACK,
    SAMPLE_RATE,
    AudioError,
    AudioUnavailable,
    VoicePackError,
    chime,
    keep_under,
    load_voice_pack,
    read_wav,
    render_announcement,
    silence,
    write_wav,
)
from display.speech import announcement_text

COVERED = announcement_text(1005, 3)  # every word is in the bundled pack
UNCOVERED = "Mời ông Nguyễn Văn An đến quầy số hai"


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def espeak_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Texts sent to espeak-ng, which still really runs."""
    calls: list[str] = []
    real = audio.speak_espeak

    def spy(text: str, **kwargs: object) -> array[int]:
        calls.append(text)
        return real(text, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(audio, "speak_espeak", spy)
    return calls


@pytest.fixture
def no_espeak(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")


def duration(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def rms(samples: array[int]) -> float:
    return math.sqrt(sum(s * s for s in samples) / max(len(samples), 1))


def tone(
    seconds: float, frequency: float = 440.0, rate: int = SAMPLE_RATE
) -> list[int]:
    count = round(seconds * rate)
    return [
        round(12000 * math.sin(2 * math.pi * frequency * i / rate))
        for i in range(count)
    ]


def write_pcm(
    path: Path, values: list[int], *, rate: int, width: int, channels: int
) -> None:
    """A WAV in any layout, from 16-bit values, as an office's recorder might make."""
    frames = bytearray()
    for value in values:
        if width == 1:
            sample = bytes([(value >> 8) + 128])
        else:
            sample = (value << (8 * (width - 2))).to_bytes(width, "little", signed=True)
        frames += sample * channels
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(width)
        wav.setframerate(rate)
        wav.writeframes(bytes(frames))


@pytest.fixture
def office_pack(tmp_path: Path) -> Path:
    """A pack of beeps with a quiet lead-in, in the documented format."""
    folder = tmp_path / "pack"
    folder.mkdir()
    quiet = [0] * 4410
    write_pcm(
        folder / "mot.wav",
        quiet + tone(0.3, 440, 44100),
        rate=44100,
        width=3,
        channels=2,
    )
    write_pcm(folder / "hai.wav", tone(0.4, 660, 8000), rate=8000, width=1, channels=1)
    write_pcm(
        folder / "quay.wav", tone(0.5, 550, 48000), rate=48000, width=2, channels=1
    )
    clips = {"một": "mot.wav", "hai": "hai.wav", "quầy số": "quay.wav"}
    (folder / "index.json").write_text(
        json.dumps({"format": 1, "clips": clips}), "utf-8"
    )
    return folder


# The rendered file.


def test_render_is_a_plain_wav(cache_dir: Path) -> None:
    path = render_announcement(COVERED, cache_dir)
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        assert wav.getframerate() == SAMPLE_RATE
        assert wav.getcomptype() == "NONE"
    assert 2 < duration(path) < 20
    assert path.parent == cache_dir


def test_said_twice_takes_longer_than_once(cache_dir: Path) -> None:
    once = duration(render_announcement(COVERED, cache_dir, repeat=1))
    twice = duration(render_announcement(COVERED, cache_dir, repeat=2))
    assert twice > once + 2  # the sentence itself lasts well over two seconds
    assert 2 < once < 12


def test_repeat_must_be_positive(cache_dir: Path) -> None:
    with pytest.raises(ValueError, match="repeat"):
        render_announcement(COVERED, cache_dir, repeat=0)


def test_chime_comes_first(cache_dir: Path) -> None:
    samples = read_wav(render_announcement(COVERED, cache_dir))
    start = samples[: round(0.3 * SAMPLE_RATE)]
    assert rms(start) > 1000
    assert list(start[: len(chime())]) == list(chime()[: len(start)])


def test_chime_is_short_and_below_speech_level() -> None:
    bell = chime()
    assert 0.5 < len(bell) / SAMPLE_RATE < 2
    assert 0 < max(map(abs, bell)) < audio.PEAK * 32767
    assert chime() is not chime()  # callers may change their copy


# The cache.


def test_cache_returns_the_same_file_without_rendering(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = render_announcement(COVERED, cache_dir)
    inode = first.stat().st_ino

    def must_not_render(*args: object, **kwargs: object) -> array[int]:
        raise AssertionError("rendered again")

    monkeypatch.setattr(audio, "announcement", must_not_render)
    assert render_announcement(COVERED, cache_dir) == first
    assert render_announcement(f"  {COVERED} ", cache_dir) == first
    assert first.stat().st_ino == inode  # the same file, not written again


def test_cache_skips_espeak_the_second_time(
    cache_dir: Path, espeak_calls: list[str]
) -> None:
    first = render_announcement(UNCOVERED, cache_dir)
    assert render_announcement(UNCOVERED, cache_dir) == first
    assert espeak_calls == [UNCOVERED]


def test_different_texts_and_repeats_get_different_files(cache_dir: Path) -> None:
    paths = {
        render_announcement(announcement_text(1005, 3), cache_dir),
        render_announcement(announcement_text(1005, 4), cache_dir),
        render_announcement(announcement_text(1005, 3), cache_dir, repeat=3),
    }
    assert len(paths) == 3


def test_concurrent_renders_agree_and_leave_no_temp_files(cache_dir: Path) -> None:
    results: list[Path] = []

    def render() -> None:
        results.append(render_announcement(COVERED, cache_dir))

    threads = [threading.Thread(target=render) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(results)) == 1 and len(results) == 6
    assert 2 < duration(results[0]) < 20
    assert [p.name for p in cache_dir.iterdir()] == [results[0].name]


def test_write_is_atomic_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "a.wav"
    write_wav(target, silence(0.1))
    with pytest.raises(TypeError):
        write_wav(target, ["not a sample"])  # type: ignore[arg-type]
    assert duration(target) == pytest.approx(0.1)
    assert [p.name for p in tmp_path.iterdir()] == ["a.wav"]


def test_cache_drops_the_least_recently_used_down_to_its_bytes(
    cache_dir: Path,
) -> None:
    paths = []
    for counter in range(1, 5):
        path = render_announcement(announcement_text(1001, counter), cache_dir)
        os.utime(path, ns=(counter * 10**9, counter * 10**9))
        paths.append(path)
    render_announcement(announcement_text(1001, 1), cache_dir)  # heard again
    sizes = {p.name: p.stat().st_size for p in paths}
    cap = sizes[paths[0].name] + sizes[paths[3].name] + sizes[paths[2].name] // 2
    assert keep_under(cache_dir, cap, keep=[paths[3]]) == 2
    assert sorted(cache_dir.glob("*.wav")) == sorted([paths[0], paths[3]])


# Voice pack and espeak-ng.


def test_covered_text_uses_the_pack_only(
    cache_dir: Path, espeak_calls: list[str], no_espeak: None
) -> None:
    path = render_announcement(COVERED, cache_dir)
    assert espeak_calls == []
    assert 2 < duration(path) < 20


def test_bundled_pack_covers_every_announcement() -> None:
    pack = load_voice_pack(DEFAULT_VOICE_PACK)
    for variant in ("north", "south"):
        for number in range(10000):
            text = announcement_text(number, number % 50 + 1, variant=variant)
            assert pack.clips_for(text) is not None, text
            digits = announcement_text(number, 1, variant=variant, digit_by_digit=True)
            assert pack.clips_for(digits) is not None, digits


def test_bundled_pack_is_small_and_in_format() -> None:
    files = list(DEFAULT_VOICE_PACK.iterdir())
    assert sum(p.stat().st_size for p in files) < 600_000
    for path in DEFAULT_VOICE_PACK.glob("*.wav"):
        with wave.open(str(path), "rb") as wav:
            assert wav.getnchannels() == 1 and wav.getsampwidth() == 2
            assert wav.getnframes() / wav.getframerate() < 1.5


def test_longest_phrase_wins() -> None:
    pack = load_voice_pack(DEFAULT_VOICE_PACK)
    clips = pack.clips_for("Số thứ tự, số MỘT!")
    assert clips is not None
    assert [p.name for p in clips] == ["soos_thuws_tuwj.wav", "soos.wav", "mootj.wav"]
    assert pack.clips_for("số thứ bảy") is None  # "thứ" alone has no clip


def test_uncovered_word_falls_back_to_espeak(
    cache_dir: Path, espeak_calls: list[str]
) -> None:
    path = render_announcement(UNCOVERED, cache_dir)
    assert espeak_calls == [UNCOVERED]
    assert 2 < duration(path) < 20
    assert rms(read_wav(path)[: round(0.3 * SAMPLE_RATE)]) > 1000


def test_digits_fall_back_to_espeak(cache_dir: Path, espeak_calls: list[str]) -> None:
    render_announcement("Mời số 1005", cache_dir)
    assert espeak_calls == ["Mời số 1005"]


def test_missing_espeak_is_a_clear_error(cache_dir: Path, no_espeak: None) -> None:
    with pytest.raises(AudioUnavailable, match="espeak-ng is not installed"):
        render_announcement(UNCOVERED, cache_dir)
    assert not cache_dir.exists() or not list(cache_dir.iterdir())


def test_unknown_espeak_voice_is_a_clear_error(cache_dir: Path) -> None:
    with pytest.raises(AudioUnavailable, match="espeak-ng failed"):
        render_announcement(UNCOVERED, cache_dir, espeak_voice="xx-nonexistent")


def test_office_pack_with_mixed_recordings(
    office_pack: Path, cache_dir: Path, no_espeak: None
) -> None:
    path = render_announcement(
        "Quầy số một hai", cache_dir, voice_pack=office_pack, repeat=1
    )
    # chime + pause + three clips (the lead-in silence trimmed) + gaps + tail
    spoken = (
        duration(path) - len(chime()) / SAMPLE_RATE - audio.AFTER_CHIME - audio.TAIL
    )
    assert 1.2 < spoken < 1.45


def test_rerecorded_clip_gives_a_new_file(office_pack: Path, cache_dir: Path) -> None:
    def render() -> Path:
        return render_announcement("một hai", cache_dir, voice_pack=office_pack)

    first = render()
    clip = office_pack / "hai.wav"
    write_pcm(clip, tone(0.8, 330, 8000), rate=8000, width=1, channels=1)
    os.utime(clip, ns=(1, 1))  # a different mtime even on coarse file systems
    second = render()
    assert second != first
    assert duration(second) > duration(first)


@pytest.mark.parametrize(
    ("index", "message"),
    [
        (None, "index.json"),
        ("not json", "index.json"),
        ({"clips": {"một": "mot.wav"}}, "format"),
        ({"format": 1, "clips": {}}, "no clips"),
        ({"format": 1, "clips": {"một": "missing.wav"}}, "missing.wav"),
        ({"format": 1, "clips": {"một": "../pack/mot.wav"}}, "../pack/mot.wav"),
        ({"format": 1, "clips": {"!!": "mot.wav"}}, "no words"),
    ],
)
def test_bad_pack_is_a_clear_error(
    office_pack: Path, index: object, message: str
) -> None:
    index_path = office_pack / "index.json"
    if index is None:
        index_path.unlink()
    else:
        text = index if isinstance(index, str) else json.dumps(index)
        index_path.write_text(text, "utf-8")
    with pytest.raises(VoicePackError, match=re.escape(message)):
        load_voice_pack(office_pack)


def test_broken_clip_is_an_audio_error(office_pack: Path, cache_dir: Path) -> None:
    (office_pack / "mot.wav").write_bytes(b"RIFF nonsense")
    with pytest.raises(AudioError, match=r"mot\.wav"):
        render_announcement("một", cache_dir, voice_pack=office_pack)


# Reading any PCM layout.


@pytest.mark.parametrize(
    ("rate", "width", "channels"),
    [(22050, 2, 1), (44100, 2, 2), (48000, 3, 1), (16000, 4, 2), (8000, 1, 1)],
)
def test_read_wav_converts_to_the_common_format(
    tmp_path: Path, rate: int, width: int, channels: int
) -> None:
    path = tmp_path / "in.wav"
    write_pcm(path, tone(0.5, 300, rate), rate=rate, width=width, channels=channels)
    samples = read_wav(path)
    assert len(samples) == pytest.approx(0.5 * SAMPLE_RATE, abs=3)
    assert max(samples) == pytest.approx(12000, rel=0.05)
    assert rms(samples) == pytest.approx(12000 / math.sqrt(2), rel=0.05)


# The default voice: espeak-ng says the sentence whole, at one loudness.


def test_the_default_voice_says_the_whole_sentence_in_one_go(
    cache_dir: Path, espeak_calls: list[str]
) -> None:
    render_announcement(COVERED, cache_dir)
    assert espeak_calls == [COVERED]  # one sentence, not word after word


def test_recordings_at_different_levels_come_out_even(
    office_pack: Path, cache_dir: Path, no_espeak: None
) -> None:
    write_pcm(
        office_pack / "hai.wav", tone(0.5, 440), rate=SAMPLE_RATE, width=2, channels=1
    )
    quiet = [v // 20 for v in tone(0.5, 660)]
    write_pcm(office_pack / "mot.wav", quiet, rate=SAMPLE_RATE, width=2, channels=1)
    samples = read_wav(
        render_announcement("một hai", cache_dir, voice_pack=office_pack, repeat=1)
    )
    start = len(chime()) + round(audio.AFTER_CHIME * SAMPLE_RATE)
    half = round(0.45 * SAMPLE_RATE)
    first, second = samples[start : start + half], samples[-half - 4410 : -4410]
    assert rms(first) == pytest.approx(rms(second), rel=0.1)
    assert rms(first) == pytest.approx(audio.LOUDNESS * 32767, rel=0.15)
