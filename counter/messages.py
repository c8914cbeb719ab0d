"""Words of the counter face and the rating terminal (Vietnamese first)."""

from __future__ import annotations

from motcua.i18n import register

MESSAGES: dict[str, tuple[str, str]] = {
    "unknown_help": (
        "Không tìm thấy yêu cầu hỗ trợ này.",
        "This help request was not found.",
    ),
    "bad_score": (
        "Mức đánh giá phải từ 1 đến 5.",
        "The rating must be from 1 to 5.",
    ),
    "bad_reason": ("Lý do đánh giá không hợp lệ.", "The rating reason is not valid."),
    "already_rated": (
        "Lượt phục vụ này đã được đánh giá.",
        "This service has already been rated.",
    ),
    "rating_closed": (
        "Đã hết thời gian đánh giá lượt phục vụ này.",
        "The time to rate this service has passed.",
    ),
    "rating_other_counter": (
        "Máy đánh giá này thuộc quầy khác.",
        "This rating terminal belongs to another counter.",
    ),
    "unknown_command": (
        "Lệnh '{action}' không được hỗ trợ.",
        "Unknown command '{action}'.",
    ),
}

register(MESSAGES)
