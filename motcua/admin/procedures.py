"""Admin page: the procedure guide (papers, fees, times) of the office."""

from __future__ import annotations

from typing import Any

from flask import Response, render_template, request
from flask.typing import ResponseReturnValue

from motcua.admin import auth
from motcua.admin.forms import FormError, in_office, number
from motcua.admin.settings import services_of
from motcua.admin.views import admin
from motcua.core import procedure_csv, procedure_seed, procedures
from motcua.core.actors import Actor
from motcua.core.db import Session
from motcua.core.models import Office
from motcua.core.procedures import ProcedureSpec
from motcua.i18n import MESSAGES, message, register
from motcua.web import ApiError, clock, read, run

_MESSAGES: dict[str, tuple[str, str]] = {
    "procedure_no_field": ("Chưa chọn lĩnh vực.", "No field is given."),
    "procedure_unknown_field": (
        "Đơn vị không có lĩnh vực mã '{code}'.",
        "The office has no field '{code}'.",
    ),
    "procedure_bad_title": (
        "Tên thủ tục cần từ 1 đến {most} ký tự.",
        "The title needs 1 to {most} characters.",
    ),
    "procedure_bad_papers": (
        "Giấy tờ: tối đa {count} mục, mỗi mục tối đa {most} ký tự.",
        "Papers: at most {count} items of at most {most} characters each.",
    ),
    "procedure_bad_fee": (
        "Lệ phí dài quá {most} ký tự.",
        "The fee is longer than {most} characters.",
    ),
    "procedure_bad_duration": (
        "Thời gian giải quyết dài quá {most} ký tự.",
        "The processing time is longer than {most} characters.",
    ),
    "procedure_exists": (
        "Lĩnh vực {code} đã có thủ tục “{title}”.",
        "Field {code} already has the procedure “{title}”.",
    ),
    "procedure_unknown": (
        "Không tìm thấy thủ tục này (có thể đã bị xóa).",
        "This procedure was not found (it may have been deleted).",
    ),
    "procedure_guide_not_empty": (
        "Hướng dẫn thủ tục đã có nội dung; chỉ nạp danh mục mẫu khi còn trống.",
        "The guide is not empty; the ward list is loaded only into an empty guide.",
    ),
    "procedure_seed_no_field": (
        "Đơn vị chưa có lĩnh vực nào trùng mã với danh mục mẫu ({codes}).",
        "The office has no field with a code of the ward list ({codes}).",
    ),
    "procedure_bad_csv": (
        "Tệp không đọc được dưới dạng CSV.",
        "The file could not be read as CSV.",
    ),
    "procedure_csv_encoding": (
        "Tệp CSV cần lưu bằng mã UTF-8 (trong Excel: “CSV UTF-8”).",
        "The CSV file must be saved as UTF-8 (in Excel: “CSV UTF-8”).",
    ),
    "procedure_csv_too_large": (
        "Tệp CSV lớn quá {most_mb} MB.",
        "The CSV file is larger than {most_mb} MB.",
    ),
    "procedure_csv_too_many": (
        "Tệp CSV có quá {most} dòng thủ tục.",
        "The CSV file has more than {most} procedures.",
    ),
    "procedure_csv_columns": (
        "Dòng đầu của tệp thiếu cột: {missing}. Các cột: linh_vuc, ten_thu_tuc,"
        " giay_to, le_phi, thoi_gian.",
        "The first line lacks the columns: {missing}. The columns: linh_vuc,"
        " ten_thu_tuc, giay_to, le_phi, thoi_gian.",
    ),
    "procedure_csv_cells": (
        "Dòng có {found} ô, nhiều hơn {expected} cột của dòng đầu (ô có dấu phẩy"
        " cần đặt trong ngoặc kép).",
        "The line has {found} cells, more than the {expected} columns of the first"
        " line (a cell with a comma must be in double quotes).",
    ),
    "procedure_csv_duplicate": (
        "Trùng lĩnh vực và tên thủ tục với dòng {other}.",
        "Same field and title as line {other}.",
    ),
    "procedure_csv_empty": (
        "Tệp CSV không có dòng thủ tục nào.",
        "The CSV file has no procedure lines.",
    ),
    "procedure_csv_refused": (
        "Chưa nhập thủ tục nào: tệp có {count} dòng lỗi. Hãy sửa rồi nhập lại.",
        "Nothing was imported: {count} lines of the file are wrong. Fix them and"
        " import again.",
    ),
}
register({k: v for k, v in _MESSAGES.items() if k not in MESSAGES})

MAX_ENTRIES = 2000
SHOWN_LINE_ERRORS = 20


def spec_form() -> ProcedureSpec:
    """An entry from the form; lengths are checked by the guide, not cut here."""
    form = request.form
    return ProcedureSpec(
        service_code=form.get("service_code", "")[:40],
        title=form.get("title", "")[:1000],
        papers=procedures.split_papers(form.get("papers", "")[:60_000]),
        fee=form.get("fee", "")[:1000],
        duration=form.get("duration", "")[:1000],
    )


