"""The printer's words for API errors, in Vietnamese and English."""

from __future__ import annotations

from motcua.i18n import MESSAGES, register

_MESSAGES = {
    "no_printer": (
        "Ki-ốt đã cấp số này chưa được cấu hình máy in.",
        "The kiosk that gave this ticket has no printer set up.",
    ),
    "bad_printer_config": (
        "Cấu hình máy in chưa đúng ở mục '{reason}'.",
        "The printer settings are not valid at '{reason}'.",
    ),
    "printer_not_allowed": (
        "Máy chủ không cho phép máy in này (mục '{reason}'): chỉ máy in mạng nội bộ "
        "ở cổng máy in, hoặc loại mà người vận hành máy chủ cho phép.",
        "The server does not allow this printer ('{reason}'): only LAN printers at "
        "printer ports, or kinds the operator enables.",
    ),
    "unknown_device": ("Không có thiết bị này.", "No such device."),
}

# unknown_device is shared with the admin pages: whoever loads first defines it.
register({k: v for k, v in _MESSAGES.items() if k not in MESSAGES})
