"""Admin page: bookings from home and messages to citizens."""

from __future__ import annotations

from typing import Any

from flask import current_app, render_template, request
from flask.typing import ResponseReturnValue

from motcua.admin import auth
from motcua.admin.forms import attempt, checked, in_office, text
from motcua.admin.settings import services_of
from motcua.admin.views import admin
from motcua.config import target_policy
from motcua.core import booking_settings, notify
from motcua.core.actors import Actor
from motcua.core.booking_slots import conf
from motcua.core.db import Session
from motcua.core.errors import DomainError
from motcua.core.models import Office
from motcua.i18n import MESSAGES, register
from motcua.web import clock

_MESSAGES: dict[str, tuple[str, str]] = {
    "booking_setting_bad": (
        "Giá trị của mục “{label}” không hợp lệ.",
        "The value of “{label}” is not valid.",
    ),
    "booking_setting_number": (
        "Mục “{label}” cần một số nguyên từ {low} đến {high}.",
        "“{label}” needs a whole number from {low} to {high}.",
    ),
    "booking_setting_hours": (
        "Mục “{label}” cần khung giờ dạng 07:30-11:30,13:30-17:00 (giờ bắt đầu trước"
        " giờ kết thúc, các khung theo thứ tự trong ngày).",
        "“{label}” needs periods like 07:30-11:30,13:30-17:00 (each start before its"
        " end, in the order of the day).",
    ),
    "booking_setting_url": (
        "Mục “{label}” cần một địa chỉ bắt đầu bằng http:// hoặc https://.",
        "“{label}” needs an address starting with http:// or https://.",
    ),
    "booking_setting_url_private": (
        "Mục “{label}” trỏ tới mạng riêng của máy chủ (127.0.0.1, 10.x, 172.16-31.x,"
        " 192.168.x, 169.254.x), nên không được dùng; người vận hành máy chủ có thể"
        " cho phép (MOTCUA_OUTBOUND_PRIVATE).",
        "“{label}” points at the server's own networks (127.0.0.1, 10.x, 172.16-31.x,"
        " 192.168.x, 169.254.x), which is not allowed; the server's operator can"
        " allow it (MOTCUA_OUTBOUND_PRIVATE).",
    ),
    "booking_setting_length": (
        "Mục “{label}” dài quá {high} ký tự.",
        "“{label}” is longer than {high} characters.",
    ),
    "booking_setting_braces": (
        "Mẫu tin “{label}” có dấu ngoặc nhọn không khớp. Chỉ dùng được: {allowed}.",
        "Template “{label}” has unmatched braces. Only these fit: {allowed}.",
    ),
    "booking_setting_placeholder": (
        "Mẫu tin “{label}” có chỗ điền {field} không dùng được. Chỉ dùng được:"
        " {allowed}.",
        "Template “{label}” uses {field}, which is not available. Only these fit:"
        " {allowed}.",
    ),
    "booking_setting_zalo": (
        "Mục “{label}” cần mã mẫu tin Zalo (chữ không dấu, số, gạch).",
        "“{label}” needs a Zalo template id (letters, digits, dashes).",
    ),
}
register({k: v for k, v in _MESSAGES.items() if k not in MESSAGES})

KINDS = {
    "otp": "Mã xác nhận",
    "booked": "Đã đặt lịch",
    "issued": "Đã cấp số cho hôm nay",
    "near": "Sắp đến lượt",
    "called": "Mời đến quầy",
    "no_show": "Đã gọi nhưng vắng mặt",
    "missed": "Lỡ lịch hẹn",
}
CHANNEL_NAMES = {"sms": "Tin nhắn SMS", "zalo": "Zalo"}
DAY_NAMES = {"mon_fri": "Thứ Hai – Thứ Sáu", "sat": "Thứ Bảy", "sun": "Chủ nhật"}
LABELS = {
    "enabled": "Nhận đặt lịch trực tuyến",
    "identity": "Cách xác nhận người đặt",
    "open": "Giờ nhận đặt lịch",
    "hours": "Khung giờ hẹn",
    "days_ahead": "Đặt trước tối đa (ngày)",
    "slot_minutes": "Độ dài mỗi khung giờ (phút)",
    "capacity": "Số chỗ mỗi khung giờ",
    "daily_cap": "Số lượt đặt tối đa mỗi ngày",
    "per_person_daily": "Số lượt mỗi người một ngày",
    "active_per_person": "Số lịch hẹn một người giữ cùng lúc",
    "grace_before_min": "Được đến sớm (phút)",
    "grace_after_min": "Được đến muộn (phút)",
    "otp_ttl_s": "Mã xác nhận có hiệu lực (giây)",
    "otp_attempts": "Số lần nhập sai mã",
    "otp_resend_s": "Chờ trước khi gửi lại mã (giây)",
    "otp_max_sends": "Số lần gửi mã cho một lượt đặt",
    "codes_per_hour": "Số lượt chưa xác nhận mỗi số điện thoại trong một giờ",
    "near_ahead": "Báo “sắp đến lượt” khi còn N người phía trước",
    "max_attempts": "Số lần thử gửi một tin",
    "timeout_s": "Thời gian chờ cổng tin nhắn (giây)",
    "url": "địa chỉ cổng",
    "token": "khóa truy cập",
}
NUMBERS = (
    "days_ahead", "slot_minutes", "per_person_daily", "active_per_person",
    "grace_before_min", "grace_after_min", "otp_ttl_s", "otp_attempts",
    "otp_resend_s", "otp_max_sends", "codes_per_hour",
)  # fmt: skip
NOTIFY_NUMBERS = ("near_ahead", "max_attempts", "timeout_s")


