"""Admin pages: download a backup of the office, restore one."""

from __future__ import annotations

import json
from typing import Any

from flask import Response, current_app, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import FileStorage

from motcua.admin import auth
from motcua.admin.forms import FormError, attempt
from motcua.admin.messages import said
from motcua.admin.views import admin
from motcua.config import target_policy
from motcua.core import backup, backup_check, office_admin, staff
from motcua.core.actors import Actor
from motcua.core.db import Session, Written
from motcua.core.lookup import office_by_slug
from motcua.core.models import Office
from motcua.web import clock, forget_actors, read

MAX_BACKUP = 200 * 1024 * 1024


def read_backup(upload: Any) -> dict[str, Any]:
    """The JSON document of an uploaded backup file, or a form error."""
    if upload is None or not upload.filename:
        raise FormError(said("backup_choose"))
    try:
        document = json.loads(upload.read(MAX_BACKUP))
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise FormError(said("backup_not_json")) from None
    if not isinstance(document, dict):
        raise FormError(said("backup_not_json"))
    return document


@admin.get("/admin/o/<slug>/backup")
@auth.office_page("admin")
def backup_page(actor: Actor, office: Office) -> ResponseReturnValue:
    return render_template("admin/backup.html", office=office, error=None, done=None)


@admin.get("/admin/o/<slug>/backup.json")
@auth.office_page("admin")
def backup_download(actor: Actor, office: Office) -> ResponseReturnValue:
    document = read(lambda s: backup.backup_office(s, office_by_slug(s, office.slug)))
    document = backup_check.sign(document, _key())
    day = clock().now().date().isoformat()
    return Response(
        json.dumps(document, ensure_ascii=False),
        mimetype="application/json",
        headers={
            "Content-Disposition": (
                f'attachment; filename="motcua-{office.slug}-{day}.json"'
            )
        },
    )


def _key() -> bytes:
    return backup_check.backup_key(current_app.config["SECRET_KEY"])


def _document(upload: FileStorage | None, slug: str) -> dict[str, Any]:
    """The uploaded backup, if this server signed it for this office."""
    document = read_backup(upload)
    if document.get("office") != slug:
        raise FormError(said("backup_other_office"))
    if not backup_check.is_signed(document, _key()):
        raise FormError(said("backup_unsigned"))
    return document


@admin.post("/admin/o/<slug>/restore")
@auth.office_page("admin")
def restore(actor: Actor, office: Office) -> ResponseReturnValue:
    upload = request.files.get("file")
    policy = target_policy(current_app.config)

    def op(session: Session) -> Written[bool]:
        document = _document(upload, office.slug)
        restored = backup.restore_office(session, document, policy)
        office_admin.audit(
            session, restored, actor, clock(), "office.restored", office.slug
        )
        names = ["restored"]  # the office's pages fetch everything again
        retired = staff.retire_if_orphaned(session, actor.user_id)
        return retired, office_admin.changed_event(session, restored, clock(), names)

    # The office's audit log is kept; the restore is added to it.
    retired, error = attempt(op)
    if retired:  # the wizard's temporary admin is not in the backup: it is gone
        forget_actors()
        auth.sign_out()
        return render_template("admin/login.html", error=None, restored=True)
    text = None if error else said("backup_restored")
    page = render_template("admin/backup.html", office=office, error=error, done=text)
    return page, 400 if error else 200
