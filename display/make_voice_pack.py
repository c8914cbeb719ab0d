"""Make the bundled voice pack (display/voice) with espeak-ng, one clip per word.

Run once after changing the word list: python -m display.make_voice_pack
The result follows the format in display.audio's docstring, so an office can swap
in its own recordings with the same file names.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from display.audio import (
    DEFAULT_VOICE_PACK,
    INDEX_NAME,
    SAMPLE_RATE,
    load_voice_pack,
    resample,
    speak_espeak,
    write_wav,
)
from display.speech import DEFAULT_TEMPLATE, announcement_text

# 16 kHz keeps the pack small and loses nothing of espeak-ng's voice.
PACK_RATE = 16000
# A word said alone is drawn out like the end of a sentence; saying it faster than
# a sentence makes the joined clips last about as long as espeak-ng's own reading.
PACK_SPEED = 175

# File names spell the words in Telex, which every Vietnamese typist can read and
# which keeps "mười" and "mươi" apart where plain ASCII would not.
CLIPS = {
    "không": "khoong.wav",
    "một": "mootj.wav",
    "hai": "hai.wav",
    "ba": "ba.wav",
    "bốn": "boons.wav",
    "năm": "nawm.wav",
    "sáu": "saus.wav",
    "bảy": "bayr.wav",
    "tám": "tams.wav",
    "chín": "chins.wav",
    "mười": "muwowif.wav",
    "mươi": "muwowi.wav",
    "mốt": "moots.wav",
    "lăm": "lawm.wav",
    "tư": "tuw.wav",
    "trăm": "trawm.wav",
    "nghìn": "nghinf.wav",
    "ngàn": "nganf.wav",
    "linh": "linh.wav",
    "lẻ": "ler.wav",
    "mời": "mowif.wav",
    "công dân": "coong_daan.wav",
    "có": "cos.wav",
    "số thứ tự": "soos_thuws_tuwj.wav",
    "đến": "ddeens.wav",
    "quầy": "quaayf.wav",
    "số": "soos.wav",
}


def make_pack(folder: Path, *, voice: str = "vi", speed: int = PACK_SPEED) -> int:
    """Write every clip and the index into folder; returns the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    for phrase, name in CLIPS.items():
        samples = resample(
            speak_espeak(phrase, voice=voice, speed=speed), SAMPLE_RATE, PACK_RATE
        )
        write_wav(folder / name, samples, rate=PACK_RATE)
    index = {"format": 1, "clips": CLIPS}
    text = json.dumps(index, ensure_ascii=False, indent=1) + "\n"
    (folder / INDEX_NAME).write_text(text, encoding="utf-8")
    return sum(p.stat().st_size for p in folder.iterdir())


def check_coverage(folder: Path) -> None:
    """Fail loudly if some default announcement would need espeak-ng."""
    pack = load_voice_pack(folder)
    for variant in ("north", "south"):
        for number in range(10000):
            text = announcement_text(number, number % 100, variant=variant)
            if pack.clips_for(text) is None:
                raise SystemExit(f"not covered: {text!r} ({DEFAULT_TEMPLATE})")


def main() -> None:
    """Command line: make the pack, then prove it covers every number."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_VOICE_PACK)
    parser.add_argument("--voice", default="vi", help="espeak-ng voice")
    args = parser.parse_args()
    size = make_pack(args.out, voice=args.voice)
    check_coverage(args.out)
    print(f"{len(CLIPS)} clips, {size / 1024:.0f} KiB in {args.out}")


if __name__ == "__main__":
    main()