def _import(actor: Actor, session: Session, found: Office) -> str:
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise FormError("Hãy chọn tệp CSV.")
    data = upload.read(procedure_csv.CSV_MAX_BYTES + 1)
    done = procedure_csv.import_csv(session, found, actor, clock(), data)
    return (
        f"Đã nhập {len(done.lines)} dòng: thêm {done.added}, cập nhật"
        f" {done.updated}, giữ nguyên {done.unchanged} thủ tục."
    )


def _change(actor: Actor, session: Session, found: Office) -> str:
    """The POST's action on the guide; the words saying what was done."""
    action, now = request.form.get("action", "save"), clock()
    entry_id = number("id", None, 1, 2**31)
    if action == "import":
        return _import(actor, session, found)
    if action == "seed":
        added = procedure_seed.seed_guide(session, found, actor, now)
        return f"Đã nạp {added} thủ tục từ danh mục mẫu của phường."
    if action in ("check", "uncheck"):
        if entry_id is None:
            raise FormError("Chưa chọn thủ tục.")
        row = procedures.mark_checked(
            session, found, actor, now, entry_id, action == "check"
        )
        if row.checked:
            return f"Đã ghi nhận: lệ phí, thời gian của “{row.title}” đã được kiểm tra."
        return f"“{row.title}” được đánh dấu cần kiểm tra lại."
    if action == "delete":
        if entry_id is None:
            raise FormError("Chưa chọn thủ tục cần xóa.")
        procedures.delete_procedure(session, found, actor, now, entry_id)
        return "Đã xóa thủ tục."
    if entry_id is None:
        row = procedures.create_procedure(session, found, actor, now, spec_form())
        return f"Đã thêm thủ tục “{row.title}”."
    row = procedures.update_procedure(session, found, actor, now, entry_id, spec_form())
    return f"Đã lưu thủ tục “{row.title}”."


def _attempt(actor: Actor, office: Office) -> tuple[str | None, str | None, list[str]]:
    """(done, error, one line per bad CSV line) of the POST."""
    try:
        return (
            run(in_office(office, lambda s, o: _change(actor, s, o), "procedures")),
            None,
            [],
        )
    except ApiError as err:
        lines = [
            f"Dòng {e['line']}: " + message(e["code"], "vi", **e["params"])
            for e in err.params.get("errors", [])[:SHOWN_LINE_ERRORS]
        ]
        return None, message(err.code, "vi", **err.params), lines
    except FormError as err:
        return None, str(err), []


def _groups(office: Office, query: str) -> list[dict[str, Any]]:
    """Entries matching the search, grouped by field in the order of the fields."""
    found = read(lambda s: procedures.search(s, office, query, MAX_ENTRIES))
    groups: dict[str, dict[str, Any]] = {}
    for service in services_of(office):
        groups[service.code] = {"code": service.code, "name": service.name_vi}
    for entry in found:
        code = entry["service"]["code"]
        group = groups.setdefault(code, {"code": code, "name": code})
        group.setdefault("entries", []).append(entry)
    return [g for g in groups.values() if g.get("entries") or not query]


def _editing(office: Office, failed: bool) -> dict[str, Any]:
    """What the entry form shows: what was sent, the entry asked for, or nothing."""
    if failed and request.form.get("action", "save") == "save":
        form = request.form
        keys = ("id", "service_code", "title", "papers", "fee", "duration")
        return {key: form.get(key, "") for key in keys}
    entry_id = request.args.get("edit", "")
    if not entry_id.isdigit() or request.method == "POST":
        return {}
    try:
        return read(lambda s: _entry(s, office, int(entry_id[:10])))
    except ApiError:  # deleted meanwhile, or another office's entry
        return {}


def _entry(session: Session, office: Office, entry_id: int) -> dict[str, Any]:
    spec = procedures.spec_of(procedures.procedure_by_id(session, office, entry_id))
    return {
        "id": entry_id,
        "service_code": spec.service_code,
        "title": spec.title,
        "papers": "\n".join(spec.papers),
        "fee": spec.fee,
        "duration": spec.duration,
    }


@admin.route("/admin/o/<slug>/procedures", methods=["GET", "POST"])
@auth.office_page("admin")
def procedures_page(actor: Actor, office: Office) -> ResponseReturnValue:
    done = error = None
    line_errors: list[str] = []
    if request.method == "POST":
        done, error, line_errors = _attempt(actor, office)
    query = request.args.get("q", "")[:100]
    groups = _groups(office, query)
    return render_template(
        "admin/procedures.html",
        office=office,
        groups=groups,
        services=services_of(office),
        query=query,
        count=sum(len(g.get("entries", [])) for g in groups),
        empty=not read(lambda s: procedures.search(s, office, "", 1)),
        editing=_editing(office, error is not None),
        done=done,
        error=error,
        line_errors=line_errors,
        columns=procedure_csv.CSV_COLUMNS,
    )


@admin.get("/admin/o/<slug>/procedures.csv")
@auth.office_page("admin")
def procedures_csv(actor: Actor, office: Office) -> ResponseReturnValue:
    body = read(lambda s: procedure_csv.export_csv(s, office))
    return Response(
        body,
        mimetype="text/csv",
        headers={
            "Content-Disposition": f"attachment; filename=thu-tuc-{office.slug}.csv"
        },
    )
