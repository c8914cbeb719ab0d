"""Admin pages: download a backup of the office, restore one."""

from __future__ import annotations

import json
from typing import Any

from flask import Response, render_template, request
from flask.typing import ResponseReturnValue

from motcua.admin import auth
from motcua.admin.forms import FormError, attempt
from motcua.admin.views import admin
from motcua.core import backup, office_admin, staff
from motcua.core.actors import Actor
from motcua.core.lookup import office_by_slug
from motcua.core.models import Office
from motcua.web import clock, forget_actors, read

MAX_BACKUP = 200 * 1024 * 1024


def read_backup(upload: Any) -> dict[str, Any]:
    """The JSON document of an uploaded backup file, or a form error."""
    if upload is None or not upload.filename:
        raise FormError("Hãy chọn tệp sao lưu (.json).")
    try:
        document = json.loads(upload.read(MAX_BACKUP))
    except (ValueError, UnicodeDecodeError):
        raise FormError("Tệp này không phải tệp sao lưu JSON.") from None
    if not isinstance(document, dict):
        raise FormError("Tệp này không phải tệp sao lưu JSON.")
    return document


@admin.get("/admin/o/<slug>/backup")
@auth.office_page("admin")
def backup_page(actor: Actor, office: Office) -> ResponseReturnValue:
    return render_template("admin/backup.html", office=office, error=None, done=None)


@admin.get("/admin/o/<slug>/backup.json")
@auth.office_page("admin")
def backup_download(actor: Actor, office: Office) -> ResponseReturnValue:
    document = read(lambda s: backup.backup_office(s, office_by_slug(s, office.slug)))
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


@admin.post("/admin/o/<slug>/restore")
@auth.office_page("admin")
def restore(actor: Actor, office: Office) -> ResponseReturnValue:
    upload = request.files.get("file")

    def op(session):  # type: ignore[no-untyped-def]
        document = read_backup(upload)
        if document.get("office") != office.slug:
            raise FormError("Tệp sao lưu này là của đơn vị khác.")
        restored = backup.restore_office(session, document)
        office_admin.audit(
            session, restored, actor, clock(), "office.restored", office.slug
        )
        names = ["restored"]  # the office's pages fetch everything again
        retired = staff.retire_if_orphaned(session, actor.user_id)
        return retired, office_admin.changed_event(session, restored, clock(), names)

    # Restoring replaces the office (its audit log too), then notes the restore.
    retired, error = attempt(op)
    if retired:  # the wizard's temporary admin is not in the backup: it is gone
        forget_actors()
        auth.sign_out()
        return render_template("admin/login.html", error=None, restored=True)
    text = None if error else "Đã khôi phục dữ liệu của đơn vị từ tệp sao lưu."
    return render_template("admin/backup.html", office=office, error=error, done=text)
