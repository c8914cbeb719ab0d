"""An office's voice recorded in the admin, one word or phrase after another.

The guided list comes from the office's announcement template and number reading:
the template's own words as whole phrases ("Mời công dân có số thứ tự", "đến quầy
số"), so a call sounds like a sentence, then every word numbers are read with.
Recordings wait in a draft (<instance>/voice-draft/<office>, a voice pack in the
format of display.audio) until the admin uses them; then the draft becomes the
office's pack (<instance>/voice/<office>) in one rename.

Each clip arrives as a WAV (the page converts what the microphone gave), is checked,
mixed to mono 16-bit at the common rate, rid of low rumble and brought to one peak
level by sox (`highpass`, `norm`), trimmed of silence; calls then even the clips
out to one loudness (display.audio.even).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import string
import subprocess
import tempfile
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from display.announce import template_of, variant_of
from display.audio import (
    INDEX_NAME,
    SAMPLE_RATE,
    AudioError,
    VoicePack,
    load_voice_pack,
    read_wav,
    trim_silence,
    words_of,
    write_wav,
)
from display.messages import voice_problem
from display.speech import DIGITS, VARIANTS, spoken
from display.voicepack import office_folder, swap

MAX_CLIP = 2 * 1024 * 1024  # 20 s of 48 kHz 16-bit mono; a phrase takes 3
MAX_SECONDS = 12.0
NUMBER_WORDS = ("mười", "mươi", "mốt", "lăm", "tư", "trăm")
SOX_TIMEOUT_S = 20


class BadRecording(ValueError):
    """Why a recording was refused, for the admin (Vietnamese)."""


@dataclass(frozen=True)
class Item:
    """One thing to record: a phrase of the template or a word of numbers."""

    id: str
    text: str
    phrase: bool

    @property
    def file(self) -> str:
        return f"{self.id}.wav"


def item_of(text: str, phrase: bool) -> Item:
    key = " ".join(words_of(text))
    return Item(hashlib.sha256(key.encode()).hexdigest()[:12], text, phrase)


def guided_list(settings: dict[str, Any]) -> list[Item]:
    """What to record for this office, phrases first, each once."""
    variant = VARIANTS[variant_of(settings)]
    texts = [(p, True) for p in template_phrases(template_of(settings), settings)]
    words = [*DIGITS, *NUMBER_WORDS, variant.thousand, variant.zero_ten]
    texts += [(w, False) for w in words]
    items, seen = [], set()
    for text, phrase in texts:
        item = item_of(text, phrase)
        if item.id not in seen:
            seen.add(item.id)
            items.append(item)
    return items


def template_phrases(template: str, settings: dict[str, Any]) -> list[str]:
    """The template's words between its placeholders, as they are said."""
    parts = [literal for literal, *_ in string.Formatter().parse(template)]
    said = (spoken(p.strip(" ,.;:!?"), variant_of(settings)) for p in parts)
    return [p for p in said if words_of(p)]


def draft_folder(instance: Path, office: str) -> Path:
    return instance / "voice-draft" / office


def recorded(instance: Path, office: str, items: list[Item]) -> set[str]:
    """Ids of the items the draft has a clip for."""
    folder = draft_folder(instance, office)
    return {i.id for i in items if (folder / i.file).is_file()}


def save(
    instance: Path, office: str, items: list[Item], item: Item, data: bytes
) -> float:
    """Check, clean and keep one recording in the draft; its length in seconds."""
    if len(data) > MAX_CLIP:
        raise BadRecording(voice_problem("clip_too_big"))
    folder = draft_folder(instance, office)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent) as tmp:
        raw, clean = Path(tmp) / "raw.wav", Path(tmp) / "clean.wav"
        raw.write_bytes(data)
        samples = _cleaned(raw, clean)
    seconds = len(samples) / SAMPLE_RATE
    if seconds < 0.1:
        raise BadRecording(voice_problem("clip_silent"))
    if seconds > MAX_SECONDS:
        raise BadRecording(voice_problem("clip_too_long", seconds=12))
    write_wav(folder / item.file, samples)
    write_index(folder, [i for i in items if (folder / i.file).is_file()])
    return seconds


def _cleaned(raw: Path, clean: Path) -> array[int]:
    try:
        read_wav(raw)  # refuses what is not a PCM WAV, with a reason
    except AudioError:
        raise BadRecording(voice_problem("clip_not_wav")) from None
    exe = shutil.which("sox")
    source = raw
    if exe is not None:
        command = [exe, str(raw), "-c", "1", "-r", str(SAMPLE_RATE), "-b", "16"]
        command += [str(clean), "highpass", "70", "norm", "-1"]
        done = subprocess.run(
            command, capture_output=True, timeout=SOX_TIMEOUT_S, check=False
        )
        source = clean if done.returncode == 0 else raw
    return trim_silence(read_wav(source))


def write_index(folder: Path, items: list[Item]) -> None:
    """A voice pack index for these items' clips in the folder."""
    clips = {i.text: i.file for i in items}
    text = json.dumps({"format": 1, "clips": clips}, ensure_ascii=False, indent=1)
    (folder / INDEX_NAME).write_text(text + "\n", encoding="utf-8")


def draft_pack(instance: Path, office: str) -> VoicePack | None:
    """The draft as a voice pack, once it has a clip."""
    folder = draft_folder(instance, office)
    if not (folder / INDEX_NAME).is_file():
        return None
    return load_voice_pack(folder)


def use(instance: Path, office: str, items: list[Item]) -> int:
    """Make a complete draft the office's voice; the number of clips."""
    missing = [i.text for i in items if i.id not in recorded(instance, office, items)]
    if missing:
        raise BadRecording(voice_problem("clips_missing", items=", ".join(missing)))
    folder = draft_folder(instance, office)
    staging = Path(tempfile.mkdtemp(prefix=f".{office}-", dir=folder.parent))
    try:
        for item in items:
            shutil.copy2(folder / item.file, staging / item.file)
        write_index(staging, items)
        target = office_folder(instance, office)
        target.parent.mkdir(parents=True, exist_ok=True)
        swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return len(items)
