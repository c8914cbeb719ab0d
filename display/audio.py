"""Server-side audio for an announcement: chime, speech, pause, speech again.

TV and kiosk browsers rarely have a Vietnamese voice, so the server makes a WAV file
(mono, 16-bit PCM, 22050 Hz) and the page just plays it. Files are cached by
content, so each sentence is rendered once.

Speech comes from the office's voice pack when it has a clip for every word of the
sentence, else from espeak-ng's Vietnamese voice reading the whole sentence in one
go (natural rhythm and tone, no cut words). Without espeak-ng the bundled pack of
espeak-ng words (display/voice) still says every default announcement. Speech is
evened out to one loudness (RMS), so a quiet and a loud recording sound alike.
A voice pack is a flat folder:

    index.json   {"format": 1, "clips": {"mời": "mowif.wav",
                                         "công dân": "coong_daan.wav", ...}}
    *.wav        one clip per word or phrase

- Keys are words or phrases as they are written (NFC; case does not matter); the
  longest phrase wins, so "số thứ tự" can have its own clip next to "số".
- Values are file names in the same folder (no sub-folders).
- Clips are uncompressed PCM WAV, 8, 16, 24 or 32 bit, any sample rate, mono or
  stereo; they are mixed to mono, resampled and levelled when read. Silence at
  either end is trimmed, so recordings need no careful cutting. Float and
  "extensible" WAVs are refused: save or export as plain PCM.

An office records its own pack in the admin (motcua/admin/voice.py) or uploads one
in this format.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import wave
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SAMPLE_RATE = 22050
# Bump when the rendering changes, so cached files made the old way are not reused.
FORMAT_VERSION = 2
ESPEAK_SPEED = 140  # words a minute; the default 175 is hard to follow in a hall
ESPEAK_TIMEOUT = 30
DEFAULT_VOICE_PACK = Path(__file__).parent / "voice"
INDEX_NAME = "index.json"
KINDS = (".wav", ".ogg", ".mp3")  # what the cache holds
PEAK = 0.8  # the chime stays below it
LOUDNESS = 0.16  # speech RMS, of full scale (about -16 dBFS)
CEILING = 0.95  # no sample louder, whatever the gain
WORD_GAP = 0.04
AFTER_CHIME = 0.3
BETWEEN_REPEATS = 0.9
TAIL = 0.2


class AudioError(Exception):
    """Anything that stops an announcement from being rendered."""


class AudioUnavailable(AudioError):
    """espeak-ng is missing or failed, and the voice pack cannot say the text."""


class VoicePackError(AudioError):
    """A voice pack folder that does not follow the documented format."""


def silence(seconds: float) -> array[int]:
    """Quiet samples of the given length."""
    return array("h", bytes(2 * round(seconds * SAMPLE_RATE)))


@functools.cache
def _chime() -> array[int]:
    notes = [_bell(784.0, 0.45), _bell(659.3, 0.65)]  # G5 then E5: "ding-dong"
    return join(notes)


def chime() -> array[int]:
    """A short two-tone bell that makes people look up before the words."""
    return array("h", _chime())


def _bell(frequency: float, seconds: float) -> array[int]:
    rate, attack = SAMPLE_RATE, 0.01
    out = array("h")
    for i in range(round(seconds * rate)):
        t = i / rate
        envelope = min(t / attack, 1.0) * math.exp(-5.0 * t / seconds)
        # A quiet octave above makes a sine sound more like a bell.
        wave_ = math.sin(2 * math.pi * frequency * t)
        wave_ += 0.3 * math.sin(4 * math.pi * frequency * t)
        out.append(round(0.45 * 32767 * envelope * wave_ / 1.3))
    return out


def join(parts: Iterable[array[int]], gap: float = 0.0) -> array[int]:
    """Samples one after another, with an optional pause between them."""
    out = array("h")
    for i, part in enumerate(parts):
        if i and gap:
            out.extend(silence(gap))
        out.extend(part)
    return out


def read_wav(path: Path) -> array[int]:
    """A PCM WAV file as mono 16-bit samples at SAMPLE_RATE."""
    try:
        with wave.open(str(path), "rb") as wav:
            channels, width = wav.getnchannels(), wav.getsampwidth()
            rate, frames = wav.getframerate(), wav.readframes(wav.getnframes())
    except (wave.Error, EOFError, OSError) as exc:
        raise AudioError(f"cannot read {path}: {exc}") from exc
    samples = _to_int16(frames, width)
    return resample(_to_mono(samples, channels), rate, SAMPLE_RATE)


def _to_int16(frames: bytes, width: int) -> array[int]:
    if width == 1:  # 8-bit WAV is unsigned
        return array("h", ((b - 128) << 8 for b in frames))
    frames = frames[: len(frames) // width * width]  # a truncated file's odd bytes
    # Little-endian samples: the top two bytes of each are its 16-bit value.
    top = bytearray(len(frames) // width * 2)
    top[0::2], top[1::2] = frames[width - 2 :: width], frames[width - 1 :: width]
    samples = array("h", bytes(top))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def _to_mono(samples: array[int], channels: int) -> array[int]:
    if channels == 1:
        return samples
    columns = [samples[i::channels] for i in range(channels)]
    # A truncated file can end mid-frame; its last partial frame is dropped.
    frames = zip(*columns, strict=False)
    return array("h", (sum(frame) // channels for frame in frames))


def resample(samples: array[int], from_rate: int, to_rate: int) -> array[int]:
    """Linear-interpolation resampling; plenty for speech and a chime."""
    if from_rate == to_rate or len(samples) < 2:
        return samples
    if from_rate > to_rate:
        samples = _smooth(samples, round(from_rate / to_rate))
    step, last = from_rate / to_rate, len(samples) - 1
    out = array("h")
    for i in range(int(last / step) + 1):
        j, frac = divmod(i * step, 1.0)
        a = samples[int(j)]
        b = samples[min(int(j) + 1, last)]
        out.append(round(a + (b - a) * frac))
    return out


def _smooth(samples: array[int], width: int) -> array[int]:
    # A moving average keeps the worst aliasing out when going down in rate.
    if width < 2:
        return samples
    padded = samples + array("h", [samples[-1]] * (width - 1))
    return array(
        "h", (sum(padded[i : i + width]) // width for i in range(len(samples)))
    )


def trim_silence(samples: array[int], margin: float = 0.01) -> array[int]:
    """Samples without the quiet stretch at either end."""
    # Relative to the peak, so quiet and loud recordings trim alike.
    threshold = max(200, max(map(abs, samples), default=0) // 30)
    first = next((i for i, s in enumerate(samples) if abs(s) > threshold), None)
    if first is None:
        return array("h")
    last = next(i for i in reversed(range(len(samples))) if abs(samples[i]) > threshold)
    pad = round(margin * SAMPLE_RATE)
    return samples[max(first - pad, 0) : last + pad + 1]


def level(samples: array[int], peak: float = PEAK) -> array[int]:
    """Scale so the loudest sample sits at `peak` of full scale, with soft edges."""
    loudest = max(map(abs, samples), default=0)
    if not loudest:
        return samples
    gain, edge = peak * 32767 / loudest, min(round(0.005 * SAMPLE_RATE), len(samples))
    out = array("h", (round(s * gain) for s in samples))
    # A few milliseconds of fade stop clicks where trimmed clips meet.
    for i in range(edge):
        out[i] = out[i] * i // edge
        out[-1 - i] = out[-1 - i] * i // edge
    return out


def even(samples: array[int]) -> array[int]:
    """Scale to one loudness (RMS), never past the ceiling, with soft edges."""
    if not samples:
        return samples
    power = math.sqrt(sum(s * s for s in samples) / len(samples))
    loudest = max(map(abs, samples))
    if not loudest:
        return samples
    gain = min(LOUDNESS * 32767 / max(power, 1.0), CEILING * 32767 / loudest)
    return level(samples, peak=loudest * gain / 32767)


def write_wav(path: Path, samples: array[int], rate: int = SAMPLE_RATE) -> None:
    """Write mono 16-bit PCM atomically: readers see the old file or all the new."""
    data = array("h", samples)
    if sys.byteorder == "big":
        data.byteswap()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file, wave.open(file, "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(rate)
            wav.writeframes(data.tobytes())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a web server may serve these
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def speak_espeak(
    text: str, *, voice: str = "vi", speed: int = ESPEAK_SPEED
) -> array[int]:
    """Speech from espeak-ng, trimmed and levelled, at SAMPLE_RATE."""
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise AudioUnavailable("espeak-ng is not installed (apt-get install espeak-ng)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "speech.wav"
        command = [exe, "-v", voice, "-s", str(speed), "-b", "1", "-w", str(out)]
        try:
            # Text on stdin: a sentence starting with "-" must not read as an option.
            result = subprocess.run(
                [*command, "--stdin"],
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=ESPEAK_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise AudioUnavailable(f"espeak-ng did not run: {exc}") from exc
        if result.returncode != 0 or not out.exists():
            stderr = result.stderr.decode("utf-8", "replace").strip()
            raise AudioUnavailable(f"espeak-ng failed ({result.returncode}): {stderr}")
        return even(trim_silence(read_wav(out)))


def words_of(text: str) -> list[str]:
    """The words of a text as the voice pack looks them up."""
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).casefold())


@dataclass(frozen=True)
class VoicePack:
    """Recorded clips for words and phrases, as described in the module docstring."""

    folder: Path
    clips: dict[tuple[str, ...], Path]
    identity: str

    def clips_for(self, text: str) -> list[Path] | None:
        """The clips that say the text in order, or None if a word has no clip."""
        words, out, i = words_of(text), [], 0
        longest = max(map(len, self.clips), default=0)
        while i < len(words):
            for size in range(min(longest, len(words) - i), 0, -1):
                clip = self.clips.get(tuple(words[i : i + size]))
                if clip is not None:
                    out.append(clip)
                    i += size
                    break
            else:
                return None
        return out


def load_voice_pack(folder: Path) -> VoicePack:
    """Read and check a voice pack folder; VoicePackError says what is wrong."""
    index_path = folder / INDEX_NAME
    try:
        raw = index_path.read_bytes()
        index = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise VoicePackError(f"{index_path}: {exc}") from exc
    clips = _clip_paths(folder, index)
    # Size and mtime of every clip: an office re-recording a word changes the key.
    stamps = sorted(_stamp(p) for p in clips.values())
    identity = hashlib.sha256(raw + repr(stamps).encode()).hexdigest()
    return VoicePack(folder=folder, clips=clips, identity=identity)


def _stamp(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return path.name, stat.st_size, stat.st_mtime_ns


def _clip_paths(folder: Path, index: object) -> dict[tuple[str, ...], Path]:
    if not isinstance(index, dict) or index.get("format") != 1:
        raise VoicePackError(f'{folder / INDEX_NAME}: expected {{"format": 1, ...}}')
    entries = index.get("clips")
    if not isinstance(entries, dict) or not entries:
        raise VoicePackError(f"{folder / INDEX_NAME}: no clips")
    clips = {}
    for phrase, name in entries.items():
        path = folder / str(name)
        # Plain names only: an uploaded index must not reach outside its folder.
        if Path(str(name)).name != name or not path.is_file():
            raise VoicePackError(f"{folder}: no clip file {name!r} for {phrase!r}")
        words = tuple(words_of(phrase))
        if not words:
            raise VoicePackError(f"{folder}: clip {name!r} has no words")
        clips[words] = path
    return clips


@functools.lru_cache(maxsize=256)
def _clip(path: Path, mtime_ns: int) -> array[int]:
    # mtime in the key: a re-recorded clip is read again, not served stale.
    return even(trim_silence(read_wav(path)))


def source(text: str, pack: VoicePack | None) -> VoicePack | None:
    """The pack that will say the text, or None for espeak-ng."""
    if pack is not None and pack.clips_for(text) is not None:
        return pack
    if shutil.which("espeak-ng") is None:
        bundled = load_voice_pack(DEFAULT_VOICE_PACK)
        if bundled.clips_for(text) is not None:
            return bundled
    return None


def speech(
    text: str, pack: VoicePack | None, *, espeak_voice: str = "vi"
) -> array[int]:
    """The text said once: from the pack if it covers every word, else espeak-ng."""
    paths = pack.clips_for(text) if pack is not None else None
    if paths is None:
        return speak_espeak(text, voice=espeak_voice)
    clips = (_clip(p, p.stat().st_mtime_ns) for p in paths)
    return join(clips, gap=WORD_GAP)


def announcement(
    text: str, pack: VoicePack | None, *, repeat: int = 2, espeak_voice: str = "vi"
) -> array[int]:
    """Chime, then the text `repeat` times with a pause between, as samples."""
    said = speech(text, pack, espeak_voice=espeak_voice)
    spoken = join([said] * repeat, gap=BETWEEN_REPEATS)
    return join([chime(), silence(AFTER_CHIME), spoken, silence(TAIL)])


def layout() -> dict[str, float]:
    """Seconds of what surrounds the sentences, for a board that skips some."""
    head = len(_chime()) / SAMPLE_RATE + AFTER_CHIME
    return {"head": round(head, 4), "gap": BETWEEN_REPEATS, "tail": TAIL}


def cache_key(
    text: str, pack: VoicePack | None, *, repeat: int, espeak_voice: str
) -> str:
    """A name for the rendered file that changes whenever its sound would."""
    parts = {
        "version": FORMAT_VERSION,
        "text": " ".join(unicodedata.normalize("NFC", text).split()),
        "pack": pack.identity if pack is not None else None,
        "repeat": repeat,
        "voice": espeak_voice,
        "speed": ESPEAK_SPEED,
        "rate": SAMPLE_RATE,
    }
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:32]


def render_announcement(
    text: str,
    cache_dir: Path,
    *,
    voice_pack: Path | None = None,
    repeat: int = 2,
    espeak_voice: str = "vi",
) -> Path:
    """Path to the cached WAV for an announcement, rendering it on first use."""
    if repeat < 1:
        raise ValueError(f"repeat must be at least 1, got {repeat}")
    pack = source(text, load_voice_pack(voice_pack) if voice_pack else None)
    key = cache_key(text, pack, repeat=repeat, espeak_voice=espeak_voice)
    target = cache_dir / f"{key}.wav"
    if target.is_file():
        return used(target)
    samples = announcement(text, pack, repeat=repeat, espeak_voice=espeak_voice)
    cache_dir.mkdir(parents=True, exist_ok=True)
    write_wav(target, samples)
    return target


def keep_under(cache_dir: Path, max_bytes: int, keep: Iterable[Path] = ()) -> int:
    """Delete the least recently used files until the cache holds at most
    `max_bytes`; the files in `keep` (being served) stay. Returns how many went."""
    kept = {p.name for p in keep}
    files = sorted(_cached(cache_dir), key=lambda item: item[1])
    total = sum(size for _, _, size in files)
    gone = 0
    for path, _, size in files:
        if total <= max_bytes:
            break
        if path.name in kept:
            continue
        path.unlink(missing_ok=True)
        total, gone = total - size, gone + 1
    return gone


def _cached(cache_dir: Path) -> Iterator[tuple[Path, float, int]]:
    """(path, last use, size) of each rendered file; a file another process
    removes meanwhile is skipped."""
    for path in cache_dir.glob("*.*"):
        if path.suffix not in KINDS:
            continue
        try:
            info = path.stat()
        except FileNotFoundError:
            continue
        yield path, info.st_mtime, info.st_size


def used(path: Path) -> Path:
    """Mark a cached file as just used (its mtime is its place in the LRU order)."""
    try:
        os.utime(path)
    except FileNotFoundError:
        pass
    return path
