"""Compressed copies of a rendered announcement, for boards that fetch them fast.

A call said twice lasts about 13 s: 570 KB as WAV, about 40 KB as Ogg/Opus at
24 kbit/s, about 55 KB as MP3 at 32 kbit/s. Each copy is cached next to its WAV
(same name, other suffix), made on first request by opusenc (Debian opus-tools) or
lame (Debian lame). A board asks for the first format its browser can play.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from display.audio import AudioUnavailable, used

TIMEOUT_S = 30


@dataclass(frozen=True)
class Format:
    """One kind of file a board may ask for."""

    suffix: str
    mimetype: str  # what the browser's canPlayType is asked
    tool: str | None  # the encoder it needs; None: the WAV itself
    options: tuple[str, ...] = ()


# In order of preference: the smallest first, the one every browser plays last.
FORMATS = {
    "ogg": Format(
        "ogg",
        'audio/ogg; codecs="opus"',
        "opusenc",
        ("--quiet", "--bitrate", "24", "--speech"),
    ),
    "mp3": Format(
        "mp3",
        "audio/mpeg",
        "lame",
        ("--quiet", "-m", "m", "-b", "32", "--resample", "22.05"),
    ),
    "wav": Format("wav", "audio/wav", None),
}


# Looking for the encoders on PATH costs a dozen file checks each: done once a
# minute and when PATH changes, not at every call (an encoder installed meanwhile
# is seen within the minute).
LOOK_AGAIN_S = 60.0
_found: tuple[float, str, list[Format]] | None = None


def available() -> list[Format]:
    """The formats this server can make (an encoder may be missing)."""
    global _found
    now, path = time.monotonic(), os.environ.get("PATH", "")
    if _found is None or now - _found[0] > LOOK_AGAIN_S or path != _found[1]:
        tools = [f for f in FORMATS.values() if f.tool is None or shutil.which(f.tool)]
        _found = (now, path, tools)
    return list(_found[2])


def encoded(wav: Path, kind: str) -> Path:
    """The cached copy of a rendered WAV in the given format, made on first use."""
    form = FORMATS[kind]
    target = wav.with_suffix("." + form.suffix)
    if form.tool is None:
        return wav
    if target.is_file():
        return used(target)
    exe = shutil.which(form.tool)
    if exe is None:
        raise AudioUnavailable(f"{form.tool} is not installed")
    fd, tmp = tempfile.mkstemp(dir=wav.parent, prefix=".", suffix=".tmp")
    os.close(fd)
    try:
        _run([exe, *form.options, str(wav), tmp])
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def _run(command: list[str]) -> None:
    try:
        result = subprocess.run(
            command, capture_output=True, timeout=TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AudioUnavailable(f"{command[0]} did not run: {exc}") from exc
    if result.returncode != 0:
        stderr = result.stderr.decode("utf-8", "replace").strip()
        raise AudioUnavailable(f"{command[0]} failed ({result.returncode}): {stderr}")
