"""The health page: what is online, what is failing, what to do, in plain Vietnamese."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import render_template
from flask.typing import ResponseReturnValue

from motcua import realtime
from motcua.admin import auth
from motcua.admin.views import admin
from motcua.core import counters, devices, numbering, printing, reports
from motcua.core import help as help_requests
from motcua.core.actors import Actor
from motcua.core.db import Session
from motcua.core.models import Office, PrintJob
from motcua.web import clock, read

RECENT = timedelta(minutes=2)
KIND_NAMES = {
    "kiosk": "ki-ốt",
    "display": "màn hình chờ",
    "rating": "thiết bị đánh giá",
    "printer": "máy in",
}


def device_rows(session: Any, office: Office) -> list[dict[str, Any]]:
    """Each device that is not revoked: online, or when it was last seen."""
    now, connected = clock().now(), set(realtime.CONNECTED.values())
    rows = []
    for device in devices.live_devices(session, office):
        seen = device.last_seen_at
        online = device.id in connected or (seen is not None and now - seen < RECENT)
        rows.append({"device": device, "online": online, "seen": seen})
    return rows


def problems(session: Any, office: Office, devices: list[dict[str, Any]]) -> list[Any]:
    """(what is wrong, what to do) pairs, most urgent first."""
    found = []
    for row in devices:
        if not row["online"]:
            kind = KIND_NAMES.get(row["device"].kind, row["device"].kind)
            found.append(
                (
                    f"{kind.capitalize()} “{row['device'].name}” không kết nối.",
                    "Kiểm tra thiết bị đã bật, có mạng nội bộ và đang mở đúng trang; "
                    "nếu vẫn không được, tải lại trang hoặc khởi động lại thiết bị.",
                )
            )
    found += printer_problems(session, office)
    for counter in counters.paused_counters(session, office):
        found.append(
            (
                f"{counter.name} đang tạm dừng"
                f" ({counter.pause_reason or 'không rõ lý do'}).",
                "Nếu cán bộ đã quay lại, bấm “Tiếp tục” trên màn hình quầy.",
            )
        )
    waiting_help = help_requests.waiting_requests(session, office)
    if waiting_help:
        found.append(
            (
                f"{len(waiting_help)} yêu cầu trợ giúp ở ki-ốt chưa được xử lý.",
                "Nhờ cán bộ hướng dẫn ra ki-ốt hỗ trợ người dân.",
            )
        )
    return found + _field_problems(session, office) + _report_problems(session, office)


def _field_problems(session: Any, office: Office) -> list[Any]:
    """Fields whose numbers clash, and fields nobody can call."""
    found = []
    for a, b in numbering.range_clashes(session, office):
        free = numbering.next_free_range(session, office, skip=b.id)
        hint = f", ví dụ dãy còn trống {free[0]}-{free[1]}" if free else ""
        found.append(
            (
                f"Dãy số của lĩnh vực “{a.name_vi}” ({a.range_start}-{a.range_end}) "
                f"trùng với “{b.name_vi}” ({b.range_start}-{b.range_end}): hai người "
                "có thể cùng một số.",
                f"Ở trang Lĩnh vực, đổi dãy số của “{b.name_vi}”{hint}. Nên đổi "
                "ngoài giờ cấp số.",
            )
        )
    for service in counters.unserved_services(session, office):
        found.append(
            (
                f"Lĩnh vực “{service.name_vi}” đang cấp số nhưng không quầy nào "
                "phục vụ: người dân lấy số sẽ không bao giờ được gọi.",
                "Ở trang Quầy, chọn lĩnh vực này cho ít nhất một quầy; hoặc ở trang "
                "Lĩnh vực, bỏ chọn “Đang cấp số”.",
            )
        )
    return found


# What to do for each reason a print failed (printer/drivers.py, printer/sender.py).
PRINTER_ADVICE = {
    "refused": "Máy in từ chối kết nối: máy in đang tắt, chưa khởi động xong hoặc sai "
    "cổng (máy in mạng thường dùng cổng 9100). Bật máy in, kiểm tra địa chỉ IP và cổng "
    "ở trang Thiết bị rồi bấm “In thử”.",
    "unreachable": "Không tới được máy in qua mạng: kiểm tra dây mạng hoặc Wi-Fi của "
    "máy in và địa chỉ IP ở trang Thiết bị (in trang cấu hình từ máy in để xem).",
    "timeout": "Máy in không trả lời: tắt rồi bật lại máy in, kiểm tra dây mạng.",
    "not_found": "Không thấy máy in: kiểm tra dây USB hoặc cáp và nguồn điện máy in.",
    "closed": "Máy in ngắt giữa chừng: kiểm tra giấy có bị kẹt, rồi bấm “In thử”.",
    "paper_out": "Hết giấy: mở nắp, thay cuộn giấy mới (mặt in hướng ra ngoài), "
    "đóng nắp.",
    "paper_low": "Giấy sắp hết: chuẩn bị thay cuộn giấy mới.",
    "cover_open": "Nắp máy in đang mở: đóng chặt nắp máy in.",
    "error": "Máy in báo lỗi (kẹt giấy hoặc dao cắt): tắt máy in, gỡ giấy kẹt, "
    "bật lại.",
    "no_ack": "Chương trình in trên máy ki-ốt không trả lời: kiểm tra chương trình "
    "“motcua printer-agent” còn chạy và máy ki-ốt còn mạng.",
    "not_configured": "Ki-ốt chưa có máy in: chọn máy in ở trang Thiết bị.",
    "config": "Cấu hình máy in chưa đúng: sửa ở trang Thiết bị rồi bấm “In thử”.",
}
PRINTER_FALLBACK = "Kiểm tra máy in đã bật, có giấy và dây cáp; rồi bấm “In thử”."


def printer_problems(session: Any, office: Office) -> list[Any]:
    """A fault per printing device whose latest job did not print: a printer that
    printed again since has no fault left."""
    faults = printing.printer_faults(session, office)
    return [_printer_problem(job, name) for job, name in faults]


def _printer_problem(job: PrintJob, name: str) -> tuple[str, str]:
    state = "đã bỏ" if job.status == "failed" else "đang thử lại"
    detail = f" {job.detail}" if job.detail else ""
    what = f"Máy in của “{name}” chưa in được (lệnh in {state}).{detail}"
    return what, PRINTER_ADVICE.get(str(job.reason), PRINTER_FALLBACK)


def _report_problems(session: Any, office: Office) -> list[Any]:
    stored = reports.stored_report(session, office, reports.today(office, clock()))
    if stored is not None and stored.push_error and stored.pushed_at is None:
        return [
            (
                f"Chưa gửi được báo cáo ngày lên thành phố: {stored.push_error}",
                "Hệ thống tự gửi lại; kiểm tra mạng Internet hoặc địa chỉ nhận báo cáo "
                "trong phần Cài đặt.",
            )
        ]
    return []


@admin.get("/admin/o/<slug>/health")
@auth.office_page("manager")
def health_page(actor: Actor, office: Office) -> ResponseReturnValue:
    def op(session: Session) -> tuple[list[dict[str, Any]], list[Any]]:
        devices = device_rows(session, office)
        return devices, problems(session, office, devices)

    devices, found = read(op)
    return render_template(
        "admin/health.html",
        office=office,
        devices=devices,
        problems=found,
        kinds=KIND_NAMES,
    )
