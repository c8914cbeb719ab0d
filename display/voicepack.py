"""An office's own recordings: a ZIP of WAV clips and their index, checked first.

The ZIP holds `index.json` ({"format": 1, "clips": {"word": "file.wav"}}) and the
WAV files beside it, flat. The easiest start is the default pack as a ZIP: replace
each WAV with the office's own recording of the same word and upload it again.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from display.audio import (
    DEFAULT_VOICE_PACK,
    INDEX_NAME,
    AudioError,
    load_voice_pack,
    read_wav,
)

MAX_ZIP = 20 * 1024 * 1024
MAX_FILES = 200


class BadVoicePack(ValueError):
    """Why an uploaded pack was refused, in words for the admin (Vietnamese)."""


def default_pack_zip() -> bytes:
    """The bundled pack as a ZIP, a template for the office's own recordings."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(DEFAULT_VOICE_PACK.iterdir()):
            if path.name == INDEX_NAME or path.suffix == ".wav":
                archive.write(path, path.name)
    return buffer.getvalue()


def office_folder(instance: Path, office: str) -> Path:
    return instance / "voice" / office


def install(instance: Path, office: str, data: bytes) -> int:
    """Check an uploaded ZIP and make it the office's pack; the number of clips."""
    if len(data) > MAX_ZIP:
        raise BadVoicePack("Tệp quá lớn (tối đa 20 MB).")
    root = instance / "voice"
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{office}-", dir=root))
    try:
        _extract(data, staging)
        count = _check(staging)
        swap(staging, office_folder(instance, office))
        return count
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def remove(instance: Path, office: str) -> None:
    """Back to the bundled voice."""
    shutil.rmtree(office_folder(instance, office), ignore_errors=True)


def _extract(data: bytes, folder: Path) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise BadVoicePack("Tệp tải lên không phải tệp ZIP.") from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_FILES:
            raise BadVoicePack("Gói giọng đọc có quá nhiều tệp.")
        for member in members:
            name = Path(member.filename).name
            # Only flat names: no folders, no "../" escaping the pack's folder.
            if name != member.filename or not (
                name == INDEX_NAME or name.lower().endswith(".wav")
            ):
                raise BadVoicePack(
                    f"Tệp '{member.filename}' không hợp lệ: gói chỉ gồm "
                    "index.json và các tệp .wav, không có thư mục con."
                )
            (folder / name).write_bytes(archive.read(member))


def _check(folder: Path) -> int:
    if not (folder / INDEX_NAME).is_file():
        raise BadVoicePack("Thiếu tệp index.json trong gói giọng đọc.")
    try:
        pack = load_voice_pack(folder)
        for path in set(pack.clips.values()):
            if len(read_wav(path)) == 0:
                raise BadVoicePack(f"Tệp {path.name} không có âm thanh.")
    except AudioError as err:
        raise BadVoicePack(
            "Gói giọng đọc không đọc được: " + str(err).replace(str(folder) + "/", "")
        ) from None
    return len(pack.clips)


def swap(staging: Path, target: Path) -> None:
    """Replace the office's folder in one rename, so announcements never see half."""
    ready = Path(tempfile.mkdtemp(prefix=".ready-", dir=target.parent))
    for path in staging.iterdir():
        shutil.copy2(path, ready / path.name)
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(ready, target)
    shutil.rmtree(old, ignore_errors=True)