def label(name: str) -> str:
    """The words for a setting's path: "capacity.CT" -> "Số chỗ ... – CT"."""
    head, _, rest = name.partition(".")
    if head in CHANNEL_NAMES:
        if rest.startswith("templates."):
            kind = rest.split(".", 1)[1]
            return f"{CHANNEL_NAMES[head]} – {KINDS.get(kind, kind)}"
        return f"{CHANNEL_NAMES[head]} – {LABELS.get(rest, rest)}"
    if head == "hours" and rest:
        return f"{LABELS['hours']} – {DAY_NAMES.get(rest, rest)}"
    words = LABELS.get(head, head)
    if rest == "*":
        return f"{words} – các lĩnh vực còn lại"
    return f"{words} – {rest}" if rest else words


def whole(name: str) -> Any:
    """A number from the form; text that is not one goes on to be refused."""
    raw = (request.form.get(name) or "").strip()[:20]
    try:
        return int(raw)
    except ValueError:
        return raw


def _table(prefix: str, codes: list[str]) -> dict[str, Any]:
    """Rows of the fields' table; an empty cell means the default (no entry)."""
    cells = {code: whole(f"{prefix}_{code}") for code in codes}
    return {code: value for code, value in cells.items() if value != ""}


def booking_form(codes: list[str]) -> dict[str, Any]:
    """The booking settings as the form gives them."""
    values: dict[str, Any] = {name: whole(name) for name in NUMBERS}
    values.update(
        enabled=checked("enabled"),
        identity=text("identity", 10),
        open=text("open", 100),
        hours=None
        if checked("same_hours")
        else {day: text(f"hours_{day}", 100) for day in DAY_NAMES},
        capacity={"*": whole("capacity_default"), **_table("capacity", codes)},
        daily_cap=_table("daily_cap", codes),
    )
    return values


def _channel_form(channel: str) -> dict[str, Any] | None:
    if not checked(f"{channel}_enabled"):
        return None
    values: dict[str, Any] = {
        "url": text(f"{channel}_url", 500),
        "templates": {k: text(f"{channel}_tpl_{k}", 600) for k in KINDS},
    }
    token = (request.form.get(f"{channel}_token") or "").strip()[:600]
    if checked(f"{channel}_token_clear"):
        values["token"] = None
    elif token:
        values["token"] = token
    return values  # no token given: the one set before stays


def notify_form() -> dict[str, Any]:
    """The message settings as the form gives them."""
    values: dict[str, Any] = {c: _channel_form(c) for c in CHANNEL_NAMES}
    values.update({name: whole(name) for name in NOTIFY_NUMBERS})
    return values


def page_values(office: Office) -> dict[str, Any]:
    """What the form shows: today's settings, gateway tokens only as "set"."""
    channels = {}
    settings = notify.conf(office)
    for channel in CHANNEL_NAMES:
        found = settings.get(channel) or {}
        channels[channel] = {
            "enabled": bool(found),
            "url": found.get("url", ""),
            "token_set": bool(found.get("token")),
            "templates": found.get("templates") or {},
        }
    return {"booking": conf(office), "notify": settings, "channels": channels}


@admin.route("/admin/o/<slug>/booking", methods=["GET", "POST"])
@auth.office_page("admin")
def booking_settings_page(actor: Actor, office: Office) -> ResponseReturnValue:
    error = saved = None
    if request.method == "POST":
        policy = target_policy(current_app.config)

        def op(session: Session, found: Office) -> dict[str, Any]:
            codes = booking_settings.field_codes(session, found)
            form, messages = booking_form(codes), notify_form()
            try:
                return booking_settings.save(
                    session, found, actor, clock(), form, messages, policy
                )
            except DomainError as err:
                if "name" in err.params:
                    err.params["label"] = label(err.params["name"])
                raise

        saved, error = attempt(in_office(office, op, "booking"))
        office = auth.load_office(office.slug)
    return render_template(
        "admin/booking_settings.html",
        office=office,
        values=page_values(office),
        services=services_of(office),
        kinds=KINDS,
        channel_names=CHANNEL_NAMES,
        day_names=DAY_NAMES,
        placeholders=booking_settings.PLACEHOLDERS,
        default_texts=notify.TEXTS,
        error=error,
        saved=saved is not None and not error,
    )
