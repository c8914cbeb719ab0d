"""Admin page: the office's own recorded voice for announcements."""

from __future__ import annotations

from pathlib import Path

from flask import Response, current_app, render_template, request
from flask.typing import ResponseReturnValue

from display import voicepack
from display.announce import office_voice_pack
from motcua.admin import auth
from motcua.admin.forms import FormError, attempt, in_office
from motcua.admin.views import admin
from motcua.core import office_admin
from motcua.core.actors import Actor
from motcua.core.models import Office
from motcua.web import clock

# Files the admin uploads are bigger than any API body; only these pages take them.
UPLOAD_LIMITS = {"admin.voice_upload": voicepack.MAX_ZIP, "admin.restore": 200 << 20}


@admin.before_app_request  # before the admin's CSRF check reads the form
def _upload_limit() -> None:
    limit = UPLOAD_LIMITS.get(request.endpoint or "")
    if limit is not None:
        request.max_content_length = limit + 64 * 1024


def _instance() -> Path:
    return Path(current_app.instance_path)


def _page(office: Office, done: str | None = None, error: str | None = None) -> str:
    own = office_voice_pack(_instance(), office.slug) is not None
    return render_template(
        "admin/voice.html", office=office, own=own, done=done, error=error
    )


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

    def op(session, found):  # type: ignore[no-untyped-def]
        if upload is None or not upload.filename:
            raise FormError("Hãy chọn tệp ZIP của gói giọng đọc.")
        try:
            count = voicepack.install(
                _instance(), found.slug, upload.read(voicepack.MAX_ZIP + 1)
            )
        except voicepack.BadVoicePack as err:
            raise FormError(str(err)) from None
        office_admin.audit(session, found, actor, clock(), "voice.uploaded", found.slug)
        return count

    count, error = attempt(in_office(office, op, "voice"))
    done = f"Đã dùng giọng đọc của đơn vị ({count} từ)." if count else None
    return _page(office, done, error)


@admin.post("/admin/o/<slug>/voice/reset")
@auth.office_page("admin")
def voice_reset(actor: Actor, office: Office) -> ResponseReturnValue:
    def op(session, found):  # type: ignore[no-untyped-def]
        voicepack.remove(_instance(), found.slug)
        office_admin.audit(session, found, actor, clock(), "voice.reset", found.slug)
        return True

    _, error = attempt(in_office(office, op, "voice"))
    return _page(office, None if error else "Đã quay về giọng đọc mặc định.", error)
