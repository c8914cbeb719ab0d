"""Words of the counter face and the rating terminal (Vietnamese first)."""

from __future__ import annotations

from motcua.i18n import register, register_group

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

# What the counter console's script says, in the office's language.
register_group(
    "console",
    {
        "done_call_next": ("Đã gọi số {number}.", "Called number {number}."),
        "done_recall": ("Đã gọi lại số {number}.", "Called number {number} again."),
        "done_start": (
            "Bắt đầu phục vụ số {number}.",
            "Started serving number {number}.",
        ),
        "done_finish": ("Đã hoàn thành số {number}.", "Finished number {number}."),
        "done_no_show": (
            "Đã ghi vắng mặt số {number}.",
            "Marked number {number} as no-show.",
        ),
        "done_return": (
            "Đã đưa lại hàng chờ số {number}.",
            "Put number {number} back in the queue.",
        ),
        "done_transfer": ("Đã chuyển số {number}.", "Transferred number {number}."),
        "done_call": ("Đã gọi số {number}.", "Called number {number}."),
        "done_priority": (
            "Đã đánh dấu ưu tiên số {number}.",
            "Marked number {number} as priority.",
        ),
        "done_dossier": (
            "Đã lưu mã hồ sơ cho số {number}.",
            "Saved the dossier code for number {number}.",
        ),
        "under_minute": ("< 1 phút", "< 1 min"),
        "minutes": ("{m} phút", "{m} min"),
        "not_sent": (
            "Không gửi được lệnh, hãy thử lại.",
            "The command was not sent; please try again.",
        ),
        "slow": (
            "Máy chủ đang chậm, vui lòng chờ… Lệnh vừa bấm vẫn đang được xử lý.",
            "The server is slow, please wait… The command is still being processed.",
        ),
        "offline_held": (
            "Mất kết nối với máy chủ. Lệnh vừa bấm sẽ được gửi khi kết nối lại.",
            "No connection to the server. The command will be sent on reconnecting.",
        ),
        "working": ("Đang xử lý…", "Working…"),
        "none_waiting": ("Không có ai đang chờ.", "Nobody is waiting."),
        "done_none_waiting": (
            "Đã xong. Không có ai đang chờ.",
            "Done. Nobody is waiting.",
        ),
        "paused": ("Quầy đã tạm dừng.", "The counter is paused."),
        "resumed": ("Quầy đã mở lại.", "The counter is open again."),
        "reprint_sent": ("Đã gửi lệnh in lại.", "Reprint sent."),
        "double_press": (
            "Số {number} vừa được gọi: lần bấm lặp đã được bỏ qua.",
            "Number {number} was just called: the repeated press was ignored.",
        ),
        "none_returnable": (
            "Không có số vắng mặt nào còn trong thời gian quay lại.",
            "No no-show number is still within the time to return.",
        ),
        "loading": (
            "Đang tải hàng chờ của quầy, xin bấm lại sau giây lát.",
            "The counter's queue is still loading; press again in a moment.",
        ),
        "none_current": (
            "Chưa có số nào đang được phục vụ.",
            "No number is being served.",
        ),
        "detail_priority": ("ưu tiên: {priority}", "priority: {priority}"),
        "detail_dossier": ("hồ sơ {code}", "dossier {code}"),
        "detail_note": ("ghi chú: {note}", "note: {note}"),
        "finish_call_next": ("Xong, gọi tiếp", "Done, call next"),
        "call_next": ("Gọi số tiếp theo", "Call next number"),
        "all_fields": ("mọi lĩnh vực", "every field"),
        "no_fields": ("chưa phục vụ lĩnh vực nào", "no field yet"),
        "field": ("Lĩnh vực {name}", "Field {name}"),
        "state_paused": ("Tạm dừng: {reason}", "Paused: {reason}"),
        "state_open": ("Đang mở", "Open"),
        "appointment": ("hẹn {time}", "appointment {time}"),
        "sent_here": ("chuyển đến quầy này", "sent to this counter"),
        "recent_to_counter": ("đã chuyển sang {to}", "transferred to {to}"),
        "recent_to_field": (
            "đã chuyển sang lĩnh vực {to}",
            "transferred to the field {to}",
        ),
        "note": ("Ghi chú: {note}", "Note: {note}"),
        "call_number": ("Gọi số {number}", "Call number {number}"),
        "priority_mark": ("ưu tiên", "priority"),
        "priority_none": ("Bỏ ưu tiên", "No priority"),
        "kiosk_place": ("máy lấy số", "the kiosk"),
        "help_asked": (
            "Cần hỗ trợ: công dân đang gọi ở {place} lúc {time}",
            "Help needed: a citizen is asking at {place} at {time}",
        ),
        "help_done": ("Đã hỗ trợ", "Helped"),
        "priority_asked": (
            "Xin ưu tiên ({priority}): số {number} · {service} · ở {place} lúc {time}.",
            "Priority asked ({priority}): number {number} · {service} · at {place} "
            "at {time}.",
        ),
        "priority_confirm": ("Xác nhận ưu tiên", "Confirm priority"),
        "counter": ("Quầy {counter}", "Counter {counter}"),
        "rated": (
            "Công dân số {number} đã đánh giá: {score}.",
            "Citizen number {number} rated: {score}.",
        ),
        "session_expired": (
            "Phiên đăng nhập đã hết hạn, hãy đăng nhập lại.",
            "The session has expired; please sign in again.",
        ),
        "no_counter": (
            "Bạn chưa được phân công quầy nào ở đơn vị này.",
            "You are not assigned to any counter of this office.",
        ),
        "no_server": (
            "Không kết nối được máy chủ.",
            "The server cannot be reached.",
        ),
    },
)
register_group(
    "rating",
    {
        "not_sent": ("Không gửi được đánh giá.", "The rating was not sent."),
    },
)
