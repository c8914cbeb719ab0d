"""Reading admin forms and running their operations with errors shown on the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, overload

from flask import request

from motcua.core.db import Session, Write, Written
from motcua.core.lookup import office_by_slug
from motcua.core.models import Office
from motcua.core.office_admin import changed_event
from motcua.core.settings import PRIORITY_NAMES
from motcua.i18n import message
from motcua.web import ApiError, clock, run

T = TypeVar("T")


# What people read for a form field or an office setting, in messages.
LABELS = {
    "name": "Tên",
    "priority_policy": "Cách gọi số ưu tiên",
    "priority_ratio": "N (số thường giữa hai số ưu tiên)",
    "priority_classes": "Đối tượng ưu tiên",
    "per_person_daily_cap": "Số tối đa mỗi người một ngày",
    "no_show_grace_s": "Thời gian cho phép quay lại",
    "no_show_grace_min": "Thời gian cho phép quay lại (phút)",
    "counter_idle_s": "Thời gian quầy không thao tác",
    "counter_idle_min": "Thời gian quầy không thao tác (phút)",
    "announcement_template": "Mẫu câu gọi số",
    "number_reading": "Cách đọc số",
    "hours": "Giờ làm việc",
    "hours_mon_fri": "Giờ làm việc Thứ Hai – Thứ Sáu",
    "hours_sat": "Giờ làm việc Thứ Bảy",
    "hours_sun": "Giờ làm việc Chủ nhật",
    "report_time": "Giờ lập báo cáo",
    "report_push_url": "Địa chỉ nhận báo cáo",
    "personal_data_days": "Số ngày giữ dữ liệu cá nhân",
    "kiosk_texts": "Lời chào, thông báo trên ki-ốt",
    "kiosk_welcome": "Lời chào trên ki-ốt",
    "kiosk_notice": "Thông báo về dữ liệu cá nhân",
    "display_ticker": "Dòng chữ chạy trên màn hình",
    "booked_every": "Số người hẹn trước được gọi xen kẽ (1 trong N lượt gọi)",
    "kiosk_idle_s": "Thời gian màn hình phiếu tự về trang đầu (giây)",
    "kiosk_read_idle_s": "Thời gian chờ ở màn hình đọc (giây)",
    "kiosk_warn_s": "Thời gian hỏi “Bạn cần thêm thời gian?” (giây)",
    "kiosk_cccd": "Đọc mã QR trên căn cước",
    "kiosk_priority_pin": "Mã PIN của người hướng dẫn",
    "ticket_footer": "Dòng cuối phiếu",
    "ticket_logo": "Logo trên phiếu",
    "code": "Mã lĩnh vực",
    "name_vi": "Tên tiếng Việt",
    "name_en": "Tên tiếng Anh",
    "range_start": "Số đầu",
    "range_end": "Số cuối",
    "daily_cap": "Số tối đa mỗi ngày",
    "number": "Số quầy",
    "username": "Tên đăng nhập",
    "full_name": "Họ và tên",
    "role": "Vai trò",
}


def label(name: str) -> str:
    if name.startswith("rank_") and name[5:] in PRIORITY_NAMES:
        return "Thứ tự ưu tiên – " + PRIORITY_NAMES[name[5:]][0]
    return LABELS.get(name, name)


class FormError(Exception):
    """A field the person must correct; the message is for people."""


def text(name: str, max_len: int = 200, required: bool = False) -> str:
    value = (request.form.get(name) or "").strip()[:max_len]
    if required and not value:
        raise FormError(f"Hãy điền mục “{label(name)}”.")
    return value


@overload
def number(name: str, default: int, low: int = 0, high: int = 10**6) -> int: ...
@overload
def number(
    name: str, default: int | None = None, low: int = 0, high: int = 10**6
) -> int | None: ...
def number(
    name: str, default: int | None = None, low: int = 0, high: int = 10**6
) -> int | None:
    """The field as a whole number in [low, high]; the default when it is empty."""
    raw = (request.form.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise FormError(f"Mục “{label(name)}” cần một số.") from None
    if not low <= value <= high:
        raise FormError(f"Mục “{label(name)}” cần số từ {low} đến {high}.")
    return value


def checked(name: str) -> bool:
    return request.form.get(name) in ("on", "1", "true", "yes")


def attempt(
    operation: Write[T],
) -> tuple[T | None, str | None]:
    """Run an operation; (result, None) or (None, the error in Vietnamese)."""
    try:
        return run(operation), None
    except ApiError as err:
        params = dict(err.params)
        if err.code == "bad_setting" and "name" in params:
            params["name"] = label(str(params["name"]))
        return None, message(err.code, "vi", **params)
    except FormError as err:
        return None, str(err)


def in_office(
    office: Office, fn: Callable[[Session, Office], T], changed: str | None = None
) -> Write[T]:
    """An operation on the office, reloaded in the operation's own session.

    `changed` names what live pages show of it (fields, counters, texts...): the
    office's kiosks, boards and consoles are told at once and fetch it again.
    """

    def op(session: Session) -> Written[T]:
        found = office_by_slug(session, office.slug)
        result = fn(session, found)
        names = [changed] if changed else []
        return result, changed_event(session, found, clock(), names)

    return op
