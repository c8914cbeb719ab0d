"""Words of the admin pages' errors, Vietnamese first."""

from __future__ import annotations

from motcua.i18n import MESSAGES, register

_MESSAGES: dict[str, tuple[str, str]] = {
    "bad_report_range": (
        "Khoảng ngày không hợp lệ (tối đa 366 ngày, ngày đầu trước ngày cuối).",
        "The date range is not valid (at most 366 days, first before last).",
    ),
    "bad_setting": (
        "Giá trị của mục “{name}” không hợp lệ.",
        "The value of '{name}' is not valid.",
    ),
    "bad_name": ("Tên không hợp lệ.", "The name is not valid."),
    "kiosk_warn_too_long": (
        "Thời gian hỏi “Bạn cần thêm thời gian?” ({warn} giây) phải ngắn hơn thời gian "
        "chờ ở màn hình đọc ({read} giây). Chưa lưu gì.",
        "The 'Need more time?' countdown ({warn} s) must be shorter than the reading "
        "screens' wait ({read} s). Nothing was saved.",
    ),
    "bad_service": (
        "Lĩnh vực '{code}' không hợp lệ: cần mã (chữ, số) và tên.",
        "Field '{code}' is not valid: it needs a code (letters, digits) and a name.",
    ),
    "service_exists": (
        "Lĩnh vực mã '{code}' đã có.",
        "Field '{code}' already exists.",
    ),
    "bad_counter_number": (
        "Số quầy phải từ 1 đến 999.",
        "Counter numbers go from 1 to 999.",
    ),
    "bad_username": (
        "Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch (2-80 ký tự).",
        "Usernames use letters, digits, dots and dashes (2-80 characters).",
    ),
    "unknown_user": ("Không có tài khoản này.", "No such account."),
    "unknown_device": ("Không có thiết bị này.", "No such device."),
    "bad_backup": (
        "Tệp sao lưu không đúng định dạng của motcua.",
        "The file is not a motcua backup.",
    ),
    "setup_done": (
        "Hệ thống đã được cài đặt; hãy đăng nhập.",
        "The system is already set up; please sign in.",
    ),
    "password_mismatch": (
        "Hai lần nhập mật khẩu không giống nhau.",
        "The two passwords differ.",
    ),
}

register({k: v for k, v in _MESSAGES.items() if k not in MESSAGES})
