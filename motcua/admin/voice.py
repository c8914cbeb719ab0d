"""Admin page: the office's own recorded voice for announcements."""

from __future__ import annotations

from pathlib import Path

from flask import Response, current_app, jsonify, render_template, request, send_file
from flask.typing import ResponseReturnValue

from display import recordings, voicepack
from display.announce import office_voice_pack, texts
from display.audio import AudioError, keep_under, render_announcement
from motcua.admin import auth
from motcua.admin.forms import FormError, attempt, in_office
from motcua.admin.messages import said
from motcua.admin.views import admin
from motcua.core import dossiers, office_admin, procedure_csv
from motcua.core.actors import Actor
from motcua.core.db import Session
from motcua.core.models import Office
from motcua.web import clock

# Files the admin uploads are bigger than any API body; only these pages take them.
UPLOAD_LIMITS = {
    "admin.voice_upload": voicepack.MAX_ZIP,
    "admin.voice_clip": recordings.MAX_CLIP,
    "admin.restore": 200 << 20,
    "admin.setup_restore": 200 << 20,
    "admin.procedures_page": procedure_csv.CSV_MAX_BYTES,
    "admin.dossiers_page": dossiers.CSV_MAX_BYTES,
}


@admin.before_app_request  # before the admin's CSRF check reads the form
def _upload_limit() -> None:
    limit = UPLOAD_LIMITS.get(request.endpoint or "")
    if limit is not None:
        request.max_content_length = limit + 64 * 1024


def _instance() -> Path:
    return Path(current_app.instance_path)


def _items(office: Office) -> list[recordings.Item]:
    return recordings.guided_list(dict(office.settings or {}))


def _page(office: Office, done: str | None = None, error: str | None = None) -> str:
    own = office_voice_pack(_instance(), office.slug) is not None
    items = _items(office)
    have = recordings.recorded(_instance(), office.slug, items)
    guide = [
        {"id": i.id, "text": i.text, "phrase": i.phrase, "recorded": i.id in have}
        for i in items
    ]
    return render_template(
        "admin/voice.html", office=office, own=own, done=done, error=error, guide=guide
    )


def _refused(message: str, status: int = 400) -> ResponseReturnValue:
    return jsonify({"error": {"code": "bad_recording", "message": message}}), status


def _item(office: Office, item_id: str) -> recordings.Item | None:
    return next((i for i in _items(office) if i.id == item_id), None)


@admin.get("/admin/o/<slug>/voice")
@auth.office_page("admin")
def voice_page(actor: Actor, office: Office) -> ResponseReturnValue:
    return _page(office)


@admin.get("/admin/o/<slug>/voice/default.zip")
@auth.office_page("admin")
def voice_default(actor: Actor, office: Office) -> ResponseReturnValue:
    return Response(
        voicepack.default_pack_zip(),
        mimetype="application/zip",
        headers={"Content-Disposition": 'attachment; filename="giong-doc-mau.zip"'},
    )


@admin.post("/admin/o/<slug>/voice")
@auth.office_page("admin")
def voice_upload(actor: Actor, office: Office) -> ResponseReturnValue:
    upload = request.files.get("file")

    def op(session: Session, found: Office) -> int:
        if upload is None or not upload.filename:
            raise FormError(said("voice_choose_zip"))
        try:
            count = voicepack.install(
                _instance(), found.slug, upload.read(voicepack.MAX_ZIP + 1)
            )
        except voicepack.BadVoicePack as err:
            raise FormError(str(err)) from None
        office_admin.audit(session, found, actor, clock(), "voice.uploaded", found.slug)
        return count

    count, error = attempt(in_office(office, op, "voice"))
    done = said("voice_pack_used", count=count) if count else None
    return _page(office, done, error)


@admin.post("/admin/o/<slug>/voice/reset")
@auth.office_page("admin")
def voice_reset(actor: Actor, office: Office) -> ResponseReturnValue:
    def op(session: Session, found: Office) -> bool:
        voicepack.remove(_instance(), found.slug)
        office_admin.audit(session, found, actor, clock(), "voice.reset", found.slug)
        return True

    _, error = attempt(in_office(office, op, "voice"))
    return _page(office, None if error else said("voice_default"), error)


@admin.post("/admin/o/<slug>/voice/clips/<item_id>")
@auth.office_page("admin")
def voice_clip(actor: Actor, office: Office, item_id: str) -> ResponseReturnValue:
    """One recording from the page's microphone, as a WAV."""
    item, upload = _item(office, item_id), request.files.get("clip")
    if item is None:
        return _refused(said("voice_no_item"), 404)
    if upload is None:
        return _refused(said("voice_no_clip"))
    data = upload.read(recordings.MAX_CLIP + 1)
    try:
        items = _items(office)
        seconds = recordings.save(_instance(), office.slug, items, item, data)
    except recordings.BadRecording as err:
        return _refused(str(err))
    return jsonify({"id": item.id, "seconds": round(seconds, 2)})


@admin.get("/admin/o/<slug>/voice/clips/<item_id>.wav")
@auth.office_page("admin")
def voice_clip_file(actor: Actor, office: Office, item_id: str) -> ResponseReturnValue:
    item = _item(office, item_id)
    folder = recordings.draft_folder(_instance(), office.slug)
    if item is None or not (folder / item.file).is_file():
        return _refused(said("voice_clip_missing"), 404)
    return send_file(folder / item.file, mimetype="audio/wav", max_age=0)


@admin.get("/admin/o/<slug>/voice/preview.wav")
@auth.office_page("admin")
def voice_preview(actor: Actor, office: Office) -> ResponseReturnValue:
    """A whole call said by the draft, as the board would say it."""
    number = request.args.get("number", type=int)
    counter = request.args.get("counter", type=int)
    if (
        number is None
        or counter is None
        or not (0 <= number <= 9999 and 0 < counter <= 999)
    ):
        return _refused(said("voice_preview_bounds"))
    _, spoken = texts(dict(office.settings or {}), number, counter)
    folder = recordings.draft_folder(_instance(), office.slug)
    pack = recordings.draft_pack(_instance(), office.slug)
    if pack is None or pack.clips_for(spoken) is None:
        return _refused(said("voice_words_missing", text=spoken), 409)
    try:
        path = render_announcement(spoken, _instance() / "audio", voice_pack=folder)
    except AudioError:
        return _refused(said("voice_not_joined"), 409)
    keep_under(path.parent, current_app.config["AUDIO_CACHE_BYTES"], keep=(path,))
    return send_file(path, mimetype="audio/wav", max_age=0)


@admin.post("/admin/o/<slug>/voice/use")
@auth.office_page("admin")
def voice_use(actor: Actor, office: Office) -> ResponseReturnValue:
    """The recorded voice becomes the office's voice for every call."""

    def op(session: Session, found: Office) -> int:
        try:
            count = recordings.use(_instance(), found.slug, _items(found))
        except recordings.BadRecording as err:
            raise FormError(str(err)) from None
        office_admin.audit(session, found, actor, clock(), "voice.recorded", found.slug)
        return count

    count, error = attempt(in_office(office, op, "voice"))
    done = said("voice_recorded_used", count=count) if count else None
    return _page(office, done, error)
