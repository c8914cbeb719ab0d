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
from display.messages import voice_problem
from motcua.core.security import slug_folder

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
    return slug_folder(instance / "voice", office)


def install(instance: Path, office: str, data: bytes) -> int:
    """Check an uploaded ZIP and make it the office's pack; the number of clips."""
    if len(data) > MAX_ZIP:
        raise BadVoicePack(voice_problem("file_too_big"))
    folder = office_folder(instance, office)
    root = instance / "voice"
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{office}-", dir=root))
    try:
        _extract(data, staging)
        count = _check(staging)
        swap(staging, folder)
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
        raise BadVoicePack(voice_problem("not_zip")) from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if len(members) > MAX_FILES:
            raise BadVoicePack(voice_problem("too_many_files"))
        check_sizes(members)
        for member in members:
            name = Path(member.filename).name
            # Only flat names: no folders, no "../" escaping the pack's folder.
            if name != member.filename or not (
                name == INDEX_NAME or name.lower().endswith(".wav")
            ):
                raise BadVoicePack(voice_problem("bad_member", name=member.filename))
            with archive.open(member) as source:
                data = source.read(member.file_size + 1)
            if len(data) > member.file_size:
                raise BadVoicePack(voice_problem("unpacked_too_big"))
            (folder / name).write_bytes(data)


MAX_UNPACKED = 60 * 1024 * 1024
MAX_RATIO = 50


def check_sizes(members: list[zipfile.ZipInfo]) -> None:
    """Before anything is unpacked: the whole and each file's ratio bounded
    (a zip bomb of a few MB would otherwise fill memory and disk)."""
    if sum(m.file_size for m in members) > MAX_UNPACKED:
        raise BadVoicePack(voice_problem("unpacked_too_big"))
    if any(m.file_size > MAX_RATIO * max(m.compress_size, 1024) for m in members):
        raise BadVoicePack(voice_problem("unpacked_too_big"))


def _check(folder: Path) -> int:
    if not (folder / INDEX_NAME).is_file():
        raise BadVoicePack(voice_problem("no_index"))
    try:
        pack = load_voice_pack(folder)
        for path in set(pack.clips.values()):
            if len(read_wav(path)) == 0:
                raise BadVoicePack(voice_problem("silent_file", name=path.name))
    except AudioError as err:
        why = str(err).replace(str(folder) + "/", "")
        raise BadVoicePack(voice_problem("unreadable", why=why)) from None
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
